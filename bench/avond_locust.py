"""Locust model of whole evenings for `make bench-avond` (run by bench/avond.py, not by hand).

Each simulated evening has its own session and its own people, at the rates of the issue's
evening model, except the 150 phones' programme polls: wrk plays those (bench/telefoons.lua), and
here of the phones only the hundred that vote. Polling screens poll at their real intervals, all
evening. Two models (`AVOND_MODEL`):

- "avond", the evening as its programme runs it: the door (300 people in 30 minutes), then the
  table rounds (an idea every 20 s at each of six tables), then the wrap-up (a hundred phones
  putting three dots each within two minutes), each phase `AVOND_FASE` seconds long, one after
  another and on the same clock for every evening, as when every district meets on the same
  night at the same hour. The information point, the visitors asking by QR and the people
  registering at home go on all evening. Events come at `AVOND_FACTOR` times the night's pace.
- "samen", the stress model: every phase at once, the events `AVOND_FACTOR` times as fast, so
  each second of the run is busier than any second of a real evening.

Every request names its type in `X-Bench-Soort`, for nginx's log of the server-side time, and
checks its answer; each accepted write's mark goes to `AVOND_UITSLAG` so that the
driver can count afterwards, in the database, that each is stored exactly once.

Environment: AVOND_CONFIG (the evenings, from bench/avond_opzet.py), AVOND_UITSLAG (where the
accepted writes go), AVOND_MODEL, AVOND_FACTOR, AVOND_FASE (seconds per phase), AVOND_START (the
moment, in Unix seconds, the evening's first phase starts: after everyone is in and their first
pages are loaded), AVOND_ADRESSEN ("1": send each person's own address in X-Forwarded-For, as a
proxy would).
"""

from __future__ import annotations

import html
import itertools
import json
import os
import random
import re
import time
import uuid
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode

import gevent
from locust import FastHttpUser, events, task

AVONDEN = json.loads(Path(os.environ["AVOND_CONFIG"]).read_text())
N = len(AVONDEN)
MODEL = os.environ.get("AVOND_MODEL", "avond")
F = float(os.environ.get("AVOND_FACTOR", "1"))
FASE = float(os.environ.get("AVOND_FASE", "130"))
START = float(os.environ.get("AVOND_START") or time.time() + 20)
ADRESSEN = os.environ.get("AVOND_ADRESSEN") == "1"
FASEN = ("deur", "tafels", "afsluiting")
STEMVENSTER = min(120.0, FASE - 8)  # the wrap-up's two minutes of dots (shorter phase: faster)
GEACCEPTEERD: dict[str, list] = defaultdict(list)


def begin_van(fase: str) -> float:
    """When `fase` starts (Unix seconds): one after another, or all at START in "samen"."""
    return START if MODEL == "samen" else START + FASEN.index(fase) * FASE


def in_fase(fase: str) -> bool:
    nu = time.time()
    begin = begin_van(fase)
    return begin <= nu and (MODEL == "samen" or nu < begin + FASE)


@events.test_start.add_listener
def _tel_vanaf_start(environment, **_kwargs) -> None:
    """Count from the evening's start: 150 phones per evening opening their page in the same
    seconds is the run's start, not the evening (on the night people arrive over half an
    hour)."""
    gevent.spawn_later(max(0.0, START - time.time()), environment.runner.stats.reset_all)


@events.test_stop.add_listener
def _schrijf(**_kwargs) -> None:
    Path(os.environ["AVOND_UITSLAG"]).write_text(json.dumps(GEACCEPTEERD))


def ongeveer_elke(periode: float):
    """A wait_time: once about every `periode` seconds, task time included, each round 20 %
    longer or shorter at random. On the night every phone keeps its own rhythm; with an exact
    period, one stall of the generator (its start, a collection) would leave everyone asking in
    the same millisecond ever after, a burst no hall makes."""

    def wait_time(self) -> float:
        nu = time.monotonic()
        begin = getattr(self, "_ronde_begin", nu)
        self._ronde_begin = max(nu, begin + periode * random.uniform(0.8, 1.2))
        return self._ronde_begin - nu

    return wait_time


