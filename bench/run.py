"""`make bench`: throughput and latency of the live pages and captures next to a bare hello view.

Serves the app with gunicorn (2 sync workers, production settings) on a fresh SQLite database
filled with a simulated evening (300 attendees, 1,000 ideas, 200 questions), drives each
scenario with wrk on loopback and prints req/s, p50 and p99 and the ratio to the hello view,
measured right before each scenario so that the ratio holds on a busy machine. Then it times,
in-process, what a change costs the first screen that asks for it (the render that every
other screen then gets from memory).

`BENCH_ONLY=capture make bench` runs only the scenarios whose label contains "capture".
"""

from __future__ import annotations

import http.cookiejar
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

from bench.avond import omgeving

ROOT = Path(__file__).resolve().parent.parent
PORT = int(os.environ.get("BENCH_PORT", "8765"))
BASE = f"http://127.0.0.1:{PORT}"
DURATION = os.environ.get("BENCH_DURATION", "5s")
CONNECTIONS = os.environ.get("BENCH_CONNECTIONS", "16")
SLUG = "simulatie-1"
# As a browser asks: htmx's header, and gzip (the app compresses pages and fragments).
HTMX = {"HX-Request": "true", "Accept-Encoding": "gzip"}


@dataclass
class Scenario:
    label: str
    # {slug}, {tafel}, {ronde}, {categorie} are filled in; "poll:PATH" polls with the URL
    # that PATH's fragment itself polls (so an unchanged poll answers 204).
    path: str
    headers: dict[str, str] = field(default_factory=dict)
    target: float | None = None  # minimum share of hello's throughput
    body: str = ""  # a POST body for bench/post.lua ({key}: fresh UUID, {n}: unique)
    role: str = ""  # whose browser: a volunteer role, "bezoeker" (anonymous), or nobody


def scenarios() -> list[Scenario]:
    return [
        Scenario("programme fragment, changed", "/s/{slug}/programma/", HTMX, 0.25),
        Scenario("programme poll, unchanged (204)", "poll:/s/{slug}/programma/", HTMX, 0.60),
        Scenario("projector fragment, changed", "/s/{slug}/projector/", HTMX, 0.25),
        Scenario("projector poll, unchanged (204)", "poll:/s/{slug}/projector/", HTMX, 0.60),
        Scenario("wall fragment, changed", "/s/{slug}/wand/", HTMX, 0.25),
        Scenario("wall poll, unchanged (204)", "poll:/s/{slug}/wand/", HTMX, 0.60),
        Scenario(
            "idea capture POST (table host)",
            "/s/{slug}/tafel/{tafel}/ideeen/",
            HTMX,
            # No ratio: a write against a no-op measures nothing an evening needs (issue 14);
            # whole evenings are `make bench-avond`'s.
            body="tekst=Een+idee+uit+de+bench&soort=&prompt=&ronde={ronde}&sleutel={key}",
            role="tafelhost",
        ),
        Scenario(
            "question intake POST (info point)",
            "/s/{slug}/informatiepunt/",
            HTMX,
            body="tekst=Hoe+vraag+ik+budget+aan%3F&categorie={categorie}&vraagsteller=bewoner"
            "&naam=&email=&sleutel={key}",
            role="informatiepunt",
        ),
        Scenario(
            "registration POST (new attendee)",
            "/s/{slug}/aanmelden/",
            body="naam=Bench+Fictief&email={n}%40example.invalid&broodje=on&dieet=halal"
            "&sleutel={key}&website=",
            role="bezoeker",
        ),
        Scenario("door search (two letters)", "/s/{slug}/deur/?q=an", HTMX, role="deur"),
        Scenario("public session page (full)", "/s/{slug}/"),
    ]


def manage(env: dict, *args: str) -> str:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


