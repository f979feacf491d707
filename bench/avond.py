"""`make bench-avond`: how many whole evenings at once one small server carries.

For N = 5, 10, 15, 20, … it makes N fictitious evenings (bench/avond_opzet.py), serves the app with
gunicorn (sync workers, production settings) behind nginx (bench/nginx.py: a 1 s cache of the
public polls' "nothing changed"), and plays all N evenings at once: wrk (bench/telefoons.lua)
plays the 150 phones per evening with the programme open, and Locust (bench/avond_locust.py)
everyone else: 100 voters, a projector and a wall, six table hosts (one of them offline for a
minute), the door, the information point, visitors asking by QR and people registering at home.
It stops raising N when the p99 of any request type passes 300 ms (as nginx's log has it: the
server's side, without the generators' own delays), any request fails, or any accepted write is
missing or stored twice afterwards, and reports the largest N that held, with the server's,
nginx's and the generators' CPU (they share the machine's cores: a saturated generator must not
pass for the server).

Then it measures a bare hello view with wrk as the ceiling, and projects the capacity of a
server whose cores are all its own from the server's CPU time per evening.

`BENCH_DB=postgres` runs on PostgreSQL (a local server; the database `wijkavond_bench_avond` is
made afresh); `BENCH_AVOND_TWEE_HOSTS=1` adds the two-host check (bench/twee_hosts.py).
Settings: BENCH_AVOND_STAPPEN ("5 10 15 20 30 40 50"), BENCH_AVOND_DUUR (seconds per step, 150: the
wrap-up's two minutes of dots fit in it), BENCH_AVOND_FACTOR (3), BENCH_WORKERS (4), BENCH_PORT
(8766; the app on the next port), BENCH_AVOND_NGINX ("0": gunicorn alone), BENCH_BEWAAR ("1": keep
the work folder with nginx's and Locust's logs).
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
class Stap:
    n: int
    soorten: list[dict] = field(default_factory=list)
    totaal_rps: float = 0.0
    fouten: int = 0
    controle: dict = field(default_factory=dict)
    server_cpu: float = 0.0  # cores (the app's workers)
    proxy_cpu: float = 0.0  # cores (nginx)
    generator_cpu: float = 0.0  # cores (Locust and wrk)
    wrk_cpu: float = 0.0  # cores (wrk alone)
    machine_cpu: float = 0.0  # cores busy on the whole machine (the database's included)
    rss: list[tuple[int, int]] = field(default_factory=list)  # per worker: (start, end) kB
    foutregels: list[str] = field(default_factory=list)
    hello: float = 0.0

    @property
    def slechtste_p99(self) -> tuple[str, float]:
        if not self.soorten:
            return ("-", float("inf"))
        s = max(self.soorten, key=lambda s: s.get("server_p99", s["p99"]))
        return s["naam"], s.get("server_p99", s["p99"])

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


def server_tijden(stap: Stap, log: Path, van: float, tot: float) -> None:
    """Each request type's p50 and p99 as nginx saw them (first byte in to last byte out)
    between `van` and `tot`: the server's side, without the load generators' own delays."""
    per_soort: dict[str, list[float]] = {}
    for regel in log.read_text().splitlines():
        moment, methode, soort, _status, duur, *_upstream = regel.split("\t")
        if soort != "-" and van <= float(moment) <= tot:
            per_soort.setdefault(f"{methode} {soort}", []).append(float(duur) * 1000)
    for s in stap.soorten:
        tijden = sorted(per_soort.get(s["naam"], []))
        if tijden:
            s["server_p50"] = tijden[len(tijden) // 2]
            s["server_p99"] = tijden[min(len(tijden) - 1, int(len(tijden) * 0.99))]


def speel(
    env: dict, avonden: list[dict], base: str, server_pids: list[int], map_: Path, duur: int,
    factor: float, proxy_pids: list[int] | None = None,
) -> Stap:  # fmt: skip
    """Play `avonden` at once against `base` for `duur` seconds; returns the step's figures."""
    n = len(avonden)
    config, uitslag, prefix = map_ / f"avonden-{n}.json", map_ / f"uitslag-{n}.json", map_ / f"s{n}"
    config.write_text(json.dumps(avonden))
    polls = programma_polls(base, avonden, map_ / f"polls-{n}.txt")
    gebruikers = n * IN_LOCUST
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
    # (avond_locust.py resets its statistics then); the phones' polls start then.
    aanloop = gebruikers / tempo + OPWARMEN + 1
    time.sleep(aanloop)
    meten = max(5, int(duur - aanloop - 2))
    verbindingen = n * 150 // TELEFOONS_PER_VERBINDING
    telefoons = subprocess.Popen(
        ["wrk", "-t1", f"-c{verbindingen}", f"-d{meten}s", "--timeout", "10s",
         "-s", str(ROOT / "bench" / "telefoons.lua"), base, "--", str(polls),
         str(POLL_INTERVAL_MS // TELEFOONS_PER_VERBINDING)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    time.sleep(1)  # wrk's connections are open; its first polls are in
    rss_begin = {pid: rss_kb(pid) for pid in server_pids}
    generators = [generator.pid, telefoons.pid]
    proxy_pids = proxy_pids or []
    c0, p0, g0 = cpu_seconden(server_pids), cpu_seconden(proxy_pids), cpu_seconden(generators)
    w0, m0 = cpu_seconden([telefoons.pid]), machine_seconden()
    t0, van = time.monotonic(), time.time()
    time.sleep(meten - 3)
    c1, p1, g1 = cpu_seconden(server_pids), cpu_seconden(proxy_pids), cpu_seconden(generators)
    w1, m1 = cpu_seconden([telefoons.pid]), machine_seconden()
    t1, tot = time.monotonic(), time.time()
    rss = [(rss_begin[pid], rss_kb(pid)) for pid in server_pids]
    wrk_uit, _ = telefoons.communicate(timeout=60)
    generator.wait(timeout=duur + 120)
    log.close()
    stap = Stap(
        n=n, server_cpu=(c1 - c0) / (t1 - t0), proxy_cpu=(p1 - p0) / (t1 - t0),
        generator_cpu=(g1 - g0) / (t1 - t0), wrk_cpu=(w1 - w0) / (t1 - t0),
        machine_cpu=(m1 - m0) / (t1 - t0), rss=rss,
    )  # fmt: skip
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
        server_tijden(stap, map_ / "tijden.log", van, tot)
    stap.controle = json.loads(python(env, "-m", "bench.avond_opzet", "controle", str(uitslag)))
    fouten = Path(f"{prefix}_failures.csv")
    if stap.fouten and fouten.exists():
        stap.foutregels += fouten.read_text().splitlines()[1:6]
    return stap


def druk_af(stap: Stap, factor: float) -> None:
    print(f"\n  N = {stap.n} evenings ({stap.n * sum(PER_AVOND.values())} simulated people)")
    server = any("server_p99" in s for s in stap.soorten)
    kop = f" {'nginx p50':>9} {'nginx p99':>9}" if server else ""
    print(f"  {'request type':34} {'req/s':>7} {'errors':>6} {'client p50':>10} {'client p99':>10}"
          f"{kop}")  # fmt: skip
    for s in sorted(stap.soorten, key=lambda s: -s["rps"]):
        rij = f" {s.get('server_p50', 0):9.0f} {s.get('server_p99', 0):9.0f}" if server else ""
        print(f"  {s['naam']:34} {s['rps']:7.1f} {s['fouten']:6d} {s['p50']:10.0f}"
              f" {s['p99']:10.0f}{rij}")  # fmt: skip
    naam, p99 = stap.slechtste_p99
    print(f"  {'all':34} {stap.totaal_rps:7.1f} {stap.fouten:6d}   worst p99: {p99:.0f} ms"
          f" ({naam}{', as nginx saw it' if server else ''})")  # fmt: skip
    for regel in stap.foutregels:
        print(f"    failure: {regel[:150]}")
    schrijf = ", ".join(f"{k} {v['geaccepteerd']} ({v['kwijt']} lost, {v['dubbel']} twice)"
                        for k, v in stap.controle.items())  # fmt: skip
    print(f"  writes accepted: {schrijf}")
    workers = ", ".join(f"{a // 1024}→{b // 1024} MB" for a, b in stap.rss)
    proxy = f", nginx {stap.proxy_cpu:.2f}" if stap.proxy_cpu else ""
    print(
        f"  CPU: app server {stap.server_cpu:.2f} cores{proxy}, load generators (Locust and wrk)"
        f" {stap.generator_cpu:.2f} cores (wrk {stap.wrk_cpu:.2f}); the whole machine"
        f" {stap.machine_cpu:.2f} of {os.cpu_count()} (the database's included)"
    )
    print(f"  worker RSS {workers}")
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
    if not shutil.which("nginx") and os.environ.get("BENCH_AVOND_NGINX", "1") != "0":
        raise SystemExit("nginx is missing: apt-get install -y nginx-light")
    poort = int(os.environ.get("BENCH_PORT", "8766"))
    with socket.socket() as probe:
        if probe.connect_ex(("127.0.0.1", poort)) == 0:
            raise SystemExit(f"Port {poort} is in use (an earlier bench?): set BENCH_PORT.")
    stappen = [int(n) for n in os.environ.get("BENCH_AVOND_STAPPEN", "5 10 15 20 30 40 50").split()]
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
    proxy = os.environ.get("BENCH_AVOND_NGINX", "1") != "0"
    # Behind nginx the proxy and the generator stand in for two hops of X-Forwarded-For.
    env = omgeving(map_, database, {"WIJKAVOND_TRUSTED_PROXIES": "2"} if proxy else None)
    base = f"http://127.0.0.1:{poort}"
    voor = " behind nginx (bench/nginx.py: a 1 s cache of the public polls' 204)" if proxy else ""
    print(f"Evening capacity on {'PostgreSQL' if postgres else 'SQLite'}: gunicorn ×{workers} sync"
          f" workers{voor}, {os.cpu_count()} cores shared with the load generators (Locust, and"
          f" wrk for the phones' polls); {duur} s per step; in {map_}", flush=True)  # fmt: skip
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
        processen = [start_gunicorn(env, poort + 1 if proxy else poort, workers)]
        try:
            pids = [processen[0].pid, *kinderen(processen[0].pid)]
            proxy_pids = []
            if proxy:
                processen.append(nginx.start(map_, poort, [poort + 1], map_ / "static"))
                wacht_op(f"{base}/bench/hello/", processen[-1])
                proxy_pids = [processen[-1].pid, *kinderen(processen[-1].pid)]
            stap = speel(env, avonden, base, pids, map_, duur, factor, proxy_pids)
            if n == stappen[0]:
                stap.hello = hello(base)
        finally:
            for proces in reversed(processen):
                stop(proces)
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
