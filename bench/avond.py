"""`make bench-avond`: how many whole evenings at once one small server carries.

For N = 5, 10, 20, … it makes N fictitious evenings (bench/avond_opzet.py), serves the app with
gunicorn (sync workers, production settings), and plays all N evenings at once with Locust
(bench/avond_locust.py): 150 phones with the programme open and 100 of them voting, a projector
and a wall, six table hosts (one of them offline for a minute), the door, the information point,
visitors asking by QR and people registering at home. It stops raising N when the p99 of any
request type passes 300 ms, any request fails, or any accepted write is missing or stored twice
afterwards, and reports the largest N that held, with the server's and the generator's CPU (the
generator shares the machine's cores: a saturated generator must not pass for the server).

Then it measures a bare hello view with wrk as the ceiling, and projects the capacity of a
server whose cores are all its own from the server's CPU time per evening.

`BENCH_DB=postgres` runs on PostgreSQL (a local server; the database `wijkavond_bench_avond` is
made afresh); `BENCH_AVOND_TWEE_HOSTS=1` adds the two-host check (bench/twee_hosts.py).
Settings: BENCH_AVOND_STAPPEN ("10 20 30 40 50"), BENCH_AVOND_DUUR (seconds per step, 150: the
wrap-up's two minutes of dots fit in it),
BENCH_AVOND_FACTOR (3), BENCH_WORKERS (4), BENCH_PORT (8766).
"""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCUST = Path(os.environ.get("BENCH_LOCUST", ROOT / ".venv-bench" / "bin" / "locust"))
P99_GRENS = 300.0
OPWARMEN = 20
PER_AVOND = {"phones": 150, "projector": 1, "wall": 1, "hosts": 6, "door": 1, "info point": 1,
             "QR visitors": 1, "at home": 1}  # fmt: skip
TICKS = os.sysconf("SC_CLK_TCK")


@dataclass
class Stap:
    n: int
    soorten: list[dict] = field(default_factory=list)
    totaal_rps: float = 0.0
    fouten: int = 0
    controle: dict = field(default_factory=dict)
    server_cpu: float = 0.0  # cores
    generator_cpu: float = 0.0  # cores
    rss: list[tuple[int, int]] = field(default_factory=list)  # per worker: (start, end) kB
    foutregels: list[str] = field(default_factory=list)
    hello: float = 0.0

    @property
    def slechtste_p99(self) -> tuple[str, float]:
        if not self.soorten:
            return ("-", float("inf"))
        s = max(self.soorten, key=lambda s: s["p99"])
        return s["naam"], s["p99"]

    @property
    def kwijt(self) -> int:
        return sum(v["kwijt"] for v in self.controle.values())

    @property
    def dubbel(self) -> int:
        return sum(v["dubbel"] for v in self.controle.values())

    @property
    def houdt(self) -> bool:
        return (
            self.slechtste_p99[1] < P99_GRENS and self.fouten == 0 and not self.kwijt
            and not self.dubbel
        )  # fmt: skip


def omgeving(data: Path, database: str | None, extra: dict | None = None) -> dict:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "WIJKAVOND_DEBUG": "0",
        "WIJKAVOND_SECRET_KEY": "bench-only-secret-key-" + "x" * 40,
        "WIJKAVOND_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "WIJKAVOND_DATA_DIR": str(data),
        "WIJKAVOND_STATIC_ROOT": str(data / "static"),
        "WIJKAVOND_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        # The load generator stands in for a proxy: each hall and each home has its own
        # address in X-Forwarded-For, so the rate limits work as on the night.
        "WIJKAVOND_TRUSTED_PROXIES": "1",
        **(extra or {}),
    }
    env.pop("DATABASE_URL", None)
    if database:
        env["DATABASE_URL"] = database
    return env


def python(env: dict, *args: str) -> str:
    klaar = subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if klaar.returncode:
        raise SystemExit(f"{' '.join(args)} failed:\n{klaar.stderr[-3000:]}")
    return klaar.stdout


def cpu_seconden(pids: list[int]) -> float:
    totaal = 0
    for pid in pids:
        try:
            velden = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:
            continue
        totaal += int(velden[11]) + int(velden[12])  # utime, stime
    return totaal / TICKS


def kinderen(pid: int) -> list[int]:
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except FileNotFoundError:
        return []


def rss_kb(pid: int) -> int:
    for regel in Path(f"/proc/{pid}/status").read_text().splitlines():
        if regel.startswith("VmRSS:"):
            return int(regel.split()[1])
    return 0


def wacht_op(url: str, proces: subprocess.Popen | None = None) -> None:
    for _ in range(100):
        if proces is not None and proces.poll() is not None:
            raise SystemExit(f"{url}: the server did not start")
        try:
            urllib.request.urlopen(url, timeout=1)
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"{url} did not answer")


def start_gunicorn(env: dict, poort: int, workers: int) -> subprocess.Popen:
    proces = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "wijkavond.wsgi", "-w", str(workers),
         "-b", f"127.0.0.1:{poort}", "--log-level", "warning"],
        cwd=ROOT, env=env, start_new_session=True,
    )  # fmt: skip
    wacht_op(f"http://127.0.0.1:{poort}/bench/hello/", proces)
    return proces


