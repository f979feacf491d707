"""The table plan ("tafelindeling"): who sits at which theme table in each round.

The planner itself is a pure function (`thematafels/rotatie.py`); this module feeds it the
session's people, tables and rounds and keeps its answer as `Plaatsing` rows. Every verb changes
the plan in one transaction and bumps the session's change counter, so live screens follow.

Whose plan it is: before the evening the active registrations (`bron="aangemeld"`), at the
evening those checked in, walk-ins included (`bron="aanwezig"`). Once a plan is published,
people have seen their tables: from then on nobody is moved by a verb, only newcomers are added
(`plaats_nieuwkomers`) and an organiser may move one person at a time (`verplaats`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from aanmelden.models import Aanmelding, Plaatsing, Tafelplan
from sessie.models import Sessie
from thematafels import rotatie
from thematafels.models import Ronde, Tafel

BRONNEN = tuple(Tafelplan.Bron.values)


class IndelingFout(Exception):
    """A plan that cannot be made or a move that breaks a rule; the message says why."""


def korte_naam(naam: str) -> str:
    """First name and the initial of the surname ("Anouk de Vries" -> "Anouk V."): what a
    public screen may show."""
    delen = naam.split()
    if not delen:
        return ""
    if len(delen) == 1:
        return delen[0]
    return f"{delen[0]} {delen[-1][0].upper()}."


def tafel_label(tafel: Tafel) -> str:
    """ "Tafel 2A Wijksamenwerking": the table and its theme (the theme must be loaded)."""
    return f"{tafel.naam} {tafel.thematafel.naam}"


def _rondes(sessie: Sessie) -> list[Ronde]:
    return list(Ronde.objects.filter(sessie=sessie).order_by("nummer"))


def _tafels(sessie: Sessie) -> list[Tafel]:
    return list(
        Tafel.objects.filter(thematafel__sessie=sessie)
        .select_related("thematafel")
        .order_by("thematafel__nummer", "naam", "pk")
    )


def _als_tafels(tafels: list[Tafel]) -> list[rotatie.Tafel]:
    return [rotatie.Tafel(t.pk, t.thematafel_id, t.capaciteit, t.naam) for t in tafels]


def _mensen(sessie: Sessie, bron: str) -> QuerySet[Aanmelding]:
    """The people of a plan: active registrations, or only those checked in."""
    mensen = Aanmelding.objects.actief().filter(sessie=sessie)
    if bron == Tafelplan.Bron.AANWEZIG:
        mensen = mensen.filter(ingecheckt__isnull=False)
    return mensen


def _persoon(aanmelding: Aanmelding, vast: dict[int, int] | None = None) -> rotatie.Persoon:
    voorkeuren = tuple(t for t in (aanmelding.voorkeur_1_id, aanmelding.voorkeur_2_id) if t)
    return rotatie.Persoon(
        id=aanmelding.pk,
        voorkeuren=voorkeuren,
        organisatie=aanmelding.organisatie,
        vast=vast or {},
    )


def _huidige_plaatsingen(sessie: Sessie) -> dict[int, dict[int, int]]:
    """Every stored seat of the session: person id -> {round id -> table id}."""
    plaatsingen: dict[int, dict[int, int]] = defaultdict(dict)
    rijen = Plaatsing.objects.filter(aanmelding__sessie=sessie).values_list(
        "aanmelding_id", "ronde_id", "tafel_id"
    )
    for aanmelding_id, ronde_id, tafel_id in rijen:
        plaatsingen[aanmelding_id][ronde_id] = tafel_id
    return plaatsingen


def _controleer_opzet(rondes: list[Ronde], tafels: list[Tafel]) -> None:
    if not rondes:
        raise IndelingFout(
            _("This session has no rounds yet: add the theme tables' rounds to the programme.")
        )
    if not tafels:
        raise IndelingFout(_("This session has no tables yet: add a table to each theme."))
    if not any(t.capaciteit > 0 for t in tafels):
        raise IndelingFout(_("No table has seats: give the tables a capacity above 0."))


def _bewaar(plaatsingen: dict[int, dict[int, int]], *, alleen: set[tuple[int, int]] | None):
    """New `Plaatsing` rows; with `alleen`, only those (person, round) pairs."""
    Plaatsing.objects.bulk_create(
        Plaatsing(aanmelding_id=pid, ronde_id=ronde, tafel_id=tafel)
        for pid, eigen in sorted(plaatsingen.items())
        for ronde, tafel in sorted(eigen.items())
        if alleen is None or (pid, ronde) in alleen
    )


def maak_plan(*, sessie: Sessie, bron: str) -> rotatie.Plan:
    """Plan everyone of `bron` afresh and keep it, replacing an unpublished plan.

    Raises IndelingFout when the session cannot have a plan (no rounds, no tables, nobody to
    place) or when its plan is published: people have seen it, so it is only added to.
    """
    if bron not in BRONNEN:
        raise IndelingFout(_("Choose whom to plan: the registrations or those checked in."))
    rondes, tafels = _rondes(sessie), _tafels(sessie)
    _controleer_opzet(rondes, tafels)
    mensen = list(_mensen(sessie, bron))
    if not mensen:
        if bron == Tafelplan.Bron.AANWEZIG:
            raise IndelingFout(_("Nobody is checked in yet: there is nobody to place."))
        raise IndelingFout(_("Nobody has signed up yet: there is nobody to place."))
    plan = rotatie.plan(
        personen=[_persoon(a) for a in mensen],
        tafels=_als_tafels(tafels),
        rondes=[r.pk for r in rondes],
    )
    with transaction.atomic():
        bestaand = Tafelplan.objects.select_for_update().filter(sessie=sessie).first()
        if bestaand is not None and bestaand.gepubliceerd is not None:
            raise IndelingFout(
                _(
                    "The plan is published: people have seen their tables. Place newcomers, "
                    "move people by hand, or withdraw the plan first."
                )
            )
        Plaatsing.objects.filter(aanmelding__sessie=sessie).delete()
        _bewaar(plan.plaatsingen, alleen=None)
        Tafelplan.objects.update_or_create(
            sessie=sessie, defaults={"bron": bron, "melding": plan.melding, "gepubliceerd": None}
        )
        Sessie.bump(sessie.pk)
    return plan


def plaats_nieuwkomers(*, sessie: Sessie) -> list[int]:
    """Seat everyone of the plan who has no seat yet (late walk-ins) in the best remaining seats.

    Nobody who is seated moves: their seats go to the planner as fixed. A cancelled person's
    seats are given up first. Returns the ids of the people who got a seat.
    """
    tafelplan = Tafelplan.objects.filter(sessie=sessie).first()
    if tafelplan is None:
        raise IndelingFout(_("There is no plan yet: make one first."))
    rondes, tafels = _rondes(sessie), _tafels(sessie)
    _controleer_opzet(rondes, tafels)
    with transaction.atomic():
        Plaatsing.objects.filter(
            aanmelding__sessie=sessie, aanmelding__geannuleerd__isnull=False
        ).delete()
        huidig = _huidige_plaatsingen(sessie)
        ronde_ids = {r.pk for r in rondes}
        mensen = {a.pk: a for a in _mensen(sessie, tafelplan.bron)}
        mensen |= {a.pk: a for a in Aanmelding.objects.filter(pk__in=huidig)}
        nieuw = [pid for pid in mensen if not ronde_ids <= set(huidig.get(pid, {}))]
        if not nieuw:
            return []
        plan = rotatie.plan(
            personen=[_persoon(a, huidig.get(a.pk)) for a in mensen.values()],
            tafels=_als_tafels(tafels),
            rondes=[r.pk for r in rondes],
        )
        ontbrekend = {
            (pid, ronde)
            for pid in nieuw
            for ronde in plan.plaatsingen.get(pid, {})
            if ronde not in huidig.get(pid, {})
        }
        _bewaar(plan.plaatsingen, alleen=ontbrekend)
        geplaatst = sorted({pid for pid, _ronde in ontbrekend})
        if geplaatst:
            Sessie.bump(sessie.pk)
    return geplaatst


def plaats_inloper(*, sessie: Sessie, aanmelding: Aanmelding) -> list[tuple[Ronde, Tafel]]:
    """At the door: once the plan is published, a new walk-in gets seats at once (with anyone
    else still waiting for one); before that, the organiser's plan will include them. Their
    seats in round order, or empty when there are none (no published plan, no free seat)."""
    if not is_gepubliceerd(sessie):
        return []
    try:
        plaats_nieuwkomers(sessie=sessie)
    except IndelingFout:
        return []  # no rounds or tables: the door still checks them in
    return stoelen_van(aanmelding)


def verplaats(*, sessie: Sessie, aanmelding: Aanmelding, ronde: Ronde, tafel: Tafel) -> None:
    """Move one person to `tafel` in `ronde` by hand (or seat someone without a seat).

    Raises IndelingFout with the planner's reason when the move breaks a hard rule: a theme
    twice, or a full table.
    """
    if Tafelplan.objects.filter(sessie=sessie).first() is None:
        raise IndelingFout(_("There is no plan yet: make one first."))
    if aanmelding.sessie_id != sessie.pk or ronde.sessie_id != sessie.pk:
        raise IndelingFout(_("This person or round is not part of this session."))
    tafels = _tafels(sessie)
    rondes = _rondes(sessie)
    with transaction.atomic():
        huidig = _huidige_plaatsingen(sessie)
        huidig.setdefault(aanmelding.pk, {})
        plan = rotatie.Plan(
            plaatsingen=dict(huidig), niet_geplaatst=(), melding="", cijfers=None
        )  # the figures play no part in checking a move
        reden = rotatie.valideer_verplaatsing(
            plan,
            aanmelding.pk,
            ronde.pk,
            tafel.pk,
            tafels=_als_tafels(tafels),
            rondes=[r.pk for r in rondes],
        )
        if reden:
            raise IndelingFout(reden.replace(f"Deelnemer {aanmelding.pk}", aanmelding.naam))
        Plaatsing.objects.update_or_create(
            aanmelding=aanmelding, ronde=ronde, defaults={"tafel": tafel}
        )
        Sessie.bump(sessie.pk)


def publiceer(*, sessie: Sessie, publiceren: bool = True) -> Tafelplan:
    """Let everyone see the plan (personal page, "waar zit ik?", table hosts), or withdraw it."""
    with transaction.atomic():
        tafelplan = Tafelplan.objects.select_for_update().filter(sessie=sessie).first()
        if tafelplan is None:
            raise IndelingFout(_("There is no plan yet: make one first."))
        tafelplan.gepubliceerd = timezone.now() if publiceren else None
        tafelplan.save(update_fields=["gepubliceerd"])
        Sessie.bump(sessie.pk)
    return tafelplan


def is_gepubliceerd(sessie: Sessie) -> bool:
    return Tafelplan.objects.filter(sessie=sessie, gepubliceerd__isnull=False).exists()


# --------------------------------------------------------------------------------------------
# Reading the plan: the organiser's overview, print sheets, "waar zit ik?", the personal page


@dataclass
class TafelInRonde:
    tafel: Tafel
    mensen: list[Aanmelding] = field(default_factory=list)

    @property
    def vol(self) -> bool:
        return len(self.mensen) >= self.tafel.capaciteit


@dataclass
class RondeIndeling:
    ronde: Ronde
    tafels: list[TafelInRonde]


@dataclass
class Overzicht:
    """Everything the organiser's page shows, read in a fixed number of queries."""

    tafelplan: Tafelplan | None
    rondes: list[Ronde]
    tafels: list[Tafel]
    indeling: list[RondeIndeling]
    mensen: list[Aanmelding]  # everyone of the plan, with `.stoelen`: round id -> Tafel
    zonder_plaats: list[Aanmelding]
    cijfers: rotatie.Cijfers | None

    @property
    def groottes(self) -> list[tuple[Ronde, int, int]]:
        """(round, smallest, largest table) per round, for the figures."""
        maten = self.cijfers.tafelgrootte if self.cijfers else {}
        return [(r, *maten[r.pk]) for r in self.rondes if r.pk in maten]


