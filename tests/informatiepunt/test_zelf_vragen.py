"""A visitor asks a question on their own phone (public, rate-limited, honeypot, no JS needed)."""

import uuid

import pytest

from informatiepunt.models import Vraag
from sessie.models import Sessie
from tests.builders import make_sessie

pytestmark = pytest.mark.django_db


def url(sessie):
    return f"/s/{sessie.slug}/vraag/"


def data(**velden):
    return {"sleutel": str(uuid.uuid4()), "tekst": "Mag ik meedoen als ondernemer?", **velden}


def test_anyone_sees_the_form_of_a_published_session(client, sessie):
    response = client.get(url(sessie))
    assert response.status_code == 200
    assert 'name="website"' in response.content.decode()


def test_a_draft_session_is_404_for_visitors(client):
    concept = make_sessie(status=Sessie.Status.CONCEPT)
    assert client.get(url(concept)).status_code == 404


def test_wrong_method_is_405(client, sessie):
    assert client.delete(url(sessie)).status_code == 405


def test_a_question_is_saved_once_and_the_visitor_is_thanked(client, sessie, categorie):
    payload = data(
        categorie=categorie.pk, naam="Bea", email="bea@example.invalid", wil_antwoord="on"
    )
    response = client.post(url(sessie), payload, follow=True)
    client.post(url(sessie), payload)
    vraag = Vraag.objects.get()
    assert vraag.bron == Vraag.Bron.ZELF
    assert vraag.wil_antwoord and vraag.email == "bea@example.invalid"
    assert response.redirect_chain[-1][0] == url(sessie)
    assert "Your question has been received" in response.content.decode() or (
        "ontvangen" in response.content.decode()
    )


def test_the_honeypot_turns_bots_away(client, sessie):
    response = client.post(url(sessie), data(website="http://spam.example"))
    assert response.status_code == 400
    assert not Vraag.objects.exists()


def test_an_empty_question_is_400_with_values_kept(client, sessie):
    response = client.post(url(sessie), data(tekst="", naam="Bea Voorbeeld"))
    assert response.status_code == 400
    assert "Bea Voorbeeld" in response.content.decode()


def test_too_many_questions_from_one_browser_are_refused(client, sessie):
    for _ in range(10):
        assert client.post(url(sessie), data()).status_code == 302
    assert client.post(url(sessie), data()).status_code == 429
    assert Vraag.objects.count() == 10