# Six tables' host links, each opened in its own browser (one phone per table on the evening):
# captures are spread over them as over the tables of a big World Café.
SETUP = """
import json
from sessie.models import Sessie, Toegang
from thematafels.models import Tafel, Tafeltoegang
s = Sessie.objects.get(slug="{slug}")
tafels = list(Tafel.objects.filter(thematafel__sessie=s).order_by("pk")[:6])
grants = {{
    "tafelhost": [Tafeltoegang.uitgeven(tafel=t)[1] for t in tafels],
    "informatiepunt": [Toegang.uitgeven(sessie=s, rol="informatiepunt")[1]],
    "deur": [Toegang.uitgeven(sessie=s, rol="deur")[1]],
}}
print(json.dumps({{
    "tafels": [t.pk for t in tafels],
    "ronde": s.rondes.get(nummer=1).pk,
    "categorie": s.vraagcategorieen.first().pk,
    "tokens": grants,
}}))
"""


def browser_cookies(*paths: str) -> tuple[str, str]:
    """Open `paths` like one browser; returns (Cookie header, csrftoken)."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    for path in paths:
        opener.open(BASE + path, timeout=10).read()
    cookies = {c.name: c.value for c in jar}
    return "; ".join(f"{k}={v}" for k, v in cookies.items()), cookies.get("csrftoken", "")


def wrk(url: str, scenario: Scenario, env: dict | None = None) -> tuple[float, float, float]:
    cmd = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{DURATION}", "--latency"]
    for name, value in scenario.headers.items():
        cmd += ["-H", f"{name}: {value}"]
    if env and env.get("BENCH_BODY"):
        cmd += ["-s", str(ROOT / "bench" / "post.lua")]
    elif env and env.get("BENCH_COOKIES"):
        cmd += ["-H", f"Cookie: {env['BENCH_COOKIES'].splitlines()[0]}"]
    out = subprocess.run(
        [*cmd, url], capture_output=True, text=True, check=True, env={**os.environ, **(env or {})}
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))

    def pct(label: str) -> float:
        value, unit = re.search(rf"\s{label}\s+([\d.]+)(us|ms|s)", out).groups()
        return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if errors:
        raise SystemExit(f"{scenario.label}: {errors.group(1)} error responses\n{out}")
    return rps, pct("50%"), pct("99%")


def resolve(path: str, headers: dict[str, str]) -> str:
    if not path.startswith("poll:"):
        return path
    plain = {k: v for k, v in headers.items() if k != "Accept-Encoding"}  # urllib won't unzip
    request = urllib.request.Request(BASE + path[5:], headers=plain)
    html = urllib.request.urlopen(request, timeout=10).read().decode()
    return re.search(r'hx-get="([^"]+)"', html).group(1).replace("&amp;", "&")


RENDER_TIMING = """
import time
from django.core.cache import caches
from django.test import Client
c = Client(HTTP_HX_REQUEST="true")
def best(path, clear):
    c.get(path)
    result = 1e9
    for _ in range(7):
        start = time.perf_counter()
        for _ in range(40):
            if clear:
                caches["fragments"].clear()
            c.get(path)
        result = min(result, (time.perf_counter() - start) / 40 * 1000)
    return result
hello = best("/bench/hello/", False)
print(f"  {'hello (bare Django view)':38} {hello:7.2f} ms")
for label, path in (("programme fragment", "/s/{slug}/programma/"),
                    ("projector fragment", "/s/{slug}/projector/"),
                    ("wall fragment (1,000 ideas)", "/s/{slug}/wand/")):
    first, again = best(path, True), best(path, False)
    print(f"  {label:38} {first:7.2f} ms first render ({hello / first:4.0%} of hello), "
          f"{again:5.2f} ms from memory ({hello / again:4.0%})")
