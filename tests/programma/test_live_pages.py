import datetime as dt
import re
import time

import pytest
from django.core.cache import caches
from django.urls import reverse
from django.utils import timezone

from sessie.models import Sessie
from tests.builders import make_onderdeel, make_sessie, make_user, zet_klok

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def poll_url_from(html: str) -> str:
    return re.search(r'hx-get="([^"]+)"', html).group(1).replace("&amp;", "&")


@pytest.mark.parametrize("naam", ["programma", "projector"])
def test_full_page_marks_what_is_on_now(client, noord, naam):
    response = client.get(reverse(f"programma:{naam}", args=[noord.slug]))
    assert response.status_code == 200
    assert "<html" in response.text
    assert "Thematafels" in response.text
    assert "Korte pauze" in response.text
    # Time left in the item on the phone; in the rotation round on the projector.
    verwacht = {"programma": ("1:25:00", "1:24:5"), "projector": ("40:00", "39:5")}[naam]
    assert any(tekst in response.text for tekst in verwacht)


def test_programme_marks_the_current_item_for_screen_readers(client, noord):
    response = client.get(reverse("programma:programma", args=[noord.slug]))
    html = response.text
    huidig = html[html.index('aria-current="time"') :]
    assert "Thematafels" in huidig[:800]
    assert html.count('aria-current="time"') == 1


@pytest.mark.parametrize(
    ("naam", "partial_id"), [("programma", "programma-live"), ("projector", "scherm")]
)
def test_htmx_gets_only_the_fragment(client, noord, naam, partial_id):
    response = client.get(reverse(f"programma:{naam}", args=[noord.slug]), **HTMX)
    assert response.status_code == 200
    assert "<html" not in response.text
    assert f'id="{partial_id}"' in response.text


@pytest.mark.parametrize("naam", ["programma", "projector"])
def test_unchanged_poll_is_204_in_one_query(client, noord, naam, django_assert_num_queries):
    eerste = client.get(reverse(f"programma:{naam}", args=[noord.slug]), **HTMX)
    url = poll_url_from(eerste.text)
    with django_assert_num_queries(1):
        response = client.get(url, **HTMX)
    assert response.status_code == 204


def test_a_change_makes_the_poll_answer_with_a_fresh_fragment(client, noord):
    url = poll_url_from(client.get(reverse("programma:projector", args=[noord.slug])).text)
    onderdeel = noord.programma.get(titel="Korte pauze")
    onderdeel.titel = "Koffie en thee"
    onderdeel.save()
    Sessie.bump(noord.pk, programma=True)  # as the admin does on saving
    response = client.get(url, **HTMX)
    assert response.status_code == 200
    assert 'id="scherm"' in response.text
    assert "Koffie en thee" in response.text


@pytest.mark.parametrize(
    ("naam", "poll_id"), [("programma", "programma-live"), ("projector", "scherm")]
)
def test_a_change_elsewhere_in_the_session_leaves_the_screen_alone(
    client, noord, naam, poll_id, monkeypatch
):
    """An idea, a check-in or a dot moves the session's change counter; the programme does not
    change, so 150 phones keep hearing 204 (one render per server process, none per phone)."""
    pagina = client.get(reverse(f"programma:{naam}", args=[noord.slug])).text
    url = poll_url_from(pagina[pagina.index(f'id="{poll_id}"') :])
    assert client.get(url, **HTMX).status_code == 204  # the page came with its content's mark
    Sessie.bump(noord.pk)
    assert client.get(url, **HTMX).status_code == 204
    # Seconds later the countdowns read otherwise (the page's clock rewrites them itself):
    # still the same content.
    straks = timezone.now() + dt.timedelta(seconds=7)
    monkeypatch.setattr(timezone, "now", lambda: straks)
    Sessie.bump(noord.pk)
    assert client.get(url, **HTMX).status_code == 204


def test_when_the_item_ends_the_poll_brings_the_next_one(client, noord):
    url = poll_url_from(client.get(reverse("programma:projector", args=[noord.slug])).text)
    assert client.get(url, **HTMX).status_code == 204
    # Time passes on the session clock without any other change…
    noord.klok_verschuiving += dt.timedelta(minutes=86)
    noord.save(update_fields=["klok_verschuiving"])
    # …and the moment the screen was told its content stops being true has passed (for the
    # server's copy of the fragment too: it expires at that same moment).
    url = re.sub(r"tot=\d+", f"tot={int(time.time())}", url)
    caches["fragments"].clear()
    response = client.get(url, **HTMX)
    assert response.status_code == 200
    huidig = response.text[response.text.index("scherm-nu") :]
    assert "Korte pauze" in huidig[:600]


def test_the_poll_tells_when_to_look_again_on_the_real_clock(client, noord):
    url = poll_url_from(client.get(reverse("programma:projector", args=[noord.slug])).text)
    tot = int(re.search(r"tot=(\d+)", url).group(1))
    # 19.45 on the rehearsal clock; round 1 ends at 20.25: 40 minutes from now, for real; unless
    # the rehearsal ends first (at midnight: a run in the evening's last 40 minutes).
    verwacht = min(time.time() + 40 * 60, noord.oefenklok_tot.timestamp())
    assert abs(tot - verwacht) < 5


