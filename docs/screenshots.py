"""Screenshots of the main screens at 360 px and 1920 px for README (`make screenshots`).

Loads the demo evening into a fresh SQLite database in a temporary directory, serves it on a
free port, photographs each screen in the system's Chromium and writes small PNGs into
docs/screenshots/ (1920 px screens at half size, in 256 colours). With BASE_URL set it
photographs that site instead (its demo must be loaded, organiser login as `manage.py demo`).
"""

import io
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.request import urlopen

from PIL import Image
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
OUT = Path(os.environ.get("SCREENSHOT_DIR", ROOT / "docs" / "screenshots"))
SLUG = "brede-sessie-noord"

# (file name, path, width, height, organiser login needed)
SCHERMEN = [
    ("projector-1920.png", f"/s/{SLUG}/projector/", 1920, 1080, False),
    ("wand-1920.png", f"/s/{SLUG}/wand/", 1920, 1080, False),
    ("afronding-presenteren-1920.png", f"/s/{SLUG}/afronding/?presenteren=1", 1920, 1080, True),
    ("zaalcheck-1920.png", f"/organiseren/{SLUG}/zaalcheck/", 1920, 1080, True),
    ("organisator-1920.png", f"/organiseren/{SLUG}/", 1920, 1080, True),
    ("sessie-360.png", f"/s/{SLUG}/", 360, 740, False),
    ("programma-360.png", f"/s/{SLUG}/programma/", 360, 740, False),
    ("aanmelden-360.png", f"/s/{SLUG}/aanmelden/", 360, 740, False),
    ("stemmen-360.png", f"/s/{SLUG}/stemmen/", 360, 740, False),
    ("vraag-360.png", f"/s/{SLUG}/vraag/", 360, 740, False),
]


def klein(png: bytes, breed: int) -> bytes:
    """Half size for a 1920 px screen, and 256 colours: a screenshot stays under ~150 kB."""
    beeld = Image.open(io.BytesIO(png)).convert("RGB")
    if breed > 1000:
        beeld = beeld.resize((beeld.width // 2, beeld.height // 2), Image.Resampling.LANCZOS)
    uit = io.BytesIO()
    beeld.quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(uit, "PNG", optimize=True)
    return uit.getvalue()


def fotografeer(base: str, namen: list[str]) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        opties = {"locale": "nl-NL", "timezone_id": "Europe/Amsterdam"}
        organisator = browser.new_context(**opties).new_page()
        organisator.goto(base + "/inloggen/")
        organisator.fill("input[name=username]", "organisator")
        organisator.fill("input[name=password]", "wijkavond-demo")
        organisator.locator("main form .btn-primary").click()
        organisator.wait_for_load_state("networkidle")
        anoniem = browser.new_context(**opties).new_page()
        for naam, pad, breed, hoog, inloggen in SCHERMEN:
            if namen and naam not in namen:
                continue
            tab = organisator if inloggen else anoniem
            tab.set_viewport_size({"width": breed, "height": hoog})
            tab.goto(base + pad)
            tab.wait_for_load_state("networkidle")
            tab.wait_for_timeout(500)
            (OUT / naam).write_bytes(klein(tab.screenshot(type="png"), breed))
            print(OUT / naam)
        browser.close()


def vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main(namen: list[str]) -> None:
    if os.environ.get("BASE_URL"):
        fotografeer(os.environ["BASE_URL"].rstrip("/"), namen)
        return
    with tempfile.TemporaryDirectory() as data:
        env = {**os.environ, "WIJKAVOND_DATA_DIR": data}
        manage = [sys.executable, str(ROOT / "manage.py")]
        subprocess.run([*manage, "migrate", "--noinput", "-v0"], env=env, check=True)
        subprocess.run([*manage, "demo"], env=env, check=True, stdout=subprocess.DEVNULL)
        poort = vrije_poort()
        server = subprocess.Popen(
            [*manage, "runserver", f"127.0.0.1:{poort}", "--noreload"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            base = f"http://127.0.0.1:{poort}"
            for _ in range(100):
                try:
                    urlopen(base + "/", timeout=1)
                    break
                except OSError:
                    time.sleep(0.2)
            fotografeer(base, namen)
        finally:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main(sys.argv[1:])