def _mensen_met_stoelen(sessie: Sessie, bron: str, tafels: dict[int, Tafel]) -> list[Aanmelding]:
    """The plan's people (its source plus anyone seated), each with `.stoelen`."""
    van_bron = _mensen(sessie, bron).values("pk")
    gezeten = Plaatsing.objects.filter(aanmelding__sessie=sessie).values("aanmelding_id")
    mensen = list(
        Aanmelding.objects.filter(sessie=sessie)
        # People of the source, or seated (a cancelled person's seat still counts until freed).
        .filter(Q(pk__in=van_bron) | Q(pk__in=gezeten))
        .prefetch_related(
            Prefetch("plaatsingen", queryset=Plaatsing.objects.only("aanmelding", "ronde", "tafel"))
        )
        .order_by("naam", "pk")
    )
    for persoon in mensen:
        persoon.stoelen = {p.ronde_id: tafels[p.tafel_id] for p in persoon.plaatsingen.all()}
    return mensen


def overzicht(*, sessie: Sessie) -> Overzicht:
    """The plan as it stands, its figures and who lacks a seat."""
    tafelplan = Tafelplan.objects.filter(sessie=sessie).first()
    rondes, tafels = _rondes(sessie), _tafels(sessie)
    if tafelplan is None:
        return Overzicht(None, rondes, tafels, [], [], [], None)
    per_id = {t.pk: t for t in tafels}
    mensen = _mensen_met_stoelen(sessie, tafelplan.bron, per_id)
    indeling = []
    for ronde in rondes:
        aan = {t.pk: TafelInRonde(t) for t in tafels}
        for persoon in mensen:
            tafel = persoon.stoelen.get(ronde.pk)
            if tafel is not None:
                aan[tafel.pk].mensen.append(persoon)
        indeling.append(RondeIndeling(ronde, list(aan.values())))
    for persoon in mensen:
        persoon.per_ronde = [(r, persoon.stoelen.get(r.pk)) for r in rondes]
    zonder = [m for m in mensen if len(m.stoelen) < len(rondes)]
    figuren = rotatie.cijfers(
        {m.pk: {r: t.pk for r, t in m.stoelen.items()} for m in mensen},
        personen=[_persoon(m) for m in mensen],
        tafels=_als_tafels(tafels),
        rondes=[r.pk for r in rondes],
    )
    return Overzicht(tafelplan, rondes, tafels, indeling, mensen, zonder, figuren)


