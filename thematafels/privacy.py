"""Personal data of the theme tables: names and contact details in role offers, and table hosts'
names (sessie.privacy).

The offered role (and its workgroup) stays, without a name or a way to reach anyone: how many
people offered which role is anonymous content for the report.
"""

from __future__ import annotations

from django.db.models import QuerySet

from sessie.models import Sessie
from thematafels.models import Rolnotitie, Tafel


def vergeet_persoonsgegevens(*, sessies: QuerySet[Sessie]) -> dict[str, int]:
    rollen = Rolnotitie.objects.filter(tafel__thematafel__sessie__in=sessies).exclude(
        naam="", email="", telefoon=""
    )
    hosts = Tafel.objects.filter(thematafel__sessie__in=sessies).exclude(host_naam="")
    return {
        "role offers": rollen.update(naam="", email="", telefoon=""),
        "table host names": hosts.update(host_naam=""),
    }
