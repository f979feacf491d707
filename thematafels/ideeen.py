"""Cross-model work of the theme tables: capturing ideas, the wall, the wrap-up and the dot vote."""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from django.core.cache import caches
from django.db import transaction
from django.db.models import Count, F, Max, Window
from django.db.models.functions import RowNumber
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from sessie.capture import vastleggen
from sessie.models import Sessie, Werkgroep
from sessie.sql import Columns, rows, select, table
from thematafels import rollen
from thematafels.models import (
    Idee,
    IdeeQuerySet,
    Prompt,
    Rolnotitie,
    Ronde,
    Samenvoeging,
    Stembiljet,
    Stip,
    Tafel,
    Thematafel,
)

# What one theme's column on the wall holds, so that it stays readable from the back of the hall.
WAND_KERNPUNTEN = 8
WAND_NIEUWSTE = 6


class StemFout(Exception):
    """A dot that cannot be placed; the message says why, for the voter."""


_RONDE = Columns(Ronde, "r")


def rondes(sessie: Sessie) -> list[Ronde]:
    """The session's rounds in order: `sessie.rondes.all()` in plain SQL, as every capture asks."""
    return select(_RONDE, "r.sessie_id = %s", [sessie.pk], order_by="r.nummer")


_PROMPT = Columns(Prompt, "p")


def prompts(thema: Thematafel) -> list[Prompt]:
    """The theme's "denk aan" prompts in order (plain SQL: every capture checks its tag)."""
    return select(_PROMPT, "p.thematafel_id = %s", [thema.pk], order_by="p.volgorde, p.id")


def aantal_ideeen(tafel: Tafel, ronde: Ronde) -> int:
    """`Idee.objects.zichtbaar().filter(tafel=…, ronde=…).count()` in plain SQL, after every
    capture; the partial index `idee_zichtbaar_per_tafel` answers it."""
    sql = (
        f"SELECT COUNT(*) FROM {table(Idee)} WHERE tafel_id = %s AND ronde_id = %s"
        " AND verwijderd IS NULL AND samengevoegd_in_id IS NULL"
    )
    return rows(sql, [tafel.pk, ronde.pk])[0][0]


def huidige_ronde(sessie: Sessie, rondes: Sequence[Ronde]) -> Ronde | None:
    """The round the session clock is in; before the first, the first; after the last, the last.

    Between two rounds (a short break) it is the next one, so hosts log into the coming round.
    """
    if not rondes:
        return None
    nu = sessie.nu()
    for ronde in rondes:
        if nu < sessie.op_tijd(ronde.eind):
            return ronde
    return rondes[-1]


def ronde_loopt(sessie: Sessie, rondes: Sequence[Ronde]) -> tuple[bool, dt.datetime | None]:
    """Whether the session clock is inside a round (not before, between or after them), and
    when that stops being true: the next start or end of a round, None after the last."""
    nu = sessie.nu()
    grenzen = [sessie.op_tijd(t) for r in rondes for t in (r.start, r.eind)]
    loopt = any(sessie.op_tijd(r.start) <= nu < sessie.op_tijd(r.eind) for r in rondes)
    return loopt, min((g for g in grenzen if g > nu), default=None)


def ronde_eind(sessie: Sessie, ronde: Ronde) -> dt.datetime:
    return sessie.op_tijd(ronde.eind)


def leg_idee_vast(
    *,
    tafel: Tafel,
    ronde: Ronde,
    sleutel: uuid.UUID,
    tekst: str,
    soort: str,
    prompt: Prompt | None,
) -> tuple[Idee, bool]:
    """Log one idea; a retry with the same key returns the idea the first try made.

    Two statements, each its own transaction: SQLite's single writer lock is then held only
    inside one statement, never across Python code, and it is what two workers queue on
    (measured: +4 % captures/s). The counter goes up after the insert and on every retry, so a
    poll never misses the idea, and a retry after a crash between the two still tells the
    screens. An extra tick only makes a screen re-render once.
    """
    idee, nieuw = vastleggen(
        Idee,
        sleutel=sleutel,
        sessie_id=ronde.sessie_id,
        tafel=tafel,
        ronde=ronde,
        tekst=tekst,
        soort=soort,
        prompt=prompt,
    )
    Sessie.bump(ronde.sessie_id)
    return idee, nieuw


