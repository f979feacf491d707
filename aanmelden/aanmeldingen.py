"""Registration verbs: sign up, change, cancel, delete, walk in, and the sandwich waiting list.

Every verb that touches sandwiches first locks the session row, so two registrations at the same
moment are served one after the other: `select_for_update` on PostgreSQL, and on SQLite the
IMMEDIATE transactions (settings) that let one writer in at a time. Nobody gets a sandwich the
caterer does not make.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
import uuid
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import get_language

from aanmelden.models import Aanmelding, Lidmaatschap
from aanmelden.tasks import (
    stuur_al_aangemeld,
    stuur_bevestiging,
    stuur_broodje_vrij,
    stuur_email_bevestiging,
)
from aanmelden.werkgroepen import volg_aanmelding
from sessie.capture import vastleggen
from sessie.models import Sessie, Werkgroep

# Fields of Aanmelding a person fills in themselves.
VELDEN = (
    "naam",
    "email",
    "telefoon",
    "rol",
    "organisatie",
    "buurt",
    "dieet",
    "allergie",
    "voorkeur_1",
    "voorkeur_2",
    "toestemming_contact",
    "toestemming_netwerk",
)


@dataclass(frozen=True)
class Uitkomst:
    aanmelding: Aanmelding
    nieuw: bool


def _vergrendel(sessie: Sessie) -> Sessie:
    return Sessie.objects.select_for_update().get(pk=sessie.pk)


def broodjes_open(sessie: Sessie) -> bool:
    return sessie.broodjes_deadline is None or timezone.now() < sessie.broodjes_deadline


def broodjes_beschikbaar(sessie: Sessie) -> bool:
    """What the form tells a newcomer: is there still a sandwich for them?"""
    if not broodjes_open(sessie):
        return False
    if sessie.broodjes is None:
        return True
    actief = Aanmelding.objects.actief().filter(sessie=sessie)
    return actief.filter(broodje=Aanmelding.Broodje.JA).count() < sessie.broodjes


def bevorder_wachtlijst(sessie: Sessie) -> list[Aanmelding]:
    """Give free sandwiches to the waiting list, first come first served (inside the lock)."""
    if not broodjes_open(sessie):
        return []
    actief = Aanmelding.objects.actief().filter(sessie=sessie)
    wachtend = actief.filter(broodje=Aanmelding.Broodje.WACHTLIJST).order_by("broodje_sinds", "pk")
    if sessie.broodjes is not None:
        vrij = sessie.broodjes - actief.filter(broodje=Aanmelding.Broodje.JA).count()
        wachtend = wachtend[: max(0, vrij)]
    bevorderd = list(wachtend)
    if bevorderd:
        Aanmelding.objects.filter(pk__in=[a.pk for a in bevorderd]).update(
            broodje=Aanmelding.Broodje.JA
        )
    return bevorderd


def _meld_bevorderd(bevorderd: list[Aanmelding], *, behalve: int | None = None) -> None:
    taal = get_language()
    for aanmelding in bevorderd:
        if aanmelding.pk != behalve and aanmelding.email:
            transaction.on_commit(
                lambda pk=aanmelding.pk: stuur_broodje_vrij.enqueue(aanmelding_id=pk, taal=taal)
            )


def _vraag_broodje(aanmelding: Aanmelding, *, wil: bool) -> None:
    """Set the wish; a new wish joins the end of the queue, a withdrawn one frees a sandwich."""
    if wil and aanmelding.broodje == Aanmelding.Broodje.GEEN:
        aanmelding.broodje = Aanmelding.Broodje.WACHTLIJST
        aanmelding.broodje_sinds = timezone.now()
    elif not wil:
        aanmelding.broodje = Aanmelding.Broodje.GEEN
        aanmelding.broodje_sinds = None


def _stuur_na_afloop(taak, aanmelding: Aanmelding, **extra) -> None:
    """Mail once the registration is saved (the task makes any links: `aanmelden/tasks.py`)."""
    taal = get_language()
    transaction.on_commit(lambda: taak.enqueue(aanmelding_id=aanmelding.pk, taal=taal, **extra))


def nieuwe_link(*, aanmelding: Aanmelding) -> None:
    """The person asked for it: the old link dies now, a new one goes to their address."""
    with transaction.atomic():
        aanmelding.vernieuw_tokens()
        _stuur_na_afloop(stuur_bevestiging, aanmelding, nieuwe_link=True)


def aanmelden(
    *,
    sessie: Sessie,
    sleutel: uuid.UUID,
    gegevens: dict,
    broodje: bool,
    werkgroepen: list[Werkgroep],
) -> Uitkomst:
    """Sign someone up and mail their personal link.

    The same submission twice makes one registration and one e-mail. Anyone can type any
    address, so the same address again (signed up or cancelled) changes nothing and kills no
    link: that address gets "you are already signed up, here is your link", and the screen
    says what it says to everyone.
    """
    with transaction.atomic():
        sessie = _vergrendel(sessie)
        eerder = Aanmelding.objects.filter(inzendsleutel=sleutel).first()
        if eerder is not None:
            return Uitkomst(eerder, nieuw=False)
        bestaand = sessie.aanmeldingen.filter(email__iexact=gegevens["email"]).first()
        if bestaand is not None:
            _stuur_na_afloop(stuur_al_aangemeld, bestaand)
            return Uitkomst(bestaand, nieuw=False)
        hashes, _tokens = Aanmelding.nieuwe_tokens()  # the mail task makes them again
        aanmelding = Aanmelding(sessie=sessie, **gegevens)
        _vraag_broodje(aanmelding, wil=broodje)
        velden = {f: getattr(aanmelding, f) for f in (*VELDEN, "broodje", "broodje_sinds")}
        aanmelding, nieuw = vastleggen(
            Aanmelding, sleutel=sleutel, sessie=sessie, **velden, **hashes
        )
        aanmelding.werkgroepen.set(werkgroepen)
        volg_aanmelding(aanmelding=aanmelding, werkgroepen=werkgroepen)
        _meld_bevorderd(bevorder_wachtlijst(sessie), behalve=aanmelding.pk)
        Sessie.bump(sessie.pk)
        _stuur_na_afloop(stuur_bevestiging, aanmelding)
    aanmelding.refresh_from_db()
    return Uitkomst(aanmelding, nieuw=nieuw)


def wijzigen(
    *, aanmelding: Aanmelding, gegevens: dict, broodje: bool, werkgroepen: list[Werkgroep]
) -> bool:
    """Save what the person changed on their page; returns whether a new address now waits.

    A new e-mail address is not used until its owner clicks the link mailed to it
    (`bevestig_email`): until then every mail goes to the address in use.
    """
    gegevens = dict(gegevens)
    email = gegevens.pop("email", aanmelding.email).strip().lower()
    with transaction.atomic():
        sessie = _vergrendel(aanmelding.sessie)
        for veld, waarde in gegevens.items():
            setattr(aanmelding, veld, waarde)
        _vraag_broodje(aanmelding, wil=broodje)
        wacht = _wacht_op_email(aanmelding, email)
        aanmelding.save()
        aanmelding.werkgroepen.set(werkgroepen)
        volg_aanmelding(aanmelding=aanmelding, werkgroepen=werkgroepen)
        _meld_bevorderd(bevorder_wachtlijst(sessie), behalve=aanmelding.pk)
        Sessie.bump(sessie.pk)
    aanmelding.refresh_from_db()
    return wacht


def _wacht_op_email(aanmelding: Aanmelding, email: str) -> bool:
    """Let `email` wait for its owner's click; the address in use again drops the wait.

    The same waiting address again mails no new link while the one sent still works.
    """
    if email == aanmelding.email.lower():
        aanmelding.nieuw_email, aanmelding.nieuw_email_hash = "", ""
        aanmelding.nieuw_email_tot = None
        return False
    nog_geldig = (
        aanmelding.nieuw_email_tot is not None and aanmelding.nieuw_email_tot > timezone.now()
    )
    if email != aanmelding.nieuw_email or not nog_geldig:
        aanmelding.nieuw_email = email
        _stuur_na_afloop(stuur_email_bevestiging, aanmelding)
    return True


class EmailBezet(Exception):
    """The waiting address has meanwhile been signed up by someone else for this evening."""


def bevestig_email(*, aanmelding: Aanmelding) -> None:
    """The owner of the waiting address clicked its link: from now on, mail goes there.

    The registration's own workgroup memberships follow (not one in a workgroup the address
    already joined from a phone: that membership is theirs already).
    """
    with transaction.atomic():
        sessie = _vergrendel(aanmelding.sessie)
        nieuw = aanmelding.nieuw_email
        if sessie.aanmeldingen.exclude(pk=aanmelding.pk).filter(email__iexact=nieuw).exists():
            raise EmailBezet
        al_lid = Lidmaatschap.objects.actief().filter(email__iexact=nieuw).values("werkgroep")
        aanmelding.lidmaatschappen.actief().exclude(werkgroep__in=al_lid).update(email=nieuw)
        aanmelding.email = nieuw
        aanmelding.nieuw_email, aanmelding.nieuw_email_hash = "", ""
        aanmelding.nieuw_email_tot = None
        aanmelding.save(
            update_fields=[
                "email",
                "nieuw_email",
                "nieuw_email_hash",
                "nieuw_email_tot",
                "gewijzigd",
            ]
        )
        Sessie.bump(sessie.pk)


def annuleren(*, aanmelding: Aanmelding) -> None:
    """Not coming after all: the sandwich goes to the first person on the waiting list."""
    with transaction.atomic():
        sessie = _vergrendel(aanmelding.sessie)
        aanmelding.geannuleerd = timezone.now()
        if aanmelding.broodje != Aanmelding.Broodje.GEEN:
            aanmelding.broodje_afgestaan = aanmelding.broodje
        _vraag_broodje(aanmelding, wil=False)
        aanmelding.save(
            update_fields=[
                "geannuleerd", "broodje", "broodje_sinds", "broodje_afgestaan", "gewijzigd"
            ]
        )  # fmt: skip
        _meld_bevorderd(bevorder_wachtlijst(sessie))
        Sessie.bump(sessie.pk)


def heraanmelden(*, aanmelding: Aanmelding, broodje: bool = False) -> None:
    """Coming after all. A sandwich asked for again joins the end of the waiting list and is
    served at once if one is free: whoever got the given-up one keeps it."""
    with transaction.atomic():
        sessie = _vergrendel(aanmelding.sessie)
        aanmelding.geannuleerd = None
        aanmelding.broodje_afgestaan = ""
        _vraag_broodje(aanmelding, wil=broodje)
        aanmelding.save(
            update_fields=[
                "geannuleerd", "broodje", "broodje_sinds", "broodje_afgestaan", "gewijzigd"
            ]
        )  # fmt: skip
        _meld_bevorderd(bevorder_wachtlijst(sessie), behalve=aanmelding.pk)
        Sessie.bump(sessie.pk)
    aanmelding.refresh_from_db()


def verwijderen(*, aanmelding: Aanmelding) -> None:
    """Erase this person's data for good ("delete my data"): the registration and its own rows
    (workgroup memberships, seats), never rows that merely share its e-mail address — anyone
    can type an address, so sharing one proves nothing."""
    with transaction.atomic():
        sessie = _vergrendel(aanmelding.sessie)
        aanmelding.delete()
        _meld_bevorderd(bevorder_wachtlijst(sessie))
        Sessie.bump(sessie.pk)


def inloop(*, sessie: Sessie, sleutel: uuid.UUID, naam: str) -> Aanmelding:
    """Someone who did not sign up walks in: a name is enough, and they are checked in."""
    hashes, _tokens = Aanmelding.nieuwe_tokens()
    with transaction.atomic():
        aanmelding, _nieuw = vastleggen(
            Aanmelding,
            sleutel=sleutel,
            sessie=sessie,
            naam=naam,
            inloop=True,
            ingecheckt=timezone.now(),
            **hashes,
        )
        Sessie.bump(sessie.pk)
    return aanmelding


def inloop_weghalen(*, aanmelding: Aanmelding) -> None:
    """A walk-in added by mistake (a duplicate, a typo): gone, with their seats."""
    with transaction.atomic():
        aanmelding.delete()
        Sessie.bump(aanmelding.sessie_id)


@dataclass(frozen=True)
class Tellingen:
    aangemeld: int
    ingecheckt: int
    inloop: int
    broodjes: int
    wachtlijst: int
    capaciteit: int | None

    @property
    def vol(self) -> bool:
        return self.capaciteit is not None and self.ingecheckt >= self.capaciteit


def tellingen(sessie: Sessie) -> Tellingen:
    """The door's and the organiser's numbers, in one query."""
    ja = Aanmelding.Broodje.JA
    cijfers = (
        Aanmelding.objects.actief()
        .filter(sessie=sessie)
        .aggregate(
            aangemeld=Count("pk"),
            ingecheckt=Count("pk", filter=Q(ingecheckt__isnull=False)),
            inloop=Count("pk", filter=Q(inloop=True)),
            broodjes=Count("pk", filter=Q(broodje=ja)),
            wachtlijst=Count("pk", filter=Q(broodje=Aanmelding.Broodje.WACHTLIJST)),
        )
    )
    return Tellingen(**cijfers, capaciteit=sessie.capaciteit)


# Letters that Unicode does not decompose into a base letter and an accent.
_EIGEN = str.maketrans({"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe"})


def vouw(tekst: str) -> str:
    """Text as the door types it: no accents, no case (Zoë → zoe, Yılmaz → yilmaz)."""
    if tekst.isascii():  # most names: nothing to take off but the case (a search folds 300)
        return tekst.lower()
    zonder = unicodedata.normalize("NFKD", tekst.casefold().translate(_EIGEN))
    return "".join(teken for teken in zonder if not unicodedata.combining(teken))


def zoek(sessie: Sessie, *, tekst: str, aantal: int = 25) -> list[Aanmelding]:
    """People at the door, found from two letters of their name or organisation.

    Accents and case are folded in Python, the same on SQLite and PostgreSQL: an evening has a
    few hundred registrations, whose names and organisations are one narrow query. Cancelled
    people are found too: they may come after all.
    """
    gezocht = vouw(tekst.strip())
    if len(gezocht) < 2:
        return []
    kandidaten = Aanmelding.objects.filter(sessie=sessie).values_list("pk", "naam", "organisatie")
    gevonden = [pk for pk, naam, org in kandidaten if gezocht in vouw(f"{naam}\n{org}")]
    return list(Aanmelding.objects.filter(pk__in=gevonden).order_by("naam", "pk")[:aantal])


def naam_sleutel(naam: str) -> str:
    """A name as the door compares it: folded, single spaces ("Zoë  de Vries" → "zoe de vries")."""
    return " ".join(vouw(naam).split())


def lijkt_op(sessie: Sessie, *, naam: str, aantal: int = 5) -> list[Aanmelding]:
    """Who a walk-in may already be: the same name folded, or every typed word in theirs
    ("Zoe Vries" → Zoë de Vries). Cancelled people and earlier walk-ins count too."""
    getypt = naam_sleutel(naam).split()
    if not getypt:
        return []
    kandidaten = Aanmelding.objects.filter(sessie=sessie).values_list("pk", "naam")
    gevonden = []
    for pk, hun_naam in kandidaten:
        woorden = naam_sleutel(hun_naam).split()
        if woorden == getypt or (len(getypt) >= 2 and set(getypt) <= set(woorden)):
            gevonden.append(pk)
    return list(Aanmelding.objects.filter(pk__in=gevonden).order_by("naam", "pk")[:aantal])


@dataclass(frozen=True)
class Cateringlijst:
    namen: list[Aanmelding]
    per_dieet: list[tuple[str, int]]
    zonder_wens: int
    allergieen: int
    wachtlijst: int


def cateringlijst(sessie: Sessie) -> Cateringlijst:
    """What the caterer makes: counts per food wish and the names for handing out."""
    actief = Aanmelding.objects.actief().filter(sessie=sessie)
    namen = list(
        actief.filter(broodje=Aanmelding.Broodje.JA)
        .only("naam", "dieet", "allergie")
        .order_by("naam", "pk")
    )
    per_dieet = [
        (str(label), sum(code in a.dieet for a in namen))
        for code, label in Aanmelding.Dieet.choices
    ]
    return Cateringlijst(
        namen=namen,
        per_dieet=per_dieet,
        zonder_wens=sum(not a.dieet and not a.allergie for a in namen),
        allergieen=sum(bool(a.allergie) for a in namen),
        wachtlijst=actief.filter(broodje=Aanmelding.Broodje.WACHTLIJST).count(),
    )


def gefilterd(sessie: Sessie, *, criteria: dict) -> QuerySet[Aanmelding]:
    """The organiser's list with its filters (all optional): tekst, rol, broodje, status, tafel."""
    rijen = Aanmelding.objects.filter(sessie=sessie).select_related("voorkeur_1", "voorkeur_2")
    if tekst := criteria.get("tekst"):
        rijen = rijen.filter(
            Q(naam__icontains=tekst) | Q(organisatie__icontains=tekst) | Q(email__icontains=tekst)
        )
    if rol := criteria.get("rol"):
        rijen = rijen.filter(rol=rol)
    if broodje := criteria.get("broodje"):
        rijen = rijen.filter(broodje=broodje)
    if tafel := criteria.get("tafel"):
        rijen = rijen.filter(Q(voorkeur_1=tafel) | Q(voorkeur_2=tafel))
    status = criteria.get("status")
    if status == "geannuleerd":
        rijen = rijen.filter(geannuleerd__isnull=False)
    else:
        rijen = rijen.filter(geannuleerd__isnull=True)
    if status == "ingecheckt":
        rijen = rijen.filter(ingecheckt__isnull=False)
    elif status == "niet_ingecheckt":
        rijen = rijen.filter(ingecheckt__isnull=True)
    elif status == "inloop":
        rijen = rijen.filter(inloop=True)
    return rijen.order_by("naam", "pk")


