"""The rotation planner (thematafels.rotatie): pure functions, no database."""

from __future__ import annotations

import itertools
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.rotatie import avond, exact_optimum
from thematafels.rotatie import (
    PUNTEN_EERSTE,
    PUNTEN_TWEEDE,
    Persoon,
    Plan,
    Tafel,
    cijfers,
    controleer,
    plan,
    valideer_verplaatsing,
)

RONDES = (1, 2)


def drie_themas(per_tafel: int) -> list[Tafel]:
    """Themes 1-3, two tables each (ids 11, 12, 21, ...)."""
    return [
        Tafel(10 * t + k, t, per_tafel, f"Tafel {t}{'AB'[k - 1]}")
        for t in (1, 2, 3)
        for k in (1, 2)
    ]


def thema_van(tafels: list[Tafel]) -> dict[int, int]:
    return {t.id: t.thema for t in tafels}


def assert_harde_regels(resultaat: Plan, personen, tafels, rondes=RONDES) -> None:
    assert controleer(resultaat.plaatsingen, tafels=tafels, rondes=rondes) == []
    ids = {p.id for p in personen}
    assert set(resultaat.plaatsingen) == ids
    for pid in ids:
        if pid not in resultaat.niet_geplaatst:
            assert set(resultaat.plaatsingen[pid]) == set(rondes)
    for pid in resultaat.niet_geplaatst:
        assert len(resultaat.plaatsingen[pid]) < len(rondes)
    if resultaat.niet_geplaatst:
        assert resultaat.melding


def test_everyone_placed_with_preferences_and_no_theme_twice():
    tafels = drie_themas(4)
    personen = [Persoon(i, ((i % 3) + 1, ((i + 1) % 3) + 1), f"org{i % 4}") for i in range(1, 21)]
    resultaat = plan(personen=personen, tafels=tafels, rondes=RONDES)
    assert_harde_regels(resultaat, personen, tafels)
    assert resultaat.niet_geplaatst == ()
    assert resultaat.melding == ""
    assert resultaat.cijfers.pct_beide == 100.0
    assert resultaat.cijfers.pct_eerste == 100.0
    assert resultaat.cijfers.max_verschil_thema <= 1


def test_too_few_seats_gives_a_dutch_message_and_lists_everyone_left_out():
    tafels = [Tafel(1, 1, 3), Tafel(2, 2, 3)]
    personen = [Persoon(i, (1, 2)) for i in range(1, 21)]
    resultaat = plan(personen=personen, tafels=tafels, rondes=RONDES)
    assert_harde_regels(resultaat, personen, tafels)
    assert len(resultaat.niet_geplaatst) == 14
    assert (
        "Er zijn 14 plaatsen te weinig in ronde 2: voeg een tafel toe of verhoog de capaciteit."
        in resultaat.melding
    )
    assert "ronde 1" in resultaat.melding


@pytest.mark.parametrize(
    "personen, tafels, rondes, verwacht",
    [
        # Capacity 0 tables next to normal ones.
        (
            [Persoon(i, (1, 2)) for i in range(6)],
            [Tafel(1, 1, 0), Tafel(2, 1, 6), Tafel(3, 2, 6)],
            RONDES,
            "",
        ),
        # One theme only: nobody can get a second one.
        ([Persoon(i, (1,)) for i in range(5)], [Tafel(1, 1, 10)], RONDES, "maar 1 thema's"),
        # No preferences at all.
        ([Persoon(i) for i in range(12)], drie_themas(2), RONDES, ""),
        # Everyone wants the same theme.
        ([Persoon(i, (2, 2, 2)) for i in range(12)], drie_themas(2), RONDES, ""),
        # Unknown theme ids and a negative capacity.
        (
            [Persoon(i, (99, 1, 77)) for i in range(4)],
            [Tafel(1, 1, 4), Tafel(2, 2, -3), Tafel(3, 3, 4)],
            RONDES,
            "",
        ),
        # No tables at all.
        ([Persoon(1, (1,))], [], RONDES, "plaatsen te weinig"),
        # No people, and no rounds.
        ([], drie_themas(2), RONDES, ""),
        ([Persoon(1, (1,))], drie_themas(2), (), ""),
    ],
)
def test_bad_inputs_give_a_plan_or_a_message(personen, tafels, rondes, verwacht):
    resultaat = plan(personen=personen, tafels=tafels, rondes=rondes)
    assert_harde_regels(resultaat, personen, tafels, rondes)
    assert verwacht in resultaat.melding
    if not verwacht:
        assert resultaat.niet_geplaatst == ()


def test_everyone_wanting_one_theme_gets_it_as_far_as_seats_allow():
    tafels = drie_themas(2)
    personen = [Persoon(i, (2,)) for i in range(12)]
    resultaat = plan(personen=personen, tafels=tafels, rondes=RONDES)
    # Theme 2 has 4 seats per round: 8 people get it, the others sit elsewhere twice.
    assert resultaat.cijfers.score == 8 * PUNTEN_EERSTE


