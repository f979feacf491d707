from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WijkavondConfig(AppConfig):
    """The project package is an app too: its commands, templates and admin composition."""

    name = "wijkavond"
    verbose_name = _("Wijkavond")
