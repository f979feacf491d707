"""Rotation planner for a World Café evening: who sits at which physical table in each round.

A pure function (no ORM): `plan()` takes people, tables and rounds and returns a `Plan`.

Hard rules: nobody gets the same theme twice, no table above its capacity, everyone placed when
the seats allow; when they do not, as many as possible are placed and the `melding` says in Dutch
how many seats are missing and where, and `niet_geplaatst` lists everyone without a table.

Why this design. The preference and balance part is a small exact problem once people are grouped
by profile (their preferences, plus any fixed themes of late-comers re-planned after the start):
integer variables n[profile, theme sequence] count how many of a profile get each sequence of
themes over the rounds. HiGHS solves it lexicographically in three tiny solves (seats filled, then
preference score, then theme balance); with 3 themes and 2 rounds that is at most 10 profiles x 16
sequences whatever the number of people, so 1,000 people cost the same as 60. Because theme seats
are the sum of the theme's tables, the split over physical tables never costs preference, so the
plan's preference score is the exact optimum (the tests and `bench/rotatie.py` check this against a
person-level MILP). Who sits with whom (organisations spread, few repeated pairs) is a much larger
quadratic problem with little at stake; a deterministic greedy fill per theme and round followed by
a bounded swap search does it well in milliseconds.

Measured on this machine (2 shared cores, `python bench/rotatie.py`: 3 themes x 2 tables with
5% spare seats, 2 rounds, ~30 organisations, preferences skewed to theme 1, median of 3):

    people  time     both prefs  first choice  score  gap vs person-level MILP  theme tables
    60      20 ms    95.7%       100%          98.76% 0.00 points               differ <= 0
    300     35-60 ms 99.0%       100%          99.74% 0.00 points               differ <= 0
    1000    170-300  99.7%       100%          99.92% (MILP not run)            differ <= 1

Most of the time for 1,000 people is the Python table fill and the figures, not HiGHS. Table
sizes across themes range 158-175 at 1,000 people because the wanted theme fills up: balance
comes after preferences.

Determinism: all input is sorted by id, HiGHS runs single-threaded with a fixed seed, and the
greedy steps break ties by id, so the same input (in any order) gives the same plan.
"""

from __future__ import annotations

import itertools
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import highspy

# Preference points per person: the first choice weighs more than the second.
PUNTEN_EERSTE = 2
PUNTEN_TWEEDE = 1


@dataclass(frozen=True)
class Persoon:
    """A participant. `voorkeuren`: theme ids, first choice first (unknown and duplicate ids are
    ignored, at most two count). `vast`: placements that must stay, round id -> table id."""

    id: int
    voorkeuren: tuple[int, ...] = ()
    organisatie: str = ""
    vast: Mapping[int, int] | tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class Tafel:
    """A physical table of a theme (`thema` is the theme id)."""

    id: int
    thema: int
    capaciteit: int
    naam: str = ""


@dataclass(frozen=True)
class Cijfers:
    """Figures of a placement.

    - `pct_beide`: of the people who gave two (valid, different) preferences, the percentage who
      sit at both themes in some round; None when nobody gave two.
    - `pct_eerste`: of the people who gave a first choice, the percentage who sit at it; None when
      nobody gave one.
    - `score`: preference points, 2 per first choice and 1 per second choice honoured;
      `max_score` the points if everyone got everything they asked for.
    - `tafelgrootte`: per round id (min, max) people at a table, over tables with capacity > 0.
    - `max_verschil_thema`: the largest size difference between tables of one theme in one round.
    - `organisatie_botsingen`: pairs of people of one (non-empty) organisation at the same table in
      the same round, summed over rounds.
    - `herhaalde_paren`: pairs of people who sit together in more than one round.
    """

    deelnemers: int
    geplaatst: int
    pct_beide: float | None
    pct_eerste: float | None
    score: int
    max_score: int
    tafelgrootte: dict[int, tuple[int, int]]
    max_verschil_thema: int
    organisatie_botsingen: int
    herhaalde_paren: int


@dataclass(frozen=True)
class Plan:
    """`plaatsingen`: person id -> {round id -> table id}, for every input person (a person
    without a seat in some round lacks that round and is listed in `niet_geplaatst`)."""

    plaatsingen: dict[int, dict[int, int]]
    niet_geplaatst: tuple[int, ...]
    melding: str
    cijfers: Cijfers


# --------------------------------------------------------------------------------------------
# Input normalisation


