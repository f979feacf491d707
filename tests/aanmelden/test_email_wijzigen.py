"""A changed e-mail address is trusted only after its owner clicks the link sent to it, and
"own data" is what the registration holds, never what shares its address (issue 15, item 2)."""

import datetime as dt
import io
import json
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from aanmelden import aanmeldingen as verbs
from aanmelden.models import Aanmelding, Lidmaatschap
from aanmelden.tasks import stuur_broodje_vrij
from sessie.models import hash_token
from tests.builders import (
    make_aanmelding,
    make_lidmaatschap,
    make_sessie,
    make_vraag,
    make_werkgroep,
)

pytestmark = pytest.mark.django_db

OUD, NIEUW = "bram@example.invalid", "nieuw@example.invalid"


@pytest.fixture
def persoon():
    aanmelding, tokens = make_aanmelding(make_sessie(), naam="Bram Voorbeeld", email=OUD)
    return aanmelding, tokens["token"]


def wijzig(client, token, **data):
    velden = {"naam": "Bram Voorbeeld", "email": OUD} | data
    return client.post(reverse("aanmelden:mijn_wijzigen", kwargs={"token": token}), velden)


def bevestig_url(token: str) -> str:
    return reverse("aanmelden:email_bevestigen", kwargs={"bevestiging": token})


def link_uit(bericht) -> str:
    return re.search(r"/adres-bevestigen/([^/]+)/", bericht.body).group(1)


@pytest.fixture
def aangevraagd(client, persoon, django_capture_on_commit_callbacks):
    """Bram asked to change his address to NIEUW; the mail with the link went there."""
    aanmelding, token = persoon
    with django_capture_on_commit_callbacks(execute=True):
        response = wijzig(client, token, email="Nieuw@Example.invalid")
    assert response.status_code == 302
    (bericht,) = mail.outbox
    return aanmelding, token, bericht


def test_a_new_address_waits_for_its_owner_and_gets_a_link(aangevraagd):
    aanmelding, _token, bericht = aangevraagd
    aanmelding.refresh_from_db()
    assert aanmelding.email == OUD and aanmelding.nieuw_email == NIEUW
    assert bericht.to == [NIEUW]
    link = link_uit(bericht)
    assert (
        aanmelding.nieuw_email_hash == hash_token(link) and link not in aanmelding.nieuw_email_hash
    )
    assert aanmelding.nieuw_email_tot > timezone.now() + dt.timedelta(hours=47)
    assert "Bram Voorbeeld" not in bericht.body  # typed text, to an address not yet proven


def test_until_then_mail_goes_to_the_old_address(aangevraagd):
    aanmelding, _token, _bericht = aangevraagd
    mail.outbox.clear()
    stuur_broodje_vrij.call(aanmelding_id=aanmelding.pk)
    assert [m.to for m in mail.outbox] == [[OUD]]


def test_the_personal_page_says_which_address_waits(client, aangevraagd):
    _aanmelding, token, _bericht = aangevraagd
    response = client.get(reverse("aanmelden:mijn", kwargs={"token": token}))
    html = response.content.decode()
    assert NIEUW in html and OUD in html
    assert f'value="{NIEUW}"' in html  # saving other changes keeps the address waiting


def test_opening_the_link_changes_nothing_the_button_confirms(client, aangevraagd):
    """Mail scanners open links: only the POST of the page's button confirms."""
    aanmelding, token, bericht = aangevraagd
    link = link_uit(bericht)
    groep = make_werkgroep(aanmelding.sessie)
    lid = make_lidmaatschap(groep, aanmelding=aanmelding, email=OUD)
    pagina = client.get(bevestig_url(link))
    assert pagina.status_code == 200 and NIEUW in pagina.content.decode()
    assert "no-store" in pagina["Cache-Control"]
    aanmelding.refresh_from_db()
    assert aanmelding.email == OUD
    response = client.post(bevestig_url(link))
    assert response.status_code == 200 and NIEUW in response.content.decode()
    aanmelding.refresh_from_db()
    lid.refresh_from_db()
    assert aanmelding.email == NIEUW and aanmelding.nieuw_email == ""
    assert aanmelding.nieuw_email_hash == "" and aanmelding.nieuw_email_tot is None
    assert lid.email == NIEUW  # the workgroup writes to the confirmed address too
    assert Aanmelding.vind(token) == aanmelding  # the personal link keeps working
    assert client.post(bevestig_url(link)).status_code == 404  # once


def test_an_expired_or_guessed_link_is_a_clear_404(client, aangevraagd):
    aanmelding, _token, bericht = aangevraagd
    Aanmelding.objects.filter(pk=aanmelding.pk).update(
        nieuw_email_tot=timezone.now() - dt.timedelta(minutes=1)
    )
    for link in (link_uit(bericht), "geraden", "x" * 300, "²"):
        for methode in (client.get, client.post):
            response = methode(bevestig_url(link))
            assert response.status_code == 404
            assert "verlopen" in response.content.decode() or "expired" in response.text
    aanmelding.refresh_from_db()
    assert aanmelding.email == OUD


