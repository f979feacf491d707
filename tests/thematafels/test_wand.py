import re
import uuid

import pytest
from django.urls import reverse

from sessie.models import Sessie
from tests.builders import make_idee, zet_klok
from thematafels.ideeen import zet_stip
from thematafels.models import Idee

pytestmark = pytest.mark.django_db


def wand_url(avond):
    return reverse("thematafels:wand", kwargs={"slug": avond.sessie.slug})


def vul(avond, n):
    Idee.objects.bulk_create(
        Idee(
            inzendsleutel=uuid.uuid4(),
            sessie=avond.sessie,
            tafel=avond.tafels[i % 3],
            ronde=avond.rondes[i % 2],
            tekst=f"Idee {i}",
            kernpunt=i % 10 == 0,
        )
        for i in range(n)
    )
    Sessie.bump(avond.sessie.pk)


def test_the_wall_combines_physical_tables_per_theme(client, avond):
    make_idee(avond.tafels[0], avond.rondes[0], "Van tafel 1A")
    make_idee(avond.tafels[1], avond.rondes[1], "Van tafel 1B", kernpunt=True)
    make_idee(avond.tafels[2], avond.rondes[0], "Van tafel 2A")
    make_idee(avond.tafels[0], avond.rondes[0], "Weg", verwijderd="2026-01-01T00:00Z")
    response = client.get(wand_url(avond))
    assert response.status_code == 200
    wijkhub, wijkstem = response.context["kolommen"]
    assert [i.tekst for i in wijkhub.kernpunten] == ["Van tafel 1B"]
    assert [i.tekst for i in wijkhub.ideeen] == ["Van tafel 1A"]
    assert wijkhub.per_ronde == {1: 1, 2: 1}
    assert wijkstem.per_ronde == {1: 1, 2: 0}
    html = response.content.decode()
    assert "Weg<" not in html
    assert "<svg" in html  # the QR that opens the vote


def test_the_wall_shows_only_the_newest_ideas_per_theme(client, avond):
    vul(avond, 60)
    wijkhub = client.get(wand_url(avond)).context["kolommen"][0]
    assert len(wijkhub.ideeen) == 6
    assert wijkhub.ideeen[0].tekst == "Idee 58"


def wand_poll(html: str) -> str:
    return re.search(r'id="wand"[^>]*hx-get="([^"]+)"', html).group(1).replace("&amp;", "&")


