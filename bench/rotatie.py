"""Benchmark of the rotation planner (`thematafels.rotatie`), no Django needed.

`python bench/rotatie.py`: evenings of 60, 300 and 1,000 people at 3 themes x 2 physical tables
(capacities sized to fit with a little room), 2 rounds, ~30 organisations and seeded random
preferences skewed towards the first theme (as on a real evening). Prints time (median of 3),
preference figures, table sizes per round, organisation clashes, repeated pairs and, for 60 and
300 people, the exact optimum of a person-level MILP (no aggregation) and the gap.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from pathlib import Path

import highspy

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from thematafels.rotatie import (
    PUNTEN_EERSTE,
    PUNTEN_TWEEDE,
    Persoon,
    Plan,
    Tafel,
    plan,
)

RONDES = (1, 2)


def avond(aantal: int, seed: int = 2026) -> tuple[list[Persoon], list[Tafel]]:
    """A realistic evening: 3 themes of 2 tables, skewed preferences, ~30 organisations."""
    rng = random.Random(seed)
    per_tafel = -(-aantal * 21 // 120)  # 5% room above an exact fit
    tafels = [
        Tafel(10 * thema + k, thema, per_tafel, f"Tafel {thema}{'AB'[k]}")
        for thema in (1, 2, 3)
        for k in (0, 1)
    ]
    organisaties = [f"Organisatie {i}" for i in range(30)]
    personen = []
    for pid in range(1, aantal + 1):
        aantal_voorkeuren = rng.choices((0, 1, 2), weights=(1, 2, 7))[0]
        themas = [1, 2, 3]
        voorkeuren = []
        for _ in range(aantal_voorkeuren):
            keuze = rng.choices(themas, weights=[{1: 6, 2: 3, 3: 2}[t] for t in themas])[0]
            themas.remove(keuze)
            voorkeuren.append(keuze)
        organisatie = rng.choice(organisaties) if rng.random() < 0.8 else ""
        personen.append(Persoon(pid, tuple(voorkeuren), organisatie))
    return personen, tafels


def exact_optimum(
    personen: list[Persoon], tafels: list[Tafel], rondes: tuple[int, ...], tijdslimiet: float = 60
) -> tuple[int, float | None, float | None]:
    """Best preference score with everyone placed, from a person-level MILP: x[p, theme, round]
    binary, one theme per person per round, no theme twice, theme seats = sum of its tables.
    Returns (score, % first choice, % both) of that optimum. Assumes everyone fits."""
    themas = sorted({t.thema for t in tafels})
    stoelen = {th: sum(max(0, t.capaciteit) for t in tafels if t.thema == th) for th in themas}
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("threads", 1)
    h.setOptionValue("random_seed", 1)
    h.setOptionValue("mip_rel_gap", 0.0)
    h.setOptionValue("time_limit", float(tijdslimiet))
    n = 0

    def var(kosten: float) -> int:
        nonlocal n
        h.addCol(kosten, 0, 1, 0, [], [])
        h.changeColIntegrality(n, highspy.HighsVarType.kInteger)
        n += 1
        return n - 1

    x = {}
    voorkeuren = {}
    for p in personen:
        vk = []
        for t in p.voorkeuren:
            if t in stoelen and t not in vk and len(vk) < 2:
                vk.append(t)
        voorkeuren[p.id] = vk
        for th in themas:
            for r in rondes:
                x[p.id, th, r] = var(0)
        for r in rondes:
            idx = [x[p.id, th, r] for th in themas]
            h.addRow(1, 1, len(idx), idx, [1.0] * len(idx))
        for th in themas:
            idx = [x[p.id, th, r] for r in rondes]
            h.addRow(0, 1, len(idx), idx, [1.0] * len(idx))
        for plaats, punten in zip(vk, (PUNTEN_EERSTE, PUNTEN_TWEEDE), strict=False):
            y = var(punten)
            idx = [y] + [x[p.id, plaats, r] for r in rondes]
            h.addRow(-highspy.kHighsInf, 0, len(idx), idx, [1.0] + [-1.0] * len(rondes))
    for th in themas:
        for r in rondes:
            idx = [x[p.id, th, r] for p in personen]
            h.addRow(0, stoelen[th], len(idx), idx, [1.0] * len(idx))
    h.changeObjectiveSense(highspy.ObjSense.kMaximize)
    h.run()
    waarden = h.getSolution().col_value
    score = round(h.getInfo().objective_function_value)
    een = eerste = twee = beide = 0
    for p in personen:
        vk = voorkeuren[p.id]
        gekregen = {th for th in themas for r in rondes if waarden[x[p.id, th, r]] > 0.5}
        if vk:
            een += 1
            eerste += vk[0] in gekregen
        if len(vk) == 2:
            twee += 1
            beide += vk[0] in gekregen and vk[1] in gekregen
    return (
        score,
        100 * eerste / een if een else None,
        100 * beide / twee if twee else None,
    )


def score_pct(resultaat: Plan) -> float:
    c = resultaat.cijfers
    return 100 * c.score / c.max_score if c.max_score else 100.0


def main() -> None:
    kop = (
        f"{'people':>6} {'ms':>6} {'both%':>6} {'first%':>6} {'score%':>6} "
        f"{'r1 min-max':>10} {'r2 min-max':>10} {'org':>5} {'rep':>6} {'thema±':>6} "
        f"{'exact%':>6} {'gap pp':>6}"
    )
    print(kop)
    for aantal in (60, 300, 1000):
        personen, tafels = avond(aantal)
        tijden = []
        for _ in range(3):
            start = time.perf_counter()
            resultaat = plan(personen=personen, tafels=tafels, rondes=RONDES)
            tijden.append(1000 * (time.perf_counter() - start))
        c = resultaat.cijfers
        exact = gap = "-"
        if aantal <= 300:
            score, _, _ = exact_optimum(personen, tafels, RONDES)
            exact_pct = 100 * score / c.max_score
            exact = f"{exact_pct:.2f}"
            gap = f"{exact_pct - score_pct(resultaat):.2f}"
        r1, r2 = (f"{c.tafelgrootte[r][0]}-{c.tafelgrootte[r][1]}" for r in RONDES)
        print(
            f"{aantal:>6} {statistics.median(tijden):>6.0f} {c.pct_beide:>6.1f} "
            f"{c.pct_eerste:>6.1f} {score_pct(resultaat):>6.2f} {r1:>10} {r2:>10} "
            f"{c.organisatie_botsingen:>5} {c.herhaalde_paren:>6} {c.max_verschil_thema:>6} "
            f"{exact:>6} {gap:>6}"
        )
        if resultaat.melding:
            print("   melding:", resultaat.melding)


if __name__ == "__main__":
    main()
