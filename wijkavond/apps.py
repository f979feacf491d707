from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WijkavondConfig(AppConfig):
    """The project package is an app too: its commands, templates and admin composition."""

    name = "wijkavond"
    verbose_name = _("Wijkavond")

    def ready(self) -> None:
        from programma import hoek

        # The projector's corner code per moment of the evening: pages of the apps above it.
        hoek.registreer(hoek.VRAGEN, "informatiepunt:vraag_stellen", _("Scan to ask a question"))
        hoek.registreer(hoek.STEMMEN, "thematafels:stemmen", _("Scan to vote: 3 dots each"))
        hoek.registreer(hoek.WERKGROEPEN, "aanmelden:werkgroepen", _("Scan to join a workgroup"))
