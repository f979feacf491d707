"""Rate limits on public forms: a venue behind one address gets through, a script does not."""

import datetime as dt
import uuid

import pytest
from django.contrib.sessions.models import Session
from django.test import Client, RequestFactory

from informatiepunt.models import Vraag
from sessie import ratelimit
from sessie.models import Teller
from tests.builders import make_idee, make_ronde, make_tafel, make_thematafel
from thematafels.models import Stip

pytestmark = pytest.mark.django_db

ZAAL = "198.51.100.20"  # the venue's one public address, behind its NAT


class Klok:
    """The rate limit's clock, moved by hand."""

    def __init__(self, monkeypatch):
        self.nu = dt.datetime(2026, 11, 12, 19, 0, 10, tzinfo=dt.UTC)
        monkeypatch.setattr(ratelimit, "_nu", lambda: self.nu)

    def verder(self, seconden: float) -> None:
        self.nu += dt.timedelta(seconds=seconden)


@pytest.fixture
def klok(monkeypatch):
    return Klok(monkeypatch)


@pytest.fixture
def sessie():
    from tests.builders import make_sessie

    return make_sessie()


def vraag_url(sessie):
    return f"/s/{sessie.slug}/vraag/"


def vraag(tekst="Mag ik meedoen als ondernemer?"):
    return {"sleutel": str(uuid.uuid4()), "tekst": tekst}


def telefoon() -> Client:
    """A phone in the hall: its own cookies, the venue's address."""
    return Client(REMOTE_ADDR=ZAAL)


# The client's address


def request(**meta):
    return RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", **meta)


def test_without_trusted_proxies_x_forwarded_for_is_ignored(settings):
    settings.TRUSTED_PROXIES = 0
    assert ratelimit.client_ip(request(HTTP_X_FORWARDED_FOR="203.0.113.9")) == "10.0.0.2"


