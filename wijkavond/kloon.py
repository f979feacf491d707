"""Clone a session as the template for another district's evening."""

from __future__ import annotations

import datetime as dt

from django.db import models, transaction
from django.utils.text import slugify

from informatiepunt.models import Vraagcategorie
from programma.models import Programmaonderdeel
from sessie.models import Sessie, Werkgroep
from thematafels.models import Prompt, Ronde, Tafel, Thematafel


def vrije_slug(basis: str) -> str:
    basis = slugify(basis)[:70] or "sessie"
    slug, n = basis, 1
    while Sessie.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{basis}-{n}"
    return slug


# The fields a copy takes over as they are, per model (not its session, title, slug, status).
SESSIE_VELDEN = (
    "gebied",
    "onderwerp",
    "locatie",
    "adres",
    "plaats",
    "doelen",
    "gespreksleiders",
    "informatiepunt",
    "rollen",
    "capaciteit",
    "broodjes",
)
WERKGROEP_VELDEN = ("naam", "beschrijving", "volgorde", "doel", "contactpersoon", "open")
ONDERDEEL_VELDEN = ("start", "eind", "soort", "titel", "toelichting", "punten")
THEMA_VELDEN = ("nummer", "naam", "kernvraag", "toelichting")


def _velden(bron: models.Model, namen: tuple[str, ...]) -> dict:
    return {naam: getattr(bron, naam) for naam in namen}


@transaction.atomic
def kloon_sessie(*, bron: Sessie, titel: str, datum: dt.date | None = None) -> Sessie:
    """A draft copy of `bron`: programme, theme tables (prompts, tables), rounds, categories.

    Registrations, ideas, questions and access links are never copied.
    """
    kopie = Sessie.objects.create(
        titel=titel,
        slug=vrije_slug(titel),
        datum=datum or bron.datum,
        status=Sessie.Status.CONCEPT,
        **_velden(bron, SESSIE_VELDEN),
    )
    Werkgroep.objects.bulk_create(
        Werkgroep(sessie=kopie, **_velden(w, WERKGROEP_VELDEN)) for w in bron.werkgroepen.all()
    )
    kopie.organisatoren.set(bron.organisatoren.all())
    Programmaonderdeel.objects.bulk_create(
        Programmaonderdeel(sessie=kopie, **_velden(o, ONDERDEEL_VELDEN))
        for o in bron.programma.all()
    )
    for thema in bron.thematafels.prefetch_related("prompts", "tafels"):
        nieuw = Thematafel.objects.create(sessie=kopie, **_velden(thema, THEMA_VELDEN))
        Prompt.objects.bulk_create(
            Prompt(thematafel=nieuw, tekst=p.tekst, volgorde=p.volgorde)
            for p in thema.prompts.all()
        )
        Tafel.objects.bulk_create(
            Tafel(thematafel=nieuw, naam=t.naam, capaciteit=t.capaciteit)
            for t in thema.tafels.all()
        )
    Ronde.objects.bulk_create(
        Ronde(sessie=kopie, nummer=r.nummer, start=r.start, eind=r.eind) for r in bron.rondes.all()
    )
    Vraagcategorie.objects.bulk_create(
        Vraagcategorie(sessie=kopie, naam=c.naam, toelichting=c.toelichting, volgorde=c.volgorde)
        for c in bron.vraagcategorieen.all()
    )
    return kopie
