import re
import uuid

import pytest
from django.contrib.messages.constants import INFO
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.db.models import Sum
from django.test import Client, RequestFactory
from django.urls import reverse

from sessie.models import Sessie, Teller
from tests.builders import make_idee, organiser_client, zet_klok
from thematafels.models import Stembiljet, Stip
from thematafels.views import STEM_COOKIE

pytestmark = pytest.mark.django_db


@pytest.fixture
def items(avond):
    return [
        make_idee(avond.tafels[0], avond.rondes[0], "Buurthuis", kernpunt=True),
        make_idee(avond.tafels[2], avond.rondes[0], "Wijkapp", kernpunt=True),
    ]


def stem_url(avond):
    return reverse("thematafels:stemmen", kwargs={"slug": avond.sessie.slug})


def dot(client, avond, idee, actie="plus", **extra):
    return client.post(stem_url(avond), {actie: idee.pk, "sleutel": str(uuid.uuid4())}, **extra)


def test_the_vote_page_gives_a_ballot_cookie_and_lists_key_points(client, avond, items):
    make_idee(avond.tafels[0], avond.rondes[0], "Geen kernpunt")
    response = client.get(stem_url(avond))
    assert response.status_code == 200
    assert uuid.UUID(response.cookies[STEM_COOKIE].value)
    html = response.content.decode()
    assert "Buurthuis" in html and "Wijkapp" in html and "Geen kernpunt" not in html
    assert response.context["over"] == 3


def test_three_dots_per_device_and_no_more(client, avond, items):
    client.get(stem_url(avond))
    for idee in (items[0], items[0], items[1]):
        assert dot(client, avond, idee).status_code == 302
    response = dot(client, avond, items[1], HTTP_HX_REQUEST="true")
    assert response.status_code == 400
    assert response.context["over"] == 0
    assert Stip.objects.count() == 3
    assert Stip.objects.filter(idee=items[0]).count() == 2


