"""Safety nets for the whole project: migrations, translations, deployment, page structure."""

import io
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from tests.builders import make_demo, make_user
from tests.urlwalk import Voorbeelden

ROOT = Path(settings.BASE_DIR)
PO = ROOT / "locale" / "nl" / "LC_MESSAGES" / "django.po"


def po_entries(path: Path) -> dict[str, tuple[str, bool]]:
    """msgid -> (all msgstr joined, fuzzy) for every entry of a .po file."""
    entries = {}
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        parts: dict[str, str] = {}
        key = None
        for line in block.splitlines():
            m = re.match(r'^(msgid|msgid_plural|msgstr(?:\[\d\])?) "(.*)"$', line)
            if m:
                key = m.group(1)
                parts[key] = m.group(2)
            elif line.startswith('"') and key:
                parts[key] += line[1:-1]
        if parts.get("msgid"):
            strs = [v for k, v in parts.items() if k.startswith("msgstr")]
            fuzzy = any(line.startswith("#,") and "fuzzy" in line for line in block.splitlines())
            entries[parts["msgid"]] = ("".join(strs) if all(strs) else "", fuzzy)
    return entries


@pytest.mark.django_db
def test_no_missing_migrations():
    call_command("makemigrations", check=True, dry_run=True, verbosity=0)


def test_every_dutch_translation_is_filled_in():
    untranslated = [mid for mid, (msgstr, fuzzy) in po_entries(PO).items() if not msgstr or fuzzy]
    assert untranslated == []


def test_every_user_visible_string_is_in_the_dutch_catalogue(tmp_path):
    """makemessages on a copy of the current code finds nothing that locale/nl lacks."""
    # makemessages writes into the locale folder above the files it reads: work on a copy.
    # Every app of ours (each app's folder beside manage.py), the templates and the catalogue.
    apps_van_ons = [p.parent.name for p in ROOT.glob("*/apps.py")]
    assert {"sessie", "aanmelden", "wijkavond"} <= set(apps_van_ons)
    for name in (*apps_van_ons, "templates", "locale"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("*.pyc"))
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        with override_settings(LOCALE_PATHS=[tmp_path / "locale"]):
            call_command("makemessages", locale=["nl"], no_obsolete=True, verbosity=0)
    finally:
        os.chdir(cwd)
    fresh = po_entries(tmp_path / "locale" / "nl" / "LC_MESSAGES" / "django.po")
    missing = [mid for mid, (msgstr, fuzzy) in fresh.items() if not msgstr or fuzzy]
    assert missing == [], "run `make messages` and translate these"


def test_compiled_catalogue_is_in_use():
    with translation.override("nl"):
        assert translation.gettext("Now") == "Nu"
    with translation.override("en"):
        assert translation.gettext("Now") == "Now"


def test_production_settings_pass_check_deploy():
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "WIJKAVOND_DEBUG": "0",
        "WIJKAVOND_SECRET_KEY": "x7!" * 20 + "a-long-random-production-secret",
        "WIJKAVOND_ALLOWED_HOSTS": "wijkavond.example.nl",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


class _LiveRegions(HTMLParser):
    """Collects links, buttons and fields without an id inside a polled region."""

    VOID = {"input", "br", "img", "hr", "meta", "link", "source", "wbr", "area", "col"}

    def __init__(self):
        super().__init__()
        self.stack, self.zonder_id = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        live = "data-live-poll" in attrs or any(self.stack)
        interactief = tag in ("a", "button", "select", "textarea") or (
            tag == "input" and attrs.get("type") != "hidden"
        )
        if live and interactief and not attrs.get("id"):
            self.zonder_id.append(self.get_starttag_text())
        if tag not in self.VOID:
            self.stack.append("data-live-poll" in attrs)

    def handle_endtag(self, tag):
        if tag not in self.VOID and self.stack:
            self.stack.pop()


class _HtmxZonderFormulier(HTMLParser):
    """Collects htmx posts that would do nothing without JavaScript."""

    def __init__(self):
        super().__init__()
        self.in_form, self.alleen_js = 0, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.in_form += 1
            if "hx-post" in attrs and (
                attrs.get("method", "get").lower() != "post" or not attrs.get("action")
            ):
                self.alleen_js.append(self.get_starttag_text())
        elif "hx-post" in attrs and not self.in_form:
            self.alleen_js.append(self.get_starttag_text())

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_form -= 1