def test_duplicate_person_is_placed_once_and_mentioned():
    tafels = drie_themas(3)
    personen = [Persoon(1, (1, 2)), Persoon(1, (1, 2)), Persoon(2, (3,))]
    resultaat = plan(personen=personen, tafels=tafels, rondes=RONDES)
    assert set(resultaat.plaatsingen) == {1, 2}
    assert "Deelnemer 1 stond 2 keer in de lijst" in resultaat.melding
    assert resultaat.cijfers.deelnemers == 2


def test_duplicate_table_ids_are_a_programming_error():
    with pytest.raises(ValueError, match="Tafel 1 staat dubbel"):
        plan(personen=[], tafels=[Tafel(1, 1, 2), Tafel(1, 2, 2)], rondes=RONDES)


def brute_force(personen: list[Persoon], stoelen: dict[int, int]) -> int | None:
    """Best score over every complete placement (theme level), or None if nothing fits."""
    reeksen = list(itertools.permutations(sorted(stoelen), 2))
    beste = None
    for keuze in itertools.product(reeksen, repeat=len(personen)):
        if any(sum(1 for s in keuze if s[r] == t) > stoelen[t] for t in stoelen for r in (0, 1)):
            continue
        score = 0
        for p, s in zip(personen, keuze, strict=True):
            if p.voorkeuren and p.voorkeuren[0] in s:
                score += PUNTEN_EERSTE
            if len(p.voorkeuren) > 1 and p.voorkeuren[1] in s:
                score += PUNTEN_TWEEDE
        beste = score if beste is None else max(beste, score)
    return beste


@pytest.mark.parametrize("seed", range(4))
def test_preferences_match_brute_force_on_small_evenings(seed):
    rng = random.Random(seed)
    personen = [
        Persoon(i, tuple(rng.sample([1, 2, 3], rng.choice([0, 1, 2, 2])))) for i in range(1, 7)
    ]
    # Tight seats, unequal over the themes (one table each), so that preferences compete.
    stoelen = {1: rng.choice([1, 2]), 2: rng.choice([2, 3]), 3: 4}
    tafels = [Tafel(t, t, c) for t, c in stoelen.items()]
    optimum = brute_force(personen, stoelen)
    resultaat = plan(personen=personen, tafels=tafels, rondes=RONDES)
    assert_harde_regels(resultaat, personen, tafels)
    assert optimum is not None
    assert resultaat.niet_geplaatst == ()
    assert resultaat.cijfers.score == optimum


def test_preferences_within_one_point_of_the_person_level_milp():
    personen, tafels = avond(90, seed=7)
    resultaat = plan(personen=personen, tafels=tafels, rondes=RONDES)
    score, _, _ = exact_optimum(personen, tafels, RONDES)
    c = resultaat.cijfers
    assert resultaat.niet_geplaatst == ()
    gap = 100 * (score - c.score) / c.max_score
    assert 0 <= gap <= 1.0
    # In fact the aggregation is exact.
    assert c.score == score


def test_tables_of_one_theme_differ_by_at_most_one():
    personen, tafels = avond(250, seed=3)
    resultaat = plan(personen=personen, tafels=tafels, rondes=RONDES)
    grootte = {}
    for p in resultaat.plaatsingen.values():
        for r, t in p.items():
            grootte[r, t] = grootte.get((r, t), 0) + 1
    for r in RONDES:
        for thema in (1, 2, 3):
            maten = [grootte.get((r, t.id), 0) for t in tafels if t.thema == thema]
            assert max(maten) - min(maten) <= 1
    assert resultaat.cijfers.max_verschil_thema <= 1


def test_organisations_are_spread_over_the_tables_of_a_theme():
    tafels = [Tafel(1, 1, 6), Tafel(2, 1, 6), Tafel(3, 2, 6), Tafel(4, 2, 6)]
    personen = [Persoon(i, (1, 2), "Buurtteam" if i < 6 else "") for i in range(24)]
    resultaat = plan(personen=personen, tafels=tafels, rondes=RONDES)
    # 6 colleagues over 4 tables per round: at best 2 + 2 + 1 + 1, so 2 pairs per round.
    assert resultaat.cijfers.organisatie_botsingen == 2 * 2


def test_same_input_in_any_order_gives_the_same_plan():
    personen, tafels = avond(120, seed=5)
    eerste = plan(personen=personen, tafels=tafels, rondes=RONDES)
    assert plan(personen=personen, tafels=tafels, rondes=RONDES) == eerste
    rng = random.Random(1)
    geschud_p, geschud_t = personen[:], tafels[:]
    rng.shuffle(geschud_p)
    rng.shuffle(geschud_t)
    assert plan(personen=geschud_p, tafels=geschud_t, rondes=RONDES) == eerste


def test_late_walk_ins_keep_everyone_placed_and_fill_the_seats_left():
    personen, tafels = avond(60, seed=11)
    eerste = plan(personen=personen, tafels=tafels, rondes=RONDES)
    geplaatst = [
        Persoon(p.id, p.voorkeuren, p.organisatie, eerste.plaatsingen[p.id]) for p in personen
    ]
    nieuw = [Persoon(1000 + i, (3, 2)) for i in range(3)]
    resultaat = plan(personen=geplaatst + nieuw, tafels=tafels, rondes=RONDES)
    for p in personen:
        assert resultaat.plaatsingen[p.id] == eerste.plaatsingen[p.id]
    assert_harde_regels(resultaat, geplaatst + nieuw, tafels)
    assert resultaat.niet_geplaatst == ()


