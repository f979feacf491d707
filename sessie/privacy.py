"""Personal data across the apps: erased after the retention period, or when a person asks.

The core imports none of the other apps, so each app that keeps personal data offers a
`privacy.py` of its own, discovered in INSTALLED_APPS order (like the simulation's fillers):

    def vergeet_persoonsgegevens(*, sessies: QuerySet[Sessie]) -> dict[str, int]
        Erase names and contact details of those sessions, keep the anonymous content for the
        report; idempotent; returns how many rows it made anonymous, per kind.

`manage.py vergeet` (run daily) calls `vergeet_oude_sessies`. "Download my data" and "delete my
data" belong to a registration and cover the rows that point at it (`aanmelden/privacy.py`);
nothing is ever matched by e-mail address, since anyone can type anyone's address.
"""

from __future__ import annotations

import datetime as dt
import importlib
from types import ModuleType

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import module_has_submodule

from sessie.models import Sessie, Teller, Toegang
from sessie.ratelimit import TELLER_BEWAREN


def _modules() -> list[ModuleType]:
    """Every app's `privacy.py` but this one's, in INSTALLED_APPS order."""
    return [
        importlib.import_module(f"{config.name}.privacy")
        for config in apps.get_app_configs()
        if config.name != "sessie" and module_has_submodule(config.module, "privacy")
    ]


def vergeet_oude_sessies(*, ouder_dan: dt.date) -> dict[str, int]:
    """Make every session held before `ouder_dan` anonymous, in one transaction."""
    sessies = Sessie.objects.filter(datum__lt=ouder_dan)
    with transaction.atomic():
        aantallen = _vergeet_kern(sessies=sessies)
        for module in _modules():
            aantallen |= module.vergeet_persoonsgegevens(sessies=sessies)
    return aantallen


def _vergeet_kern(*, sessies) -> dict[str, int]:
    """The core's own: volunteer links' labels (often a name), and, whatever the session, rate
    counters past their window (keyed hashes of addresses) and expired server sessions."""
    labels = Toegang.objects.filter(sessie__in=sessies).exclude(label="").update(label="")
    oud = timezone.now() - TELLER_BEWAREN
    tellers, _per_model = Teller.objects.filter(venster__lt=oud).delete()
    importlib.import_module(settings.SESSION_ENGINE).SessionStore.clear_expired()
    return {"volunteer link labels": labels, "rate-limit counters": tellers}
