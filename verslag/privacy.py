"""Personal data the report keeps (sessie/privacy.py's registry): the stored report files.

The organiser's edition names the attendees who consented; its files go with the rest of a
session's personal data. The public edition's go too: they are remade from the data at will.
"""

from __future__ import annotations

from django.db.models import QuerySet

from sessie.models import Sessie
from verslag.models import Verslagbestand


def vergeet_persoonsgegevens(*, sessies: QuerySet[Sessie]) -> dict[str, int]:
    aantal, _per_model = Verslagbestand.objects.filter(sessie__in=sessies).delete()
    return {"report files": aantal}


def na_verwijderen(*, instance, **_kwargs) -> None:
    """A registration is gone ("delete my data", a walk-in taken back): the organiser's files
    that may name it go too; the next download is made without it. Connected to the
    registration's post_delete in `VerslagConfig.ready` (the registration's floor knows no
    report)."""
    Verslagbestand.objects.filter(sessie_id=instance.sessie_id, editie="organisator").delete()
