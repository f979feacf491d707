"""`make bench-avond`: how many whole evenings at once one small server carries.

For N = 10, 20, 30, … it makes N fictitious evenings (bench/avond_opzet.py), serves the app with
gunicorn (sync workers, production settings) behind nginx (bench/nginx.py: a 1 s cache of the
public polls' "nothing changed"), and plays all N evenings at once: wrk (bench/telefoons.lua)
plays the 150 phones per evening with the programme open, and Locust (bench/avond_locust.py)
everyone else: 100 voters, a projector and a wall, six table hosts (one of them offline for a
minute), the door, the information point, visitors asking by QR and people registering at home.

Each evening runs as its programme does (`BENCH_AVOND_MODEL=avond`): the door, then the table
rounds, then the wrap-up's dots, each phase `BENCH_AVOND_FASE` seconds at the night's pace, every
evening on the same clock (every district meeting at the same hour: the wrap-ups coincide).
`BENCH_AVOND_MODEL=samen` is the stress model instead: every phase at once, the events
`BENCH_AVOND_FACTOR` (3) times as fast.

It stops raising N when the p99 of any request type in any phase passes 300 ms (as nginx's log
has it: the server's side, without the generators' own delays), any request fails, or any
accepted write is missing or stored twice afterwards, and reports the largest N that held, with
the app's, nginx's and the generators' CPU per phase (they share the machine's cores: a
saturated generator must not pass for the server).

Then it measures a bare hello view with wrk as the ceiling, and projects the capacity of a
server whose cores are all its own from the app's CPU time per evening in the busiest phase.

`BENCH_DB=postgres` runs on PostgreSQL (a local server; the database `wijkavond_bench_avond` is
made afresh); `BENCH_AVOND_TWEE_HOSTS=1` adds the two-host check (bench/twee_hosts.py).
Settings: BENCH_AVOND_STAPPEN ("10 20 30 40 50"), BENCH_AVOND_MODEL ("avond"), BENCH_AVOND_FASE
(seconds per phase: 130, "samen" 125; the wrap-up's two minutes of dots fit in it),
BENCH_AVOND_FACTOR (1, "samen" 3), BENCH_WORKERS (4), BENCH_PORT (8766; the app on the next
port), BENCH_AVOND_NGINX ("0": gunicorn alone, without the per-phase server times),
BENCH_BEWAAR ("1": keep the work folder with nginx's and Locust's logs).
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

from bench import nginx

ROOT = Path(__file__).resolve().parent.parent
LOCUST = Path(os.environ.get("BENCH_LOCUST", ROOT / ".venv-bench" / "bin" / "locust"))
P99_GRENS = 300.0
OPWARMEN = 20
PER_AVOND = {"phones": 150, "projector": 1, "wall": 1, "hosts": 6, "door": 1, "info point": 1,
             "QR visitors": 1, "at home": 1}  # fmt: skip
# Locust plays everyone but the phones' programme polls, and of the phones the hundred voters;
# wrk (bench/telefoons.lua) plays the 150 phones' polls, each connection ten phones.
IN_LOCUST = sum(PER_AVOND.values()) - 150 + 100
TELEFOONS_PER_VERBINDING = 10
POLL_INTERVAL_MS = 3000
TICKS = os.sysconf("SC_CLK_TCK")


@dataclass
class Fase:
    """One phase of the step: its stretch of time, what nginx saw per request type in it, and
    the CPU each part used (in cores)."""

    naam: str
    begin: float  # Unix seconds
    eind: float
    soorten: list[dict] = field(default_factory=list)  # naam, rps, server_p50, server_p99
    server_cpu: float = 0.0  # the app's workers
    proxy_cpu: float = 0.0  # nginx
    generator_cpu: float = 0.0  # Locust and wrk
    wrk_cpu: float = 0.0  # wrk alone
    machine_cpu: float = 0.0  # the whole machine (the database's included)

    @property
    def rps(self) -> float:
        return sum(s["rps"] for s in self.soorten)

    @property
    def slechtste_p99(self) -> tuple[str, float]:
        if not self.soorten:
            return ("-", 0.0)
        s = max(self.soorten, key=lambda s: s["server_p99"])
        return s["naam"], s["server_p99"]


@dataclass
class Stap:
    n: int
    soorten: list[dict] = field(default_factory=list)  # the whole step, as the generators saw
    fasen: list[Fase] = field(default_factory=list)
    totaal_rps: float = 0.0
    fouten: int = 0
    controle: dict = field(default_factory=dict)
    rss: list[tuple[int, int]] = field(default_factory=list)  # per worker: (start, end) kB
    foutregels: list[str] = field(default_factory=list)
    hello: float = 0.0
    taken: str = ""  # how the queued mail fared

    @property
    def server_cpu(self) -> float:
        """The app's cores in the step's busiest phase."""
        return max((f.server_cpu for f in self.fasen), default=0.0)

    @property
    def slechtste_p99(self) -> tuple[str, float]:
        """The worst p99 of any request type in any phase, as nginx saw it (as the generators
        saw it over the whole step when there is no nginx)."""
        kandidaten = [(f.slechtste_p99, f.naam) for f in self.fasen if f.soorten]
        if kandidaten:
            (naam, p99), fase = max(kandidaten, key=lambda k: k[0][1])
            return (f"{naam}, {FASE_NAMEN[fase]}" if len(self.fasen) > 1 else naam), p99
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


FASE_NAMEN = {
    "deur": "the door (18.30–19.00)",
    "tafels": "the table rounds (19.40–21.10)",
    "afsluiting": "the wrap-up's dots (21.15–21.30)",
    "alles": "every phase at once",
}


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


def machine_seconden() -> float:
    """CPU seconds the whole machine has been busy (all cores; idle and iowait left out)."""
    velden = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return (sum(velden[:8]) - velden[3] - velden[4]) / TICKS


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


def met_taken(postgres: bool) -> bool:
    """Mail through the database's task queue and `manage.py db_worker`, as production runs it
    on PostgreSQL (README, *Production*); on SQLite inside the request, as `make run` does
    (BENCH_TAKEN=1 or 0 decides instead). The worker claims its tasks in an exclusive
    transaction every second: on SQLite that is one more process after the one write lock, and
    in the one run with it, twenty evenings' wrap-up saw every request wait up to 1.2 s."""
    keuze = os.environ.get("BENCH_TAKEN")
    return postgres if keuze is None else keuze == "1"


