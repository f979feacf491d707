"""A realistic sample report, built by hand: no database involved."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from verslag.model import (
    Contact,
    IdeeGroep,
    IdeeRegel,
    Onderdeel,
    Opkomst,
    RolAantal,
    RondeBezetting,
    Rotatie,
    RuweRegel,
    SessieKop,
    TafelBezetting,
    Thema,
    ThemaRonde,
    Verslag,
    Vraagcategorie,
    VraagRegel,
    WerkgroepRegel,
)

AVOND = datetime(2026, 3, 12, 18, 30, tzinfo=UTC)  # 19.30 in Amsterdam

DEELNEMERS = (
    Contact(
        "Fatima El Amrani", "fatima.elamrani@example.nl", "06-12345678", "Buurtvereniging Oost"
    ),
    Contact("Jan-Willem de Vries", "jw.devries@example.org", "020-7654321", ""),
    Contact(
        "Sanne Bakkerszoon", "sanne.bakkerszoon@example.com", "+31 6 87654321", "Huurderskoepel"
    ),
)

THEMAS = (
    ("Groen en spelen", "Hoe maken we de wijk groener en speelser?"),
    ("Verkeer en veiligheid", "Waar voelt u zich onveilig op straat?"),
    ("Samen in de buurt", "Wat brengt buren bij elkaar?"),
)
PROMPTS = ("Wat werkt al goed?", "Wat moet anders?", "")
SOORTEN = ("idee", "zorg", "actie", "vraag")


def _idee(thema: int, ronde: int, n: int, prompt: str, soort: str, tijd: datetime) -> IdeeRegel:
    return IdeeRegel(
        tekst=f"Idee {thema}.{ronde}.{n}: meer bankjes bij speelplek {n} in thema {thema}",
        soort=soort,
        prompt=prompt,
        kernpunt=n % 3 == 0,
        tafel=f"Tafel {chr(64 + thema)}",
        ronde=ronde,
        tijd=tijd,
        stippen=(n * 7 + thema) % 9 if n % 3 == 0 else 0,
        samengevoegd_in=None if n % 5 else f"Idee {thema}.{ronde}.{n - 1}",
    )


def maak_verslag(
    *,
    editie: str = "organisator",
    concept: bool = False,
    ideeen_per_ronde: int = 6,
    vragen_per_categorie: int = 3,
    extra_idee: str | None = None,
    extra_vraag: str | None = None,
) -> Verslag:
    themas = []
    bijlage = []
    for t, (naam, kernvraag) in enumerate(THEMAS, start=1):
        rondes = []
        for r in (1, 2):
            start = AVOND + timedelta(minutes=15 + 30 * r)  # 19.45 and 20.15 local time
            regels = [
                _idee(t, r, n, PROMPTS[n % 3], SOORTEN[n % 4], start + timedelta(seconds=n))
                for n in range(1, ideeen_per_ronde + 1)
            ]
            if extra_idee is not None and t == 1 and r == 1:
                regels.append(IdeeRegel(extra_idee, "idee", "", True, "Tafel A", 1, start, 3, None))
            groepen = []
            for prompt in PROMPTS:
                for soort in SOORTEN:
                    binnen = tuple(i for i in regels if i.prompt == prompt and i.soort == soort)
                    if binnen:
                        groepen.append(IdeeGroep(prompt, soort, binnen))
            rondes.append(
                ThemaRonde(  # round times are local wall-clock times
                    r,
                    time(19, 45) if r == 1 else time(20, 15),
                    time(20, 10) if r == 1 else time(20, 40),
                    tuple(groepen),
                )
            )
            bijlage += [
                RuweRegel(i.tijd, "idee", f"{naam} / {i.tafel} / {r}", i.tekst) for i in regels
            ]
        kern = tuple(i for ronde in rondes for g in ronde.groepen for i in g.ideeen if i.kernpunt)
        themas.append(Thema(t, naam, kernvraag, tuple(rondes), kern))

    categorieen = []
    for c, cat in enumerate(("Wonen en bouwen", "Afval en beheer"), start=1):
        vragen = [
            VraagRegel(
                tekst=f"Vraag {c}.{n}: wanneer wordt de stoep in straat {n} hersteld?",
                status=("nieuw", "in_behandeling", "beantwoord", "teruggekoppeld")[n % 4],
                antwoord=f"Antwoord {c}.{n}: in het voorjaar." if n % 4 >= 2 else "",
                tijd=AVOND + timedelta(minutes=n, seconds=c),
                vraagsteller=("Resident", "Business owner", None)[n % 3],
            )
            for n in range(1, vragen_per_categorie + 1)
        ]
        if extra_vraag is not None and c == 1:
            vragen.append(VraagRegel(extra_vraag, "nieuw", extra_vraag, AVOND, None))
        categorieen.append(Vraagcategorie(cat, tuple(vragen)))
        bijlage += [RuweRegel(v.tijd, "vraag", cat, v.tekst) for v in vragen]
    bijlage.sort(key=lambda r: r.tijd)

    organisator = editie == "organisator"
    verslag = Verslag(
        editie="organisator",
        concept=concept,
        sessie=SessieKop(
            titel="Wijkavond Oost: samen aan de slag",
            gebied="Oost",
            datum=date(2026, 3, 12),
            locatie="Buurthuis De Regenboog",
            adres="Dapperstraat 1",
            plaats="Amsterdam",
            doelen=("Ideeën ophalen voor het wijkplan", "Werkgroepen starten"),
            gespreksleiders="Team Participatie Oost",
            onderwerp="Wijkplan Oost 2027",
        ),
        programma=(
            Onderdeel(time(19, 0), time(19, 30), "Inloop met soep", "inloop"),
            Onderdeel(time(19, 30), time(19, 45), "Welkom", "plenair", ("Doel van de avond",)),
            Onderdeel(time(19, 45), time(20, 45), "Thematafels", "rondes", ("Twee rondes",)),
            Onderdeel(time(20, 45), None, "Afsluiting en stippen", "plenair"),
        ),
        opkomst=Opkomst(
            aangemeld=64,
            ingecheckt=51,
            inloop=9,
            afgemeld=5,
            per_rol=(
                RolAantal("Resident", 44),
                RolAantal("Business owner", 7),
                RolAantal("Professional", 9),
            ),
            broodjes=70,
        ),
        themas=tuple(themas),
        rotatie=Rotatie(
            rondes=tuple(
                RondeBezetting(
                    r, tuple(TafelBezetting(f"Tafel {x}", 15 + r + i) for i, x in enumerate("ABC"))
                )
                for r in (1, 2)
            ),
            voorkeuren_gehonoreerd=87.5,
        ),
        vragen=tuple(categorieen),
        antwoorden_url="https://example.nl/wijkavond/oost/antwoorden",
        werkgroepen=(
            WerkgroepRegel(
                "Groene Dapper",
                "Geveltuinen en boomspiegels",
                2,
                ("Meer geveltuinen",),
                DEELNEMERS[:2],
            ),
            WerkgroepRegel(
                "Veilig naar school", "Schoolroutes veiliger maken", 1, (), DEELNEMERS[2:]
            ),
        ),
        vervolg=("Het wijkplan verschijnt in juni.", "De werkgroepen komen in april bijeen."),
        bijlage=tuple(bijlage),
        deelnemers=DEELNEMERS,
    )
    if not organisator:
        verslag = verslag.openbare_editie()
    return verslag


def alle_ideeteksten(verslag: Verslag) -> list[str]:
    return [i.tekst for t in verslag.themas for r in t.rondes for g in r.groepen for i in g.ideeen]


def alle_vraagteksten(verslag: Verslag) -> list[str]:
    return [v.tekst for c in verslag.vragen for v in c.vragen]


def persoonsgegevens() -> list[str]:
    return [x for c in DEELNEMERS for x in (c.naam, c.email, c.telefoon)]
