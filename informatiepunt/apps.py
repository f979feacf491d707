from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InformatiepuntConfig(AppConfig):
    name = "informatiepunt"
    verbose_name = _("Information point")

    def ready(self) -> None:
        from sessie.access import land_op
        from sessie.models import Toegang

        land_op(Toegang.Rol.INFORMATIEPUNT, "informatiepunt:intake")