"""


def main() -> None:
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install -y wrk")
    with socket.socket() as probe:
        if probe.connect_ex(("127.0.0.1", PORT)) == 0:
            raise SystemExit(f"Port {PORT} is in use (an earlier bench?): set BENCH_PORT.")
    data = Path(tempfile.mkdtemp(prefix="wijkavond-bench-"))
    env = omgeving(
        data,
        None,
        {
            # Mail is rendered (text, .ics, QR code) but not delivered.
            "WIJKAVOND_EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
            # One benchmark client registers thousands of times: lift the per-browser limit.
            "WIJKAVOND_AANMELDEN_PER_BROWSER": "100000000",
            "WIJKAVOND_AANMELDEN_PER_IP": "100000000",
            "WIJKAVOND_AANMELDEN_PER_IP_PER_MINUTE": "100000000",
        },
    )
    print(f"Preparing a simulated evening in {data} …", flush=True)
    manage(env, "migrate", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    manage(env, "simuleer", "--deelnemers", "300", "--ideeen", "1000", "--vragen", "200",
           "--klok", "19:45")  # fmt: skip
    ids = json.loads(manage(env, "shell", "-v", "0", "-c", SETUP.format(slug=SLUG)).strip())
    values = {"slug": SLUG, "tafel": ids["tafels"][0], "ronde": ids["ronde"],
              "categorie": ids["categorie"]}  # fmt: skip

    # Timed before the scenarios add their captures: the wall then holds the 1,000 ideas.
    timing = manage(env, "shell", "-v", "0", "-c", RENDER_TIMING.replace("{slug}", SLUG))

    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "wijkavond.wsgi",
            "-w",
            "2",
            "-b",
            f"127.0.0.1:{PORT}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    rows = []
    try:
        for _ in range(50):
            if server.poll() is not None:
                raise SystemExit("gunicorn did not start (see above)")
            try:
                urllib.request.urlopen(f"{BASE}/bench/hello/", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        # One browser per volunteer link, as on the evening: each table's host has a phone.
        browsers = {
            rol: [browser_cookies(f"/toegang/{token}/") for token in tokens]
            for rol, tokens in ids["tokens"].items()
        }
        browsers["bezoeker"] = [browser_cookies(f"/s/{SLUG}/aanmelden/")]
        hello = Scenario("hello", "/bench/hello/")
        only = os.environ.get("BENCH_ONLY", "").lower()
        for scenario in scenarios():
            if only not in scenario.label.lower():
                continue
            wrk_env = {}
            if scenario.role:
                wrk_env["BENCH_COOKIES"] = "\n".join(c for c, _ in browsers[scenario.role])
                wrk_env["BENCH_CSRFS"] = "\n".join(t for _, t in browsers[scenario.role])
            if scenario.body:
                wrk_env["BENCH_BODY"] = scenario.body.format(**values, key="{key}", n="{n}")
                wrk_env["BENCH_HTMX"] = "1" if scenario.headers else ""
                # Each browser posts to its own table's URL (tables are in the tokens' order).
                wrk_env["BENCH_PATHS"] = "\n".join(
                    scenario.path.format(**values | {"tafel": tafel})
                    for tafel, _ in zip(ids["tafels"], browsers[scenario.role], strict=False)
                )
            # Hello right before each scenario: the ratio holds even when the machine is busy.
            hello_rps, *_ = wrk(BASE + hello.path, hello)
            url = BASE + resolve(scenario.path.format(**values), scenario.headers)
            rps, p50, p99 = wrk(url, scenario, wrk_env)
            rows.append((scenario, rps, p50, p99, hello_rps, rps / hello_rps))
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=10)

    print(
        f"\ngunicorn ×2 sync workers, wrk {CONNECTIONS} connections × {DURATION}, "
        f"{os.cpu_count()} cores, SQLite; simulated evening: 300 attendees, 1,000 ideas, "
        "200 questions\n"
    )
    print(f"{'scenario':40} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'hello/s':>8} "
          f"{'× hello':>8}  target")  # fmt: skip
    failed = []
    for scenario, rps, p50, p99, hello_rps, ratio in rows:
        target = ""
        if scenario.target is not None:
            ok = ratio >= scenario.target
            target = f"≥ {scenario.target:.0%} {'ok' if ok else 'MISSED'}"
            if not ok:
                failed.append(scenario.label)
        print(f"{scenario.label:40} {rps:8.0f} {p50:8.2f} {p99:8.2f} {hello_rps:8.0f} "
              f"{ratio:8.0%}  {target}")  # fmt: skip

    print("\nWhat a change costs the first screen that asks (in-process, best of 7 × 40):")
    print(timing.rstrip())
    shutil.rmtree(data, ignore_errors=True)
    if failed:
        print(f"\nBelow target: {', '.join(failed)}")


if __name__ == "__main__":
    main()