def noteer_rol(
    *,
    tafel: Tafel,
    sleutel: uuid.UUID,
    naam: str,
    rol: str,
    email: str = "",
    telefoon: str = "",
    werkgroep: Werkgroep | None = None,
) -> Rolnotitie:
    """Someone at the table offers to take a role (perhaps in a workgroup); only with consent.

    A new offer goes to the registered followers (`thematafels/rollen.py`): with a workgroup and
    an address, the person becomes a member. A retry with the same key makes nothing twice.
    """
    if werkgroep is not None and werkgroep.sessie_id != tafel.thematafel.sessie_id:
        raise ValueError("The workgroup belongs to another session.")
    with transaction.atomic():
        notitie, nieuw = vastleggen(
            Rolnotitie,
            sleutel=sleutel,
            tafel=tafel,
            naam=naam,
            rol=rol,
            email=email.strip().lower(),
            telefoon=telefoon,
            werkgroep=werkgroep,
            toestemming=True,
        )
        if nieuw:
            rollen.genoteerd(notitie)
    return notitie


@dataclass
class Overdracht:
    """What the previous group at this table said, for the host to pass on."""

    ronde: Ronde
    kernpunten: list[Idee]
    aantal: int
    # When nobody starred a key point, the newest ideas are the next best thing to pass on.
    laatste: list[Idee] = field(default_factory=list)


# What a table's list shows of each idea; the host's phone polls with a mark of them.
LIJST_VELDEN = ("pk", "tekst", "soort", "kernpunt", "prompt__tekst")


def tafellijst(tafel: Tafel) -> IdeeQuerySet:
    """A table's ideas as its host's list shows them (filter on the round), newest first."""
    return Idee.objects.zichtbaar().filter(tafel=tafel).order_by("-aangemaakt", "-pk")


def lijst_rij(idee: Idee) -> tuple:
    """`LIJST_VELDEN` of an idea already read with its prompt, in that order."""
    prompt = idee.prompt.tekst if idee.prompt else None
    return (idee.pk, idee.tekst, idee.soort, idee.kernpunt, prompt)


def lijst_merk(sessie: Sessie, rijen: Iterable[Sequence]) -> str:
    """A mark of what a table's list shows: `LIJST_VELDEN` of each idea in list order, in this
    language. A capture at another table, or the hall's dots, leave it standing: the six hosts'
    lists no longer render again for every change in the session."""
    merk = hashlib.blake2b(repr((get_language(), sessie.taal)).encode(), digest_size=8)
    for rij in rijen:
        merk.update(repr(tuple(rij)).encode())
    return "m" + merk.hexdigest()


def tafellijst_merk(sessie: Sessie, tafel: Tafel, ronde: int) -> str | None:
    """The mark (`lijst_merk`) of `tafel`'s list in round number `ronde` as it stands now;
    None when the session has no such round.

    Each host's phone asks it every 5 s all evening. It is read once per process while the
    session's counter of everything but the dots (`kernpunten_versie`, read with `sessie`)
    stands still: every change a list shows moves that counter (a capture, an edit, a star, a
    deletion, a merge, the admin's prompts), the wrap-up's hundreds of dots do not. The counter
    is read before the rows, so a mark kept is never older than its counter."""

    def maak() -> str | None:
        rijen = list(tafellijst(tafel).filter(ronde__nummer=ronde).values_list(*LIJST_VELDEN))
        if not rijen and not Ronde.objects.filter(sessie=sessie, nummer=ronde).exists():
            return None
        return lijst_merk(sessie, rijen)

    key = f"lijstmerk:{tafel.pk}:{ronde}:{get_language()}:{sessie.taal}"
    merk, _uit_geheugen = bewaard(key, sessie.kernpunten_versie, maak)
    return merk