def test_walk_in_during_round_two_keeps_round_one_and_avoids_its_theme():
    tafels = drie_themas(3)
    personen = [Persoon(1, (1, 2), vast={1: 21}), Persoon(2, (2,), vast={1: 11, 2: 21})]
    resultaat = plan(personen=personen, tafels=tafels, rondes=RONDES)
    assert resultaat.plaatsingen[1][1] == 21
    assert thema_van(tafels)[resultaat.plaatsingen[1][2]] == 1  # first choice, not theme 2 again
    assert resultaat.plaatsingen[2] == {1: 11, 2: 21}


def test_hand_moves_are_refused_with_a_reason():
    tafels = [Tafel(1, 1, 1, "Tafel 1A"), Tafel(2, 2, 1, "Tafel 2A"), Tafel(3, 2, 2, "Tafel 2B")]
    personen = [Persoon(1, (1, 2)), Persoon(2, (2, 1)), Persoon(3)]
    plaatsingen = {1: {1: 1, 2: 2}, 2: {1: 2, 2: 1}, 3: {}}
    handplan = Plan(
        plaatsingen,
        (3,),
        "",
        cijfers(plaatsingen, personen=personen, tafels=tafels, rondes=RONDES),
    )

    def valideer(persoon, ronde, tafel):
        return valideer_verplaatsing(handplan, persoon, ronde, tafel, tafels=tafels, rondes=RONDES)

    assert valideer(1, 2, 1) == (
        "Deelnemer 1 zit in ronde 1 al bij dit thema (Tafel 1A): niemand krijgt een thema twee "
        "keer."
    )
    assert valideer(3, 1, 2) == "Tafel 2A is in ronde 1 vol (1 van 1 plaatsen)."
    assert valideer(1, 1, 99) == "Tafel 99 bestaat niet."
    assert valideer(1, 7, 1) == "Ronde 7 bestaat niet."
    assert valideer(5, 1, 1) == "Deelnemer 5 staat niet in de planning."
    assert valideer(1, 1, 1) is None  # staying put
    assert valideer(3, 1, 3) is None  # seating someone who had no place
    assert valideer(1, 2, 3) is None  # another table of the same theme in the same round


def test_cijfers_rescore_a_hand_move():
    tafels = drie_themas(2)
    personen = [Persoon(1, (1, 2)), Persoon(2, (3,))]
    resultaat = plan(personen=personen, tafels=tafels, rondes=RONDES)
    assert resultaat.cijfers.score == 3 + 2
    verplaatst = {**resultaat.plaatsingen, 2: {1: 11, 2: 21}}
    c = cijfers(verplaatst, personen=personen, tafels=tafels, rondes=RONDES)
    assert c.score == 3
    assert c.pct_eerste == 50.0


@st.composite
def avonden(draw):
    aantal_themas = draw(st.integers(1, 4))
    tafels = []
    for thema in range(1, aantal_themas + 1):
        for k in range(draw(st.integers(1, 3))):
            tafels.append(Tafel(10 * thema + k, thema, draw(st.integers(0, 6))))
    rondes = tuple(range(1, draw(st.integers(1, 3)) + 1))
    ids = draw(st.lists(st.integers(1, 40), max_size=30))
    personen = [
        Persoon(
            pid,
            tuple(draw(st.lists(st.integers(0, 5), max_size=3))),
            draw(st.sampled_from(["", "a", "b", "c"])),
        )
        for pid in ids
    ]
    return personen, tafels, rondes


@settings(max_examples=60, deadline=None)
@given(avonden())
def test_property_hard_rules_hold_on_random_evenings(avond_):
    personen, tafels, rondes = avond_
    resultaat = plan(personen=personen, tafels=tafels, rondes=rondes)
    assert_harde_regels(resultaat, personen, tafels, rondes)
    ids = {p.id for p in personen}
    assert set(resultaat.niet_geplaatst) <= ids
    stoelen = {}
    for t in tafels:
        stoelen[t.thema] = stoelen.get(t.thema, 0) + max(0, t.capaciteit)
    # Enough seats per round and enough themes, in the sense that a plain rotation (people in
    # as many equal groups as themes, each group one theme further per round) fits: everyone
    # must be placed.
    if len(stoelen) >= len(rondes) and all(
        c >= -(-len(ids) // len(stoelen)) for c in stoelen.values()
    ):
        assert resultaat.niet_geplaatst == ()
    # Otherwise the seats may be so uneven that "no theme twice" cannot hold for all: a message.
    elif resultaat.niet_geplaatst:
        assert "geen tafel" in resultaat.melding or "te weinig" in resultaat.melding
    for plek in resultaat.plaatsingen.values():
        gezien = [thema_van(tafels)[t] for t in plek.values()]
        assert len(gezien) == len(set(gezien))
