import datetime as dt

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from sessie.access import GRANT_COOKIE, held_grants
from sessie.models import Sessie, Toegang, Werkgroep
from tests.builders import make_demo, make_sessie, make_toegang, make_user

pytestmark = pytest.mark.django_db


def test_home_lists_upcoming_and_past_but_not_drafts(client):
    vandaag = timezone.localdate()
    make_sessie(titel="Avond Oost", datum=vandaag + dt.timedelta(days=3))
    make_sessie(titel="Avond West", datum=vandaag - dt.timedelta(days=30))
    make_sessie(titel="Geheim concept", status=Sessie.Status.CONCEPT)
    response = client.get(reverse("wijkavond:home"))
    assert response.status_code == 200
    komend, voorbij = list(response.context["komend"]), list(response.context["voorbij"])
    assert [s.titel for s in komend] == ["Avond Oost"]
    assert [s.titel for s in voorbij] == ["Avond West"]
    assert "Geheim concept" not in response.text


def test_home_rejects_post(client):
    assert client.post(reverse("wijkavond:home")).status_code == 405


def test_session_page_tells_what_where_and_when(client):
    sessie = make_demo()
    response = client.get(sessie.get_absolute_url())
    assert response.status_code == 200
    for tekst in (
        "Brede sessie Noord",
        "Koningkerk",
        "Kloppersingel 57",
        "Wijkhub",
        "Wijksamenwerking",
        "Wijkstem",
        "fysieke plek",
        "18.30",
        "22.00",
        "Netwerk in het gebied opbouwen",
        "Financiering",
    ):
        assert tekst in response.text


def test_session_page_query_count_does_not_grow_with_tables(client, django_assert_num_queries):
    sessie = make_demo()
    # The sixth: is the follow-up report published? The seventh: is a workgroup open?
    with django_assert_num_queries(7):
        client.get(sessie.get_absolute_url())


def test_session_page_links_joining_a_workgroup_while_one_is_open(client):
    sessie = make_sessie(datum=timezone.localdate() - dt.timedelta(days=7))
    join = reverse("aanmelden:werkgroepen", args=[sessie.slug])
    assert join not in client.get(sessie.get_absolute_url()).text
    groep = Werkgroep.objects.create(sessie=sessie, naam="Werkgroep Groen")
    html = client.get(sessie.get_absolute_url()).text
    assert f'href="{join}"' in html and "Doe mee met een werkgroep" in html
    groep.open = False
    groep.save()
    assert join not in client.get(sessie.get_absolute_url()).text


def test_draft_session_is_hidden_from_the_public(client):
    sessie = make_sessie(status=Sessie.Status.CONCEPT)
    assert client.get(sessie.get_absolute_url()).status_code == 404


def test_draft_session_is_visible_to_its_organiser(client):
    organisator = make_user()
    sessie = make_sessie(status=Sessie.Status.CONCEPT, organisator=organisator)
    client.force_login(organisator)
    assert client.get(sessie.get_absolute_url()).status_code == 200


def test_unknown_session_is_404(client):
    assert client.get(reverse("wijkavond:detail", args=["bestaat-niet"])).status_code == 404


def test_volunteer_link_remembers_the_grant_and_lands_on_the_job(client):
    sessie = make_sessie()
    toegang, token = make_toegang(sessie, rol=Toegang.Rol.DEUR)
    response = client.get(reverse("sessie:toegang", args=[token]))
    assert response.status_code == 302
    cookie = response.cookies[GRANT_COOKIE]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert token not in cookie.value and toegang.token_hash not in cookie.value
    request = RequestFactory().get("/")
    request.COOKIES[GRANT_COOKIE] = cookie.value
    assert held_grants(request) == {toegang.pk: toegang.fingerprint}


def test_a_guessed_volunteer_link_is_refused_kindly(client):
    response = client.get(reverse("sessie:toegang", args=["geraden-token"]))
    assert response.status_code == 404
    assert GRANT_COOKIE not in response.cookies
    assert "Vraag de organisator om een nieuwe" in response.text


def test_a_revoked_volunteer_link_is_refused(client):
    toegang, token = make_toegang(make_sessie())
    toegang.trek_in()
    assert client.get(reverse("sessie:toegang", args=[token])).status_code == 404


def test_volunteer_link_rejects_post(client):
    _, token = make_toegang(make_sessie())
    assert client.post(reverse("sessie:toegang", args=[token])).status_code == 405
