from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InformatiepuntConfig(AppConfig):
    name = "informatiepunt"
    verbose_name = _("Information point")
