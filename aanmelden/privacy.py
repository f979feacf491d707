"""Registrations' personal data (the core's privacy registry, `sessie/privacy.py`)."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q, QuerySet

from aanmelden.models import Aanmelding, Lidmaatschap
from sessie.models import Sessie


def alle_gegevens(*, aanmelding: Aanmelding) -> dict:
    """Everything this registration holds: its own row and the rows that point at it. Never
    what other rows hold under the same e-mail address: anyone can type an address."""
    leden = aanmelding.lidmaatschappen.select_related("werkgroep").order_by("pk")
    return aanmelding.als_gegevens() | {
        "werkgroep_lidmaatschappen": [lid.als_gegevens() for lid in leden]
    }


def vergeet_persoonsgegevens(*, sessies: QuerySet[Sessie]) -> dict[str, int]:
    """Names, contact details, organisation, role, neighbourhood and food wishes go; counts,
    sandwiches and table choices stay.

    Fresh random token hashes make the personal link and the check-in code stop working.
    """
    oud = Aanmelding.objects.filter(sessie__in=sessies).filter(
        ~Q(naam="") | ~Q(rol="") | ~Q(buurt="") | ~Q(dieet=[]) | ~Q(nieuw_email="")
    )
    aantal = 0
    with transaction.atomic():
        for pk in oud.values_list("pk", flat=True):
            hashes, _tokens = Aanmelding.nieuwe_tokens()
            Aanmelding.objects.filter(pk=pk).update(
                naam="",
                email="",
                telefoon="",
                organisatie="",
                rol="",
                buurt="",
                dieet=[],
                allergie="",
                nieuw_email="",
                nieuw_email_hash="",
                nieuw_email_tot=None,
                toestemming_contact=False,
                toestemming_netwerk=False,
                **hashes,
            )
            aantal += 1
        leden = Lidmaatschap.objects.filter(werkgroep__sessie__in=sessies).exclude(naam="")
        # Who joined goes; how many joined which workgroup, and from where, stays for the report.
        lidmaatschappen = leden.update(
            naam="", email="", telefoon="", organisatie="", toestemming_contact=False
        )
    return {"registrations": aantal, "workgroup memberships": lidmaatschappen}
