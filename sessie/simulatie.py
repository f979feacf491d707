"""Simulated evenings: a realistic, clearly fictitious crowd of any size, deterministic per seed.

Benchmarks, demos and load tests use it. Each app that adds something an evening produces
(registrations, ideas, questions) adds a `simulatie.py` with

    def vul(*, sessie: Sessie, rng: random.Random, aantallen: Aantallen) -> None

and is listed in VULLERS; `simuleer_avond` calls them in that order (this module's own `vul`,
once registrations exist, fills those).
"""

from __future__ import annotations

import copy
import datetime as dt
import importlib
import math
import random
import uuid
from dataclasses import dataclass

from django.db import transaction

from sessie.laden import DEMO_PATH, laad_sessie, lees
from sessie.models import Aanmelding, Sessie
from thematafels.models import Tafel

# Apps whose simulatie.vul fills a session, in order (registrations before ideas).
VULLERS = ["sessie", "thematafels", "informatiepunt"]

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
    return f"{naam.lower().replace(' ', '.')}.{n}@example.invalid"


def tafels_per_thema(deelnemers: int, thema_aantal: int, capaciteit: int = 12) -> int:
    return max(1, math.ceil(deelnemers / max(1, thema_aantal) / capaciteit))


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


def schaal_tafels(*, sessie: Sessie, deelnemers: int) -> None:
    """Add physical tables to an existing session until the crowd fits."""
    themas = list(sessie.thematafels.prefetch_related("tafels"))
    nodig = tafels_per_thema(deelnemers, len(themas))
    for thema in themas:
        for i in range(len(thema.tafels.all()), nodig):
            Tafel.objects.create(thematafel=thema, naam=f"Tafel {thema.nummer}{chr(65 + i)}")


def simuleer_avond(*, sessie: Sessie, seed: int, aantallen: Aantallen) -> None:
    """Fill `sessie` with a simulated crowd; the same seed gives the same evening."""
    schaal_tafels(sessie=sessie, deelnemers=aantallen.deelnemers)
    for app in VULLERS:
        try:
            vuller = importlib.import_module(f"{app}.simulatie").vul
        except (ModuleNotFoundError, AttributeError):
            continue
        # Each app draws from its own stream, so adding one app never changes another's data.
        vuller(sessie=sessie, rng=random.Random(f"{seed}-{app}"), aantallen=aantallen)
    Sessie.bump(sessie.pk)


def vul(*, sessie: Sessie, rng: random.Random, aantallen: Aantallen) -> None:
    """Simulated registrations: fictitious names, e-mails @example.invalid, signed up over the
    three weeks before the evening; about half of them already checked in at the door."""
    themas = list(sessie.thematafels.all())
    werkgroepen = list(sessie.werkgroepen.all())
    rollen = sessie.rollen_lijst or [""]
    diëten = [code for code, _label in Aanmelding.Dieet.choices]
    begin = sessie.op_tijd(dt.time(9, 0)) - dt.timedelta(days=21)
    rijen, gekozen = [], []
    for n in range(aantallen.deelnemers):
        naam = fictieve_naam(rng)
        keuze = rng.sample(themas, 2) if len(themas) >= 2 else [None, None]
        wil_broodje = rng.random() < 0.7
        moment = begin + dt.timedelta(minutes=rng.randrange(21 * 24 * 60))
        rijen.append(
            Aanmelding(
                sessie=sessie,
                # Keys and hashes are random, not drawn from rng: two runs of one seed may share
                # a database (their content is the same, their unique keys are not).
                inzendsleutel=uuid.uuid4(),
                naam=naam,
                email=fictief_email(naam, n),
                rol=rng.choice(rollen),
                broodje=Aanmelding.Broodje.JA if wil_broodje else Aanmelding.Broodje.GEEN,
                broodje_sinds=moment if wil_broodje else None,
                dieet=[rng.choice(diëten)] if wil_broodje and rng.random() < 0.3 else [],
                voorkeur_1=keuze[0],
                voorkeur_2=keuze[1],
                toestemming_contact=rng.random() < 0.6,
                toestemming_netwerk=rng.random() < 0.4,
                **Aanmelding.nieuwe_tokens()[0],
                ingecheckt=sessie.op_tijd(dt.time(19, 0)) if rng.random() < 0.5 else None,
            )
        )
        gekozen.append((moment, rng.sample(werkgroepen, min(len(werkgroepen), rng.randrange(2)))))
    # Sandwiches first come, first served, like the real form (sessie/aanmelden.py).
    wachtrij = sorted((a for a in rijen if a.broodje_sinds), key=lambda a: a.broodje_sinds)
    for aanmelding in wachtrij[sessie.broodjes :] if sessie.broodjes is not None else []:
        aanmelding.broodje = Aanmelding.Broodje.WACHTLIJST
    with transaction.atomic():
        aanmeldingen = Aanmelding.objects.bulk_create(rijen)
        for aanmelding, (moment, _groepen) in zip(aanmeldingen, gekozen, strict=True):
            aanmelding.aangemaakt = moment
        # auto_now_add fills "now" on insert: the simulated moments go in afterwards.
        Aanmelding.objects.bulk_update(aanmeldingen, ["aangemaakt"])
        Koppeling = Aanmelding.werkgroepen.through
        Koppeling.objects.bulk_create(
            Koppeling(aanmelding_id=a.pk, werkgroep_id=w.pk)
            for a, (_moment, groepen) in zip(aanmeldingen, gekozen, strict=True)
            for w in groepen
        )
