from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VerslagConfig(AppConfig):
    name = "verslag"
    verbose_name = _("Follow-up report")