@dataclass(frozen=True)
class _Deelnemer:
    id: int
    voorkeuren: tuple[int, ...]
    organisatie: str
    vast: dict[int, int]


@dataclass
class _Invoer:
    deelnemers: list[_Deelnemer]  # sorted by id, one per id
    tafels: dict[int, Tafel]  # capacity clamped at 0
    themas: list[int]  # sorted ids of themes that have a table
    thema_tafels: dict[int, list[Tafel]]  # theme -> its tables, sorted by id
    rondes: tuple[int, ...]
    meldingen: list[str]


def _normaliseer(
    personen: Iterable[Persoon], tafels: Iterable[Tafel], rondes: Iterable[int]
) -> _Invoer:
    rondes = tuple(rondes)
    if len(set(rondes)) != len(rondes):
        raise ValueError("Een ronde staat dubbel in de lijst met rondes.")
    tafel_per_id: dict[int, Tafel] = {}
    for tafel in tafels:
        if tafel.id in tafel_per_id:
            raise ValueError(f"Tafel {tafel.id} staat dubbel in de lijst met tafels.")
        # A negative capacity is a typo, not a request to remove people: treat it as no seats.
        tafel_per_id[tafel.id] = Tafel(tafel.id, tafel.thema, max(0, tafel.capaciteit), tafel.naam)
    thema_tafels: dict[int, list[Tafel]] = defaultdict(list)
    for tafel in sorted(tafel_per_id.values(), key=lambda t: t.id):
        thema_tafels[tafel.thema].append(tafel)
    themas = sorted(thema_tafels)
    meldingen: list[str] = []

    per_id: dict[int, list[Persoon]] = defaultdict(list)
    for persoon in personen:
        per_id[persoon.id].append(persoon)
    deelnemers = []
    for pid in sorted(per_id):
        kandidaten = per_id[pid]
        if len(kandidaten) > 1:
            meldingen.append(
                f"Deelnemer {pid} stond {len(kandidaten)} keer in de lijst en is één keer "
                "ingepland."
            )
            # Pick by content, not by input order, so that a shuffled input gives the same plan.
            kandidaten = sorted(
                kandidaten,
                key=lambda p: repr((p.voorkeuren, p.organisatie, sorted(dict(p.vast).items()))),
            )
        persoon = kandidaten[0]
        voorkeuren: list[int] = []
        for thema in persoon.voorkeuren:
            if thema in thema_tafels and thema not in voorkeuren and len(voorkeuren) < 2:
                voorkeuren.append(thema)
        vast = {}
        for ronde, tafel_id in sorted(dict(persoon.vast).items()):
            if ronde in rondes and tafel_id in tafel_per_id:
                vast[ronde] = tafel_id
            else:
                meldingen.append(
                    f"De vaste plaats van deelnemer {pid} (ronde {ronde}, tafel {tafel_id}) "
                    "verwijst naar een onbekende ronde of tafel en is genegeerd."
                )
        deelnemers.append(
            _Deelnemer(pid, tuple(voorkeuren), (persoon.organisatie or "").strip(), vast)
        )
    return _Invoer(deelnemers, tafel_per_id, themas, dict(thema_tafels), rondes, meldingen)


def _punten(voorkeuren: tuple[int, ...], themas: Iterable[int | None]) -> int:
    gekregen = set(themas)
    punten = 0
    if voorkeuren and voorkeuren[0] in gekregen:
        punten += PUNTEN_EERSTE
    if len(voorkeuren) > 1 and voorkeuren[1] in gekregen:
        punten += PUNTEN_TWEEDE
    return punten


def _max_punten(voorkeuren: tuple[int, ...]) -> int:
    return (PUNTEN_EERSTE if voorkeuren else 0) + (PUNTEN_TWEEDE if len(voorkeuren) > 1 else 0)


# --------------------------------------------------------------------------------------------
# A small MILP wrapper around highspy