def test_a_garbled_poll_gets_a_fresh_fragment_not_an_error(client, noord):
    path = reverse("programma:projector", args=[noord.slug])
    response = client.get(f"{path}?v={noord.versie}&tot=morgen", **HTMX)
    assert response.status_code == 200


def test_full_page_query_count_is_constant(client, django_assert_num_queries):
    sessie = make_sessie()
    for uur in range(8, 20):
        make_onderdeel(sessie, f"{uur:02d}:00", f"{uur:02d}:30")
    # The session, its programme, its rounds (the phone shows the round and its switch), and
    # the change counter for the fragment's mark.
    with django_assert_num_queries(4):
        client.get(reverse("programma:programma", args=[sessie.slug]))


def test_after_the_evening_the_projector_says_thanks(client, noord):
    zet_klok(noord, "23:00")
    response = client.get(reverse("programma:projector", args=[noord.slug]))
    assert "De avond is afgelopen" in response.text


@pytest.mark.parametrize("naam", ["programma", "projector"])
def test_live_pages_reject_post(client, noord, naam):
    assert client.post(reverse(f"programma:{naam}", args=[noord.slug])).status_code == 405


@pytest.mark.parametrize("naam", ["programma", "projector"])
def test_live_pages_of_a_draft_are_hidden(client, naam):
    sessie = make_sessie(status=Sessie.Status.CONCEPT)
    assert client.get(reverse(f"programma:{naam}", args=[sessie.slug])).status_code == 404


def test_a_changed_fragment_is_rendered_once_and_then_served_from_memory(
    client, noord, django_assert_num_queries
):
    path = reverse("programma:projector", args=[noord.slug])
    eerste = client.get(path, **HTMX)
    with django_assert_num_queries(1):
        tweede = client.get(path, **HTMX)
    zonder_nu = re.compile(r'data-nu="\d+"')
    assert zonder_nu.sub("", tweede.text) == zonder_nu.sub("", eerste.text)


def test_the_cached_fragment_carries_the_clock_of_this_request(client, noord, monkeypatch):
    path = reverse("programma:projector", args=[noord.slug])
    eerst = int(re.search(r'data-nu="(\d+)"', client.get(path, **HTMX).text).group(1))
    later = time.time() + 100
    monkeypatch.setattr("sessie.live.time.time", lambda: later)
    nu = int(re.search(r'data-nu="(\d+)"', client.get(path, **HTMX).text).group(1))
    assert nu - eerst in range(99, 102)


def test_a_change_renders_the_fragment_anew(client, noord):
    path = reverse("programma:projector", args=[noord.slug])
    client.get(path, **HTMX)
    zet_klok(noord, "21:20")
    response = client.get(path, **HTMX)
    assert "Plenair deel 2" in response.text[response.text.index("scherm-nu") :][:600]


def test_each_language_has_its_own_fragment(client, noord):
    path = reverse("programma:projector", args=[noord.slug])
    assert "Nu" in client.get(path, **HTMX).text
    client.cookies["django_language"] = "en"
    assert "Now" in client.get(path, **HTMX).text


def test_only_organisers_are_offered_the_projector_link(client, noord):
    path = reverse("programma:programma", args=[noord.slug])
    projector = reverse("programma:projector", args=[noord.slug])
    assert projector not in client.get(path).text
    organisator = make_user()
    noord.organisatoren.add(organisator)
    client.force_login(organisator)
    assert projector in client.get(path).text


def test_the_projector_shows_the_rotation_round_and_when_to_change_tables(client, noord):
    html = client.get(reverse("programma:projector", args=[noord.slug])).text
    ronde = html[html.index("scherm-ronde") :][:600]
    assert "Ronde 1" in ronde
    assert "wissel van tafel, om 20.25" in ronde
    zet_klok(noord, "20:30")
    html = client.get(reverse("programma:projector", args=[noord.slug])).text
    ronde = html[html.index("scherm-ronde") :][:600]
    assert "Ronde 2" in ronde and "wissel" not in ronde


@pytest.mark.parametrize("naam", ["programma", "projector"])
def test_an_idea_or_a_dot_costs_the_programme_not_even_a_render(
    client, noord, naam, django_assert_num_queries
):
    """The programme and the projector follow their own counter: 150 phones polling while the
    hall captures ideas and puts dots cost one query each, in every server process."""
    pagina = client.get(reverse(f"programma:{naam}", args=[noord.slug])).text
    poll_id = {"programma": "programma-live", "projector": "scherm"}[naam]
    url = poll_url_from(pagina[pagina.index(f'id="{poll_id}"') :])
    Sessie.bump(noord.pk)  # an idea, a check-in, a dot
    with django_assert_num_queries(1):
        assert client.get(url, **HTMX).status_code == 204
