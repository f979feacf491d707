"""Workgroup verbs: join (at registration, on the evening's phone page, afterwards), leave, the
organiser's message to all members, and the lists that respect consent.

Joining locks the session row first (as registration does: `select_for_update` on PostgreSQL,
IMMEDIATE transactions on SQLite), so one address at the same moment from two phones makes one
membership; the conditional unique constraint on (werkgroep, lower(email)) backs it up.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from django.core import signing
from django.db import transaction
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import get_language

from aanmelden.models import (
    Aanmelding,
    Lidmaatschap,
    Plaatsing,
    Werkgroepbericht,
    Werkgroepbron,
)
from aanmelden.tasks import stuur_werkgroep_welkom, stuur_werkgroepbericht
from sessie.capture import vastleggen
from sessie.models import Sessie, Werkgroep
from thematafels.models import Idee, Rolnotitie

AFMELD_SALT = "wijkavond.werkgroep.afmelden"


def afmeld_code(lidmaatschap: Lidmaatschap) -> str:
    """The signed part of a leave link: no token in the database, valid as long as the row."""
    return signing.dumps(lidmaatschap.pk, salt=AFMELD_SALT)


def uit_afmeld_code(code: str) -> Lidmaatschap | None:
    try:
        pk = signing.loads(code, salt=AFMELD_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(pk, int):
        return None
    return Lidmaatschap.objects.select_related("werkgroep__sessie").filter(pk=pk).first()


def _vergrendel(sessie_id: int) -> None:
    Sessie.objects.select_for_update().only("pk").get(pk=sessie_id)


def herkomst_nu(sessie: Sessie) -> str:
    """Signed up on the evening itself, or afterwards."""
    if sessie.nu().date() > sessie.datum:
        return Lidmaatschap.Herkomst.ACHTERAF
    return Lidmaatschap.Herkomst.AVOND


@dataclass(frozen=True)
class Inschrijving:
    lidmaatschappen: list[Lidmaatschap]
    nieuw: int


def inschrijven(
    *,
    sessie: Sessie,
    sleutel: uuid.UUID,
    gegevens: dict,
    werkgroepen: list[Werkgroep],
    herkomst: str,
) -> Inschrijving:
    """Join each of `werkgroepen` (open ones: the form checks) with one submission.

    Each workgroup's row gets its own key derived from the submission's, so a retry finds the
    rows it made; an address already in a workgroup keeps its membership (and is not told so).
    `gegevens`: naam, email (lower case), telefoon, organisatie, toestemming_contact.
    """
    email = gegevens["email"].strip().lower()
    uitkomst, nieuw, taal = [], 0, get_language()
    with transaction.atomic():
        _vergrendel(sessie.pk)
        for werkgroep in werkgroepen:
            sleutel_hier = uuid.uuid5(sleutel, str(werkgroep.pk))
            eerder = Lidmaatschap.objects.filter(inzendsleutel=sleutel_hier).first()
            if eerder is None:
                eerder = werkgroep.lidmaatschappen.actief().filter(email__iexact=email).first()
            if eerder is not None:
                uitkomst.append(eerder)
                continue
            lid, gemaakt = vastleggen(
                Lidmaatschap,
                sleutel=sleutel_hier,
                werkgroep=werkgroep,
                herkomst=herkomst,
                **(gegevens | {"email": email}),
            )
            uitkomst.append(lid)
            if gemaakt:
                nieuw += 1
                transaction.on_commit(
                    lambda pk=lid.pk: stuur_werkgroep_welkom.enqueue(lidmaatschap_id=pk, taal=taal)
                )
        if nieuw:
            Sessie.bump(sessie.pk)
    return Inschrijving(uitkomst, nieuw)


def volg_aanmelding(*, aanmelding: Aanmelding, werkgroepen: list[Werkgroep]) -> None:
    """Keep memberships in step with a registration's ticks (inside its transaction).

    A ticked workgroup gets a membership (or adopts one the same address made on a phone); an
    unticked one is left.
    """
    gekozen = {w.pk for w in werkgroepen}
    email = aanmelding.email.strip().lower()
    nu = timezone.now()
    actief = Lidmaatschap.objects.actief().filter(werkgroep__sessie_id=aanmelding.sessie_id)
    van_hem = Q(aanmelding=aanmelding) | (Q(email__iexact=email) if email else Q(pk__in=[]))
    bestaand = {lid.werkgroep_id: lid for lid in actief.filter(van_hem)}
    # What the person changed on their registration, their memberships say too.
    actief.filter(aanmelding=aanmelding).update(
        naam=aanmelding.naam,
        telefoon=aanmelding.telefoon,
        organisatie=aanmelding.organisatie,
        toestemming_contact=aanmelding.toestemming_contact,
    )
    # Only its own: a phone membership under the same address is someone's who may not have
    # signed up at all (anyone can type an address).
    weg = [
        lid.pk
        for wid, lid in bestaand.items()
        if wid not in gekozen and lid.aanmelding_id == aanmelding.pk
    ]
    if weg:
        Lidmaatschap.objects.filter(pk__in=weg).update(afgemeld=nu)
    for werkgroep in werkgroepen:
        lid = bestaand.get(werkgroep.pk)
        if lid is not None:
            if lid.aanmelding_id is None:
                Lidmaatschap.objects.filter(pk=lid.pk).update(aanmelding=aanmelding)
            continue
        if not email:  # a walk-in without an address cannot be reached by a workgroup
            continue
        vastleggen(
            Lidmaatschap,
            sleutel=uuid.uuid4(),
            werkgroep=werkgroep,
            aanmelding=aanmelding,
            naam=aanmelding.naam,
            email=email,
            telefoon=aanmelding.telefoon,
            organisatie=aanmelding.organisatie,
            toestemming_contact=aanmelding.toestemming_contact,
            herkomst=Lidmaatschap.Herkomst.AANMELDING,
        )


def volg_rolnotitie(notitie: Rolnotitie) -> None:
    """A role offer for a workgroup, with an address, makes its person a member (registered in
    `thematafels/rollen.py`, inside the offer's transaction).

    The host asked for consent to share the contact details with the workgroup. An address
    already in the workgroup (from a registration or a phone) keeps its one membership; a
    registration that ticks the workgroup later adopts this one (`volg_aanmelding`).
    """
    if notitie.werkgroep_id is None or not notitie.email:
        return
    werkgroep = notitie.werkgroep
    inschrijven(
        sessie=werkgroep.sessie,
        sleutel=notitie.inzendsleutel,
        gegevens={
            "naam": notitie.naam,
            "email": notitie.email,
            "telefoon": notitie.telefoon,
            "organisatie": "",
            "toestemming_contact": True,
        },
        werkgroepen=[werkgroep],
        herkomst=Lidmaatschap.Herkomst.ROLAANBOD,
    )


def afmelden(*, lidmaatschap: Lidmaatschap) -> None:
    """Leave: the membership ends, and a registration's tick for it goes too. Twice is once."""
    if not lidmaatschap.is_actief:
        return
    with transaction.atomic():
        lidmaatschap.afgemeld = timezone.now()
        lidmaatschap.save(update_fields=["afgemeld"])
        if lidmaatschap.aanmelding_id:
            lidmaatschap.aanmelding.werkgroepen.remove(lidmaatschap.werkgroep_id)
        Sessie.bump(lidmaatschap.werkgroep.sessie_id)


def bewaar_werkgroep(*, werkgroep: Werkgroep, thematafel, kernpunten) -> Werkgroep:
    """Save a workgroup the organiser made or changed, with where it grew from."""
    with transaction.atomic():
        werkgroep.save()
        bron, _nieuw = Werkgroepbron.objects.update_or_create(
            werkgroep=werkgroep, defaults={"thematafel": thematafel}
        )
        bron.kernpunten.set(kernpunten)
        Sessie.bump(werkgroep.sessie_id)
    return werkgroep


def met_aantallen(sessie: Sessie) -> QuerySet[Werkgroep]:
    """The session's workgroups with `leden`: how many active members each has."""
    kernpunten = Prefetch("bron__kernpunten", queryset=Idee.objects.zichtbaar().order_by("pk"))
    return (
        sessie.werkgroepen.annotate(
            leden=Count("lidmaatschappen", filter=Q(lidmaatschappen__afgemeld__isnull=True))
        )
        .select_related("bron__thematafel")
        .prefetch_related(kernpunten)
        .order_by("volgorde", "naam", "pk")
    )


def open_werkgroepen(sessie: Sessie) -> QuerySet[Werkgroep]:
    return met_aantallen(sessie).filter(open=True)


def met_leden(sessie: Sessie) -> list[Werkgroep]:
    """Every workgroup with its active members (`leden_lijst`), for the organiser: 2 queries."""
    leden = Prefetch(
        "lidmaatschappen",
        queryset=Lidmaatschap.objects.actief().order_by("naam", "pk"),
        to_attr="leden_lijst",
    )
    return list(met_aantallen(sessie).prefetch_related(leden))


def leden(werkgroep: Werkgroep) -> QuerySet[Lidmaatschap]:
    return werkgroep.lidmaatschappen.actief().order_by("naam", "pk")


def stuur_bericht(
    *, werkgroep: Werkgroep, sleutel: uuid.UUID, onderwerp: str, tekst: str
) -> tuple[Werkgroepbericht, bool]:
    """Record the message once per key and mail it to every member (a background task)."""
    with transaction.atomic():
        bericht, nieuw = vastleggen(
            Werkgroepbericht,
            sleutel=sleutel,
            werkgroep=werkgroep,
            onderwerp=onderwerp,
            tekst=tekst,
            ontvangers=leden(werkgroep).count(),
        )
        if nieuw:
            taal = get_language()
            transaction.on_commit(
                lambda: stuur_werkgroepbericht.enqueue(bericht_id=bericht.pk, taal=taal)
            )
    return bericht, nieuw


@dataclass(frozen=True)
class Netwerkpersoon:
    naam: str
    organisatie: str
    rol: str
    werkgroepen: list[str]
    interesses: list[str] = field(default_factory=list)
    tafels: list[str] = field(default_factory=list)


def netwerk(aanmelding: Aanmelding) -> list[Netwerkpersoon]:
    """Who else was there and wants to be found: attendees on the network list (3 queries).

    With their interests (the theme tables they preferred) and, once the table plan is
    published, the tables they sat at in round order.
    """
    werkgroepen = Prefetch(
        "lidmaatschappen",
        queryset=Lidmaatschap.objects.actief().select_related("werkgroep"),
        to_attr="actieve",
    )
    stoelen = Prefetch(
        "plaatsingen",
        queryset=Plaatsing.objects.filter(aanmelding__sessie__tafelplan__gepubliceerd__isnull=False)
        .select_related("tafel__thematafel")
        .order_by("ronde__nummer"),
        to_attr="stoelen",
    )
    anderen = (
        Aanmelding.objects.actief()
        .filter(sessie_id=aanmelding.sessie_id, toestemming_netwerk=True)
        .exclude(pk=aanmelding.pk)
        .exclude(naam="")
        .select_related("voorkeur_1", "voorkeur_2")
        .prefetch_related(werkgroepen, stoelen)
        .order_by("naam", "pk")
    )
    return [
        Netwerkpersoon(
            a.naam,
            a.organisatie,
            a.rol,
            [lid.werkgroep.naam for lid in a.actieve],
            [t.naam for t in (a.voorkeur_1, a.voorkeur_2) if t is not None],
            [f"{p.tafel.naam} ({p.tafel.thematafel.naam})" for p in a.stoelen],
        )
        for a in anderen
    ]


def uit_kernpunt(sessie: Sessie, kernpunt: str) -> dict:
    """ "Make a workgroup of this key point": the new workgroup's form, filled in from it."""
    if not (kernpunt.isascii() and kernpunt.isdigit()) or len(kernpunt) > 18:
        return {}
    idee = (
        Idee.objects.zichtbaar()
        .filter(sessie=sessie, kernpunt=True, pk=int(kernpunt))
        .select_related("tafel__thematafel")
        .first()
    )
    if idee is None:
        return {}
    return {
        "naam": idee.tekst[:150],
        "doel": idee.tekst,
        "thematafel": idee.tafel.thematafel_id,
        "kernpunten": [idee.pk],
    }
