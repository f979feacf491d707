from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AanmeldenConfig(AppConfig):
    name = "aanmelden"
    verbose_name = _("Registration")

    def ready(self) -> None:
        from sessie.access import land_op
        from sessie.models import Toegang

        land_op(Toegang.Rol.DEUR, "aanmelden:deur")
