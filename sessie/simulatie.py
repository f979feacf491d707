"""Simulated evenings: a realistic, clearly fictitious crowd of any size, deterministic per seed.

Benchmarks, demos and load tests use it. Each app that adds something an evening produces
(tables, ideas, questions, registrations) has a `simulatie.py` with

    def vul(*, sessie: Sessie, rng: random.Random, aantallen: Aantallen) -> None
    def voorbereiden(*, sessie: Sessie, aantallen: Aantallen) -> None    (optional, runs first)

which `simuleer_avond` discovers and calls in INSTALLED_APPS order.
"""

from __future__ import annotations

import importlib
import math
import random
import unicodedata
from dataclasses import dataclass

from django.apps import apps
from django.utils.module_loading import module_has_submodule

from sessie.models import Sessie

VOORNAMEN = [
    "Anouk",
    "Bram",
    "Chaima",
    "Daan",
    "Esra",
    "Fenna",
    "Gijs",
    "Hatice",
    "Ilse",
    "Jurre",
    "Kiki",
    "Lars",
    "Mila",
    "Noah",
    "Olga",
    "Pim",
    "Quinty",
    "Rachid",
    "Sanne",
    "Tijn",
    "Umut",
    "Vera",
    "Wessel",
    "Xandra",
    "Yusuf",
    "Zoë",
]
ACHTERNAMEN = [
    "Testbewoner",
    "Voorbeeld",
    "Fictief",
    "Proefpersoon",
    "Simulant",
    "Demobuur",
    "Oefenaar",
    "Nepwijk",
    "Denkbeeld",
    "Modelmens",
]


@dataclass(frozen=True)
class Aantallen:
    deelnemers: int = 60
    ideeen: int = 120
    vragen: int = 20


def fictieve_naam(rng: random.Random) -> str:
    """Names that no real attendee has: the surname says it is made up."""
    return f"{rng.choice(VOORNAMEN)} {rng.choice(ACHTERNAMEN)}"


def fictief_email(naam: str, n: int) -> str:
    """An address the registration form itself accepts: `Zoë Nepwijk` → zoe.nepwijk.3@…"""
    ascii_naam = unicodedata.normalize("NFKD", naam).encode("ascii", "ignore").decode()
    return f"{ascii_naam.lower().replace(' ', '.')}.{n}@example.invalid"


def tafels_per_thema(deelnemers: int, thema_aantal: int, capaciteit: int = 12) -> int:
    return max(1, math.ceil(deelnemers / max(1, thema_aantal) / capaciteit))


def simuleer_avond(*, sessie: Sessie, seed: int, aantallen: Aantallen) -> None:
    """Fill `sessie` with a simulated crowd; the same seed gives the same evening."""
    modules = [
        importlib.import_module(f"{config.name}.simulatie")
        for config in apps.get_app_configs()
        if config.name != "sessie" and module_has_submodule(config.module, "simulatie")
    ]
    # First every app's preparation (e.g. enough tables for the crowd), then the fillers.
    for module in modules:
        if hasattr(module, "voorbereiden"):
            module.voorbereiden(sessie=sessie, aantallen=aantallen)
    for module in modules:
        if hasattr(module, "vul"):
            # Each app draws from its own stream: adding one app never changes another's data.
            stroom = random.Random(f"{seed}-{module.__name__.partition('.')[0]}")
            module.vul(sessie=sessie, rng=stroom, aantallen=aantallen)
    Sessie.bump(sessie.pk)