def stop(proces: subprocess.Popen) -> None:
    try:
        os.killpg(proces.pid, signal.SIGTERM)
        proces.wait(timeout=20)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        os.killpg(proces.pid, signal.SIGKILL)


def speel(
    env: dict, avonden: list[dict], base: str, server_pids: list[int], map_: Path, duur: int,
    factor: float,
) -> Stap:  # fmt: skip
    """Play `avonden` at once against `base` for `duur` seconds; returns the step's figures."""
    n = len(avonden)
    config, uitslag, prefix = map_ / f"avonden-{n}.json", map_ / f"uitslag-{n}.json", map_ / f"s{n}"
    config.write_text(json.dumps(avonden))
    gebruikers = n * sum(PER_AVOND.values())
    tempo = 1000
    locust_env = {
        **os.environ,
        "AVOND_CONFIG": str(config),
        "AVOND_UITSLAG": str(uitslag),
        "AVOND_FACTOR": str(factor),
        "AVOND_DUUR": str(duur),
        "AVOND_ADRESSEN": "1",
        "AVOND_OPWARMEN": str(OPWARMEN),
    }
    log = (map_ / f"locust-{n}.log").open("w")
    generator = subprocess.Popen(
        [str(LOCUST), "-f", str(ROOT / "bench" / "avond_locust.py"), "--headless",
         "-u", str(gebruikers), "-r", str(tempo), "-t", f"{duur}s", "--host", base,
         "--csv", str(prefix), "--only-summary", "--loglevel", "WARNING",
         "--stop-timeout", "15"],
        cwd=ROOT, env=locust_env, stdout=subprocess.DEVNULL, stderr=log,
    )  # fmt: skip
    # The figures count from when every person is in and their first pages are loaded
    # (avond_locust.py resets its statistics then).
    aanloop = gebruikers / tempo + OPWARMEN + 1
    time.sleep(aanloop)
    rss_begin = {pid: rss_kb(pid) for pid in server_pids}
    c0, g0, t0 = cpu_seconden(server_pids), cpu_seconden([generator.pid]), time.monotonic()
    time.sleep(max(5, duur - aanloop - 2))
    c1, g1, t1 = cpu_seconden(server_pids), cpu_seconden([generator.pid]), time.monotonic()
    rss = [(rss_begin[pid], rss_kb(pid)) for pid in server_pids]
    generator.wait(timeout=duur + 120)
    log.close()
    stap = Stap(n=n, server_cpu=(c1 - c0) / (t1 - t0), generator_cpu=(g1 - g0) / (t1 - t0), rss=rss)
    with open(f"{prefix}_stats.csv", newline="") as f:
        for rij in csv.DictReader(f):
            if rij["Request Count"] in ("", "0") or rij["99%"] == "N/A":
                continue  # a kind that came only before the figures started counting
            if rij["Name"] == "Aggregated":
                stap.totaal_rps = float(rij["Requests/s"])
                stap.fouten = int(rij["Failure Count"])
                continue
            stap.soorten.append({
                "naam": f"{rij['Type']} {rij['Name']}", "aantal": int(rij["Request Count"]),
                "fouten": int(rij["Failure Count"]), "rps": float(rij["Requests/s"]),
                "p50": float(rij["50%"] or 0), "p99": float(rij["99%"] or 0),
            })  # fmt: skip
    stap.controle = json.loads(python(env, "-m", "bench.avond_opzet", "controle", str(uitslag)))
    fouten = Path(f"{prefix}_failures.csv")
    if stap.fouten and fouten.exists():
        stap.foutregels = fouten.read_text().splitlines()[1:6]
    return stap


def druk_af(stap: Stap, factor: float) -> None:
    print(f"\n  N = {stap.n} evenings ({stap.n * sum(PER_AVOND.values())} simulated people)")
    print(f"  {'request type':40} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7}")
    for s in sorted(stap.soorten, key=lambda s: -s["rps"]):
        print(f"  {s['naam']:40} {s['rps']:8.1f} {s['p50']:8.0f} {s['p99']:8.0f} {s['fouten']:7d}")
    print(
        f"  {'all':40} {stap.totaal_rps:8.1f} {'':8} {stap.slechtste_p99[1]:8.0f} {stap.fouten:7d}"
    )
    for regel in stap.foutregels:
        print(f"    failure: {regel[:150]}")
    schrijf = ", ".join(f"{k} {v['geaccepteerd']} ({v['kwijt']} lost, {v['dubbel']} twice)"
                        for k, v in stap.controle.items())  # fmt: skip
    print(f"  writes accepted: {schrijf}")
    workers = ", ".join(f"{a // 1024}→{b // 1024} MB" for a, b in stap.rss)
    print(
        f"  CPU: server {stap.server_cpu:.2f} cores, load generator {stap.generator_cpu:.2f}"
        f" cores; worker RSS {workers}"
    )
    print(
        f"  → {'holds' if stap.houdt else 'does NOT hold'} (p99 < {P99_GRENS:.0f} ms, no errors,"
        " nothing lost or twice)"
    )


