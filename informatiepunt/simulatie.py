"""Simulated questions at the information point: realistic, Dutch, clearly fictitious."""

from __future__ import annotations

import datetime as dt
import random
import uuid

from django.contrib.auth import get_user_model
from django.db import transaction

from informatiepunt.models import Vraag
from sessie.models import Sessie
from sessie.simulatie import Aantallen, fictief_email, fictieve_naam

# Per category name (lower case); questions for unknown categories come from "anders".
VRAGEN = {
    "verordening": [
        "Wat verandert er precies met de nieuwe verordening voor ons bewonersnetwerk?",
        "Moeten wij als wijknetwerk een rechtsvorm hebben volgens de verordening?",
        "Vanaf wanneer geldt de nieuwe verordening?",
        "Mag een wijknetwerk zelf bepalen wie er in het bestuur zit?",
        "Staat in de verordening hoe vaak we verantwoording moeten afleggen?",
    ],
    "financiering": [
        "Hoe vragen we een budget aan voor een buurtactiviteit?",
        "Krijgen we volgend jaar nog hetzelfde bedrag als dit jaar?",
        "Mogen we geld opzij zetten voor een groter project later?",
        "Wie controleert hoe het geld van het wijknetwerk besteed wordt?",
        "Kunnen ondernemers ook bijdragen aan het wijkbudget?",
    ],
    "overgang 2023 naar 2024": [
        "Wat gebeurt er met lopende afspraken als het nieuwe jaar begint?",
        "Blijft onze contactpersoon bij de gemeente hetzelfde na de overgang?",
        "Hoe lang hebben we de tijd om over te stappen op de nieuwe werkwijze?",
        "Houden we het geld dat we in 2023 niet hebben uitgegeven?",
    ],
    "randvoorwaarden": [
        "Welke ondersteuning krijgen vrijwilligers bij het organiseren van een bijeenkomst?",
        "Is er een ruimte in de wijk waar we gratis kunnen vergaderen?",
        "Moeten we een verklaring omtrent gedrag hebben voor activiteiten met kinderen?",
        "Hoe regelen we de verzekering voor vrijwilligers?",
    ],
    "rol van de gemeente": [
        "Wat doet de gebiedsverbinder precies voor ons?",
        "Hoe snel reageert de gemeente op een voorstel van het wijknetwerk?",
        "Beslist de gemeente mee over onze plannen, of alleen wij?",
        "Bij wie kunnen we terecht als we het niet eens zijn met een besluit?",
    ],
    "anders": [
        "Komt er na vanavond een verslag, en waar kan ik dat vinden?",
        "Hoe kan ik me aanmelden voor een werkgroep?",
        "Wordt er ook een avond georganiseerd in een ander deel van de wijk?",
        "Kan ik meedoen als ik niet in de wijk woon maar er wel werk?",
    ],
}
ANTWOORD = (
    "Dit is een fictief voorbeeldantwoord van de gemeente. In het echte antwoord staat wat er "
    "geregeld is en bij wie u terecht kunt."
)


@transaction.atomic
def vul(*, sessie: Sessie, rng: random.Random, aantallen: Aantallen) -> None:
    """`aantallen.vragen` questions over the session's categories; about a third answered."""
    categorieen = list(sessie.vraagcategorieen.all())
    organisator = (
        sessie.organisatoren.first() or get_user_model().objects.filter(is_superuser=True).first()
    )
    begin = sessie.op_tijd(dt.time(19, 0))
    vragen = []
    for n in range(aantallen.vragen):
        categorie = rng.choice(categorieen) if categorieen else None
        sleutel = "anders" if categorie is None else categorie.naam.lower()
        tekst = rng.choice(VRAGEN.get(sleutel, VRAGEN["anders"]))
        met_mail = rng.random() < 0.4
        naam = fictieve_naam(rng) if met_mail or rng.random() < 0.3 else ""
        vragen.append(
            Vraag(
                inzendsleutel=uuid.UUID(int=rng.getrandbits(128), version=4),
                sessie=sessie,
                categorie=categorie,
                tekst=tekst,
                naam=naam,
                email=fictief_email(naam, n) if met_mail else "",
                wil_antwoord=met_mail,
                vraagsteller=rng.choice([*Vraag.Vraagsteller.values, "", ""]),
                bron=rng.choice(
                    [Vraag.Bron.INFORMATIEPUNT, Vraag.Bron.INFORMATIEPUNT, Vraag.Bron.ZELF]
                ),
            )
        )
    Vraag.objects.bulk_create(vragen)
    # aangemaakt is auto_now_add: spread the questions over the evening afterwards.
    for n, vraag in enumerate(vragen):
        vraag.aangemaakt = begin + dt.timedelta(minutes=n * 150 // max(1, len(vragen)))
    Vraag.objects.bulk_update(vragen, ["aangemaakt"])
    if organisator is None:
        return
    for vraag in vragen:
        if rng.random() < 0.33:
            vraag.neem_in_behandeling(
                actor=organisator, toegewezen_aan="Team Participatie (fictief)"
            )
            vraag.beantwoord(actor=organisator, antwoord=ANTWOORD)
        elif rng.random() < 0.2:
            vraag.neem_in_behandeling(
                actor=organisator, toegewezen_aan="Gebiedsverbinder (fictief)"
            )