class _Milp:
    """Columns and rows added one by one; solved several times with different objectives."""

    def __init__(self) -> None:
        self.h = highspy.Highs()
        self.h.setOptionValue("output_flag", False)
        self.h.setOptionValue("threads", 1)
        self.h.setOptionValue("random_seed", 1)
        self.h.setOptionValue("mip_rel_gap", 0.0)
        self.n = 0

    def var(self, lb: float, ub: float, integer: bool = True) -> int:
        self.h.addCol(0.0, lb, ub, 0, [], [])
        if integer:
            self.h.changeColIntegrality(self.n, highspy.HighsVarType.kInteger)
        self.n += 1
        return self.n - 1

    def row(self, lb: float, ub: float, coefs: Mapping[int, float]) -> None:
        idx = sorted(coefs)
        self.h.addRow(lb, ub, len(idx), idx, [float(coefs[i]) for i in idx])

    def solve(
        self, costs: Mapping[int, float], maximize: bool, deadline: float
    ) -> tuple[list[float], float] | None:
        """Solve with this objective; the values and objective value, or None without a
        feasible solution within the time left."""
        self.h.changeColsCost(
            self.n, list(range(self.n)), [float(costs.get(i, 0.0)) for i in range(self.n)]
        )
        self.h.changeObjectiveSense(
            highspy.ObjSense.kMaximize if maximize else highspy.ObjSense.kMinimize
        )
        self.h.setOptionValue("time_limit", max(0.01, deadline - time.perf_counter()))
        self.h.run()
        if self.h.getInfo().primal_solution_status != 2:  # 2: feasible solution
            return None
        waarden = list(self.h.getSolution().col_value)
        return waarden, sum(c * waarden[i] for i, c in costs.items())


# --------------------------------------------------------------------------------------------
# Step (a): themes per person per round


Reeks = tuple[int | None, ...]  # a theme per round, None: no seat that round
Profiel = tuple[tuple[int, ...], tuple[int | None, ...]]  # (preferences, fixed theme per round)


def _reeksen(profiel: Profiel, vrije_themas: list[list[int]]) -> list[Reeks]:
    """Theme sequences allowed for a profile: fixed rounds as fixed, free rounds any theme with
    free seats (or None), no theme twice."""
    _, vast = profiel
    vaste_themas = {t for t in vast if t is not None}
    keuzes = [[v] if v is not None else [*vrije_themas[i], None] for i, v in enumerate(vast)]
    reeksen = []
    for reeks in itertools.product(*keuzes):
        vrij = [t for t, v in zip(reeks, vast, strict=True) if v is None and t is not None]
        if len(set(vrij)) == len(vrij) and not vaste_themas.intersection(vrij):
            reeksen.append(reeks)
    return reeksen


def _verdeel_themas(
    groepen: dict[Profiel, int],
    themas: list[int],
    rondes: tuple[int, ...],
    vrije_plaatsen: dict[tuple[int, int], int],
    vaste_bezetting: dict[tuple[int, int], int],
    aantal_tafels: dict[int, int],
    deadline: float,
) -> dict[Profiel, dict[Reeks, int]]:
    """How many people of each profile get each theme sequence (exact, lexicographic: seats
    filled, preference points, theme balance)."""
    vrije_themas = [[t for t in themas if vrije_plaatsen[t, r] > 0] for r in rondes]
    milp = _Milp()
    kolommen: dict[tuple[Profiel, Reeks], int] = {}
    for profiel in sorted(groepen, key=repr):
        aantal = groepen[profiel]
        rij = {}
        for reeks in _reeksen(profiel, vrije_themas):
            kolom = kolommen[profiel, reeks] = milp.var(0, aantal)
            rij[kolom] = 1.0
        milp.row(aantal, aantal, rij)
    per_thema_ronde: dict[tuple[int, int], dict[int, float]] = defaultdict(dict)
    for (profiel, reeks), kolom in kolommen.items():
        for i, (thema, vast) in enumerate(zip(reeks, profiel[1], strict=True)):
            if thema is not None and vast is None:
                per_thema_ronde[thema, rondes[i]][kolom] = 1.0
    for (thema, ronde), rij in sorted(per_thema_ronde.items()):
        milp.row(0, vrije_plaatsen[thema, ronde], rij)

    geplaatst = {
        k: sum(t is not None and v is None for t, v in zip(reeks, profiel[1], strict=True))
        for (profiel, reeks), k in kolommen.items()
    }
    punten = {k: _punten(profiel[0], reeks) for (profiel, reeks), k in kolommen.items()}

    oplossing = None
    for doel in (geplaatst, punten):
        doel = {k: c for k, c in doel.items() if c}
        resultaat = milp.solve(doel, maximize=True, deadline=deadline)
        if resultaat is None:
            break
        oplossing, waarde = resultaat
        # Keep this level's optimum while optimising the next (objectives are integral).
        milp.row(round(waarde) - 0.5, highspy.kHighsInf, doel)
    if oplossing is not None:
        # Theme balance: per round, each theme's load as close as possible to an equal share per
        # table (L1 distance); the load of a full small theme simply cannot reach it.
        balans: dict[int, float] = {}
        waarden = oplossing
        for i, ronde in enumerate(rondes):
            vrij = {k for (p, s), k in kolommen.items() if s[i] is not None and p[1][i] is None}
            vast_totaal = sum(vaste_bezetting.get((t, ronde), 0) for t in themas)
            totaal = sum(round(waarden[k]) for k in vrij) + vast_totaal
            tafels_totaal = sum(aantal_tafels[t] for t in themas)
            if not tafels_totaal:
                continue
            for thema in themas:
                if not aantal_tafels[thema]:
                    continue
                doel_last = totaal * aantal_tafels[thema] / tafels_totaal
                boven = milp.var(0, highspy.kHighsInf, integer=False)
                onder = milp.var(0, highspy.kHighsInf, integer=False)
                rij = {k: 1.0 for (p, s), k in kolommen.items() if s[i] == thema and k in vrij}
                rij[boven], rij[onder] = -1.0, 1.0
                rest = doel_last - vaste_bezetting.get((thema, ronde), 0)
                milp.row(rest, rest, rij)
                balans[boven] = balans[onder] = 1.0
        if balans:
            resultaat = milp.solve(balans, maximize=False, deadline=deadline)
            if resultaat is not None:
                oplossing = resultaat[0]
    if oplossing is None:
        return _verdeel_themas_gulzig(groepen, vrije_themas, rondes, vrije_plaatsen)
    verdeling: dict[Profiel, dict[Reeks, int]] = defaultdict(dict)
    for (profiel, reeks), kolom in kolommen.items():
        if (aantal := round(oplossing[kolom])) > 0:
            verdeling[profiel][reeks] = aantal
    return verdeling