def cijfers_van(*, sessie: Sessie) -> rotatie.Cijfers | None:
    """The figures of the current placements (None while there is no plan)."""
    return overzicht(sessie=sessie).cijfers


def stoelen_van(aanmelding: Aanmelding) -> list[tuple[Ronde, Tafel]]:
    """One person's seats in round order, once the plan is published (else empty)."""
    rijen = (
        Plaatsing.objects.filter(
            aanmelding=aanmelding, aanmelding__sessie__tafelplan__gepubliceerd__isnull=False
        )
        .select_related("ronde", "tafel__thematafel")
        .order_by("ronde__nummer")
    )
    return [(p.ronde, p.tafel) for p in rijen]


@dataclass(frozen=True)
class Regel:
    naam: str
    tafels: list[str]


def waar_zit_ik(*, sessie: Sessie) -> list[tuple[str, list[Regel]]]:
    """The projector's list: by first letter, each person's short name and their tables in round
    order. Only once the plan is published (else empty); never more than the short name."""
    rijen = (
        Plaatsing.objects.filter(
            aanmelding__sessie=sessie,
            aanmelding__geannuleerd__isnull=True,
            aanmelding__sessie__tafelplan__gepubliceerd__isnull=False,
        )
        .select_related("tafel__thematafel")
        .order_by("ronde__nummer")
        .values_list("aanmelding_id", "aanmelding__naam", "tafel__naam", "tafel__thematafel__naam")
    )
    per_persoon: dict[int, tuple[str, list[str]]] = {}
    for pid, naam, tafel, thema in rijen:
        per_persoon.setdefault(pid, (korte_naam(naam), []))[1].append(f"{tafel} {thema}")
    regels = sorted(
        (Regel(naam, tafels) for naam, tafels in per_persoon.values()),
        key=lambda r: (r.naam.casefold(), r.tafels),
    )
    groepen: dict[str, list[Regel]] = {}
    for regel in regels:
        letter = regel.naam[:1].upper() if regel.naam[:1].isalpha() else "#"
        groepen.setdefault(letter, []).append(regel)
    return list(groepen.items())


def verwacht(tafel_id: int, ronde_id: int) -> list[str]:
    """Who a table host expects at their table in a round (short names), once published:
    `thematafels.verwacht.VERWACHT` (one query)."""
    namen = Plaatsing.objects.filter(
        tafel_id=tafel_id,
        ronde_id=ronde_id,
        aanmelding__geannuleerd__isnull=True,
        aanmelding__sessie__tafelplan__gepubliceerd__isnull=False,
    ).values_list("aanmelding__naam", flat=True)
    return sorted((korte_naam(n) for n in namen), key=str.casefold)


def rondes_van(sessie: Sessie) -> list[Ronde]:
    return _rondes(sessie)
