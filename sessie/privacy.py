"""Personal data across the apps: erased after the retention period, or when a person asks.

`sessie.models` imports none of the other apps, so each app that keeps personal data offers a
`privacy.py` of its own and is listed in APPS (like `simulatie.VULLERS`):

    def vergeet_persoonsgegevens(*, sessies: QuerySet[Sessie]) -> dict[str, int]
        Erase names and contact details of those sessions, keep the anonymous content for the
        report; idempotent; returns how many rows it made anonymous, per kind.

    def vergeet_adres(*, sessie: Sessie, email: str) -> int      (optional)
        Someone deleted their registration: erase what they left elsewhere in that session under
        the same e-mail address (the only link between a registration and the other apps).

    def gegevens_van_adres(*, sessie: Sessie, email: str) -> dict   (optional, with the above)
        The same rows, for "download my data".

`manage.py vergeet` (run daily) calls `vergeet_oude_sessies`; "delete my data" calls
`vergeet_persoon`, "download my data" `alle_gegevens`.
"""

from __future__ import annotations

import datetime as dt
import importlib
from types import ModuleType

from django.db import transaction
from django.db.models import QuerySet

from sessie.models import Aanmelding, Sessie

# Apps with a privacy.py, in the order the command reports them.
APPS = ["sessie", "informatiepunt", "thematafels"]


def _modules() -> list[ModuleType]:
    return [importlib.import_module(f"{app}.privacy") for app in APPS]


def vergeet_oude_sessies(*, ouder_dan: dt.date) -> dict[str, int]:
    """Make every session held before `ouder_dan` anonymous, in one transaction."""
    sessies = Sessie.objects.filter(datum__lt=ouder_dan)
    aantallen: dict[str, int] = {}
    with transaction.atomic():
        for module in _modules():
            aantallen |= module.vergeet_persoonsgegevens(sessies=sessies)
    return aantallen


def vergeet_persoon(*, sessie: Sessie, email: str) -> int:
    """Erase what this address left in the other apps of `sessie`; returns how many rows."""
    if not email.strip():
        return 0
    return sum(
        module.vergeet_adres(sessie=sessie, email=email)
        for module in _modules()
        if hasattr(module, "vergeet_adres")
    )


def alle_gegevens(*, aanmelding: Aanmelding) -> dict:
    """Everything kept about this person at this evening: the registration and what other
    apps hold under the same e-mail address."""
    gegevens = aanmelding.als_gegevens()
    if aanmelding.email.strip():
        for module in _modules():
            if hasattr(module, "gegevens_van_adres"):
                gegevens |= module.gegevens_van_adres(
                    sessie=aanmelding.sessie, email=aanmelding.email
                )
    return gegevens


# This app's own part: registrations.


def vergeet_persoonsgegevens(*, sessies: QuerySet[Sessie]) -> dict[str, int]:
    """Names, contact details, organisation and allergy go; counts and choices stay.

    Fresh random token hashes make the personal link and the check-in code stop working.
    """
    oud = Aanmelding.objects.filter(sessie__in=sessies).exclude(naam="")
    aantal = 0
    with transaction.atomic():
        for pk in oud.values_list("pk", flat=True):
            hashes, _tokens = Aanmelding.nieuwe_tokens()
            Aanmelding.objects.filter(pk=pk).update(
                naam="",
                email="",
                telefoon="",
                organisatie="",
                allergie="",
                toestemming_contact=False,
                toestemming_netwerk=False,
                **hashes,
            )
            aantal += 1
    return {"registrations": aantal}