def _verdeel_themas_gulzig(
    groepen: dict[Profiel, int],
    vrije_themas: list[list[int]],
    rondes: tuple[int, ...],
    vrije_plaatsen: dict[tuple[int, int], int],
) -> dict[Profiel, dict[Reeks, int]]:
    """Fallback when HiGHS finds nothing in time: one person at a time, best sequence that
    still fits. Never expected in practice; it keeps `plan()` total."""
    over = dict(vrije_plaatsen)
    verdeling: dict[Profiel, dict[Reeks, int]] = defaultdict(dict)
    for profiel in sorted(groepen, key=repr):
        reeksen = _reeksen(profiel, vrije_themas)
        reeksen.sort(
            key=lambda s: (
                -sum(t is not None and v is None for t, v in zip(s, profiel[1], strict=True)),
                -_punten(profiel[0], s),
            )
        )
        for _ in range(groepen[profiel]):
            for reeks in reeksen:
                nodig = [
                    (t, rondes[i])
                    for i, (t, v) in enumerate(zip(reeks, profiel[1], strict=True))
                    if t is not None and v is None
                ]
                if all(over[x] > 0 for x in nodig):
                    for x in nodig:
                        over[x] -= 1
                    verdeling[profiel][reeks] = verdeling[profiel].get(reeks, 0) + 1
                    break
    return verdeling


def _spreid(aantallen: list[tuple[Reeks, int]]) -> list[Reeks]:
    """Interleave sequences in proportion to their counts (smooth weighted round robin), so
    that people sorted by organisation end up spread over the sequences."""
    totaal = sum(n for _, n in aantallen)
    stand = [0] * len(aantallen)
    uit = []
    for _ in range(totaal):
        for i, (_, n) in enumerate(aantallen):
            stand[i] += n
        beste = max(range(len(aantallen)), key=lambda i: (stand[i], -i))
        stand[beste] -= totaal
        uit.append(aantallen[beste][0])
    return uit


# --------------------------------------------------------------------------------------------
# Step (b): physical tables per theme per round


def _groottes(tafels: list[Tafel], vast: Counter[int], aantal: int) -> dict[int, int]:
    """Target sizes for the tables of one theme in one round: start from the fixed people, add
    the others one at a time to the smallest table that has room (ties: lowest id), so sizes
    differ by at most 1 wherever capacities allow."""
    grootte = {t.id: vast[t.id] for t in tafels}
    ruimte = {t.id: max(t.capaciteit, vast[t.id]) for t in tafels}
    for _ in range(aantal):
        open_ = [t for t in grootte if grootte[t] < ruimte[t]]
        if not open_:
            break
        kleinste = min(open_, key=lambda t: (grootte[t], t))
        grootte[kleinste] += 1
    return grootte