def poll_url(pagina: str, element: str) -> str:
    found = re.search(rf'id="{element}"[^>]*?hx-get="([^"]+)"', pagina)
    if not found:
        raise ValueError(f"no poll URL for #{element}")
    return html.unescape(found.group(1))


class Formulier(HTMLParser):
    """What a browser would send from the first form with `actie` in its action: text fields,
    ticked boxes and chosen options as they stand."""

    def __init__(self, actie: str) -> None:
        super().__init__()
        self.actie, self.binnen, self.velden = actie, False, []
        self.select = None
        self.textarea = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = dict(attrs)
        if tag == "form":
            self.binnen = self.actie in (a.get("action") or "")
        elif not self.binnen or not a.get("name"):
            if tag == "option" and self.select and "selected" in a:
                self.velden.append((self.select, a.get("value", "")))
        elif tag == "input" and a.get("type") not in ("submit", "button"):
            if a.get("type") not in ("checkbox", "radio") or "checked" in a:
                standaard = "on" if a.get("type") in ("checkbox", "radio") else ""
                self.velden.append((a["name"], a.get("value", standaard)))
        elif tag == "select":
            self.select = a["name"]
        elif tag == "textarea":
            self.textarea = a["name"]
            self.velden.append((a["name"], ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.binnen = False
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None

    def handle_data(self, data: str) -> None:
        if self.textarea and self.velden and self.velden[-1][0] == self.textarea:
            self.velden[-1] = (self.textarea, self.velden[-1][1] + data)


def formulier(pagina: str, actie: str) -> list[tuple[str, str]]:
    parser = Formulier(actie)
    parser.feed(pagina)
    return parser.velden


class Persoon(FastHttpUser):
    """One person's browser at one evening (evenings taken in turn, so each gets the same mix)."""

    abstract = True
    volgnummers: itertools.count
    per_avond = 1
    connection_timeout = 10.0
    network_timeout = 10.0

    def __init_subclass__(cls, **kwargs) -> None:
        super().__init_subclass__(**kwargs)
        cls.volgnummers = itertools.count()
        cls.fixed_count = cls.per_avond * N

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        i = next(type(self).volgnummers)
        self.nr, self.avond = divmod(i, N)
        self.a = AVONDEN[self.avond]
        self.slug = self.a["slug"]
        # The hall shares one address (its NAT); people at home each have their own.
        self.adres = f"10.{self.avond // 250}.{self.avond % 250}.1"

    def kop(self, htmx: bool = False, **extra: str) -> dict[str, str]:
        headers = {"Accept-Encoding": "gzip", **extra}
        if htmx:
            headers["HX-Request"] = "true"
        if ADRESSEN:
            headers["X-Forwarded-For"] = self.adres
        return headers

    def csrf(self) -> str:
        for cookie in self.client.cookiejar:
            if cookie.name == "csrftoken":
                return cookie.value
        return ""

    def vraag(self, methode: str, pad: str, naam: str, *, verwacht=(200,), htmx=False, data=None):
        headers = self.kop(htmx)
        headers["X-Bench-Soort"] = naam  # for nginx's log of the server-side time
        if methode == "POST":
            headers["X-CSRFToken"] = self.csrf()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            data = urlencode(data or {})
        with self.client.request(
            methode,
            pad,
            name=naam,
            headers=headers,
            data=data,
            catch_response=True,
        ) as antwoord:
            if antwoord.status_code not in verwacht:
                antwoord.failure(f"{antwoord.status_code} for {methode} {pad}")
                return None
            antwoord.success()
            return antwoord

    def schrijf(self, soort: str, merk, pad: str, naam: str, *, htmx=False, data=None):
        """A write that must land exactly once: POSTed, and `merk` counted under `soort` when
        the server accepts it (the run's end checks the database holds each exactly once)."""
        antwoord = self.vraag("POST", pad, naam, htmx=htmx, data=data)
        if antwoord is not None:
            GEACCEPTEERD[soort].append(merk)
        return antwoord

    def volg(self, naam: str, element: str) -> None:
        """One poll of a live fragment, as htmx does: 204 keeps the URL, 200 brings the next."""
        if not self.poll:
            return
        antwoord = self.vraag("GET", self.poll, naam, verwacht=(200, 204), htmx=True)
        if antwoord is not None and antwoord.status_code == 200:
            self.poll = poll_url(antwoord.text, element)

    def eerst_wachten(self, interval: float) -> None:
        # Not everyone opens the page in the same second.
        gevent.sleep(random.uniform(0, interval))


class Stemmer(Persoon):
    """One of the hundred phones per evening that put three dots each at the wrap-up (all 150
    phones' programme polls come from wrk: bench/telefoons.lua)."""

    per_avond = 100

    def on_start(self) -> None:
        # The wrap-up: a hundred phones put three dots each within two minutes.
        begin = begin_van("afsluiting") + 5
        self.stemmen = sorted(random.uniform(begin, begin + STEMVENSTER) for _ in range(3))
        if not self.a["kernpunten"]:
            self.stemmen = []  # nothing to vote on at this evening (it has no key points)

    def wait_time(self) -> float:
        """Asleep until the next dot (and for good after the third)."""
        return max(0.0, self.stemmen[0] - time.time()) if self.stemmen else 3600.0

    @task
    def stem(self) -> None:
        if not self.stemmen or time.time() < self.stemmen[0]:
            return
        self.stemmen.pop(0)
        if len(self.stemmen) == 2:
            self.vraag("GET", f"/s/{self.slug}/stemmen/", "vote page")
        sleutel = str(uuid.uuid4())
        plus = random.choice(self.a["kernpunten"])
        pad = f"/s/{self.slug}/stemmen/"
        data = {"sleutel": sleutel, "plus": plus}
        self.schrijf("stip", sleutel, pad, "vote: a dot", htmx=True, data=data)


class Scherm(Persoon):
    abstract = True
    pad = element = naam = ""

    def on_start(self) -> None:
        self.eerst_wachten(2)
        pagina = self.vraag("GET", f"/s/{self.slug}/{self.pad}", f"{self.naam} page")
        self.poll = poll_url(pagina.text, self.element) if pagina else None

    @task
    def kijk(self) -> None:
        self.volg(f"{self.naam} poll", self.element)


class Projector(Scherm):
    per_avond = 1
    wait_time = ongeveer_elke(3)
    pad, element, naam = "projector/", "scherm", "projector"


class Wand(Scherm):
    per_avond = 1
    wait_time = ongeveer_elke(2)
    pad, element, naam = "wand/", "wand", "wall"


class Tafelhost(Persoon):
    """A table host's phone: in the rounds an idea every 20 s (÷ factor), some starred or
    edited; the list polled every 5 s all evening. The first table's host loses the network for
    60 s in the rounds and then sends its queue."""

    per_avond = 6
    wait_time = ongeveer_elke(5)
    IDEE_ELKE = 20.0

    def on_start(self) -> None:
        self.eerst_wachten(5)
        self.tafel = self.a["tafels"][self.nr % len(self.a["tafels"])]
        self.basis = f"/s/{self.slug}/tafel/{self.tafel}/"
        self.vraag("GET", f"/toegang/{self.a['hosts'][self.nr % len(self.a['hosts'])]}/", "link")
        pagina = self.vraag("GET", self.basis, "host page")
        self.poll = poll_url(pagina.text, "ideeen-live") if pagina else None
        self.volgende = begin_van("tafels") + random.uniform(0, self.IDEE_ELKE / F)
        self.wachtrij: list[dict] = []
        weg = begin_van("tafels") + 20
        self.offline = (weg, weg + 60) if self.nr == 0 else (-1, -1)
        self.laatste_idee = None

    def idee(self) -> dict:
        merk = f"idee-{uuid.uuid4()}"
        return {
            "tekst": f"Een idee uit de bench ({merk})",
            "soort": "",
            "prompt": "",
            "ronde": self.a["ronde"],
            "sleutel": str(uuid.uuid4()),
            "merk": merk,
        }

    def stuur(self, idee: dict, naam: str = "capture: an idea") -> None:
        data = {k: v for k, v in idee.items() if k != "merk"}
        pad = f"{self.basis}ideeen/"
        antwoord = self.schrijf("idee", idee["merk"], pad, naam, htmx=True, data=data)
        if antwoord is not None:
            nummers = [int(n) for n in re.findall(r"/idee/(\d+)/kernpunt/", antwoord.text)]
            self.laatste_idee = max(nummers) if nummers else None

    @task
    def werk(self) -> None:
        nu = time.time()
        weg = self.offline[0] <= nu < self.offline[1]
        if nu >= self.volgende and in_fase("tafels"):
            self.volgende += self.IDEE_ELKE / F
            if weg:
                self.wachtrij.append(self.idee())
            else:
                self.stuur(self.idee())
                if self.laatste_idee and random.random() < 0.2:
                    self.vraag(
                        "POST",
                        f"{self.basis}idee/{self.laatste_idee}/kernpunt/",
                        "capture: star",
                        htmx=True,
                        data={"kernpunt": "1"},
                    )
                elif self.laatste_idee and random.random() < 0.1:
                    self.bewerk(self.laatste_idee)
        if weg:
            return
        if self.wachtrij:
            # Back on the network: the queue goes out, and its last entry once more (the phone
            # never heard the answer), which must not make a second idea.
            for idee in self.wachtrij:
                self.stuur(idee, "capture: queued idea")
            self.stuur(self.wachtrij[-1], "capture: queued idea")
            self.wachtrij = []
        self.volg("host list poll", "ideeen-live")

    def bewerk(self, pk: int) -> None:
        formulier = self.vraag(
            "GET", f"{self.basis}idee/{pk}/bewerken/", "capture: edit form", htmx=True
        )
        if formulier is None:
            return
        versie = re.search(r'name="versie" value="(\d+)"', formulier.text)
        tekst = re.search(r'name="tekst"[^>]*>([^<]*)</textarea>', formulier.text)
        if versie and tekst:
            self.vraag(
                "POST",
                f"{self.basis}idee/{pk}/bewerken/",
                "capture: edit",
                htmx=True,
                data={
                    "tekst": html.unescape(tekst.group(1)) + " (aangevuld)",
                    "soort": "",
                    "prompt": "",
                    "versie": versie.group(1),
                },
            )


class Deur(Persoon):
    """The door, in its phase: 300 people in 30 minutes (÷ factor), each searched and checked
    in; a walk-in every fifteenth."""

    per_avond = 1
    wait_time = ongeveer_elke(1800 / 300 / F)

    def on_start(self) -> None:
        self.eerst_wachten(1800 / 300 / F)
        self.vraag("GET", f"/toegang/{self.a['deur']}/", "link")
        self.vraag("GET", f"/s/{self.slug}/deur/", "door page")
        self.gasten = iter(self.a["gasten"])
        self.n = 0

    @task
    def volgende(self) -> None:
        if not in_fase("deur"):
            return
        gast = next(self.gasten, None)
        if gast is None:
            return
        pk, naam = gast
        zoek = naam.split()[0][:4]
        self.vraag("GET", f"/s/{self.slug}/deur/?q={zoek}", "door: search", htmx=True)
        pad = f"/s/{self.slug}/deur/{pk}/inchecken/"
        self.schrijf("incheck", pk, pad, "door: check in", htmx=True, data={"q": zoek})
        self.n += 1
        if self.n % 15 == 0:
            sleutel = str(uuid.uuid4())
            pad = f"/s/{self.slug}/deur/inloop/"
            data = {"naam": f"Inloper {sleutel[:8]}", "sleutel": sleutel}
            self.schrijf("inloop", sleutel, pad, "door: walk-in", htmx=True, data=data)


class Informatiepunt(Persoon):
    """The information point, all evening: a question a minute (÷ factor), its list polled
    every 5 s."""

    per_avond = 1
    wait_time = ongeveer_elke(5)

    def on_start(self) -> None:
        self.eerst_wachten(5)
        self.vraag("GET", f"/toegang/{self.a['informatiepunt']}/", "link")
        pagina = self.vraag("GET", f"/s/{self.slug}/informatiepunt/", "info point page")
        self.poll = poll_url(pagina.text, "vragen-lijst") if pagina else None
        self.volgende = START + random.uniform(0, 60 / F)

    @task
    def werk(self) -> None:
        if time.time() >= self.volgende:
            self.volgende += 60 / F
            merk = f"vraag-{uuid.uuid4()}"
            self.schrijf(
                "vraag",
                merk,
                f"/s/{self.slug}/informatiepunt/",
                "info point: question",
                htmx=True,
                data={
                    "tekst": f"Hoe vraag ik budget aan? ({merk})",
                    "categorie": self.a["categorie"],
                    "vraagsteller": "bewoner",
                    "naam": "",
                    "email": "",
                    "sleutel": str(uuid.uuid4()),
                },
            )
        self.volg("info point poll", "vragen-lijst")


class Bezoeker(Persoon):
    """Visitors asking by QR code: 20 in the evening's two hours (÷ factor), each a new phone."""

    per_avond = 1
    wait_time = ongeveer_elke(7200 / 20 / F)

    def on_start(self) -> None:
        self.eerst_wachten(7200 / 20 / F)

    @task
    def vraag_stellen(self) -> None:
        self.client.cookiejar.clear()
        if self.vraag("GET", f"/s/{self.slug}/vraag/", "QR question page") is None:
            return
        merk = f"vraag-{uuid.uuid4()}"
        self.schrijf(
            "vraag",
            merk,
            f"/s/{self.slug}/vraag/",
            "QR question",
            data={
                "tekst": f"Wie beslist er over de wijkhub? ({merk})",
                "categorie": self.a["categorie"],
                "naam": "",
                "email": "",
                "sleutel": str(uuid.uuid4()),
                "website": "",
            },
        )


class Thuis(Persoon):
    """People at home: 50 registrations and 20 personal-page changes in two hours (÷ factor),
    each from a browser and address of its own."""

    per_avond = 1
    wait_time = ongeveer_elke(7200 / 70 / F)

    def on_start(self) -> None:
        self.eerst_wachten(7200 / 70 / F)
        self.mijn = iter(self.a["mijn"])
        self.n = 0

    @task
    def iets(self) -> None:
        self.client.cookiejar.clear()
        self.n += 1
        self.adres = f"172.{16 + self.avond % 16}.{self.n % 250}.{self.avond // 16 % 250 + 1}"
        persoon = next(self.mijn, None) if self.n % 7 in (2, 5) else None
        if persoon is not None:
            basis = f"/mijn/{persoon['token']}/"
            pagina = self.vraag("GET", basis, "personal page")
            if pagina is not None:
                velden = [(k, v) for k, v in formulier(pagina.text, "wijzigen") if k != "buurt"]
                self.vraag(
                    "POST",
                    f"{basis}wijzigen/",
                    "personal page: change",
                    data=[*velden, ("buurt", "Noord")],
                )
            return
        if self.vraag("GET", f"/s/{self.slug}/aanmelden/", "registration page") is None:
            return
        sleutel = str(uuid.uuid4())
        self.schrijf(
            "aanmelding",
            sleutel,
            f"/s/{self.slug}/aanmelden/",
            "registration",
            data={
                "naam": "Bench Fictief",
                "email": f"{sleutel[:12]}@example.invalid",
                "sleutel": sleutel,
                "website": "",
            },
        )
