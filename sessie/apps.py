from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SessieConfig(AppConfig):
    name = "sessie"
    verbose_name = _("Sessions")
