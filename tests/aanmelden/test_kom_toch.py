"""'I am coming after all' after cancelling: what was lost is said, the sandwich offered back
under the waiting list's rules."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from aanmelden.models import Aanmelding
from tests.builders import make_aanmelding, make_sessie

pytestmark = pytest.mark.django_db


def mijn(token, naam="mijn"):
    return reverse(f"aanmelden:{naam}", kwargs={"token": token})


def afmelden(client, token):
    client.post(mijn(token, "mijn_annuleren"))


@pytest.fixture
def bram():
    sessie = make_sessie(broodjes=1)
    return make_aanmelding(
        sessie, naam="Bram Voorbeeld", broodje="ja", broodje_sinds=timezone.now()
    )


def test_the_cancelled_page_says_the_sandwich_was_given_up_and_offers_it_back(client, bram):
    _aanmelding, tokens = bram
    afmelden(client, tokens["token"])
    html = client.get(mijn(tokens["token"])).content.decode()
    assert "Toen u zich afmeldde, hebt u uw broodje afgestaan." in html
    assert "Er is nog een broodje voor u." in html
    assert 'name="broodje"' in html and "checked" in html


def test_coming_after_all_with_the_sandwich_back_while_one_is_free(client, bram):
    aanmelding, tokens = bram
    afmelden(client, tokens["token"])
    response = client.post(mijn(tokens["token"], "mijn_annuleren"), {"terug": "1", "broodje": "on"})
    assert response.status_code == 302
    aanmelding.refresh_from_db()
    assert aanmelding.is_actief and aanmelding.broodje == Aanmelding.Broodje.JA
    assert "Er is weer een broodje voor u." in client.get(response["Location"]).content.decode()


def test_the_sandwich_that_went_to_the_waiting_list_means_the_waiting_list(
    client, bram, django_capture_on_commit_callbacks
):
    aanmelding, tokens = bram
    wachtend, _ = make_aanmelding(
        aanmelding.sessie, broodje="wachtlijst", broodje_sinds=timezone.now()
    )
    with django_capture_on_commit_callbacks(execute=True):
        afmelden(client, tokens["token"])
    wachtend.refresh_from_db()
    assert wachtend.broodje == Aanmelding.Broodje.JA
    html = client.get(mijn(tokens["token"])).content.decode()
    assert "Toen u zich afmeldde, hebt u uw broodje afgestaan." in html
    assert "De broodjes zijn nu op: u komt op de wachtlijst." in html
    response = client.post(mijn(tokens["token"], "mijn_annuleren"), {"terug": "1", "broodje": "on"})
    aanmelding.refresh_from_db()
    assert aanmelding.broodje == Aanmelding.Broodje.WACHTLIJST
    assert "U staat op de wachtlijst voor een broodje." in client.get(response["Location"]).text
    # The one who got the sandwich keeps it: first come, first served.
    wachtend.refresh_from_db()
    assert wachtend.broodje == Aanmelding.Broodje.JA
    assert len(mail.outbox) == 1  # only the waiting one heard of a free sandwich


def test_coming_after_all_without_the_sandwich(client, bram):
    aanmelding, tokens = bram
    afmelden(client, tokens["token"])
    client.post(mijn(tokens["token"], "mijn_annuleren"), {"terug": "1"})
    aanmelding.refresh_from_db()
    assert aanmelding.is_actief and aanmelding.broodje == Aanmelding.Broodje.GEEN
    assert "afgestaan" not in client.get(mijn(tokens["token"])).content.decode()


def test_after_the_sandwich_deadline_asking_means_the_waiting_list(client, bram):
    aanmelding, tokens = bram
    afmelden(client, tokens["token"])
    sessie = aanmelding.sessie
    sessie.broodjes_deadline = timezone.now() - dt.timedelta(hours=1)
    sessie.save(update_fields=["broodjes_deadline"])
    html = client.get(mijn(tokens["token"])).content.decode()
    assert "U kunt geen broodje meer bestellen" in html
    client.post(mijn(tokens["token"], "mijn_annuleren"), {"terug": "1", "broodje": "on"})
    aanmelding.refresh_from_db()
    assert aanmelding.is_actief and aanmelding.broodje == Aanmelding.Broodje.WACHTLIJST


def test_without_a_sandwich_before_nothing_is_said_to_be_lost(client):
    _aanmelding, tokens = make_aanmelding(make_sessie(), naam="Chaima Fictief")
    afmelden(client, tokens["token"])
    html = client.get(mijn(tokens["token"])).content.decode()
    assert "afgestaan" not in html and "Ik kom toch" in html