def per_rol(sessie: Sessie) -> list[tuple[str, int]]:
    rijen = (
        Aanmelding.objects.actief()
        .filter(sessie=sessie)
        .values_list("rol")
        .annotate(n=Count("pk"))
        .order_by("-n", "rol")
    )
    return [(rol, n) for rol, n in rijen]


def per_tafelvoorkeur(sessie: Sessie) -> list[tuple[object, int, int]]:
    """(theme table, first choices, second choices) for each table of the session."""
    actief = Aanmelding.objects.actief().filter(sessie=sessie)
    eerste = dict(actief.values_list("voorkeur_1").annotate(n=Count("pk")))
    tweede = dict(actief.values_list("voorkeur_2").annotate(n=Count("pk")))
    return [(t, eerste.get(t.pk, 0), tweede.get(t.pk, 0)) for t in sessie.thematafels.all()]


@dataclass(frozen=True)
class Staaf:
    x: float
    y: float
    hoogte: float
    datum: dt.date
    aantal: int
    totaal: int


def per_dag(sessie: Sessie, *, breedte: int = 600, hoogte: int = 160) -> list[Staaf]:
    """Registrations per day as bars of an SVG chart (drawn on the server, no JavaScript)."""
    rijen = list(
        Aanmelding.objects.filter(sessie=sessie, inloop=False)
        .annotate(dag=TruncDate("aangemaakt"))
        .values_list("dag")
        .annotate(n=Count("pk"))
        .order_by("dag")
    )
    if not rijen:
        return []
    hoogste = max(n for _dag, n in rijen)
    stap = breedte / len(rijen)
    staven, totaal = [], 0
    for i, (dag, n) in enumerate(rijen):
        totaal += n
        h = hoogte * n / hoogste
        staven.append(Staaf(i * stap, hoogte - h, h, dag, n, totaal))
    return staven


def herverdeel_broodjes(*, sessie: Sessie) -> list[Aanmelding]:
    """After the organiser raised the number of sandwiches: serve the waiting list."""
    with transaction.atomic():
        bevorderd = bevorder_wachtlijst(_vergrendel(sessie))
        _meld_bevorderd(bevorderd)
        Sessie.bump(sessie.pk)
    return bevorderd
