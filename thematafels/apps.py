from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ThematafelsConfig(AppConfig):
    name = "thematafels"
    verbose_name = _("Theme tables")

    def ready(self) -> None:
        from sessie.access import LANDING
        from sessie.models import Toegang
        from thematafels.access import landing

        LANDING[Toegang.Rol.TAFELHOST] = landing
