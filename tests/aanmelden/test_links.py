"""Personal links and check-in codes over time: mailed again they stay the same, made invalid
only on request; a dead link says what to do; the personal page shows the check-in QR."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from aanmelden.models import Aanmelding
from sessie.links import absolute
from sessie.models import Toegang
from sessie.qr import qr_svg
from tests.builders import make_aanmelding, make_sessie, make_toegang

pytestmark = pytest.mark.django_db


@pytest.fixture
def persoon():
    aanmelding, tokens = make_aanmelding(make_sessie(), naam="Bram Voorbeeld")
    return aanmelding, tokens


def mijn(token, naam="mijn"):
    return reverse(f"aanmelden:{naam}", kwargs={"token": token})


def test_a_resent_mail_repeats_the_first_mails_links(persoon):
    from aanmelden.tasks import stuur_bevestiging

    aanmelding, tokens = persoon
    stuur_bevestiging.call(aanmelding_id=aanmelding.pk)
    (bericht,) = mail.outbox
    assert mijn(tokens["token"]) in bericht.body
    assert Aanmelding.vind(tokens["token"]) == aanmelding
    assert Aanmelding.vind(tokens["incheck"], veld="incheck_hash") == aanmelding


@pytest.mark.parametrize("debug", [False, True])
def test_a_dead_link_explains_in_dutch_what_to_do(client, settings, debug):
    settings.DEBUG = debug
    for naam in ("mijn", "mijn_gegevens", "mijn_verwijderen"):
        response = client.get(mijn("oud-en-dood", naam))
        html = response.content.decode()
        assert response.status_code == 404
        assert "<h1>Deze link werkt niet (meer)</h1>" in html
        assert "meld u opnieuw aan" in html and "site-header" in html
        assert "no-store" in response["Cache-Control"]
    assert client.post(mijn("oud-en-dood", "mijn_annuleren")).status_code == 404


def test_making_the_old_link_invalid_mails_a_new_one_and_keeps_it_from_this_browser(
    client, persoon, django_capture_on_commit_callbacks
):
    aanmelding, tokens = persoon
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(mijn(tokens["token"], "mijn_nieuwe_link"))
    assert response.status_code == 302
    assert response["Location"] == aanmelding.sessie.get_absolute_url()
    assert Aanmelding.vind(tokens["token"]) is None
    assert Aanmelding.vind(tokens["incheck"], veld="incheck_hash") is None
    (bericht,) = mail.outbox
    assert bericht.to == [aanmelding.email] and "oude link werkt niet meer" in bericht.body
    nieuw = re.search(r"/mijn/([^/]+)/", bericht.body).group(1)
    assert nieuw != tokens["token"] and Aanmelding.vind(nieuw) == aanmelding
    gevolgd = client.get(response["Location"]).content.decode()
    assert "Uw oude link werkt niet meer" in gevolgd and nieuw not in gevolgd
    assert client.get(mijn(tokens["token"])).status_code == 404


def test_making_the_old_link_invalid_asks_first_and_needs_a_live_link(client, persoon):
    aanmelding, tokens = persoon
    response = client.get(mijn(tokens["token"], "mijn_nieuwe_link"))
    assert response.status_code == 200 and aanmelding.email in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert Aanmelding.vind(tokens["token"]) == aanmelding
    assert client.put(mijn(tokens["token"], "mijn_nieuwe_link")).status_code == 405
    assert client.post(mijn("geraden", "mijn_nieuwe_link")).status_code == 404
    assert not mail.outbox


def test_a_walk_in_without_an_address_keeps_its_link(client):
    aanmelding, tokens = make_aanmelding(make_sessie(), email="", inloop=True)
    response = client.post(mijn(tokens["token"], "mijn_nieuwe_link"))
    assert response.status_code == 302 and Aanmelding.vind(tokens["token"]) == aanmelding


def test_the_personal_page_shows_the_check_in_qr_of_the_mail(client, persoon):
    aanmelding, tokens = persoon
    html = client.get(mijn(tokens["token"])).content.decode()
    door = reverse(
        "aanmelden:deur_code", kwargs={"slug": aanmelding.sessie.slug, "code": tokens["incheck"]}
    )
    assert "Inchecken bij de deur" in html
    assert qr_svg(absolute(door), titel="QR-code om in te checken bij de deur", schaal=5) in html


def test_the_door_checks_in_by_the_personal_pages_qr(client, persoon):
    aanmelding, _tokens = persoon
    _toegang, token = make_toegang(aanmelding.sessie, Toegang.Rol.DEUR)
    client.get(reverse("sessie:toegang", kwargs={"token": token}))
    door = reverse(
        "aanmelden:deur_code",
        kwargs={"slug": aanmelding.sessie.slug, "code": aanmelding.incheck_code},
    )
    assert "Bram Voorbeeld" in client.get(door).content.decode()


def test_no_check_in_qr_once_cancelled(client, persoon):
    aanmelding, tokens = persoon
    Aanmelding.objects.filter(pk=aanmelding.pk).update(geannuleerd=timezone.now())
    assert "<svg" not in client.get(mijn(tokens["token"])).content.decode()


def test_rows_with_links_made_before_the_salt_get_new_links_when_mailed_again(persoon):
    aanmelding, _tokens = persoon
    Aanmelding.objects.filter(pk=aanmelding.pk).update(link_zout="")
    aanmelding.refresh_from_db()
    assert aanmelding.incheck_code is None
    nieuw = aanmelding.links()
    assert Aanmelding.vind(nieuw["token"]) == aanmelding
    assert aanmelding.incheck_code == nieuw["incheck"]