def test_a_poll_of_what_the_wall_shows_gets_204_until_an_idea_arrives(client, avond):
    poll = wand_poll(client.get(wand_url(avond)).content.decode())
    response = client.get(poll, HTTP_HX_REQUEST="true")
    assert response.status_code == 204
    make_idee(avond.tafels[0], avond.rondes[0], "Nieuw")
    Sessie.bump(avond.sessie.pk)
    response = client.get(poll, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.strip().startswith('<div id="wand"') and "Nieuw" in html
    # A change that leaves the wall as it is (a check-in, say) is a 204 again.
    Sessie.bump(avond.sessie.pk)
    assert client.get(wand_poll(html), HTTP_HX_REQUEST="true").status_code == 204


def test_an_unchanged_poll_costs_one_query(client, avond, django_assert_num_queries):
    poll = wand_poll(client.get(wand_url(avond)).content.decode())
    with django_assert_num_queries(1):
        assert client.get(poll, HTTP_HX_REQUEST="true").status_code == 204


@pytest.mark.parametrize("aantal", [10, 1000])
def test_the_wall_query_count_is_constant(client, avond, django_assert_num_queries, aantal):
    vul(avond, aantal)
    with django_assert_num_queries(7):
        response = client.get(wand_url(avond), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    # Every other screen asking for the same change is served from memory.
    with django_assert_num_queries(1):
        again = client.get(wand_url(avond), HTTP_HX_REQUEST="true")
    assert again.content == response.content


def test_while_only_dots_change_the_wall_reads_just_the_dots(
    client, avond, django_assert_num_queries
):
    """The wrap-up: the hall's dots move the wall every few seconds. Each dot's count and the
    order it makes show at once; what else the wall shows is kept while the key-point counter
    stands still, and read afresh when it moves."""
    buurthuis = make_idee(avond.tafels[0], avond.rondes[0], "Buurthuis", kernpunt=True)
    wijkapp = make_idee(avond.tafels[1], avond.rondes[0], "Wijkapp", kernpunt=True)
    make_idee(avond.tafels[2], avond.rondes[0], "Een bankje")
    Sessie.bump(avond.sessie.pk)
    wijkhub = client.get(wand_url(avond)).context["kolommen"][0]
    assert [(i.tekst, i.stemmen) for i in wijkhub.kernpunten] == [("Buurthuis", 0), ("Wijkapp", 0)]
    for _ in range(2):
        zet_stip(sessie=avond.sessie, biljet_sleutel=uuid.uuid4(), idee=wijkapp,
                 sleutel=uuid.uuid4(), erbij=True)  # fmt: skip
    with django_assert_num_queries(4):
        response = client.get(wand_url(avond), HTTP_HX_REQUEST="true")
    wijkhub, wijkstem = response.context["kolommen"]
    assert [(i.tekst, i.stemmen) for i in wijkhub.kernpunten] == [("Wijkapp", 2), ("Buurthuis", 0)]
    assert "2 stippen" in response.text
    assert [i.tekst for i in wijkstem.ideeen] == ["Een bankje"]
    zet_stip(sessie=avond.sessie, biljet_sleutel=uuid.uuid4(), idee=buurthuis,
             sleutel=uuid.uuid4(), erbij=True)  # fmt: skip
    wijkhub = client.get(wand_url(avond), HTTP_HX_REQUEST="true").context["kolommen"][0]
    assert [(i.tekst, i.stemmen) for i in wijkhub.kernpunten] == [("Wijkapp", 2), ("Buurthuis", 1)]
    # A new idea moves the key-point counter: the wall reads it all again.
    make_idee(avond.tafels[2], avond.rondes[1], "Een moestuin")
    Sessie.bump(avond.sessie.pk)
    with django_assert_num_queries(7):
        response = client.get(wand_url(avond), HTTP_HX_REQUEST="true")
    wijkhub, wijkstem = response.context["kolommen"]
    assert [i.tekst for i in wijkstem.ideeen] == ["Een moestuin", "Een bankje"]
    assert wijkstem.per_ronde == {1: 1, 2: 1}
    assert [(i.tekst, i.stemmen) for i in wijkhub.kernpunten] == [("Wijkapp", 2), ("Buurthuis", 1)]


def test_a_wall_left_on_all_evening_keeps_one_rendering_per_language(client, avond):
    """Hours of changes and polls: the server holds the newest wall, not one per change."""
    from django.core.cache import caches

    for i in range(30):
        make_idee(avond.tafels[0], avond.rondes[0], f"Idee {i}")
        Sessie.bump(avond.sessie.pk)
        assert f"Idee {i}" in client.get(wand_url(avond), HTTP_HX_REQUEST="true").text
    client.cookies["django_language"] = "en"
    client.get(wand_url(avond), HTTP_HX_REQUEST="true")
    sleutels = list(caches["fragments"]._cache)
    weergaven = [sleutel for sleutel in sleutels if "wand.html" in sleutel]
    assert len(weergaven) == 2
    # Per theme and language, its heading and its newest ideas, each once (what moves only
    # with the key points is kept apart from the dots: `cache_while`).
    delen = [sleutel for sleutel in sleutels if "cache_while:wand-" in sleutel]
    assert len(delen) == 2 * len(avond.sessie.thematafels.all()) * 2
    assert len(sleutels) == len(weergaven) + len(delen) + 1  # and what the wall shows, once


def test_the_wall_refuses_post_and_hides_drafts(client, avond):
    assert client.post(wand_url(avond)).status_code == 405
    avond.sessie.status = Sessie.Status.CONCEPT
    avond.sessie.save()
    assert client.get(wand_url(avond)).status_code == 404


def test_a_theme_shows_at_most_eight_key_points_and_says_how_many_more(client, avond):
    for i in range(11):
        make_idee(avond.tafels[0], avond.rondes[0], f"Kernpunt {i}", kernpunt=True)
    wijkhub = client.get(wand_url(avond)).context["kolommen"][0]
    assert len(wijkhub.kernpunten) == 8 and wijkhub.meer_kernpunten == 3


@pytest.mark.parametrize(
    ("tijd", "kernpunten_eerst"),
    [("19:00", True), ("19:45", False), ("20:30", False), ("21:15", True)],
)
def test_outside_the_rounds_the_wall_tells_its_columns_the_key_points_come_first(
    client, avond, tijd, kernpunten_eerst
):
    """In a round the newest idea keeps its place on a full column; before, between and after
    the rounds the top key point does (static/js/wand.js reads the mark)."""
    zet_klok(avond.sessie, tijd)
    response = client.get(wand_url(avond))
    wand = re.search(r'<div id="wand"[^>]*>', response.content.decode()).group(0)
    assert ("data-kernpunten-eerst" in wand) is kernpunten_eerst


def test_an_open_wall_turns_to_key_points_first_when_the_last_round_ends(
    client, avond, monkeypatch
):
    """Nothing else need change: the wall's poll and its kept fragment hold until the next
    start or end of a round, then it comes back with the key points first."""
    import datetime as dt
    import html
    from types import SimpleNamespace

    from django.db.models import F

    from sessie import live

    zet_klok(avond.sessie, "21:09")  # round 2 ends at 21.10
    pagina = client.get(wand_url(avond)).content.decode()
    wand = re.search(r'<div id="wand"[^>]*>', pagina).group(0)
    assert "data-kernpunten-eerst" not in wand
    poll = html.unescape(re.search(r'hx-get="([^"]+)"', wand).group(1))
    assert "tot=" in poll
    assert client.get(poll, HTTP_HX_REQUEST="true").status_code == 204
    # Two minutes later on both clocks; no idea, dot or other change in between.
    Sessie.objects.filter(pk=avond.sessie.pk).update(
        klok_verschuiving=F("klok_verschuiving") + dt.timedelta(minutes=2)
    )
    later = live.time.time() + 120
    monkeypatch.setattr(live, "time", SimpleNamespace(time=lambda: later))
    response = client.get(poll, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "data-kernpunten-eerst" in re.search(r'<div id="wand"[^>]*>', response.text).group(0)