def hello(base: str) -> float:
    out = subprocess.run(["wrk", "-t2", "-c16", "-d5s", f"{base}/bench/hello/"],
                         capture_output=True, text=True, check=True).stdout  # fmt: skip
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))


def eén_avond_per_seconde(factor: float) -> float:
    """Requests per second of one evening in this model (what a real evening asks, with the
    events `factor` times as fast)."""
    telefoon = 150 / 3 + 100 * 3 / 120 * (1 + 1 / 3)  # polls, and dots with their vote page
    schermen = 1 / 3 + 1 / 2
    hosts = 6 / 5 + 6 / 20 * factor * 1.3  # list polls; ideas with some stars and edits
    deur = 300 / 1800 * factor * 2 * (1 + 1 / 15)
    info = 1 / 5 + factor / 60
    thuis = 70 / 7200 * factor * 2
    return telefoon + schermen + hosts + deur + info + 20 / 7200 * factor * 2 + thuis


def main() -> None:
    if not LOCUST.exists():
        raise SystemExit(f"Locust is missing ({LOCUST}): run `make bench-avond`.")
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install -y wrk")
    poort = int(os.environ.get("BENCH_PORT", "8766"))
    with socket.socket() as probe:
        if probe.connect_ex(("127.0.0.1", poort)) == 0:
            raise SystemExit(f"Port {poort} is in use (an earlier bench?): set BENCH_PORT.")
    stappen = [int(n) for n in os.environ.get("BENCH_AVOND_STAPPEN", "10 20 30 40 50").split()]
    duur = int(os.environ.get("BENCH_AVOND_DUUR", "150"))
    factor = float(os.environ.get("BENCH_AVOND_FACTOR", "3"))
    workers = int(os.environ.get("BENCH_WORKERS", "4"))
    postgres = os.environ.get("BENCH_DB", "sqlite") == "postgres"
    map_ = Path(tempfile.mkdtemp(prefix="wijkavond-avond-"))
    database = None
    if postgres:
        subprocess.run(["dropdb", "--if-exists", "wijkavond_bench_avond"], check=True)
        subprocess.run(["createdb", "wijkavond_bench_avond"], check=True)
        database = "postgres:///wijkavond_bench_avond"
    env = omgeving(map_, database)
    base = f"http://127.0.0.1:{poort}"
    print(f"Evening capacity on {'PostgreSQL' if postgres else 'SQLite'}: gunicorn ×{workers} sync"
          f" workers, {os.cpu_count()} cores shared with the load generator (Locust);"
          f" {duur} s per step; work in {map_}", flush=True)  # fmt: skip
    print(f"One evening: {', '.join(f'{v} {k}' for k, v in PER_AVOND.items())}; polls at their"
          f" real intervals, events {factor:g}× as fast as on the night and every phase at once"
          f" (the 2-hour evening's events in {120 / factor:.0f} minutes):"
          f" ≈ {eén_avond_per_seconde(factor):.0f} requests/s per evening.",
          flush=True)  # fmt: skip
    python(env, "manage.py", "migrate", "-v0")
    python(env, "manage.py", "collectstatic", "--noinput", "-v0")
    uitslagen: list[Stap] = []
    seed = 1
    for n in stappen:
        avonden = json.loads(python(env, "-m", "bench.avond_opzet", "opzet", str(seed), str(n)))
        seed += n
        server = start_gunicorn(env, poort, workers)
        try:
            pids = [server.pid, *kinderen(server.pid)]
            stap = speel(env, avonden, base, pids, map_, duur, factor)
            if n == stappen[0]:
                stap.hello = hello(base)
        finally:
            stop(server)
        uitslagen.append(stap)
        druk_af(stap, factor)
        if not stap.houdt:
            break
    gehouden = [s for s in uitslagen if s.houdt]
    print()
    if gehouden:
        beste = gehouden[-1]
        hello_rps = uitslagen[0].hello
        per_avond_cpu = beste.server_cpu / beste.n
        print(f"Largest N that holds: {beste.n} evenings at once "
              f"({beste.totaal_rps:.0f} requests/s, {beste.totaal_rps / hello_rps:.0%} of a bare"
              f" hello view's {hello_rps:.0f}/s on the same server and cores).")  # fmt: skip
        print(f"Server CPU per evening: {per_avond_cpu * 1000:.0f} ms per second; a server whose "
              f"{os.cpu_count()} cores are its own, kept at 70 %, carries ≈ "
              f"{int(os.cpu_count() * 0.7 / per_avond_cpu)} evenings.")  # fmt: skip
    else:
        print("No step held.")
    shutil.rmtree(map_, ignore_errors=True)
    if postgres and os.environ.get("BENCH_AVOND_TWEE_HOSTS") == "1":
        from bench.twee_hosts import main as twee_hosts

        # At the N found for one host; without one, the first step's: the two hosts must still
        # store every write once and keep both walls current.
        n = gehouden[-1].n if gehouden else stappen[0]
        if not twee_hosts(n):
            raise SystemExit("The two-host check did not hold.")


if __name__ == "__main__":
    main()
