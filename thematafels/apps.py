from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ThematafelsConfig(AppConfig):
    name = "thematafels"
    verbose_name = _("Theme tables")
