"""Load a session (programme, theme tables, rounds, categories) from a JSON description.

Idempotent: loading the same file again updates what is there, matched by natural keys
(programme start time, table number, prompt text, round number, category name), so ideas,
questions and registrations that point at those rows survive a reload.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from django.db import transaction

from informatiepunt.models import Vraagcategorie
from programma.models import Programmaonderdeel
from sessie.models import Sessie, Werkgroep
from thematafels.models import Prompt, Ronde, Tafel, Thematafel

DEMO_PATH = Path(__file__).resolve().parent / "demo" / "brede-sessie-noord.json"


def tijd(waarde: str) -> dt.time:
    return dt.time.fromisoformat(waarde)


@transaction.atomic
def laad_sessie(data: dict, *, datum: dt.date, status: str = Sessie.Status.GEPUBLICEERD) -> Sessie:
    sessie, _ = Sessie.objects.update_or_create(
        slug=data["slug"],
        defaults={
            "titel": data["titel"],
            "gebied": data["gebied"],
            "onderwerp": data.get("onderwerp", ""),
            "datum": datum,
            "locatie": data["locatie"],
            "adres": data["adres"],
            "plaats": data.get("plaats", ""),
            "doelen": "\n".join(data.get("doelen", [])),
            "gespreksleiders": data.get("gespreksleiders", ""),
            "informatiepunt": data.get("informatiepunt", ""),
            "capaciteit": data.get("capaciteit"),
            "broodjes": data.get("broodjes"),
            "status": status,
        },
    )
    starts = []
    for item in data["programma"]:
        starts.append(tijd(item["start"]))
        Programmaonderdeel.objects.update_or_create(
            sessie=sessie,
            start=tijd(item["start"]),
            defaults={
                "eind": tijd(item["eind"]),
                "soort": item["soort"],
                "titel": item["titel"],
                "toelichting": item.get("toelichting", ""),
                "punten": "\n".join(item.get("punten", [])),
            },
        )
    sessie.programma.exclude(start__in=starts).delete()

    for thema in data["thematafels"]:
        thematafel, _ = Thematafel.objects.update_or_create(
            sessie=sessie,
            nummer=thema["nummer"],
            defaults={
                "naam": thema["naam"],
                "kernvraag": thema["kernvraag"],
                "toelichting": "\n".join(thema.get("vragen", [])),
            },
        )
        for volgorde, tekst in enumerate(thema.get("prompts", [])):
            Prompt.objects.update_or_create(
                thematafel=thematafel, tekst=tekst, defaults={"volgorde": volgorde}
            )
        for naam in thema.get("tafels") or [f"Tafel {thema['nummer']}A"]:
            Tafel.objects.get_or_create(thematafel=thematafel, naam=naam)

    rondes = data.get("rondes")
    if rondes:
        blokken = Ronde.verdeel(
            start=tijd(rondes["start"]), eind=tijd(rondes["eind"]), aantal=rondes["aantal"]
        )
        for nummer, (start, eind) in enumerate(blokken, start=1):
            Ronde.objects.update_or_create(
                sessie=sessie, nummer=nummer, defaults={"start": start, "eind": eind}
            )

    for volgorde, categorie in enumerate(data.get("vraagcategorieen", [])):
        Vraagcategorie.objects.update_or_create(
            sessie=sessie,
            naam=categorie["naam"],
            defaults={"volgorde": volgorde, "toelichting": categorie.get("toelichting", "")},
        )
    for volgorde, werkgroep in enumerate(data.get("werkgroepen", [])):
        Werkgroep.objects.update_or_create(
            sessie=sessie,
            naam=werkgroep["naam"],
            defaults={"volgorde": volgorde, "beschrijving": werkgroep.get("beschrijving", "")},
        )
    Sessie.bump(sessie.pk, programma=True)
    return sessie


def lees(path: Path) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))