def test_wrong_method_is_405(client, aangevraagd):
    _aanmelding, _token, bericht = aangevraagd
    assert client.put(bevestig_url(link_uit(bericht))).status_code == 405


def test_an_address_taken_meanwhile_is_refused_with_a_reason(client, aangevraagd):
    aanmelding, _token, bericht = aangevraagd
    make_aanmelding(aanmelding.sessie, email=NIEUW)
    response = client.post(bevestig_url(link_uit(bericht)))
    assert response.status_code == 409
    assert "already" in response.text or "al " in response.text
    aanmelding.refresh_from_db()
    assert aanmelding.email == OUD


def test_changing_back_to_the_address_in_use_drops_the_wait(
    client, aangevraagd, django_capture_on_commit_callbacks
):
    aanmelding, token, bericht = aangevraagd
    with django_capture_on_commit_callbacks(execute=True):
        wijzig(client, token, email=OUD)
    aanmelding.refresh_from_db()
    assert aanmelding.nieuw_email == "" and aanmelding.nieuw_email_hash == ""
    assert client.get(bevestig_url(link_uit(bericht))).status_code == 404
    assert len(mail.outbox) == 1


def test_an_unconfirmed_address_shows_none_of_its_owners_data(client, persoon, aangevraagd):
    """The review's attack: change to someone else's address, then download or delete."""
    aanmelding, token, _bericht = aangevraagd
    sessie = aanmelding.sessie
    vraag = make_vraag(sessie, tekst="Geheime vraag?", naam="Nina Nieuw", email=NIEUW)
    haar_lid = make_lidmaatschap(make_werkgroep(sessie), naam="Nina Nieuw", email=NIEUW)
    gegevens = client.get(reverse("aanmelden:mijn_gegevens", kwargs={"token": token}))
    tekst = gegevens.content.decode()
    assert "Geheime vraag?" not in tekst and "Nina Nieuw" not in tekst
    assert json.loads(tekst)["nieuw_email_onbevestigd"] == NIEUW
    client.post(reverse("aanmelden:mijn_verwijderen", kwargs={"token": token}))
    vraag.refresh_from_db()
    assert vraag.naam == "Nina Nieuw" and vraag.email == NIEUW
    assert Lidmaatschap.objects.filter(pk=haar_lid.pk).exists()


def test_own_data_is_what_the_registration_holds_by_its_own_rows(client):
    sessie = make_sessie()
    aanmelding, tokens = make_aanmelding(sessie, email="anouk@example.invalid")
    groep = make_werkgroep(sessie)
    eigen = make_lidmaatschap(groep, aanmelding=aanmelding, email="anouk@example.invalid")
    # Same address, not linked: a phone sign-up, and a question at the information point.
    los = make_lidmaatschap(
        make_werkgroep(sessie, naam="Werkgroep Verkeer"), email="anouk@example.invalid"
    )
    make_vraag(sessie, tekst="Mijn vraag?", email="anouk@example.invalid")
    token = tokens["token"]
    gegevens = json.loads(
        client.get(reverse("aanmelden:mijn_gegevens", kwargs={"token": token})).content
    )
    assert [w["werkgroep"] for w in gegevens["werkgroep_lidmaatschappen"]] == ["Werkgroep Groen"]
    assert "vragen_informatiepunt" not in gegevens
    verbs.verwijderen(aanmelding=aanmelding)
    assert not Lidmaatschap.objects.filter(pk=eigen.pk).exists()
    assert Lidmaatschap.objects.filter(pk=los.pk).exists()


def test_mails_to_the_new_address_are_bounded_too(
    client, persoon, settings, django_capture_on_commit_callbacks
):
    settings.MAILS_PER_ADRES = 2
    _aanmelding, token = persoon
    for i in range(4):
        with django_capture_on_commit_callbacks(execute=True):
            wijzig(client, token, email=f"nieuw{i % 2}@example.invalid")
    assert len(mail.outbox) == 4  # two addresses, each within its bound
    mail.outbox.clear()
    for _ in range(3):
        with django_capture_on_commit_callbacks(execute=True):
            wijzig(client, token, email="nieuw0@example.invalid")
            wijzig(client, token, email=OUD)
    assert mail.outbox == []


def test_retention_erases_an_address_waiting_for_confirmation(aangevraagd):
    from django.core.management import call_command

    aanmelding, _token, _bericht = aangevraagd
    Aanmelding.objects.filter(pk=aanmelding.pk).update(nieuw_email_tot=timezone.now())
    aanmelding.sessie.datum = timezone.localdate() - dt.timedelta(days=400)
    aanmelding.sessie.save()
    call_command("vergeet", stdout=io.StringIO())
    aanmelding.refresh_from_db()
    assert aanmelding.nieuw_email == aanmelding.nieuw_email_hash == ""
    assert aanmelding.nieuw_email_tot is None
