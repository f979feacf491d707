from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VerslagConfig(AppConfig):
    name = "verslag"
    verbose_name = _("Follow-up report")

    def ready(self) -> None:
        from django.db.models.signals import post_delete

        from aanmelden.models import Aanmelding
        from verslag.privacy import na_verwijderen

        post_delete.connect(na_verwijderen, sender=Aanmelding, dispatch_uid="verslag-bestanden")