def test_taking_a_dot_back_frees_it(client, avond, items):
    client.get(stem_url(avond))
    dot(client, avond, items[0])
    response = dot(client, avond, items[0], "min", HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    # The form's inside only: the form stays, with the taps queued on it.
    html = response.content.decode()
    assert "<form" not in html and "<html" not in html
    assert 'name="sleutel"' in html and "Stippen over: 3 van 3" in html
    assert not Stip.objects.exists()


def test_another_device_has_its_own_three_dots(client, avond, items):
    from django.test import Client

    client.get(stem_url(avond))
    for _ in range(3):
        dot(client, avond, items[0])
    ander = Client()
    ander.get(stem_url(avond))
    assert dot(ander, avond, items[1]).status_code == 302
    assert Stip.objects.count() == 4


def test_a_retried_dot_counts_once(client, avond, items):
    client.get(stem_url(avond))
    data = {"plus": items[0].pk, "sleutel": str(uuid.uuid4())}
    client.post(stem_url(avond), data)
    client.post(stem_url(avond), data)
    assert Stip.objects.count() == 1


def test_only_key_points_of_this_session_can_get_dots(client, avond, items):
    gewoon = make_idee(avond.tafels[0], avond.rondes[0], "Gewoon")
    client.get(stem_url(avond))
    assert dot(client, avond, gewoon).status_code == 400
    assert client.post(stem_url(avond), {"plus": "x", "sleutel": "y"}).status_code == 400
    assert not Stip.objects.exists()


def test_dots_show_live_on_the_wall(client, avond, items):
    client.get(stem_url(avond))
    dot(client, avond, items[1])
    dot(client, avond, items[1])
    wand = client.get(reverse("thematafels:wand", kwargs={"slug": avond.sessie.slug}))
    kolom = wand.context["kolommen"][1]
    assert kolom.kernpunten[0].stemmen == 2


def test_voting_bumps_the_change_counter(client, avond, items):
    client.get(stem_url(avond))
    avond.sessie.refresh_from_db()
    voor = avond.sessie.versie
    dot(client, avond, items[0])
    assert Sessie.objects.get(pk=avond.sessie.pk).versie > voor


def test_a_dot_leaves_the_key_point_counter_and_a_star_moves_it(client, avond, items):
    avond.sessie.refresh_from_db()
    voor = avond.sessie.kernpunten_versie
    dot(client, avond, items[0])
    assert Sessie.objects.get(pk=avond.sessie.pk).kernpunten_versie == voor
    items[0].zet_kernpunt(kernpunt=False)
    assert Sessie.objects.get(pk=avond.sessie.pk).kernpunten_versie > voor


def test_the_vote_list_changes_at_once_when_the_key_points_do(client, avond, items):
    """The list is kept in memory between taps, but never past a change of the key points."""
    client.get(stem_url(avond))
    dot(client, avond, items[0])
    nieuw = make_idee(avond.tafels[1], avond.rondes[0], "Een nieuw kernpunt", kernpunt=True)
    items[1].zet_kernpunt(kernpunt=False)
    pagina = client.get(stem_url(avond)).content.decode()
    assert "Een nieuw kernpunt" in pagina and f'value="{nieuw.pk}"' in pagina
    assert f'name="plus" value="{items[1].pk}"' not in pagina
    assert f'id="min-{items[0].pk}"' in pagina  # this phone's dot, marked on the kept list


def test_each_answer_shows_the_ballot_as_stored(client, avond, items):
    """The answer's dots come from the vote's own transaction, not from a second read."""
    client.get(stem_url(avond))
    data = {"plus": items[0].pk, "sleutel": str(uuid.uuid4())}
    stappen = [
        (data, 2),
        (data, 2),  # a retry: still one dot
        ({"plus": items[0].pk, "sleutel": str(uuid.uuid4())}, 1),
        ({"plus": items[1].pk, "sleutel": str(uuid.uuid4())}, 0),
        ({"min": items[0].pk, "sleutel": str(uuid.uuid4())}, 1),
        ({"min": items[0].pk, "sleutel": str(uuid.uuid4())}, 2),
        ({"min": items[0].pk, "sleutel": str(uuid.uuid4())}, 2),  # none left there: nothing
    ]
    for post, over in stappen:
        response = client.post(stem_url(avond), post, HTTP_HX_REQUEST="true")
        assert response.status_code == 200
        assert response.context["over"] == over
        stippen = {i.pk: i.mijn_stippen for k in response.context["kolommen"] for i in k.kernpunten}
        opgeslagen = {i.pk: Stip.objects.filter(idee=i).count() for i in items}
        assert stippen == opgeslagen
    assert Stip.objects.filter(idee=items[1]).count() == 1


def test_a_dot_on_a_point_no_longer_in_the_vote_is_refused(client, avond, items):
    client.get(stem_url(avond))
    dot(client, avond, items[0])  # the key points are now kept in memory
    items[1].zet_kernpunt(kernpunt=False)
    response = dot(client, avond, items[1], HTTP_HX_REQUEST="true")
    assert response.status_code == 400
    assert "Dit punt doet niet meer mee." in response.content.decode()
    assert not Stip.objects.filter(idee=items[1]).exists()


def test_kept_rows_follow_each_phone_its_language_and_the_key_points(
    client, avond, items, settings
):
    """Each row is kept per process as it looks with this many dots, in this language, while the
    key points stand: another phone, English, or an edited point each get their own."""
    from django.test import Client

    client.get(stem_url(avond))
    dot(client, avond, items[0])
    mijn = client.get(stem_url(avond)).content.decode()
    assert f'id="min-{items[0].pk}"' in mijn and "Hier staat 1 stip van u" in mijn

    ander = Client()
    pagina = ander.get(stem_url(avond)).content.decode()
    assert f'id="min-{items[0].pk}"' not in pagina and "van u" not in pagina

    ander.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    engels = ander.get(stem_url(avond)).content.decode()
    assert "+ Dot: Buurthuis" in engels and "+ Stip" not in engels

    items[0].bewerk(tekst="Buurthuis met tuin", soort=items[0].soort, prompt=None, versie=1)
    assert "Buurthuis met tuin" in client.get(stem_url(avond)).content.decode()


def test_the_vote_refuses_other_methods(client, avond):
    assert client.put(stem_url(avond)).status_code == 405


@pytest.mark.parametrize("aantal", [2, 60])
def test_the_vote_page_query_count_is_constant(client, avond, django_assert_num_queries, aantal):
    for i in range(aantal):
        make_idee(avond.tafels[i % 3], avond.rondes[0], f"Punt {i}", kernpunt=True)
    client.get(stem_url(avond))
    # The session and this ballot's dots: the key points come from memory while they stand.
    with django_assert_num_queries(2):
        assert client.get(stem_url(avond)).status_code == 200


def test_a_phones_first_visit_reads_no_dots(client, avond, items, django_assert_num_queries):
    """The hall opens the vote page in the wrap-up's first seconds, all at once: a phone
    without a ballot cookie has no dots to read, only the session."""
    client.get(stem_url(avond))  # the key points and the first-visit page into memory
    client.cookies.clear()
    with django_assert_num_queries(1):
        response = client.get(stem_url(avond))
    assert "Stippen over: 3 van 3" in response.text
    assert uuid.UUID(response.cookies[STEM_COOKIE].value)


def csrf_en_sleutel(html: str) -> tuple[str, str]:
    tokens = set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', html))
    tokens |= set(re.findall(r'"X-CSRFToken": "([^"]+)"', html))
    assert len(tokens) == 1  # the header's language form, the dots' form and htmx's header
    return tokens.pop(), re.search(r'name="sleutel" value="([^"]+)"', html).group(1)


def test_first_visits_share_one_page_each_with_its_own_token_and_key(avond, items):
    """The hall's first visits get the page kept per process; each with a CSRF token for its
    own cookie and a key of its own, and each phone's dot counts."""
    telefoons = [Client(enforce_csrf_checks=True) for _ in range(3)]
    gezien = []
    for telefoon in telefoons:
        response = telefoon.get(stem_url(avond))
        assert response.status_code == 200 and "gat" not in response.text
        assert "Buurthuis" in response.text and "Stippen over: 3 van 3" in response.text
        token, sleutel = csrf_en_sleutel(response.text)
        gezien.append((token, sleutel, response.cookies[STEM_COOKIE].value))
        antwoord = telefoon.post(
            stem_url(avond), {"csrfmiddlewaretoken": token, "plus": items[0].pk, "sleutel": sleutel}
        )
        assert antwoord.status_code == 302
    for deel in zip(*gezien, strict=True):
        assert len(set(deel)) == 3  # tokens, keys and ballots: each phone its own
    assert Stip.objects.filter(idee=items[0]).count() == 3
    assert Stembiljet.objects.count() == 3
    # Another phone's token does not pass for this one's cookie.
    vreemd = Client(enforce_csrf_checks=True)
    vreemd.get(stem_url(avond))
    data = {"csrfmiddlewaretoken": "x" * 64, "plus": items[0].pk, "sleutel": str(uuid.uuid4())}
    assert vreemd.post(stem_url(avond), data).status_code == 403


def test_the_kept_first_visit_page_follows_points_language_title_and_clock(avond, items, settings):
    Client().get(stem_url(avond))  # kept from here on
    items[1].bewerk(tekst="Wijkapp voor iedereen", soort=items[1].soort, prompt=None, versie=1)
    assert "Wijkapp voor iedereen" in Client().get(stem_url(avond)).text
    engels = Client()
    engels.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert "Dots left: 3 of 3" in engels.get(stem_url(avond)).text
    assert "Stippen over: 3 van 3" in Client().get(stem_url(avond)).text
    Sessie.objects.filter(pk=avond.sessie.pk).update(titel="Brede sessie Zuid")
    assert "Brede sessie Zuid" in Client().get(stem_url(avond)).text
    zet_klok(avond.sessie, "21:17")
    assert "Oefenklok 21.17" in Client().get(stem_url(avond)).text


def test_who_is_not_a_first_anonymous_visitor_gets_a_page_of_their_own(client, avond, items):
    Client().get(stem_url(avond))  # the anonymous page kept
    organisator = organiser_client(Client(), avond.sessie)
    assert "Organiseren" in organisator.get(stem_url(avond)).text
    assert "Organiseren" not in Client().get(stem_url(avond)).text
    # A message waiting for this browser is shown (and only to it).
    storage = CookieStorage(RequestFactory().get("/"))
    client.cookies[storage.cookie_name] = storage._encode([Message(INFO, "Dank u wel!")])
    assert "Dank u wel!" in client.get(stem_url(avond)).text
    assert "Dank u wel!" not in Client().get(stem_url(avond)).text
    # A phone with dots gets its own page with them.
    client.cookies.pop(storage.cookie_name)
    dot(client, avond, items[0])
    assert "Hier staat 1 stip van u" in client.get(stem_url(avond)).text


def test_the_ballot_cookie_is_secure_where_the_session_cookie_is(client, avond, settings):
    settings.SESSION_COOKIE_SECURE = True
    assert client.get(stem_url(avond)).cookies[STEM_COOKIE]["secure"]
    settings.SESSION_COOKIE_SECURE = False
    client.cookies.clear()
    assert not client.get(stem_url(avond)).cookies[STEM_COOKIE]["secure"]


def test_a_dot_from_a_phone_costs_a_fixed_number_of_queries(
    client, avond, items, django_assert_num_queries
):
    """A hundred phones put three dots each within two minutes: the rate limit's counters (2),
    the session (1), in one transaction the ballot locked, its dots, the new dot and the change
    counter (4, and its begin and end). The key points come from memory, as a dot does not
    change them, and the item is looked up among them; the answer's dots are the ones the
    transaction read. It was 22."""
    client.get(stem_url(avond))
    dot(client, avond, items[0], HTTP_HX_REQUEST="true")
    with django_assert_num_queries(9):
        assert dot(client, avond, items[1], HTTP_HX_REQUEST="true").status_code == 200


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("over", [True, False])
def test_a_dot_and_its_rate_limit_count_are_one_transaction(client, avond, items, over):
    """On SQLite each transaction is a turn in the writers' line (wijkavond/sqlite): the hall's
    dots take one each, the rate limit's counters inside. A dot refused for want of dots still
    counts, and leaves nothing else behind."""
    from django.db import connection

    client.get(stem_url(avond))
    for _ in range(3 if over else 0):
        dot(client, avond, items[0])
    schrijven = []

    def noteer(execute, sql, params, many, context):
        if sql.lstrip().split(" ", 1)[0].upper() in {"INSERT", "UPDATE", "DELETE"}:
            schrijven.append((sql.split(" ", 3)[:3], connection.in_atomic_block))
        return execute(sql, params, many, context)

    def geteld():
        return Teller.objects.aggregate(n=Sum("aantal"))["n"] or 0

    tellers = geteld()
    with connection.execute_wrapper(noteer):
        response = dot(client, avond, items[1], HTTP_HX_REQUEST="true")
    assert response.status_code == (400 if over else 200)
    assert schrijven and all(binnen for _sql, binnen in schrijven), schrijven
    assert geteld() == tellers + 3  # per browser, per address, per address-minute
    assert Stip.objects.count() == (3 if over else 1)


def test_a_page_kept_by_another_process_still_gets_its_holes_filled(avond, items, monkeypatch):
    """Each process has holes of its own; a page kept with another's (a shared cache) is filled
    with the holes it was kept with."""
    from thematafels import views

    Client().get(stem_url(avond))  # kept with this process's holes
    monkeypatch.setattr(views, "_GATEN", {"csrf": "csrfgatanders", "sleutel": "sleutelgatanders"})
    telefoon = Client(enforce_csrf_checks=True)
    response = telefoon.get(stem_url(avond))
    assert "gat" not in response.text
    token, sleutel = csrf_en_sleutel(response.text)
    data = {"csrfmiddlewaretoken": token, "plus": items[0].pk, "sleutel": sleutel}
    assert telefoon.post(stem_url(avond), data).status_code == 302