def test_one_trusted_proxy_gives_the_address_it_saw_not_what_the_client_wrote(settings):
    settings.TRUSTED_PROXIES = 1
    verzoek = request(HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.9")
    assert ratelimit.client_ip(verzoek) == "203.0.113.9"


def test_two_trusted_proxies_give_the_second_address_from_the_right(settings):
    settings.TRUSTED_PROXIES = 2
    verzoek = request(HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.9, 10.0.0.7")
    assert ratelimit.client_ip(verzoek) == "203.0.113.9"
    assert ratelimit.client_ip(request(HTTP_X_FORWARDED_FOR="10.0.0.7")) == "10.0.0.2"


def test_a_forwarded_address_that_is_no_address_is_not_used(settings):
    settings.TRUSTED_PROXIES = 1
    assert ratelimit.client_ip(request(HTTP_X_FORWARDED_FOR="onzin")) == "10.0.0.2"


def test_no_address_or_browser_id_is_stored_only_a_keyed_hash(sessie):
    client = Client(REMOTE_ADDR="203.0.113.77")
    client.post(vraag_url(sessie), vraag())
    browser = client.cookies[ratelimit.BROWSER_COOKIE].value
    sleutels = " ".join(Teller.objects.values_list("sleutel", flat=True))
    assert Teller.objects.count() == 3
    assert "203.0.113" not in sleutels and browser not in sleutels


# A hall behind one address


def test_a_hall_of_150_behind_one_address_is_never_refused(sessie, klok):
    """Each asks a question within ten minutes; later all vote three dots within five."""
    telefoons = [telefoon() for _ in range(150)]
    for t in telefoons:
        t.get(vraag_url(sessie))
        assert t.post(vraag_url(sessie), vraag()).status_code == 302
        klok.verder(4)
    thema = make_thematafel(sessie)
    ronde = make_ronde(sessie, 1, "19:40", "20:25")
    items = [make_idee(make_tafel(thema), ronde, f"Punt {i}", kernpunt=True) for i in range(3)]
    for t in telefoons:
        t.get(f"/s/{sessie.slug}/stemmen/")
    for idee in items:
        for t in telefoons:
            plus = {"plus": idee.pk, "sleutel": str(uuid.uuid4())}
            assert t.post(f"/s/{sessie.slug}/stemmen/", plus).status_code == 302
            klok.verder(0.6)
    assert Vraag.objects.count() == 150
    assert Stip.objects.count() == 450


def test_a_script_without_cookies_is_stopped_within_seconds(sessie, klok, settings):
    script = Client(REMOTE_ADDR=ZAAL)
    statussen = []
    for _ in range(100):  # 100 questions in 15 seconds
        script.cookies.clear()
        statussen.append(script.post(vraag_url(sessie), vraag()).status_code)
        klok.verder(0.15)
    assert statussen.count(302) == 60 and statussen.count(429) == 40
    assert Vraag.objects.count() == 60
    # ... while a phone on another address asks away.
    assert Client(REMOTE_ADDR="203.0.113.5").post(vraag_url(sessie), vraag()).status_code == 302


def test_the_window_slides_over_the_turn_of_the_hour(sessie, klok):
    klok.nu = dt.datetime(2026, 11, 12, 19, 59, 40, tzinfo=dt.UTC)
    client = telefoon()
    for _ in range(10):
        assert client.post(vraag_url(sessie), vraag()).status_code == 302
        klok.verder(3)  # the last ones in the next hour's window
    assert client.post(vraag_url(sessie), vraag()).status_code == 429
    klok.verder(3600)
    assert client.post(vraag_url(sessie), vraag()).status_code == 302


# A refused form


def test_a_refused_question_comes_back_with_what_was_typed_and_why(sessie, klok):
    client = telefoon()
    for _ in range(10):
        client.post(vraag_url(sessie), vraag())
    response = client.post(vraag_url(sessie), vraag("Wie betaalt de koffie van de wijkhub?"))
    assert response.status_code == 429
    html = response.content.decode()
    assert "Wie betaalt de koffie van de wijkhub?" in html
    assert ratelimit.message() in html
    assert Vraag.objects.count() == 10


def test_a_refused_registration_keeps_what_was_typed(sessie):
    client = telefoon()
    for _ in range(20):  # settings.AANMELDEN_PER_BROWSER
        client.post(f"/s/{sessie.slug}/aanmelden/", {"email": "x"})
    gegevens = {"naam": "Bram Fictief", "email": "bram@example.invalid"}
    response = client.post(
        f"/s/{sessie.slug}/aanmelden/", {"sleutel": str(uuid.uuid4())} | gegevens
    )
    assert response.status_code == 429
    assert "Bram Fictief" in response.content.decode()
    assert "bram@example.invalid" in response.content.decode()
    assert ratelimit.message() in response.content.decode()


def test_refused_posts_make_no_server_sessions(sessie):
    """The limiter used to save an empty session for every anonymous POST it counted."""
    client, zonder_token = Client(), Client(enforce_csrf_checks=True)
    for i in range(20):  # refused for their content, their number, or a missing CSRF token
        client.post(vraag_url(sessie), vraag(tekst="" if i % 2 else "Een vraag"))
        client.post(f"/s/{sessie.slug}/aanmelden/", {"email": "x"})
        client.post(f"/s/{sessie.slug}/stemmen/", {"plus": "onzin"})
        client.post("/inloggen/", {"username": "niemand", "password": "fout"})
        assert zonder_token.post(vraag_url(sessie), vraag()).status_code == 403
    assert Session.objects.count() == 0


def test_counting_a_post_takes_two_statements_for_all_three_counters(
    sessie, klok, django_assert_num_queries
):
    """Every public POST counts per browser, per address and per address-minute: one upsert for
    the three, one read of their previous windows (a dot at the wrap-up is 100 phones × 3)."""
    from sessie.ratelimit import hits

    with django_assert_num_queries(2):
        eerste = hits([("x:b", 3600), ("x:a", 3600), ("x:am", 60)])
    assert eerste == [1, 1, 1]
    with django_assert_num_queries(2):
        assert hits([("x:b", 3600), ("x:a", 3600), ("x:am", 60)]) == [2, 2, 2]


def test_one_counted_request_in_a_hundred_clears_counters_older_than_a_day(
    sessie, klok, monkeypatch
):
    """Where no retention run (`manage.py vergeet`) is scheduled, the table still stays small."""
    from sessie.ratelimit import hits

    hits([("x:b", 3600)])
    klok.verder(ratelimit.TELLER_BEWAREN.total_seconds() + 3600)
    hits([("y:b", 3600)])
    assert Teller.objects.count() == 2  # OPRUIMKANS is 0 in tests: nothing cleared
    monkeypatch.setattr(ratelimit, "OPRUIMKANS", 1.0)
    hits([("z:b", 3600)])
    assert sorted(t.sleutel.split("@")[0] for t in Teller.objects.all()) == ["y:b", "z:b"]


@pytest.mark.parametrize("vraagt", [True, False])
def test_a_view_counting_in_its_own_time_is_counted_when_it_asks_or_after_it(sessie, klok, vraagt):
    """`count_in_view`: the count waits for the view's first `refuse` (inside its transaction),
    and a view that never asks is counted after it: every POST counts, always."""
    gezien = []

    @ratelimit.rate_limit("proef", per_browser=1, per_address=100, per_address_minute=100,
                          count_in_view=True)  # fmt: skip
    def view(req):
        gezien.append(Teller.objects.count())
        if vraagt:
            gezien.append((ratelimit.refuse(req), Teller.objects.count()))
        from django.http import HttpResponse

        return HttpResponse("ok")

    antwoord = view(RequestFactory().post("/", REMOTE_ADDR=ZAAL))
    assert antwoord.status_code == 200
    assert gezien[0] == 0  # nothing counted before the view
    if vraagt:
        assert gezien[1] == (False, 3)
    assert Teller.objects.count() == 3
    # The same browser again: over its limit of one, refused where the view asks, or after it.
    tweede = RequestFactory().post("/", REMOTE_ADDR=ZAAL)
    tweede.COOKIES[ratelimit.BROWSER_COOKIE] = antwoord.cookies[ratelimit.BROWSER_COOKIE].value
    assert view(tweede).status_code == ratelimit.TOO_MANY
    if vraagt:
        assert gezien[-1] == (True, 3)


def test_a_post_the_view_turns_away_before_asking_still_counts(sessie, klok):
    """`count_in_view`: a POST to a session that does not exist (404 before the view asks)
    counts all the same, as every POST does."""
    from django.http import Http404

    @ratelimit.rate_limit("proef", per_browser=5, per_address=100, per_address_minute=100,
                          count_in_view=True)  # fmt: skip
    def view(req):
        raise Http404

    with pytest.raises(Http404):
        view(RequestFactory().post("/", REMOTE_ADDR=ZAAL))
    assert Teller.objects.count() == 3
