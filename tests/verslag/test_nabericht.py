"""The thank-you mail after the evening (issue 17.14): to whom, what it says, sent once."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from aanmelden import werkgroepen as wg
from aanmelden.models import Aanmelding
from tests.builders import (
    make_aanmelding,
    make_lidmaatschap,
    make_sessie,
    make_user,
    make_werkgroep,
)
from verslag import nabericht
from verslag.models import Nabericht, Naberichtontvanger, Publicatie

pytestmark = pytest.mark.django_db


@pytest.fixture
def sessie(organisator):
    return make_sessie(organisator=organisator, datum=timezone.localdate() - dt.timedelta(days=1))


def gekomen(sessie, naam, **velden):
    """Someone who came and may be mailed (change what the test is about)."""
    defaults = {"ingecheckt": timezone.now(), "toestemming_contact": True}
    aanmelding, _ = make_aanmelding(sessie, naam=naam, **(defaults | velden))
    return aanmelding


@pytest.fixture
def zaal(sessie):
    """Who came and who did not, each for one reason."""
    return {
        "anna": gekomen(sessie, "Anna Gekomen", email="anna@example.invalid"),
        "inloop": gekomen(
            sessie, "Ilse Inloop", email="ilse@example.invalid", inloop=True, ingecheckt=None
        ),
        "geen_toestemming": gekomen(sessie, "Gijs Zonder", toestemming_contact=False),
        "niet_gekomen": gekomen(sessie, "Nina Thuis", ingecheckt=None),
        "geannuleerd": gekomen(sessie, "Cas Afgemeld", geannuleerd=timezone.now()),
        "geen_adres": gekomen(sessie, "Bas Inloop", email="", inloop=True),
    }


def url(sessie, naam="verslag:nabericht"):
    return reverse(naam, kwargs={"slug": sessie.slug})


def versturen(client, sessie, **extra):
    return client.post(url(sessie, "verslag:nabericht_versturen"), **extra)


# Who gets it


def test_it_goes_to_who_came_with_an_address_and_consent(sessie, zaal):
    assert list(nabericht.ontvangers(sessie)) == [zaal["anna"], zaal["inloop"]]


# The organiser's page


def test_the_page_shows_the_count_and_a_preview_before_sending(ingelogd, sessie, zaal):
    groen = make_werkgroep(sessie, "Werkgroep Groen")
    make_lidmaatschap(groen, naam="Anna Gekomen", email="ANNA@example.invalid")
    response = ingelogd.get(url(sessie))
    assert response.status_code == 200
    html = response.text
    assert "4 mensen kwamen." in html and "2 van hen krijgen deze e-mail." in html
    assert "Versturen naar 2 mensen" in html
    assert "Bedankt voor uw komst: " + sessie.titel in html
    assert "Beste Anna Gekomen," in html and "Werkgroep Groen" in html
    assert "/antwoorden/" in html
    assert "Het verslag is nog niet gepubliceerd" in html
    assert not mail.outbox and not Nabericht.objects.exists()


@pytest.mark.parametrize("mensen", [1, 8])
def test_the_page_costs_the_same_queries_for_any_number_of_people(
    ingelogd, sessie, django_assert_num_queries, mensen
):
    groen = make_werkgroep(sessie, "Werkgroep Groen")
    for i in range(mensen):
        persoon = gekomen(sessie, f"Persoon {i}")
        make_lidmaatschap(groen, email=persoon.email, aanmelding=persoon)
    with django_assert_num_queries(12):
        assert ingelogd.get(url(sessie)).status_code == 200


def test_without_anyone_the_preview_uses_a_stand_in_name_and_there_is_no_button(ingelogd, sessie):
    html = ingelogd.get(url(sessie)).text
    assert "Beste (naam)," in html
    assert "Niemand wacht op deze e-mail." in html
    assert 'action="' + url(sessie, "verslag:nabericht_versturen") not in html


def test_sending_mails_each_recipient_once_with_the_report_workgroups_and_answers(
    ingelogd, sessie, zaal, django_capture_on_commit_callbacks
):
    Publicatie.publiceer(sessie=sessie, door=None)
    groen = make_werkgroep(sessie, "Werkgroep Groen")
    groen.eerste_bijeenkomst = dt.date(2027, 1, 14)
    groen.save()
    lid = make_lidmaatschap(groen, naam="Anna", email="Anna@Example.invalid")
    make_lidmaatschap(make_werkgroep(sessie, "Wijkhub"), email="iemand@example.invalid")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = versturen(ingelogd, sessie)
    assert response.status_code == 302 and response["Location"] == url(sessie)
    assert sorted(m.to[0] for m in mail.outbox) == ["anna@example.invalid", "ilse@example.invalid"]
    anna = next(m for m in mail.outbox if m.to == ["anna@example.invalid"])
    assert anna.subject == f"Bedankt voor uw komst: {sessie.titel}"
    assert "http://" in anna.body and reverse("verslag:openbaar", args=[sessie.slug]) in anna.body
    assert "Werkgroep Groen (eerste bijeenkomst 14 januari 2027)" in anna.body
    # The leave link is signed with a timestamp: it names this membership, whatever the second.
    code = re.search(r"/werkgroep/afmelden/([^/\s]+)/", anna.body).group(1)
    assert wg.uit_afmeld_code(code) == lid
    assert "Wijkhub" not in anna.body
    assert reverse("informatiepunt:antwoorden", args=[sessie.slug]) in anna.body
    ilse = next(m for m in mail.outbox if m.to == ["ilse@example.invalid"])
    assert "werkgroepen" not in ilse.body
    assert Naberichtontvanger.objects.count() == 2
    assert Nabericht.objects.get().door is not None


def test_a_second_click_mails_nobody_twice_and_reaches_who_came_later(
    ingelogd, sessie, zaal, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    # Both clicks before the first task has run (a double click): still one mail each.
    with django_capture_on_commit_callbacks(execute=True):
        versturen(ingelogd, sessie)
        versturen(ingelogd, sessie)
    assert len(mail.outbox) == 2
    derde = versturen(ingelogd, sessie, follow=True)
    assert "Iedereen die kwam heeft de bedankmail al gehad" in derde.text
    assert "Niemand wacht op deze e-mail." in derde.text
    laat = gekomen(sessie, "Lotte Laat", email="lotte@example.invalid")
    assert "Versturen naar 1 persoon" in ingelogd.get(url(sessie)).text
    with django_capture_on_commit_callbacks(execute=True):
        versturen(ingelogd, sessie)
    assert [m.to for m in mail.outbox[2:]] == [[laat.email]]


def test_a_retried_task_mails_nobody_twice(sessie, zaal, django_capture_on_commit_callbacks):
    from verslag.tasks import stuur_nabericht

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        nabericht.versturen(sessie=sessie, door=None)
    stuur_nabericht.call(sessie_id=sessie.pk)
    nabericht.stuur_alle(sessie=sessie)
    assert len(mail.outbox) == 2


def test_a_failed_mail_gives_the_claim_back_so_a_retry_sends_it(sessie, zaal, monkeypatch):
    Nabericht.objects.create(sessie=sessie)
    from django.core.mail import EmailMessage

    echt = EmailMessage.send

    def kapot(self, *args, **kwargs):
        raise ConnectionError("mail server down")

    monkeypatch.setattr(EmailMessage, "send", kapot)
    mail.outbox.clear()
    with pytest.raises(ConnectionError):
        nabericht.stuur_alle(sessie=sessie)
    assert not Naberichtontvanger.objects.exists()
    monkeypatch.setattr(EmailMessage, "send", echt)
    assert nabericht.stuur_alle(sessie=sessie) == 2 and len(mail.outbox) == 2


def test_the_htmx_answer_is_the_status_fragment(
    ingelogd, sessie, zaal, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = versturen(ingelogd, sessie, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert response["Vary"] and "HX-Request" in response["Vary"]
    html = response.text
    assert "<h1" not in html and "<html" not in html
    assert "De bedankmail wordt verstuurd naar 2 mensen." in html
    assert 'id="nabericht-status"' not in html  # the fragment goes inside it


def test_it_cannot_go_before_the_evening(ingelogd, organisator):
    morgen = make_sessie(organisator=organisator, datum=timezone.localdate() + dt.timedelta(days=1))
    gekomen(morgen, "Anna Vroeg", email="vroeg@example.invalid")
    html = ingelogd.get(url(morgen)).text
    assert "De avond is nog niet geweest" in html
    response = versturen(ingelogd, morgen, HTTP_HX_REQUEST="true")
    assert response.status_code == 400 and "De avond is nog niet geweest" in response.text
    assert versturen(ingelogd, morgen).status_code == 302
    assert not Nabericht.objects.exists() and not mail.outbox


def test_in_english_the_mail_is_english(ingelogd, sessie, zaal, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    ingelogd.cookies["django_language"] = "en"
    assert "Send to 2 people" in ingelogd.get(url(sessie)).text
    with django_capture_on_commit_callbacks(execute=True):
        versturen(ingelogd, sessie)
    assert mail.outbox[0].subject == f"Thank you for coming: {sessie.titel}"
    assert "Thank you for coming to" in mail.outbox[0].body


# Access


def test_only_the_sessions_organisers_see_or_send_it(client, sessie, zaal):
    assert client.get(url(sessie)).status_code == 302
    assert versturen(client, sessie).status_code == 302
    client.force_login(make_user())
    assert client.get(url(sessie)).status_code == 404
    assert versturen(client, sessie).status_code == 404
    assert not Nabericht.objects.exists() and not mail.outbox


def test_wrong_methods_are_refused(ingelogd, sessie):
    assert ingelogd.post(url(sessie)).status_code == 405
    assert ingelogd.get(url(sessie, "verslag:nabericht_versturen")).status_code == 405


def test_hostile_names_stay_text_in_the_preview(ingelogd, sessie):
    gekomen(sessie, "<script>alert(1)</script>", email="x@example.invalid")
    html = ingelogd.get(url(sessie)).text
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html


def test_deleting_a_registration_removes_its_sent_marker(sessie, zaal):
    Nabericht.objects.create(sessie=sessie)
    nabericht.stuur_alle(sessie=sessie)
    Aanmelding.objects.filter(pk=zaal["anna"].pk).delete()
    assert Naberichtontvanger.objects.count() == 1