# Swap evaluations per theme and round in the improvement step: bounds the running time on big
# evenings, where the greedy fill is already close to even.
MAX_RUILPOGINGEN = 20_000


def _verdeel_tafels(
    mensen: list[_Deelnemer],
    tafels: list[Tafel],
    vast: dict[int, list[_Deelnemer]],
    eerder: dict[int, list[tuple[int, int]]],
) -> dict[int, int]:
    """Seat `mensen` (free people of one theme in one round) at its `tafels` next to the fixed
    people in `vast` (table id -> people). Cost of a table for a person: people of the same
    organisation there (weighs most), then people met there in an earlier round (`eerder`:
    person -> [(round, table)]). Greedy fill, then improving swaps. Returns person -> table."""
    groottes = _groottes(tafels, Counter({t: len(v) for t, v in vast.items()}), len(mensen))
    org: dict[int, Counter[str]] = {t.id: Counter() for t in tafels}
    ontmoet: dict[int, Counter[tuple[int, int]]] = {t.id: Counter() for t in tafels}
    bezet = {t.id: 0 for t in tafels}
    zwaar = len(mensen) + sum(len(v) for v in vast.values()) + 1

    def zet(p: _Deelnemer, tafel: int, teken: int) -> None:
        if p.organisatie:
            org[tafel][p.organisatie] += teken
        for sleutel in eerder.get(p.id, ()):
            ontmoet[tafel][sleutel] += teken
        bezet[tafel] += teken

    for tafel_id, mensen_vast in vast.items():
        if tafel_id in bezet:
            for p in mensen_vast:
                zet(p, tafel_id, 1)

    def kosten(p: _Deelnemer, tafel: int) -> int:
        k = zwaar * org[tafel][p.organisatie] if p.organisatie else 0
        return k + sum(ontmoet[tafel][s] for s in eerder.get(p.id, ()))

    # Members of one organisation one after another (biggest first), so they go round the tables.
    omvang = Counter(p.organisatie for p in mensen if p.organisatie)
    volgorde = sorted(mensen, key=lambda p: (-omvang[p.organisatie], p.organisatie, p.id))
    plek: dict[int, int] = {}
    for p in volgorde:
        vrij = [t for t in bezet if bezet[t] < groottes[t]]
        if not vrij:  # cannot happen: the theme step respects the free seats
            continue
        beste = min(vrij, key=lambda t: (kosten(p, t), bezet[t] - groottes[t], t))
        plek[p.id] = beste
        zet(p, beste, 1)

    if len(tafels) > 1:
        _ruil(mensen, plek, kosten, zet, eerder, zwaar)
    return plek


def _ruil(
    mensen: list[_Deelnemer],
    plek: dict[int, int],
    kosten: Callable[[_Deelnemer, int], int],
    zet: Callable[[_Deelnemer, int, int], None],
    eerder: Mapping[int, list[tuple[int, int]]],
    zwaar: int,
) -> None:
    """Bounded improvement: swap two people of different tables when that lowers their cost.
    Only people who have a cost (a colleague or an earlier table mate at their table) start a
    swap, and at most MAX_RUILPOGINGEN swaps are tried."""
    per_id = {p.id: p for p in mensen if p.id in plek}
    ids = sorted(per_id)
    tafel_ids = sorted(set(plek.values()))

    def eigen(p: _Deelnemer, tafel: int) -> int:
        # Cost at the own table without counting oneself.
        return kosten(p, tafel) - (zwaar if p.organisatie else 0) - len(eerder.get(p.id, ()))

    pogingen = 0
    verbeterd = True
    while verbeterd and pogingen < MAX_RUILPOGINGEN:
        verbeterd = False
        for a in ids:
            p = per_id[a]
            if eigen(p, plek[a]) <= 0:
                continue
            ta = plek[a]
            # Only tables where p alone would already be better off are worth a partner search.
            beter = {t for t in tafel_ids if t != ta and kosten(p, t) < eigen(p, ta)}
            for b in ids:
                if plek[b] not in beter:
                    continue
                pogingen += 1
                if pogingen > MAX_RUILPOGINGEN:
                    return
                q = per_id[b]
                ta, tb = plek[a], plek[b]
                gedeeld = (zwaar if p.organisatie and p.organisatie == q.organisatie else 0) + len(
                    set(eerder.get(a, ())) & set(eerder.get(b, ()))
                )
                voor = eigen(p, ta) + eigen(q, tb)
                na = kosten(p, tb) + kosten(q, ta) - 2 * gedeeld
                if na < voor:
                    zet(p, ta, -1)
                    zet(q, tb, -1)
                    zet(p, tb, 1)
                    zet(q, ta, 1)
                    plek[a], plek[b] = tb, ta
                    verbeterd = True
                    if eigen(p, plek[a]) <= 0:
                        break