@pytest.fixture
def paginas(client, noord) -> list:
    """(URL, response) of every HTML page an organiser can open, walked from the URL
    configuration. At 19.45: the table pages show round 1, with an idea and its buttons."""
    organisator = make_user()
    noord.organisatoren.add(organisator)
    client.force_login(organisator)
    return list(Voorbeelden(noord).paginas(client))


@pytest.mark.django_db
def test_every_htmx_post_is_also_a_plain_form(paginas):
    """Without JavaScript every action still works: each hx-post sits in a real POST form."""
    for url, response in paginas:
        parser = _HtmxZonderFormulier()
        parser.feed(response.text)
        assert not parser.alleen_js, (url, parser.alleen_js[:3])
    assert len(paginas) > 25


@pytest.mark.django_db
def test_everything_one_can_focus_in_a_live_region_has_an_id(paginas):
    """htmx gives focus back by id after a poll swaps a region: keyboard users keep their place."""
    gezien = 0
    for url, response in paginas:
        if "data-live-poll" in response.text:
            gezien += 1
            parser = _LiveRegions()
            parser.feed(response.text)
            assert not parser.zonder_id, (url, parser.zonder_id[:3])
    assert gezien >= 6


@pytest.mark.django_db
def test_no_raw_token_is_stored_anywhere(client, django_capture_on_commit_callbacks):
    """Personal links and volunteer links: only their hashes are kept, in every table."""
    import uuid

    from django.core import mail

    from sessie.models import Toegang

    sessie = make_demo()
    _, vrijwilliger = Toegang.uitgeven(sessie=sessie, rol=Toegang.Rol.DEUR)
    client.get(reverse("sessie:toegang", args=[vrijwilliger]))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("aanmelden:aanmelden", args=[sessie.slug]),
            {"sleutel": uuid.uuid4(), "naam": "Anouk Fictief", "email": "anouk@example.invalid"},
        )
    persoonlijk = re.search(r"/mijn/([^/]+)/", mail.outbox[0].body).group(1)
    client.get(reverse("aanmelden:mijn", args=[persoonlijk]))
    uit = io.StringIO()
    call_command("dumpdata", stdout=uit)
    alles = uit.getvalue()
    assert "Anouk Fictief" in alles  # the dump holds the data
    assert vrijwilliger not in alles and persoonlijk not in alles


def test_the_console_log_shows_warnings_not_every_task():
    """Django's loggers log each task at INFO: two lines per registration, unless asked for."""
    import logging

    consoles = [
        h
        for h in logging.getLogger().handlers
        if type(h) is logging.StreamHandler  # not pytest's
    ]
    assert consoles and all(h.level == logging.WARNING for h in consoles)
    record = logging.LogRecord("django.tasks", logging.INFO, __file__, 1, "Task", None, None)
    assert not any(h.level <= record.levelno for h in consoles)


def test_a_worker_keeps_what_the_app_loaded_out_of_the_garbage_collectors_passes():
    """gunicorn loads wijkavond.wsgi in each worker: what is loaded by then lives as long as the
    worker, and the collector need not look at it on every full pass."""
    probe = "import gc, wijkavond.wsgi; print(gc.get_freeze_count(), len(gc.get_objects()))"
    env = {**os.environ, "WIJKAVOND_DEBUG": "0", "WIJKAVOND_SECRET_KEY": "x" * 50}
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    bevroren, over = map(int, result.stdout.split())
    assert bevroren > 50_000 and over < bevroren / 10


def test_production_refuses_to_start_without_a_secret_key():
    env = {**os.environ, "WIJKAVOND_DEBUG": "0", "WIJKAVOND_SECRET_KEY": ""}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "WIJKAVOND_SECRET_KEY" in result.stderr


@pytest.mark.django_db
def test_every_page_has_exactly_one_h1_and_a_language(paginas):
    fout = [
        url
        for url, response in paginas
        if len(re.findall(r"<h1[ >]", response.text)) != 1
        or '<html lang="nl">' not in response.text
    ]
    assert len(paginas) > 25
    assert not fout


def test_our_stylesheets_have_balanced_braces():
    """A rule left open swallows every rule after it, silently (a merge once did that)."""
    for css in Path("static/css").glob("*.css"):
        tekst = re.sub(r"/\*.*?\*/", "", css.read_text(), flags=re.S)
        diepte = 0
        for teken in tekst:
            diepte += {"{": 1, "}": -1}.get(teken, 0)
            assert diepte >= 0, css
        assert diepte == 0, css
