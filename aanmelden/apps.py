from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AanmeldenConfig(AppConfig):
    name = "aanmelden"
    verbose_name = _("Registration")

    def ready(self) -> None:
        from aanmelden.indeling import verwacht
        from aanmelden.werkgroepen import volg_rolnotitie
        from sessie.access import land_op
        from sessie.models import Toegang
        from thematafels import rollen
        from thematafels.verwacht import registreer

        land_op(Toegang.Rol.DEUR, "aanmelden:deur")
        # The table host's capture page lists who the published table plan seats there.
        registreer(verwacht)
        # A table host's role offer for a workgroup, with an address, makes a membership.
        rollen.registreer(volg_rolnotitie)