# --------------------------------------------------------------------------------------------
# The plan


def plan(
    *,
    personen: Iterable[Persoon],
    tafels: Iterable[Tafel],
    rondes: Sequence[int],
    tijdslimiet: float = 5.0,
) -> Plan:
    """Place everyone at a table per round (see the module docstring). `tijdslimiet`: seconds
    HiGHS may use in all; the plan is then the best found. Raises ValueError only for duplicate
    table or round ids (a programming error: the database keeps them unique)."""
    deadline = time.perf_counter() + tijdslimiet
    invoer = _normaliseer(personen, tafels, rondes)
    rondes = invoer.rondes
    meldingen = list(invoer.meldingen)
    plaatsingen: dict[int, dict[int, int]] = {d.id: dict(d.vast) for d in invoer.deelnemers}

    vaste_per_tafel: dict[tuple[int, int], list[_Deelnemer]] = defaultdict(list)
    for d in invoer.deelnemers:
        for ronde, tafel_id in d.vast.items():
            vaste_per_tafel[tafel_id, ronde].append(d)
    vrije_plaatsen: dict[tuple[int, int], int] = {}
    vaste_bezetting: dict[tuple[int, int], int] = Counter()
    for thema in invoer.themas:
        for ronde in rondes:
            vrij = 0
            for tafel in invoer.thema_tafels[thema]:
                n_vast = len(vaste_per_tafel.get((tafel.id, ronde), ()))
                vaste_bezetting[thema, ronde] += n_vast
                vrij += max(0, tafel.capaciteit - n_vast)
                if n_vast > tafel.capaciteit:
                    meldingen.append(
                        f"{_tafelnaam(tafel)} zit in ronde {rondes.index(ronde) + 1} boven de "
                        f"capaciteit ({n_vast} van {tafel.capaciteit}) door vaste plaatsen."
                    )
            vrije_plaatsen[thema, ronde] = vrij

    groepen: dict[Profiel, list[_Deelnemer]] = defaultdict(list)
    for d in invoer.deelnemers:
        if len(d.vast) < len(rondes):
            vast_thema = tuple(
                invoer.tafels[d.vast[r]].thema if r in d.vast else None for r in rondes
            )
            groepen[d.voorkeuren, vast_thema].append(d)
    aantal_tafels = {
        t: sum(1 for x in invoer.thema_tafels[t] if x.capaciteit > 0) for t in invoer.themas
    }
    verdeling = (
        _verdeel_themas(
            {k: len(v) for k, v in groepen.items()},
            invoer.themas,
            rondes,
            vrije_plaatsen,
            vaste_bezetting,
            aantal_tafels,
            deadline,
        )
        if groepen and rondes
        else {}
    )

    # Who gets which sequence: per profile people sorted by organisation, sequences interleaved.
    thema_van: dict[int, Reeks] = {}
    for profiel, leden in groepen.items():
        aantallen = sorted(verdeling.get(profiel, {}).items(), key=lambda x: repr(x[0]))
        leden = sorted(leden, key=lambda d: (d.organisatie, d.id))
        for d, reeks in zip(leden, _spreid(aantallen), strict=False):
            thema_van[d.id] = reeks

    eerder: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for i, ronde in enumerate(rondes):
        # `eerder` holds earlier rounds only: in round 2 people avoid their round-1 table mates.
        for thema in invoer.themas:
            mensen = [
                d
                for d in invoer.deelnemers
                if ronde not in d.vast and thema_van.get(d.id, (None,) * len(rondes))[i] == thema
            ]
            vast = {
                t.id: vaste_per_tafel.get((t.id, ronde), []) for t in invoer.thema_tafels[thema]
            }
            plek = _verdeel_tafels(mensen, invoer.thema_tafels[thema], vast, eerder)
            for pid, tafel_id in plek.items():
                plaatsingen[pid][ronde] = tafel_id
        for d in invoer.deelnemers:
            if ronde in plaatsingen[d.id]:
                eerder[d.id].append((ronde, plaatsingen[d.id][ronde]))

    niet_geplaatst = tuple(d.id for d in invoer.deelnemers if len(plaatsingen[d.id]) < len(rondes))
    meldingen += _tekorten(invoer, plaatsingen)
    if niet_geplaatst:
        getoond = ", ".join(str(x) for x in niet_geplaatst[:30])
        meer = f" en nog {len(niet_geplaatst) - 30}" if len(niet_geplaatst) > 30 else ""
        meldingen.append(
            f"Niet in elke ronde geplaatst ({len(niet_geplaatst)}): deelnemer {getoond}{meer}."
        )
    return Plan(
        plaatsingen=plaatsingen,
        niet_geplaatst=niet_geplaatst,
        melding=" ".join(meldingen),
        cijfers=_cijfers(invoer, plaatsingen),
    )


