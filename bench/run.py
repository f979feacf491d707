"""`make bench`: throughput and latency of the live pages next to a bare hello view.

Serves the app with gunicorn (2 sync workers, production settings) on a fresh SQLite database
filled with a simulated evening, drives each scenario with wrk on loopback and prints req/s,
p50 and p99, and the ratio to the hello view measured in the same run.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PORT = int(os.environ.get("BENCH_PORT", "8765"))
BASE = f"http://127.0.0.1:{PORT}"
DURATION = os.environ.get("BENCH_DURATION", "5s")
CONNECTIONS = os.environ.get("BENCH_CONNECTIONS", "16")
SLUG = "simulatie-1"


@dataclass
class Scenario:
    label: str
    # May contain {slug}; "poll:PATH" polls with the URL that PATH's fragment itself polls.
    path: str
    headers: dict[str, str] = field(default_factory=dict)
    target: float | None = None  # minimum share of hello's throughput
    method: str = "GET"
    body: str = ""


HTMX = {"HX-Request": "true"}


def scenarios() -> list[Scenario]:
    return [
        Scenario("hello (bare Django view)", "/bench/hello/"),
        Scenario("programme fragment, changed", "/s/{slug}/programma/", HTMX, 0.25),
        Scenario("programme poll, unchanged (204)", "poll:/s/{slug}/programma/", HTMX, 0.60),
        Scenario("projector fragment, changed", "/s/{slug}/projector/", HTMX, 0.25),
        Scenario("projector poll, unchanged (204)", "poll:/s/{slug}/projector/", HTMX, 0.60),
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


def wrk(url: str, scenario: Scenario) -> tuple[float, float, float]:
    cmd = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{DURATION}", "--latency"]
    for name, value in scenario.headers.items():
        cmd += ["-H", f"{name}: {value}"]
    out = subprocess.run([*cmd, url], capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))

    def pct(label: str) -> float:
        value, unit = re.search(rf"\s{label}\s+([\d.]+)(us|ms|s)", out).groups()
        return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if errors:
        raise SystemExit(f"{scenario.label}: {errors.group(1)} error responses\n{out}")
    return rps, pct("50%"), pct("99%")


def resolve(scenario: Scenario) -> str:
    path = scenario.path.format(slug=SLUG)
    if not path.startswith("poll:"):
        return path
    request = urllib.request.Request(BASE + path[5:], headers=scenario.headers)
    html = urllib.request.urlopen(request, timeout=10).read().decode()
    return re.search(r'hx-get="([^"]+)"', html).group(1).replace("&amp;", "&")


def main() -> None:
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install -y wrk")
    data = Path(tempfile.mkdtemp(prefix="wijkavond-bench-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "WIJKAVOND_DEBUG": "0",
        "WIJKAVOND_SECRET_KEY": "bench-only-secret-key-" + "x" * 40,
        "WIJKAVOND_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "WIJKAVOND_DATA_DIR": str(data),
        "WIJKAVOND_STATIC_ROOT": str(data / "static"),
    }
    env.pop("DATABASE_URL", None)
    print(f"Preparing a simulated evening in {data} …", flush=True)
    manage(env, "migrate", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    manage(
        env,
        "simuleer",
        "--deelnemers",
        "300",
        "--ideeen",
        "1000",
        "--vragen",
        "200",
        "--klok",
        "19:45",
    )

    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "sessie.wsgi",
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
    try:
        for _ in range(50):
            try:
                urllib.request.urlopen(f"{BASE}/bench/hello/", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        rows = []
        hello, *rest = scenarios()
        for scenario in rest:
            # Hello right before each scenario: the ratio holds even when the machine is busy.
            hello_rps, *_ = wrk(BASE + hello.path, hello)
            rps, p50, p99 = wrk(BASE + resolve(scenario), scenario)
            rows.append((scenario, rps, p50, p99, hello_rps, rps / hello_rps))
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=10)
        shutil.rmtree(data, ignore_errors=True)

    print(
        f"\ngunicorn ×2 sync workers, wrk {CONNECTIONS} connections × {DURATION}, "
        f"{os.cpu_count()} cores, SQLite; simulated evening: 300 attendees, 1,000 ideas, "
        "200 questions\n"
    )
    print(
        f"{'scenario':40} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'hello/s':>8} "
        f"{'× hello':>8}  target"
    )
    failed = []
    for scenario, rps, p50, p99, hello_rps, ratio in rows:
        target = ""
        if scenario.target is not None:
            ok = ratio >= scenario.target
            target = f"≥ {scenario.target:.0%} {'ok' if ok else 'MISSED'}"
            if not ok:
                failed.append(scenario.label)
        print(
            f"{scenario.label:40} {rps:8.0f} {p50:8.2f} {p99:8.2f} {hello_rps:8.0f} "
            f"{ratio:8.0%}  {target}"
        )
    if failed:
        print(f"\nBelow target: {', '.join(failed)}")


if __name__ == "__main__":
    main()