TAKEN = {"WIJKAVOND_TASKS_BACKEND": "django_tasks_db.DatabaseBackend"}


def start_taken(env: dict) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--no-reload"], cwd=ROOT, env=env,
        start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip


def taken_over(env: dict) -> str:
    """How the queued mail fared, a few seconds after the step: for the step's report."""
    time.sleep(5)  # the worker's last batch
    open_, alle = python(env, "manage.py", "shell", "-v0", "-c",
                         "from django_tasks_db.models import DBTaskResult as T;"
                         "print(T.objects.exclude(status='SUCCESSFUL').count(),"
                         " T.objects.count())").split()  # fmt: skip
    return f"{alle} queued so far, {open_} not done 5 s after the step"


def stop(proces: subprocess.Popen) -> None:
    try:
        os.killpg(proces.pid, signal.SIGTERM)
        proces.wait(timeout=20)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        os.killpg(proces.pid, signal.SIGKILL)


def programma_polls(base: str, avonden: list[dict], pad: Path) -> Path:
    """Each evening's programme poll URL, as its page polls it (with the content mark)."""
    regels = []
    for avond in avonden:
        with urllib.request.urlopen(f"{base}/s/{avond['slug']}/programma/", timeout=10) as r:
            pagina = r.read().decode()
        found = re.search(r'id="programma-live"[^>]*?hx-get="([^"]+)"', pagina)
        if not found:
            raise SystemExit(f"{avond['slug']}: no programme poll on its page")
        regels.append(found.group(1).replace("&amp;", "&"))
    pad.write_text("\n".join(regels) + "\n")
    return pad


