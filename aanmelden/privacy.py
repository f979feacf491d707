"""Registrations' personal data (the core's privacy registry, `sessie/privacy.py`)."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q, QuerySet

from aanmelden.models import Aanmelding, Lidmaatschap
from sessie import privacy
from sessie.models import Sessie


def alle_gegevens(*, aanmelding: Aanmelding) -> dict:
    """Everything kept about this person at this evening: the registration and what other
    apps hold under the same e-mail address."""
    return aanmelding.als_gegevens() | privacy.gegevens_van_persoon(
        sessie=aanmelding.sessie, email=aanmelding.email
    )


def vergeet_persoonsgegevens(*, sessies: QuerySet[Sessie]) -> dict[str, int]:
    """Names, contact details, organisation, role, neighbourhood and food wishes go; counts,
    sandwiches and table choices stay.

    Fresh random token hashes make the personal link and the check-in code stop working.
    """
    oud = Aanmelding.objects.filter(sessie__in=sessies).filter(
        ~Q(naam="") | ~Q(rol="") | ~Q(buurt="") | ~Q(dieet=[])
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


def _lidmaatschappen(*, sessie: Sessie, email: str) -> QuerySet[Lidmaatschap]:
    return Lidmaatschap.objects.filter(werkgroep__sessie=sessie, email__iexact=email.strip())


def vergeet_adres(*, sessie: Sessie, email: str) -> int:
    """ "Delete my data": workgroup memberships under this address go (also ones from a phone)."""
    _totaal, per_model = _lidmaatschappen(sessie=sessie, email=email).delete()
    return per_model.get(Lidmaatschap._meta.label, 0)


def gegevens_van_adres(*, sessie: Sessie, email: str) -> dict:
    rijen = _lidmaatschappen(sessie=sessie, email=email).select_related("werkgroep")
    return {"werkgroep_lidmaatschappen": [lid.als_gegevens() for lid in rijen]}
