"""A new simulated district evening, shaped like the demo (`sessie.simulatie` fills it)."""

from __future__ import annotations

import copy
import datetime as dt

from django.db import transaction

from sessie.models import Sessie
from sessie.simulatie import tafels_per_thema
from wijkavond.laden import DEMO_PATH, laad_sessie, lees


@transaction.atomic
def nieuwe_sessie(*, seed: int, deelnemers: int, datum: dt.date) -> Sessie:
    """A fictitious district evening shaped like the demo, with enough tables for the crowd."""
    data = copy.deepcopy(lees(DEMO_PATH))
    data.update(
        slug=f"simulatie-{seed}",
        titel=f"Gesimuleerde wijkavond {seed} (fictief)",
        gebied="Simulatiestad",
        locatie="Fictief buurthuis",
        adres="Voorbeeldstraat 1",
        gespreksleiders="Fictieve gespreksleiders",
    )
    per_thema = tafels_per_thema(deelnemers, len(data["thematafels"]))
    for thema in data["thematafels"]:
        thema["tafels"] = [f"Tafel {thema['nummer']}{chr(65 + i)}" for i in range(per_thema)]
    return laad_sessie(data, datum=datum)