def server_tijden(fasen: list[Fase], log: Path) -> None:
    """Per phase, each request type's requests/s, p50 and p99 as nginx saw them (first byte in
    to last byte out): the server's side, without the load generators' own delays."""
    per_fase: list[dict[str, list[float]]] = [{} for _ in fasen]
    for regel in log.read_text().splitlines():
        moment, methode, soort, _status, duur, *_upstream = regel.split("\t")
        if soort == "-":
            continue
        for i, fase in enumerate(fasen):
            if fase.begin <= float(moment) < fase.eind:
                per_fase[i].setdefault(f"{methode} {soort}", []).append(float(duur) * 1000)
    for fase, per_soort in zip(fasen, per_fase, strict=True):
        for naam, tijden in per_soort.items():
            tijden.sort()
            fase.soorten.append({
                "naam": naam, "rps": len(tijden) / (fase.eind - fase.begin),
                "server_p50": tijden[len(tijden) // 2],
                "server_p99": tijden[min(len(tijden) - 1, int(len(tijden) * 0.99))],
            })  # fmt: skip


@dataclass
class Model:
    """How the step plays each evening: "avond", its phases one after another, each `fase`
    seconds; or "samen", every phase at once for `fase` seconds."""

    naam: str = "avond"
    factor: float = 1.0
    fase: float = 130.0

    @property
    def fasen(self) -> tuple[str, ...]:
        return ("alles",) if self.naam == "samen" else ("deur", "tafels", "afsluiting")


def speel(
    env: dict, avonden: list[dict], base: str, server_pids: list[int], map_: Path, model: Model,
    proxy_pids: list[int] | None = None,
) -> Stap:  # fmt: skip
    """Play `avonden` at once against `base`, phase by phase; returns the step's figures."""
    n = len(avonden)
    config, uitslag, prefix = map_ / f"avonden-{n}.json", map_ / f"uitslag-{n}.json", map_ / f"s{n}"
    config.write_text(json.dumps(avonden))
    polls = programma_polls(base, avonden, map_ / f"polls-{n}.txt")
    gebruikers = n * IN_LOCUST
    tempo = 1000
    # The evening starts when every person is in and their first pages are loaded (Locust
    # counts from then on); the phones' polls start with it.
    aanloop = gebruikers / tempo + OPWARMEN + 1
    totaal = model.fase * len(model.fasen)
    start = time.time() + aanloop
    locust_env = {
        **os.environ,
        "AVOND_CONFIG": str(config),
        "AVOND_UITSLAG": str(uitslag),
        "AVOND_MODEL": model.naam,
        "AVOND_FACTOR": str(model.factor),
        "AVOND_FASE": str(model.fase),
        "AVOND_START": str(start),
        "AVOND_ADRESSEN": "1",
    }
    log = (map_ / f"locust-{n}.log").open("w")
    generator = subprocess.Popen(
        [str(LOCUST), "-f", str(ROOT / "bench" / "avond_locust.py"), "--headless",
         "-u", str(gebruikers), "-r", str(tempo), "-t", f"{int(aanloop + totaal + 3)}s",
         "--host", base, "--csv", str(prefix), "--only-summary", "--loglevel", "WARNING",
         "--stop-timeout", "15"],
        cwd=ROOT, env=locust_env, stdout=subprocess.DEVNULL, stderr=log,
    )  # fmt: skip
    time.sleep(max(0.0, start - 1 - time.time()))
    verbindingen = n * 150 // TELEFOONS_PER_VERBINDING
    telefoons = subprocess.Popen(
        ["wrk", "-t1", f"-c{verbindingen}", f"-d{int(totaal + 2)}s", "--timeout", "10s",
         "-s", str(ROOT / "bench" / "telefoons.lua"), base, "--", str(polls),
         str(POLL_INTERVAL_MS // TELEFOONS_PER_VERBINDING)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    generators = [generator.pid, telefoons.pid]
    proxy_pids = proxy_pids or []

    def meting() -> tuple[float, ...]:
        cpu = [cpu_seconden(p) for p in (server_pids, proxy_pids, generators, [telefoons.pid])]
        return (time.time(), *cpu, machine_seconden())

    time.sleep(max(0.0, start - time.time()))
    rss_begin = {pid: rss_kb(pid) for pid in server_pids}
    metingen = [meting()]
    fasen = []
    for i, naam in enumerate(model.fasen):
        time.sleep(max(0.0, start + (i + 1) * model.fase - time.time()))
        metingen.append(meting())
        (t0, c0, p0, g0, w0, m0), (t1, c1, p1, g1, w1, m1) = metingen[-2:]
        fasen.append(Fase(
            naam, t0, t1, server_cpu=(c1 - c0) / (t1 - t0), proxy_cpu=(p1 - p0) / (t1 - t0),
            generator_cpu=(g1 - g0) / (t1 - t0), wrk_cpu=(w1 - w0) / (t1 - t0),
            machine_cpu=(m1 - m0) / (t1 - t0),
        ))  # fmt: skip
    rss = [(rss_begin[pid], rss_kb(pid)) for pid in server_pids]
    wrk_uit, _ = telefoons.communicate(timeout=60)
    generator.wait(timeout=totaal + 120)
    log.close()
    stap = Stap(n=n, fasen=fasen, rss=rss)
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
    try:
        w = json.loads(wrk_uit.strip().splitlines()[-1])
    except (ValueError, IndexError):
        raise SystemExit(f"wrk (the phones' polls) failed:\n{wrk_uit[-2000:]}") from None
    stap.soorten.append({
        "naam": "GET programme poll (wrk)", "aantal": w["aantal"], "fouten": w["fouten"],
        "rps": w["aantal"] / w["seconden"], "p50": w["p50"], "p99": w["p99"],
    })  # fmt: skip
    stap.totaal_rps += w["aantal"] / w["seconden"]
    stap.fouten += w["fouten"]
    if w["fouten"]:
        stap.foutregels.append(f"wrk: {w['fouten']} failed polls ({w['status']} error statuses)")
    if proxy_pids:
        time.sleep(1.5)  # nginx writes its log every second
        server_tijden(fasen, map_ / "tijden.log")
    stap.controle = json.loads(python(env, "-m", "bench.avond_opzet", "controle", str(uitslag)))
    fouten = Path(f"{prefix}_failures.csv")
    if stap.fouten and fouten.exists():
        stap.foutregels += fouten.read_text().splitlines()[1:6]
    return stap


def druk_af(stap: Stap) -> None:
    print(f"\n  N = {stap.n} evenings ({stap.n * sum(PER_AVOND.values())} simulated people)")
    for fase in stap.fasen:
        proxy = f", nginx {fase.proxy_cpu:.2f}" if fase.proxy_cpu else ""
        print(f"  {FASE_NAMEN[fase.naam]}: app {fase.server_cpu:.2f} cores{proxy}, load"
              f" generators {fase.generator_cpu:.2f} (wrk {fase.wrk_cpu:.2f}), the whole machine"
              f" {fase.machine_cpu:.2f} of {os.cpu_count()} (the database's included)")  # fmt: skip
        if not fase.soorten:
            continue
        print(f"    {'request type (as nginx saw it)':34} {'req/s':>7} {'p50 ms':>7} {'p99 ms':>7}")
        for s in sorted(fase.soorten, key=lambda s: -s["rps"]):
            if s["rps"] >= 0.05 or s["server_p99"] >= P99_GRENS:
                print(f"    {s['naam']:34} {s['rps']:7.1f} {s['server_p50']:7.0f}"
                      f" {s['server_p99']:7.0f}")  # fmt: skip
        naam, p99 = fase.slechtste_p99
        print(f"    {'all':34} {fase.rps:7.1f}   worst p99: {p99:.0f} ms ({naam})")
    print(f"  as the generators saw the whole step ({stap.totaal_rps:.0f} requests/s):")
    print(f"    {'request type':34} {'req/s':>7} {'errors':>6} {'p50 ms':>7} {'p99 ms':>7}")
    for s in sorted(stap.soorten, key=lambda s: -s["rps"]):
        print(f"    {s['naam']:34} {s['rps']:7.1f} {s['fouten']:6d} {s['p50']:7.0f}"
              f" {s['p99']:7.0f}")  # fmt: skip
    for regel in stap.foutregels:
        print(f"    failure: {regel[:150]}")
    schrijf = ", ".join(f"{k} {v['geaccepteerd']} ({v['kwijt']} lost, {v['dubbel']} twice)"
                        for k, v in stap.controle.items())  # fmt: skip
    print(f"  writes accepted: {schrijf}")
    workers = ", ".join(f"{a // 1024}→{b // 1024} MB" for a, b in stap.rss)
    print(f"  RSS (gunicorn and its workers{', the tasks worker' if stap.taken else ''}):"
          f" {workers}")  # fmt: skip
    if stap.taken:
        print(f"  mail: {stap.taken}")
    naam, p99 = stap.slechtste_p99
    print(
        f"  → {'holds' if stap.houdt else 'does NOT hold'} (worst p99 {p99:.0f} ms: {naam};"
        f" {stap.fouten} errors; {stap.kwijt} writes lost, {stap.dubbel} twice)"
    )


def hello(base: str) -> float:
    out = subprocess.run(["wrk", "-t2", "-c16", "-d5s", f"{base}/bench/hello/"],
                         capture_output=True, text=True, check=True).stdout  # fmt: skip
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))


def per_avond_per_seconde(model: Model) -> dict[str, float]:
    """Requests per second of one evening in each phase of `model` (what a real evening asks,
    with the events `model.factor` times as fast)."""
    f = model.factor
    # All evening: the phones' polls, both screens, the hosts' lists, the information point,
    # the visitors asking by QR and the people at home.
    altijd = (150 / 3 + 1 / 3 + 1 / 2 + 6 / 5 + 1 / 5 + f / 60 + 20 / 7200 * f * 2
              + 70 / 7200 * f * 2)  # fmt: skip
    deur = 300 / 1800 * f * 2 * (1 + 1 / 15)  # a search and a check-in; a walk-in in fifteen
    tafels = 6 / 20 * f * 1.3  # ideas, with some stars and edits
    afsluiting = 100 * 3 / 120 * (1 + 1 / 3)  # dots, with their vote page
    if model.naam == "samen":
        return {"alles": altijd + deur + tafels + afsluiting}
    return {"deur": altijd + deur, "tafels": altijd + tafels, "afsluiting": altijd + afsluiting}


def model_uit_omgeving() -> Model:
    naam = os.environ.get("BENCH_AVOND_MODEL", "avond")
    if naam not in ("avond", "samen"):
        raise SystemExit(f'BENCH_AVOND_MODEL is "avond" or "samen", not {naam!r}')
    factor = float(os.environ.get("BENCH_AVOND_FACTOR", "3" if naam == "samen" else "1"))
    fase = float(os.environ.get("BENCH_AVOND_FASE", "125" if naam == "samen" else "130"))
    if fase < 100:
        raise SystemExit("BENCH_AVOND_FASE: at least 100 s (the wrap-up's dots, a host's minute"
                         " offline)")  # fmt: skip
    return Model(naam, factor, fase)


def beschrijf(model: Model) -> str:
    per_fase = per_avond_per_seconde(model)
    mensen = ", ".join(f"{v} {k}" for k, v in PER_AVOND.items())
    if model.naam == "samen":
        return (f"One evening: {mensen}; polls at their real intervals, events {model.factor:g}×"
                f" as fast as on the night and every phase at once, for {model.fase:.0f} s:"
                f" ≈ {per_fase['alles']:.0f} requests/s per evening.")  # fmt: skip
    tempo = "at the night's pace" if model.factor == 1 else f"{model.factor:g}× the night's pace"
    return (f"One evening: {mensen}. Its phases one after another, {model.fase:.0f} s of each"
            f" {tempo}, every evening on the same clock: the door (≈ {per_fase['deur']:.0f}"
            f" requests/s per evening), the table rounds (≈ {per_fase['tafels']:.0f}/s) and the"
            f" wrap-up's dots (≈ {per_fase['afsluiting']:.0f}/s); the information point, the QR"
            " questions, registrations and the phones' and screens' polls all"
            " evening.")  # fmt: skip


def main() -> None:
    if not LOCUST.exists():
        raise SystemExit(f"Locust is missing ({LOCUST}): run `make bench-avond`.")
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install -y wrk")
    if not shutil.which("nginx") and os.environ.get("BENCH_AVOND_NGINX", "1") != "0":
        raise SystemExit("nginx is missing: apt-get install -y nginx-light")
    poort = int(os.environ.get("BENCH_PORT", "8766"))
    with socket.socket() as probe:
        if probe.connect_ex(("127.0.0.1", poort)) == 0:
            raise SystemExit(f"Port {poort} is in use (an earlier bench?): set BENCH_PORT.")
    stappen = [int(n) for n in os.environ.get("BENCH_AVOND_STAPPEN", "10 20 30 40 50").split()]
    model = model_uit_omgeving()
    workers = int(os.environ.get("BENCH_WORKERS", "4"))
    postgres = os.environ.get("BENCH_DB", "sqlite") == "postgres"
    map_ = Path(tempfile.mkdtemp(prefix="wijkavond-avond-"))
    database = None
    if postgres:
        subprocess.run(["dropdb", "--if-exists", "wijkavond_bench_avond"], check=True)
        subprocess.run(["createdb", "wijkavond_bench_avond"], check=True)
        database = "postgres:///wijkavond_bench_avond"
    proxy = os.environ.get("BENCH_AVOND_NGINX", "1") != "0"
    # Behind nginx the proxy and the generator stand in for two hops of X-Forwarded-For.
    extra = {"WIJKAVOND_TRUSTED_PROXIES": "2"} if proxy else {}
    taken = met_taken(postgres)
    env = omgeving(map_, database, extra | (TAKEN if taken else {}))
    base = f"http://127.0.0.1:{poort}"
    voor = " behind nginx (bench/nginx.py: a 1 s cache of the public polls' 204)" if proxy else ""
    mail = ", mail through the tasks worker (db_worker)" if taken else ", mail inside the request"
    print(f"Evening capacity on {'PostgreSQL' if postgres else 'SQLite'}: gunicorn ×{workers} sync"
          f" workers{voor}{mail}, {os.cpu_count()} cores shared with the load generators (Locust,"
          f" and wrk for the phones' polls); in {map_}", flush=True)  # fmt: skip
    print(beschrijf(model), flush=True)
    python(env, "manage.py", "migrate", "-v0")
    python(env, "manage.py", "collectstatic", "--noinput", "-v0")
    uitslagen: list[Stap] = []
    seed = 1
    for n in stappen:
        avonden = json.loads(python(env, "-m", "bench.avond_opzet", "opzet", str(seed), str(n)))
        seed += n
        processen = [start_gunicorn(env, poort + 1 if proxy else poort, workers)]
        try:
            pids = [processen[0].pid, *kinderen(processen[0].pid)]
            if taken:
                processen.append(start_taken(env))
                pids.append(processen[-1].pid)  # the app's work: its CPU counts as the app's
            proxy_pids = []
            if proxy:
                processen.append(nginx.start(map_, poort, [poort + 1], map_ / "static"))
                wacht_op(f"{base}/bench/hello/", processen[-1])
                proxy_pids = [processen[-1].pid, *kinderen(processen[-1].pid)]
            stap = speel(env, avonden, base, pids, map_, model, proxy_pids)
            if n == stappen[0]:
                stap.hello = hello(base)
            if taken:
                stap.taken = taken_over(env)
        finally:
            for proces in reversed(processen):
                stop(proces)
        uitslagen.append(stap)
        druk_af(stap)
        if not stap.houdt:
            break
    gehouden = [s for s in uitslagen if s.houdt]
    print()
    if gehouden:
        beste = gehouden[-1]
        hello_rps = uitslagen[0].hello
        per_avond_cpu = beste.server_cpu / beste.n
        drukste = max(beste.fasen, key=lambda f: f.server_cpu)
        rps = drukste.rps or beste.totaal_rps
        print(f"Largest N that holds: {beste.n} evenings at once (the busiest phase,"
              f" {FASE_NAMEN[drukste.naam]}: {rps:.0f} requests/s, {rps / hello_rps:.0%} of a"
              f" bare hello view's {hello_rps:.0f}/s on the same server and cores).")  # fmt: skip
        print(f"App CPU per evening in that phase: {per_avond_cpu * 1000:.0f} ms per second; a"
              f" server whose {os.cpu_count()} cores are its own, kept at 70 %, carries ≈ "
              f"{int(os.cpu_count() * 0.7 / per_avond_cpu)} evenings.")  # fmt: skip
    else:
        print("No step held.")
    if os.environ.get("BENCH_BEWAAR") != "1":  # keep the logs to look into a run
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
