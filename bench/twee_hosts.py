"""Two app hosts behind nginx on one PostgreSQL: the evenings stay exactly-once and current.

Started by `make bench-avond` after the single-host runs (or alone: `python -m bench.twee_hosts
N`). It writes the nginx configuration of bench/nginx.py (the one README shows) into a temporary
folder, starts two gunicorn servers on two ports behind it, and the tasks worker when the database
task backend is installed; then it

1. captures an idea through host A and times how long until the wall served by host B shows it
   (it must within 3 s);
2. plays N evenings at once through nginx and counts every accepted write in the database
   (ideas, dots, questions, registrations, check-ins: each exactly once).
"""

from __future__ import annotations

import http.cookiejar
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

from bench import nginx
from bench.avond import (
    TAKEN,
    druk_af,
    kinderen,
    met_taken,
    model_uit_omgeving,
    omgeving,
    python,
    speel,
    start_gunicorn,
    start_taken,
    stop,
    taken_over,
    wacht_op,
)


class Browser:
    def __init__(self, base: str) -> None:
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def get(self, pad: str, htmx: bool = False) -> tuple[int, str]:
        request = urllib.request.Request(
            self.base + pad, headers={"HX-Request": "true"} if htmx else {}
        )
        with self.opener.open(request, timeout=10) as antwoord:
            return antwoord.status, antwoord.read().decode()

    def post(self, pad: str, data: dict) -> int:
        token = next(c.value for c in self.jar if c.name == "csrftoken")
        request = urllib.request.Request(
            self.base + pad, data=urllib.parse.urlencode(data).encode(),
            headers={"HX-Request": "true", "X-CSRFToken": token},
        )  # fmt: skip
        with self.opener.open(request, timeout=10) as antwoord:
            return antwoord.status


def wand_van_b_ziet_idee_van_a(avond: dict, a: str, b: str) -> float:
    """Seconds from an idea stored through host A to the wall served by host B showing it."""
    host = Browser(a)
    host.get(f"/toegang/{avond['hosts'][0]}/")
    tafel = avond["tafels"][0]
    host.get(f"/s/{avond['slug']}/tafel/{tafel}/")
    wand = Browser(b)
    _, pagina = wand.get(f"/s/{avond['slug']}/wand/")
    poll = re.search(r'id="wand"[^>]*hx-get="([^"]+)"', pagina).group(1).replace("&amp;", "&")
    merk = f"twee hosts {uuid.uuid4().hex[:8]}"
    begin = time.monotonic()
    status = host.post(
        f"/s/{avond['slug']}/tafel/{tafel}/ideeen/",
        {"tekst": merk, "soort": "", "prompt": "", "ronde": avond["ronde"],
         "sleutel": str(uuid.uuid4())},
    )  # fmt: skip
    assert status == 200, status
    while time.monotonic() - begin < 10:
        status, fragment = wand.get(poll, htmx=True)
        if status == 200:
            if merk in fragment:
                return time.monotonic() - begin
            poll = re.search(r'hx-get="([^"]+)"', fragment).group(1).replace("&amp;", "&")
        time.sleep(0.5)  # the wall polls every 2 s; a finer look measures the delay itself
    return float("inf")


def main(n: int) -> bool:
    if not shutil.which("nginx"):
        raise SystemExit("nginx is missing: apt-get install -y nginx-light")
    model = model_uit_omgeving()
    workers = int(os.environ.get("BENCH_WORKERS", "4")) // 2 or 1
    poort, a, b = 8770, 8771, 8772
    map_ = Path(tempfile.mkdtemp(prefix="wijkavond-twee-"))
    subprocess.run(["dropdb", "--if-exists", "wijkavond_bench_twee"], check=True)
    subprocess.run(["createdb", "wijkavond_bench_twee"], check=True)
    extra = {"WIJKAVOND_TRUSTED_PROXIES": "2"}  # nginx and the generator standing in for one
    taken = met_taken(postgres=True)
    if taken:
        extra |= TAKEN
    env = omgeving(map_, "postgres:///wijkavond_bench_twee", extra)
    python(env, "manage.py", "migrate", "-v0")
    python(env, "manage.py", "collectstatic", "--noinput", "-v0")
    avonden = json.loads(python(env, "-m", "bench.avond_opzet", "opzet", "1", str(n)))
    processen = []
    try:
        processen += [start_gunicorn(env, a, workers), start_gunicorn(env, b, workers)]
        proxy = nginx.start(map_, poort, [a, b], map_ / "static")
        processen.append(proxy)
        if taken:
            processen.append(start_taken(env))
        base = f"http://127.0.0.1:{poort}"
        wacht_op(f"{base}/bench/hello/", proxy)
        worker = ", the tasks worker" if taken else ""
        print(
            f"\nTwo app hosts (gunicorn ×{workers} sync workers each on :{a} and :{b}) behind"
            f" nginx on :{poort}, one PostgreSQL{worker}; configuration in {map_}/nginx.conf"
        )
        seconden = wand_van_b_ziet_idee_van_a(
            avonden[0], f"http://127.0.0.1:{a}", f"http://127.0.0.1:{b}"
        )
        print(f"  An idea captured through host A is on the wall of host B after {seconden:.1f} s"
              f" ({'within' if seconden <= 3 else 'NOT within'} 3 s).")  # fmt: skip
        pids = [p for proces in processen[:2] for p in (proces.pid, *kinderen(proces.pid))]
        proxy_pids = [proxy.pid, *kinderen(proxy.pid)]
        if taken:
            pids.append(processen[-1].pid)
        stap = speel(env, avonden, base, pids, map_, model, proxy_pids)
        if taken:
            stap.taken = taken_over(env)
        druk_af(stap)
        return stap.houdt and seconden <= 3
    finally:
        for proces in reversed(processen):
            stop(proces)
        shutil.rmtree(map_, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(0 if main(int(sys.argv[1]) if len(sys.argv) > 1 else 10) else 1)