def overdracht(*, tafel: Tafel, ronde: Ronde, rondes: Sequence[Ronde]) -> Overdracht | None:
    vorige = [r for r in rondes if r.nummer < ronde.nummer]
    if not vorige:
        return None
    vorige_ronde = vorige[-1]
    ideeen = Idee.objects.zichtbaar().filter(tafel=tafel, ronde=vorige_ronde)
    kernpunten = list(ideeen.filter(kernpunt=True).order_by("aangemaakt"))
    return Overdracht(
        ronde=vorige_ronde,
        kernpunten=kernpunten,
        aantal=ideeen.count(),
        laatste=[] if kernpunten else list(ideeen.order_by("-aangemaakt", "-pk")[:5]),
    )


@dataclass
class Kolom:
    """One theme on the wall or in the wrap-up: its physical tables combined."""

    thema: Thematafel
    kernpunten: list[Idee] = field(default_factory=list)
    ideeen: list[Idee] = field(default_factory=list)
    per_ronde: dict[int, int] = field(default_factory=dict)
    meer_kernpunten: int = 0
    # The wall: everything the column shows but its key points' dots and order stands while
    # this mark does (the wall keeps those parts' rendering per process).
    merk: str = ""
    # Role offers, with names: only the organisers' wrap-up fills this, never the wall.
    rollen: list[Rolnotitie] = field(default_factory=list)

    @property
    def totaal(self) -> int:
        return sum(self.per_ronde.values())

    @property
    def meer_ideeen(self) -> int:
        """The theme's other ideas the wall leaves out: neither key points nor the newest."""
        return max(0, self.totaal - len(self.kernpunten) - self.meer_kernpunten - len(self.ideeen))


def _kernpunten(sessie: Sessie):
    return (
        Idee.objects.zichtbaar()
        .filter(sessie=sessie, kernpunt=True)
        .annotate(stemmen=Count("stippen"), thema_id=F("tafel__thematafel_id"))
    )


def _kolommen(sessie: Sessie) -> tuple[list[Kolom], dict[int, Kolom]]:
    kolommen = [Kolom(thema=t) for t in sessie.thematafels.all()]
    return kolommen, {k.thema.pk: k for k in kolommen}


def wand(sessie: Sessie, rondes: Sequence[Ronde]) -> list[Kolom]:
    """The live wall in four queries, however many ideas there are; in one while only dots
    change, as in the wrap-up.

    The hall's dots move the wall every few seconds then, and all it changes is the key points'
    dot counts and order. So what the wall shows besides is read once per process while the
    session's key-point counter stands still (a dot does not move it), and every rendering
    reads only the dots per key point."""
    stand = (sessie.kernpunten_versie, tuple(r.nummer for r in rondes))
    kolommen, uit_geheugen = bewaard(f"wand:{sessie.pk}", stand, lambda: _wand(sessie, rondes))
    if uit_geheugen:
        kernpunten = [idee for kolom in kolommen for idee in kolom.kernpunten]
        stemmen = dict(
            Stip.objects.filter(idee__in=kernpunten)
            .values("idee_id")
            .annotate(n=Count("pk"))
            .values_list("idee_id", "n")
            .order_by()
        ) if kernpunten else {}  # fmt: skip
        for idee in kernpunten:
            idee.stemmen = stemmen.get(idee.pk, 0)
    merk = f"{stand[0]}-{'.'.join(map(str, stand[1]))}"
    for kolom in kolommen:
        kolom.merk = merk
        # Most dots first; between equals, the wrap-up's order (kept from the query).
        kolom.kernpunten.sort(key=lambda idee: -idee.stemmen)
        kolom.meer_kernpunten = max(0, len(kolom.kernpunten) - WAND_KERNPUNTEN)
        del kolom.kernpunten[WAND_KERNPUNTEN:]
    return kolommen