def _tafelnaam(tafel: Tafel) -> str:
    return tafel.naam or f"Tafel {tafel.id}"


def _tekorten(invoer: _Invoer, plaatsingen: dict[int, dict[int, int]]) -> list[str]:
    """Dutch messages for rounds where people have no seat: too few seats, or too few themes."""
    uit = []
    rondes = invoer.rondes
    stoelen = sum(t.capaciteit for t in invoer.tafels.values())
    for i, ronde in enumerate(rondes):
        zonder = sum(1 for p in plaatsingen.values() if ronde not in p)
        if not zonder:
            continue
        tekort = len(plaatsingen) - stoelen
        if tekort > 0:
            uit.append(
                f"Er zijn {tekort} plaatsen te weinig in ronde {i + 1}: voeg een tafel toe of "
                "verhoog de capaciteit."
            )
        elif len(invoer.themas) < len(rondes):
            uit.append(
                f"Er zijn maar {len(invoer.themas)} thema's voor {len(rondes)} rondes en niemand "
                f"mag een thema twee keer krijgen: {zonder} deelnemers hebben in ronde {i + 1} "
                "geen tafel. Voeg een thema toe of schrap een ronde."
            )
        else:
            uit.append(
                f"{zonder} deelnemers hebben in ronde {i + 1} geen tafel: de vrije plaatsen zijn "
                "bij thema's waar zij al zaten. Verhoog de capaciteit van de andere thema's."
            )
    return uit


# --------------------------------------------------------------------------------------------
# Figures and checks for any placement (also after a hand move)


def cijfers(
    plaatsingen: Mapping[int, Mapping[int, int]],
    *,
    personen: Iterable[Persoon],
    tafels: Iterable[Tafel],
    rondes: Sequence[int],
) -> Cijfers:
    """The figures of any placement, e.g. after an organiser moved someone by hand."""
    return _cijfers(_normaliseer(personen, tafels, rondes), plaatsingen)


def _cijfers(invoer: _Invoer, plaatsingen: Mapping[int, Mapping[int, int]]) -> Cijfers:
    rondes = invoer.rondes
    tafels = invoer.tafels
    twee = beide = een = eerste = score = max_score = geplaatst = 0
    for d in invoer.deelnemers:
        eigen = plaatsingen.get(d.id, {})
        themas = [tafels[t].thema for r, t in eigen.items() if r in rondes and t in tafels]
        score += _punten(d.voorkeuren, themas)
        max_score += _max_punten(d.voorkeuren)
        geplaatst += all(r in eigen for r in rondes)
        if d.voorkeuren:
            een += 1
            eerste += d.voorkeuren[0] in themas
        if len(d.voorkeuren) == 2:
            twee += 1
            beide += d.voorkeuren[0] in themas and d.voorkeuren[1] in themas

    aan_tafel: dict[tuple[int, int], list[_Deelnemer]] = defaultdict(list)
    for d in invoer.deelnemers:
        for ronde, tafel_id in plaatsingen.get(d.id, {}).items():
            if ronde in rondes and tafel_id in tafels:
                aan_tafel[ronde, tafel_id].append(d)

    tafelgrootte: dict[int, tuple[int, int]] = {}
    max_verschil = 0
    for ronde in rondes:
        maten = [len(aan_tafel[ronde, t.id]) for t in tafels.values() if t.capaciteit > 0]
        if maten:
            tafelgrootte[ronde] = (min(maten), max(maten))
        for thema_tafels in invoer.thema_tafels.values():
            maten = [len(aan_tafel[ronde, t.id]) for t in thema_tafels if t.capaciteit > 0]
            if maten:
                max_verschil = max(max_verschil, max(maten) - min(maten))

    botsingen = 0
    paren: Counter[tuple[int, int]] = Counter()
    for leden in aan_tafel.values():
        for n in Counter(d.organisatie for d in leden if d.organisatie).values():
            botsingen += n * (n - 1) // 2
        ids = sorted(d.id for d in leden)
        paren.update(itertools.combinations(ids, 2))
    herhaald = sum(1 for n in paren.values() if n > 1)

    def pct(teller: int, noemer: int) -> float | None:
        return round(100 * teller / noemer, 2) if noemer else None

    return Cijfers(
        deelnemers=len(invoer.deelnemers),
        geplaatst=geplaatst,
        pct_beide=pct(beide, twee),
        pct_eerste=pct(eerste, een),
        score=score,
        max_score=max_score,
        tafelgrootte=tafelgrootte,
        max_verschil_thema=max_verschil,
        organisatie_botsingen=botsingen,
        herhaalde_paren=herhaald,
    )


