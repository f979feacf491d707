"""Simulated ideas for a simulated evening: plausible Dutch table talk, clearly fictitious."""

from __future__ import annotations

import random
import uuid

from django.db import transaction

from sessie.models import Sessie
from sessie.simulatie import fictieve_naam, tafels_per_thema
from thematafels.models import Idee, Opkomst, Rolnotitie, Soort, Tafel

ONDERWERPEN = [
    "een vaste plek in het buurthuis",
    "een wijkapp voor berichten",
    "een maandelijkse koffieochtend",
    "een aanspreekpunt per straat",
    "een nieuwsbrief op papier",
    "jongeren erbij betrekken",
    "de bibliotheek als ontmoetingsplek",
    "een vast budget van de gemeente",
    "een wijkagenda online",
    "samenwerken met de scholen",
    "de sportvereniging vragen mee te doen",
    "een prikbord bij de supermarkt",
    "een vrijwilligerspool",
    "korte lijnen met de gebiedsverbinder",
    "een jaarlijkse wijkavond",
    "ouderen thuis opzoeken",
    "een werkgroep per thema",
    "een duidelijke trekker",
]
ZINNEN = {
    Soort.IDEE: [
        "Wat als we {o} regelen?",
        "Begin klein met {o}.",
        "Idee: {o}, en dan per kwartaal bekijken.",
        "Zorg voor {o}, dan weten mensen waar ze heen kunnen.",
    ],
    Soort.ZORG: [
        "Zorg: wie houdt {o} vol als de eerste vrijwilligers stoppen?",
        "Bang dat {o} alleen de vaste groep bereikt.",
    ],
    Soort.VRAAG: [
        "Vraag aan de gemeente: kan er geld komen voor {o}?",
        "Wie is eigenaar van {o}?",
    ],
    Soort.ACTIE: [
        "Actie: twee mensen uitzoeken hoe {o} kan werken.",
        "Actie: voor de zomer een eerste proef met {o}.",
    ],
}
SOORT_GEWICHTEN = [(Soort.IDEE, 6), (Soort.ZORG, 2), (Soort.VRAAG, 2), (Soort.ACTIE, 1)]


ROLLEN = [
    "contactpersoon",
    "trekker van de werkgroep",
    "organiseert bijeenkomsten",
    "penningmeester",
]


def _sleutel(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


@transaction.atomic
def schaal_tafels(*, sessie: Sessie, deelnemers: int) -> None:
    """Add physical tables to an existing session until the crowd fits."""
    themas = list(sessie.thematafels.prefetch_related("tafels"))
    nodig = tafels_per_thema(deelnemers, len(themas))
    for thema in themas:
        for i in range(len(thema.tafels.all()), nodig):
            Tafel.objects.create(thematafel=thema, naam=f"Tafel {thema.nummer}{chr(65 + i)}")


def voorbereiden(*, sessie: Sessie, aantallen) -> None:
    """Before any app fills the evening: enough physical tables for the crowd."""
    schaal_tafels(sessie=sessie, deelnemers=aantallen.deelnemers)


def vul(*, sessie: Sessie, rng: random.Random, aantallen) -> None:
    """Spread `aantallen.ideeen` ideas over the tables and rounds; about 1 in 15 is a key point."""
    tafels = [
        t
        for thema in sessie.thematafels.prefetch_related("tafels", "prompts")
        for t in thema.tafels.all()
    ]
    rondes = list(sessie.rondes.all())
    if not tafels or not rondes:
        return
    prompts = {t.pk: list(t.thematafel.prompts.all()) for t in tafels}
    soorten, gewichten = zip(*SOORT_GEWICHTEN, strict=True)
    ideeen = []
    gezegd: set[tuple[int, str]] = set()
    for i in range(aantallen.ideeen):
        tafel = tafels[i % len(tafels)]
        # A table rarely says the same twice: a few tries for something new, as a demo shows.
        for _ in range(20):
            soort = rng.choices(soorten, gewichten)[0]
            tekst = rng.choice(ZINNEN[soort]).format(o=rng.choice(ONDERWERPEN))
            if (tafel.pk, tekst) not in gezegd:
                break
        gezegd.add((tafel.pk, tekst))
        ideeen.append(
            Idee(
                inzendsleutel=_sleutel(rng),
                sessie=sessie,
                tafel=tafel,
                ronde=rng.choice(rondes),
                tekst=tekst[0].upper() + tekst[1:],
                soort=soort,
                prompt=rng.choice([None, *prompts[tafel.pk]]),
                kernpunt=rng.random() < 0.067,
            )
        )
    Idee.objects.bulk_create(ideeen, batch_size=500)
    per_tafel = max(1, aantallen.deelnemers // len(tafels))
    Opkomst.objects.bulk_create(
        [
            Opkomst(tafel=t, ronde=r, aantal=max(1, per_tafel + rng.randint(-2, 2)))
            for t in tafels
            for r in rondes
        ],
        ignore_conflicts=True,
    )
    # A role offer or two per table, half of them for one of the evening's workgroups.
    werkgroepen = list(sessie.werkgroepen.all())
    Rolnotitie.objects.bulk_create(
        Rolnotitie(
            inzendsleutel=uuid.uuid4(),  # not from rng: two runs of one seed must not collide
            tafel=t,
            naam=fictieve_naam(rng),
            rol=rng.choice(ROLLEN),
            telefoon=f"06 {rng.randrange(10**8):08d}",
            werkgroep=rng.choice([None, *werkgroepen]) if werkgroepen else None,
            toestemming=True,
        )
        for t in tafels
        for _ in range(rng.randint(1, 2))
    )