def _wand(sessie: Sessie, rondes: Sequence[Ronde]) -> list[Kolom]:
    """What the wall shows, every key point of each theme included (`wand` keeps the first)."""
    kolommen, per_thema = _kolommen(sessie)
    for kolom in kolommen:
        kolom.per_ronde = {r.nummer: 0 for r in rondes}
    tellingen = (
        Idee.objects.zichtbaar()
        .filter(sessie=sessie)
        .values("tafel__thematafel_id", "ronde__nummer")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for rij in tellingen:
        per_thema[rij["tafel__thematafel_id"]].per_ronde[rij["ronde__nummer"]] = rij["n"]
    for idee in _kernpunten(sessie).order_by("volgorde", "aangemaakt", "pk"):
        per_thema[idee.thema_id].kernpunten.append(idee)
    nieuwste = (
        Idee.objects.zichtbaar()
        .filter(sessie=sessie, kernpunt=False)
        .annotate(
            thema_id=F("tafel__thematafel_id"),
            rang=Window(
                RowNumber(),
                partition_by=F("tafel__thematafel_id"),
                order_by=[F("aangemaakt").desc(), F("pk").desc()],
            ),
        )
        .filter(rang__lte=WAND_NIEUWSTE)
        .order_by("-aangemaakt", "-pk")
    )
    for idee in nieuwste:
        per_thema[idee.thema_id].ideeen.append(idee)
    return kolommen


def afronding(sessie: Sessie) -> list[Kolom]:
    """The wrap-up: per theme its key points in the organisers' order, then every other idea."""
    kolommen, per_thema = _kolommen(sessie)
    for idee in _kernpunten(sessie).select_related("tafel").order_by("volgorde", "aangemaakt"):
        per_thema[idee.thema_id].kernpunten.append(idee)
    overige = (
        Idee.objects.zichtbaar()
        .filter(sessie=sessie, kernpunt=False)
        .annotate(thema_id=F("tafel__thematafel_id"))
        .order_by("-aangemaakt", "-pk")
    )
    for idee in overige:
        per_thema[idee.thema_id].ideeen.append(idee)
    for notitie in _rolnotities(sessie):
        per_thema[notitie.tafel.thematafel_id].rollen.append(notitie)
    return kolommen


def _rolnotities(sessie: Sessie):
    return (
        Rolnotitie.objects.filter(tafel__thematafel__sessie=sessie)
        .select_related("tafel__thematafel", "werkgroep")
        .order_by("tafel__thematafel__nummer", "aangemaakt", "pk")
    )


def rol_rijen(sessie: Sessie) -> list[list]:
    """Every role offer, for the organisers' follow-up (names: never for the public report)."""
    return [
        [
            notitie.tafel.thematafel.naam,
            notitie.tafel.naam,
            notitie.naam,
            notitie.email,
            notitie.telefoon,
            notitie.rol,
            notitie.werkgroep.naam if notitie.werkgroep else "",
            notitie.aangemaakt,
        ]
        for notitie in _rolnotities(sessie)
    ]


def _kernpunten_van_thema(idee: Idee) -> list[Idee]:
    return list(
        Idee.objects.zichtbaar()
        .filter(kernpunt=True, tafel__thematafel_id=idee.tafel.thematafel_id)
        .order_by("volgorde", "aangemaakt", "pk")
    )


def verplaats(*, idee: Idee, omhoog: bool) -> None:
    """Move a key point one place up or down within its theme in the wrap-up."""
    with transaction.atomic():
        rij = _kernpunten_van_thema(idee)
        plek = next((i for i, k in enumerate(rij) if k.pk == idee.pk), None)
        if plek is None:
            return
        doel = plek - 1 if omhoog else plek + 1
        if 0 <= doel < len(rij):
            rij[plek], rij[doel] = rij[doel], rij[plek]
        for volgorde, kernpunt in enumerate(rij, start=1):
            kernpunt.volgorde = volgorde
        Idee.objects.bulk_update(rij, ["volgorde"])
        Sessie.bump(idee.sessie_id)


def maak_kernpunt(*, idee: Idee, kernpunt: bool) -> None:
    """Star or unstar; a new key point goes to the end of its theme's wrap-up order."""
    with transaction.atomic():
        if kernpunt and not idee.kernpunt:
            hoogste = Idee.objects.filter(
                kernpunt=True, tafel__thematafel_id=idee.tafel.thematafel_id
            ).aggregate(m=Max("volgorde"))["m"]
            Idee.objects.filter(pk=idee.pk).update(volgorde=(hoogste or 0) + 1)
        idee.zet_kernpunt(kernpunt=kernpunt)


def voeg_samen(*, idee: Idee, in_idee: Idee) -> None:
    """Fold a duplicate into another idea of the same theme; its dots go along.

    The duplicate is kept (the exports and the report show it, marked as merged), and the merge
    is recorded so that `maak_samenvoegen_ongedaan` can undo it.
    """
    if idee.pk == in_idee.pk or idee.samengevoegd_in_id is not None:
        return
    with transaction.atomic():
        stippen = list(Stip.objects.filter(idee=idee).values_list("pk", flat=True))
        Stip.objects.filter(pk__in=stippen).update(idee=in_idee)
        Idee.objects.filter(pk=idee.pk).update(samengevoegd_in=in_idee)
        Samenvoeging.objects.update_or_create(
            idee=idee, defaults={"in_idee": in_idee, "stippen": stippen}
        )
        Sessie.bump(idee.sessie_id)


def maak_samenvoegen_ongedaan(*, idee: Idee) -> None:
    """Undo a merge: the idea is back on its own, with the dots it brought."""
    with transaction.atomic():
        samenvoeging = Samenvoeging.objects.filter(idee=idee).first()
        if samenvoeging is None:
            return
        Stip.objects.filter(pk__in=samenvoeging.stippen, idee=samenvoeging.in_idee_id).update(
            idee=idee
        )
        Idee.objects.filter(pk=idee.pk).update(samengevoegd_in=None)
        samenvoeging.delete()
        Sessie.bump(idee.sessie_id)


def stemitems(sessie: Sessie) -> list[Kolom]:
    """What the dot vote is about: each theme's key points, in wrap-up order.

    Without the dots' totals: the phone never shows them, and every tap renders this list (a
    hundred phones, three taps each, within two minutes). So it is read once per process while
    the session's key-point counter stands still (a dot does not move it); each caller gets its
    own copy to mark its dots on."""
    kolommen, _uit_geheugen = bewaard(
        f"stemitems:{sessie.pk}", sessie.kernpunten_versie, lambda: _stemitems(sessie)
    )
    return kolommen


def bewaard[T](key: str, stand, maak: Callable[[], T], *, timeout: int = 300) -> tuple[T, bool]:
    """`maak()`, kept in this process's memory while `stand` (the counter it depends on) stays
    the same, `timeout` seconds at most: (the value, whether it came from memory). Each caller
    gets its own copy (the cache pickles), to mark or sort as it likes."""
    cache = caches["fragments"]
    entry = cache.get(key)
    if entry is not None and entry[0] == stand:
        return entry[1], True
    waarde = maak()
    cache.set(key, (stand, waarde), timeout=timeout)
    return waarde, False


def _stemitems(sessie: Sessie) -> list[Kolom]:
    kolommen, per_thema = _kolommen(sessie)
    kernpunten = (
        Idee.objects.zichtbaar()
        .filter(sessie=sessie, kernpunt=True)
        .annotate(thema_id=F("tafel__thematafel_id"))
        .order_by("volgorde", "aangemaakt", "pk")
    )
    for idee in kernpunten:
        per_thema[idee.thema_id].kernpunten.append(idee)
    return kolommen


def mijn_stippen(*, sessie: Sessie, biljet_sleutel: uuid.UUID) -> dict[int, int]:
    """Idea id → how many of this ballot's dots are on it."""
    rijen = (
        Stip.objects.filter(biljet__sessie=sessie, biljet__sleutel=biljet_sleutel)
        .values("idee_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {r["idee_id"]: r["n"] for r in rijen}


def zet_stip(
    *, sessie: Sessie, biljet_sleutel: uuid.UUID, idee: Idee, sleutel: uuid.UUID, erbij: bool
) -> dict[int, int]:
    """Put one dot on `idee` (or take one back); raises StemFout when no dot is left.

    Returns the ballot's dots afterwards, as `mijn_stippen` would read them: the phone's answer
    needs them, and the ballot's rows were read here already. Inside a caller's transaction
    (the vote counts its rate limit in the same one) it adds no savepoint: a refusal is raised
    after the block, where nothing was written."""
    with transaction.atomic(savepoint=False):
        stippen = _zet_stip(
            sessie=sessie, biljet_sleutel=biljet_sleutel, idee=idee, sleutel=sleutel, erbij=erbij
        )
    if stippen is None:
        raise StemFout(_("You have used all your dots. Take one away first to move it."))
    return stippen


def _zet_stip(
    *, sessie: Sessie, biljet_sleutel: uuid.UUID, idee: Idee, sleutel: uuid.UUID, erbij: bool
) -> dict[int, int] | None:
    """zet_stip's transaction; None when no dot is left."""
    # Lock the ballot before counting its dots: without it, eight taps at once on
    # PostgreSQL each count fewer than three and store seven. (SQLite's IMMEDIATE
    # transactions already serialise writers; select_for_update is a no-op there.)
    biljet, _nieuw_biljet = Stembiljet.objects.select_for_update().get_or_create(
        sessie=sessie, sleutel=biljet_sleutel
    )
    # At most three rows: one read says whether this is a retry, how many are used and on
    # what, and which one to take back.
    stippen = list(biljet.stippen.order_by("pk").values_list("pk", "inzendsleutel", "idee_id"))
    if not erbij:
        laatste = next((pk for pk, _s, op in reversed(stippen) if op == idee.pk), None)
        if laatste is not None:
            Stip.objects.filter(pk=laatste).delete()
            stippen = [stip for stip in stippen if stip[0] != laatste]
            Sessie.bump(sessie.pk, stip=True)
        return _per_idee(stippen)
    if any(s == sleutel for _pk, s, _op in stippen):
        return _per_idee(stippen)  # a retry of a dot already counted
    if len(stippen) >= Stembiljet.MAX_STIPPEN:
        return None
    stip, nieuw = vastleggen(Stip, sleutel=sleutel, biljet=biljet, idee=idee)
    if not nieuw:  # stored meanwhile under this key: read what the ballot holds now
        return mijn_stippen(sessie=sessie, biljet_sleutel=biljet_sleutel)
    Sessie.bump(sessie.pk, stip=True)
    return _per_idee([*stippen, (stip.pk, sleutel, idee.pk)])


def _per_idee(stippen: list[tuple[int, uuid.UUID, int]]) -> dict[int, int]:
    per_idee: dict[int, int] = {}
    for _pk, _sleutel, idee_id in stippen:
        per_idee[idee_id] = per_idee.get(idee_id, 0) + 1
    return per_idee


def export_rijen(sessie: Sessie) -> list[list]:
    """Every idea that counts, for the follow-up report's spreadsheet (no personal data).

    Merged ideas stay, each marked with the idea it was merged into: the table's own wording
    is part of the record.
    """
    ideeen = (
        Idee.objects.filter(sessie=sessie, verwijderd__isnull=True)
        .select_related("tafel__thematafel", "ronde", "prompt", "samengevoegd_in")
        .annotate(stemmen=Count("stippen"))
        .order_by("tafel__thematafel__nummer", "-kernpunt", "volgorde", "ronde__nummer", "pk")
    )
    return [
        [
            idee.tafel.thematafel.naam,
            idee.tafel.naam,
            idee.ronde.nummer,
            idee.get_soort_display(),
            idee.prompt.tekst if idee.prompt else "",
            idee.tekst,
            "★" if idee.kernpunt else "",
            idee.stemmen,
            idee.samengevoegd_in.tekst if idee.samengevoegd_in else "",
        ]
        for idee in ideeen
    ]