def controleer(
    plaatsingen: Mapping[int, Mapping[int, int]],
    *,
    tafels: Iterable[Tafel],
    rondes: Sequence[int],
) -> list[str]:
    """Every broken hard rule in a placement, in Dutch (empty list: all fine)."""
    tafel_per_id = {t.id: t for t in tafels}
    fouten = []
    bezetting: Counter[tuple[int, int]] = Counter()
    for pid in sorted(plaatsingen):
        gezien: dict[int, int] = {}
        for ronde, tafel_id in sorted(plaatsingen[pid].items()):
            if ronde not in rondes:
                fouten.append(f"Deelnemer {pid} staat in onbekende ronde {ronde}.")
                continue
            tafel = tafel_per_id.get(tafel_id)
            if tafel is None:
                fouten.append(f"Deelnemer {pid} staat aan onbekende tafel {tafel_id}.")
                continue
            bezetting[ronde, tafel_id] += 1
            if tafel.thema in gezien:
                fouten.append(f"Deelnemer {pid} zit twee keer bij thema {tafel.thema}.")
            gezien[tafel.thema] = ronde
    for (ronde, tafel_id), n in sorted(bezetting.items()):
        tafel = tafel_per_id[tafel_id]
        if n > tafel.capaciteit:
            fouten.append(
                f"{_tafelnaam(tafel)} zit in ronde {list(rondes).index(ronde) + 1} te vol: "
                f"{n} van {max(0, tafel.capaciteit)} plaatsen."
            )
    return fouten


def valideer_verplaatsing(
    plan: Plan,
    persoon: int,
    ronde: int,
    tafel: int,
    *,
    tafels: Iterable[Tafel],
    rondes: Sequence[int],
) -> str | None:
    """Why moving `persoon` to `tafel` in `ronde` breaks a hard rule (Dutch), or None when the
    move is allowed. Seating someone from `niet_geplaatst` is a move too."""
    tafel_per_id = {t.id: t for t in tafels}
    if persoon not in plan.plaatsingen:
        return f"Deelnemer {persoon} staat niet in de planning."
    if ronde not in rondes:
        return f"Ronde {ronde} bestaat niet."
    doel = tafel_per_id.get(tafel)
    if doel is None:
        return f"Tafel {tafel} bestaat niet."
    eigen = plan.plaatsingen[persoon]
    if eigen.get(ronde) == tafel:
        return None
    for andere_ronde, andere_tafel in eigen.items():
        bekend = tafel_per_id.get(andere_tafel)
        if andere_ronde != ronde and bekend is not None and bekend.thema == doel.thema:
            nummer = list(rondes).index(andere_ronde) + 1 if andere_ronde in rondes else "?"
            return (
                f"Deelnemer {persoon} zit in ronde {nummer} al bij dit thema "
                f"({_tafelnaam(bekend)}): niemand krijgt een thema twee keer."
            )
    bezet = sum(1 for p in plan.plaatsingen.values() if p.get(ronde) == tafel)
    if bezet >= doel.capaciteit:
        return (
            f"{_tafelnaam(doel)} is in ronde {list(rondes).index(ronde) + 1} vol "
            f"({bezet} van {max(0, doel.capaciteit)} plaatsen)."
        )
    return None
