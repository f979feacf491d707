import os

import pytest

# pytest-django's live_server with Playwright's sync API (FACTS.md).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """The system's Chromium: never a downloaded browser."""
    executable = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    return {**browser_type_launch_args, "executable_path": executable, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "nl-NL", "timezone_id": "Europe/Amsterdam"}


@pytest.fixture(autouse=True)
def _fresh_fragment_cache():
    """Live fragments are cached per process: every test starts without them."""
    from django.core.cache import caches

    caches["fragments"].clear()


@pytest.fixture(autouse=True)
def _no_theme_in_memory():
    """Every test starts without a theme (as its database does), so query counts stay put."""
    from django.core.cache import cache

    from wijkavond.models import CACHE_SLEUTEL

    cache.set(CACHE_SLEUTEL, False)


@pytest.fixture(autouse=True)
def _no_counter_clean_up_at_random(monkeypatch):
    """The rate limit clears old counters in one counted request in a hundred: a query the
    query-count tests would meet once in a hundred runs. Tests that want it set OPRUIMKANS."""
    from sessie import ratelimit

    monkeypatch.setattr(ratelimit, "OPRUIMKANS", 0.0)


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts in the default language: a request through the test client leaves its
    language active in the thread (LocaleMiddleware), and a command run after it spoke English."""
    from django.utils import translation

    translation.deactivate()


@pytest.fixture
def noord():
    """The demo evening, with the session clock at 19.45: round 1 of the theme tables."""
    from tests.builders import make_demo, zet_klok

    sessie = make_demo()
    zet_klok(sessie, "19:45")
    return sessie


@pytest.fixture
def tafel(noord):
    """The demo's first physical table (Wijkhub)."""
    return noord.thematafels.get(nummer=1).tafels.first()


@pytest.fixture
def organisator(db):
    """An organiser (a user); a module may mean a logged-in client by it instead."""
    from tests.builders import make_user

    return make_user()


@pytest.fixture
def sessie(organisator):
    """A session of `organisator`'s."""
    from tests.builders import make_sessie

    return make_sessie(organisator=organisator)


@pytest.fixture
def ingelogd(client, organisator):
    """`client` logged in as `organisator`."""
    client.force_login(organisator)
    return client
