"""`make bench` (part two): the follow-up report of a big simulated evening.

On a fresh SQLite database in a temporary folder: 300 attendees, 1,000 ideas and 200 questions
(`sessie.simulatie`), then times building the report model from the database (and counts its
queries) and every renderer, both editions, median of `BENCH_HERHALING` runs (default 3);
then the series report over six such evenings (`BENCH_REEKS_AVONDEN`): its model, its page and
its spreadsheet. `python bench/verslag.py` runs it alone.
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
HERHALING = int(os.environ.get("BENCH_HERHALING", "3"))


def _django(data_dir: str) -> None:
    os.environ["WIJKAVOND_DATA_DIR"] = data_dir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wijkavond.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _meet(functie) -> tuple[float, float, object]:
    """(median wall seconds, median CPU seconds of this process, the last result). On a
    shared machine the CPU time is the steadier of the two."""
    tijden, cpu, uitkomst = [], [], None
    for _ in range(HERHALING):
        begin, begin_cpu = time.perf_counter(), time.process_time()
        uitkomst = functie()
        tijden.append(time.perf_counter() - begin)
        cpu.append(time.process_time() - begin_cpu)
    return statistics.median(tijden), statistics.median(cpu), uitkomst


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="bench-verslag-") as data_dir:
        _django(data_dir)
        from django.db import connection
        from django.test.utils import CaptureQueriesContext
        from django.utils import translation

        from sessie.models import Sessie
        from sessie.simulatie import Aantallen, simuleer_avond
        from verslag.bouw import bouw_verslag
        from verslag.renderers import FORMATEN, RendererNietBeschikbaar, render_csv
        from wijkavond.simulatie import nieuwe_sessie

        translation.activate("nl")
        aantallen = Aantallen(deelnemers=300, ideeen=1000, vragen=200)
        begin = time.perf_counter()
        sessie = nieuwe_sessie(seed=1, deelnemers=300, datum=dt.date.today())
        simuleer_avond(sessie=sessie, seed=1, aantallen=aantallen)
        print(f"Simulated evening {aantallen} in {time.perf_counter() - begin:.1f} s")
        print(f"{'edition':<12} {'step':<18} {'wall s':>8} {'cpu s':>8} {'size':>12}")
        for editie in ("openbaar", "organisator"):
            sessie = Sessie.objects.get(pk=sessie.pk)
            with CaptureQueriesContext(connection) as queries:
                bouw_verslag(sessie=sessie, editie=editie)
            wand, cpu, verslag = _meet(partial(bouw_verslag, sessie=sessie, editie=editie))
            print(f"{editie:<12} {'model':<18} {wand:8.3f} {cpu:8.3f} {len(queries):>5} queries")
            for fmt, formaat in FORMATEN.items():
                stap, render = fmt, partial(formaat.renderer, verslag)
                if fmt == "csv":
                    stap, render = "csv (ideeen)", partial(render_csv, verslag, "ideeen")
                try:
                    wand, cpu, data = _meet(render)
                except RendererNietBeschikbaar as fout:
                    print(f"{editie:<12} {stap:<18} {'-':>8} {'-':>8} {fout}")
                    continue
                print(f"{editie:<12} {stap:<18} {wand:8.3f} {cpu:8.3f} {len(data) / 1024:9.0f} kB")
        reeks(sessie)


def reeks(eerste) -> None:
    """The series report over `BENCH_REEKS_AVONDEN` (6) evenings the size of the first."""
    from django.contrib.auth.models import AnonymousUser
    from django.db import connection
    from django.template.loader import render_to_string
    from django.test import RequestFactory
    from django.test.utils import CaptureQueriesContext

    from sessie.simulatie import Aantallen, simuleer_avond
    from verslag.models import Traject
    from verslag.reeks import bouw_reeks, render_reeks_xlsx
    from wijkavond.simulatie import nieuwe_sessie

    aantal = int(os.environ.get("BENCH_REEKS_AVONDEN", "6"))
    aantallen = Aantallen(deelnemers=300, ideeen=1000, vragen=200)
    traject = Traject.objects.create(naam="Bench-reeks", gemeente="Simulatiestad", slug="bench")
    traject.sessies.add(eerste)
    begin = time.perf_counter()
    for seed in range(2, aantal + 1):
        sessie = nieuwe_sessie(seed=seed, deelnemers=300, datum=dt.date.today())
        simuleer_avond(sessie=sessie, seed=seed, aantallen=aantallen)
        traject.sessies.add(sessie)
    print(f"\nSeries of {aantal} such evenings simulated in {time.perf_counter() - begin:.1f} s")
    with CaptureQueriesContext(connection) as queries:
        bouw_reeks(traject)
    wand, cpu, model = _meet(partial(bouw_reeks, traject))
    print(f"{'series':<12} {'model':<18} {wand:8.3f} {cpu:8.3f} {len(queries):>5} queries")
    verzoek = RequestFactory().get("/")
    verzoek.user = AnonymousUser()
    stappen = {
        "html (page)": partial(
            render_to_string,
            "verslag/reeks.html",
            {"traject": traject, "reeks": model},
            request=verzoek,
        ),
        "xlsx": partial(render_reeks_xlsx, model),
    }
    for stap, render in stappen.items():
        wand, cpu, data = _meet(render)
        print(f"{'series':<12} {stap:<18} {wand:8.3f} {cpu:8.3f} {len(data) / 1024:9.0f} kB")


if __name__ == "__main__":
    main()
