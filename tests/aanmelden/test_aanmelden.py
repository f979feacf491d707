"""The public registration form and the domain verbs behind it."""

import re
import uuid

import pytest
from django.core import mail
from django.urls import reverse

from aanmelden import aanmeldingen as verbs
from aanmelden.models import Aanmelding
from sessie.models import Sessie
from tests.builders import (
    make_aanmelding,
    make_onderdeel,
    make_sessie,
    make_thematafel,
    make_werkgroep,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def sessie():
    sessie = make_sessie(plaats="Zwolle")
    make_onderdeel(sessie, "19:00", "21:30")
    return sessie


def url(sessie):
    return reverse("aanmelden:aanmelden", kwargs={"slug": sessie.slug})


def formulier(**extra):
    return {
        "sleutel": str(uuid.uuid4()),
        "naam": "Anouk Fictief",
        "email": "anouk@example.invalid",
    } | extra


def test_form_shows_every_field_with_consent_boxes_unchecked(client, sessie):
    make_thematafel(sessie)
    make_werkgroep(sessie)
    response = client.get(url(sessie))
    html = response.content.decode()
    assert response.status_code == 200
    for naam in (
        "naam",
        "email",
        "telefoon",
        "rol",
        "broodje",
        "dieet",
        "voorkeur_1",
        "werkgroepen",
    ):
        assert f'name="{naam}"' in html
    assert re.search(r'name="toestemming_contact"[^>]*checked', html) is None
    assert reverse("wijkavond:privacy") in html
    assert "Ondernemer" in html  # who you are: data of the session


def test_register_creates_one_registration_and_mails_the_link(
    client, sessie, django_capture_on_commit_callbacks
):
    tafels = [make_thematafel(sessie), make_thematafel(sessie)]
    groep = make_werkgroep(sessie)
    data = formulier(
        email="Anouk@Example.invalid",
        broodje="on",
        dieet=["halal", "glutenvrij"],
        voorkeur_1=tafels[1].pk,
        voorkeur_2=tafels[0].pk,
        werkgroepen=[groep.pk],
        toestemming_contact="on",
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(sessie), data)
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "aanmelden:aanmelden_bedankt", kwargs={"slug": sessie.slug}
    )
    aanmelding = Aanmelding.objects.get()
    assert aanmelding.email == "anouk@example.invalid"
    assert aanmelding.broodje == Aanmelding.Broodje.JA
    assert aanmelding.dieet == ["halal", "glutenvrij"]
    assert aanmelding.voorkeur_1 == tafels[1]
    assert list(aanmelding.werkgroepen.all()) == [groep]
    assert aanmelding.toestemming_contact and not aanmelding.toestemming_netwerk
    (bericht,) = mail.outbox
    assert bericht.to == ["anouk@example.invalid"]
    assert "19.00–21.30" in bericht.body and "Dorpsstraat 1, Zwolle" in bericht.body
    token = re.search(r"/mijn/([^/]+)/", bericht.body).group(1)
    assert Aanmelding.vind(token) == aanmelding
    assert token not in aanmelding.token_hash
    namen = [a[0] for a in bericht.attachments]
    assert namen == ["wijkavond.ics", "inchecken.png"]
    ics = bericht.attachments[0][1]
    assert (
        "BEGIN:VEVENT" in ics
        and "DTSTART:" in ics
        and "LOCATION:Buurthuis\\, Dorpsstraat 1\\, Zwolle" in ics
    )
    assert bericht.attachments[1][1].startswith(b"\x89PNG")


def test_double_submit_makes_one_registration_and_one_mail(
    client, sessie, django_capture_on_commit_callbacks
):
    data = formulier()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(sessie), data)
        response = client.post(url(sessie), data)
    assert response.status_code == 302
    assert Aanmelding.objects.count() == 1
    assert len(mail.outbox) == 1


def test_same_email_again_resends_the_same_link_instead_of_a_duplicate(
    client, sessie, django_capture_on_commit_callbacks
):
    bestaand, tokens = make_aanmelding(sessie, email="anouk@example.invalid")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(sessie), formulier(email="ANOUK@example.invalid"))
    assert response.status_code == 302
    assert Aanmelding.objects.count() == 1
    (bericht,) = mail.outbox
    assert "again" in bericht.body or "opnieuw" in bericht.body
    # The first mail's link keeps working: the new mail carries the very same one.
    assert Aanmelding.vind(tokens["token"]) == bestaand
    assert re.search(r"/mijn/([^/]+)/", bericht.body).group(1) == tokens["token"]


def test_no_token_ever_waits_unhashed_in_the_task_queue(
    client, sessie, django_capture_on_commit_callbacks, settings
):
    """A real worker (django-tasks-db) stores each task's arguments: the mail task makes the
    links itself, so the queue holds an id and a language, never a token."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    from django.tasks import default_task_backend

    default_task_backend.clear()
    make_aanmelding(sessie, email="anouk@example.invalid")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(sessie), formulier(email="nieuw@example.invalid"))
        client.post(url(sessie), formulier(email="anouk@example.invalid"))
    opgeslagen = [r.kwargs for r in default_task_backend.results]
    assert [k["opnieuw"] for k in opgeslagen] == [False, True]
    assert all(set(k) == {"aanmelding_id", "opnieuw", "taal"} for k in opgeslagen)
    assert not mail.outbox


def test_a_workgroup_id_no_database_can_hold_is_an_error_not_a_crash(client, sessie):
    make_werkgroep(sessie)
    response = client.post(url(sessie), formulier(werkgroepen=["9" * 30]))
    assert response.status_code == 400
    assert "is geen geldige waarde" in response.text and 'value="Anouk Fictief"' in response.text
    assert not Aanmelding.objects.exists()


def test_errors_keep_every_typed_value_and_sit_next_to_the_field(client, sessie):
    tafel = make_thematafel(sessie)
    data = formulier(
        email="geen-adres", organisatie="Buurtclub", voorkeur_1=tafel.pk, voorkeur_2=tafel.pk
    )
    response = client.post(url(sessie), data)
    html = response.content.decode()
    assert response.status_code == 400
    assert 'value="geen-adres"' in html and 'value="Buurtclub"' in html
    assert 'id="error_1_id_email"' in html
    assert 'id="error_1_id_voorkeur_2"' in html
    assert Aanmelding.objects.count() == 0


def test_honeypot_turns_bots_away_with_a_clear_400(client, sessie):
    response = client.post(url(sessie), formulier(website="http://spam.example"))
    assert response.status_code == 400
    assert Aanmelding.objects.count() == 0


def test_rate_limit_answers_429_not_500(client, sessie, settings):
    for _ in range(20):
        client.post(url(sessie), formulier(email="x"))
    response = client.post(url(sessie), formulier())
    assert response.status_code == 429
    assert Aanmelding.objects.count() == 0


def test_wrong_method_is_405(client, sessie):
    assert client.put(url(sessie)).status_code == 405


def test_draft_session_is_404_and_finished_session_is_closed(client):
    concept = make_sessie(status=Sessie.Status.CONCEPT)
    assert client.get(url(concept)).status_code == 404
    afgelopen = make_sessie(status=Sessie.Status.AFGELOPEN)
    response = client.post(url(afgelopen), formulier())
    assert response.status_code == 200
    assert Aanmelding.objects.count() == 0


def test_public_session_page_links_the_form(client, sessie):
    response = client.get(sessie.get_absolute_url())
    assert url(sessie) in response.content.decode()


def test_thank_you_and_privacy_pages(client, sessie):
    assert (
        client.get(reverse("aanmelden:aanmelden_bedankt", kwargs={"slug": sessie.slug})).status_code
        == 200
    )
    response = client.get(reverse("wijkavond:privacy"))
    assert response.status_code == 200
    assert "90" in response.content.decode()
    # Every cookie the site sets is named there, in words.
    assert "Cookies" in response.text and "geen statistieken" in response.text
    assert "de taaklink" in response.text and "stembiljetnummer" in response.text


# Sandwiches and the waiting list -------------------------------------------------------------


def test_registering_again_after_cancelling_signs_up_again_with_the_new_choices(
    client, sessie, django_capture_on_commit_callbacks
):
    bestaand, _tokens = make_aanmelding(sessie, email="anouk@example.invalid")
    verbs.annuleren(aanmelding=bestaand)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url(sessie), formulier(broodje="on", dieet=["vegetarisch"], allergie="noten")
        )
    assert response.status_code == 302
    bestaand.refresh_from_db()
    assert bestaand.is_actief
    assert bestaand.broodje == Aanmelding.Broodje.JA
    assert bestaand.dieet == ["vegetarisch"] and bestaand.allergie == "noten"
    assert Aanmelding.objects.count() == 1 and len(mail.outbox) == 1


def meld_aan(sessie, naam, *, broodje=True):
    return verbs.aanmelden(
        sessie=sessie,
        sleutel=uuid.uuid4(),
        gegevens={"naam": naam, "email": f"{naam.lower()}@example.invalid"},
        broodje=broodje,
        werkgroepen=[],
    ).aanmelding


def test_full_sandwiches_put_newcomers_on_the_waiting_list():
    sessie = make_sessie(broodjes=1)
    assert meld_aan(sessie, "Een").broodje == Aanmelding.Broodje.JA
    assert meld_aan(sessie, "Twee").broodje == Aanmelding.Broodje.WACHTLIJST


def test_after_the_deadline_sandwich_requests_wait(settings):
    from django.utils import timezone

    sessie = make_sessie(
        broodjes_deadline=timezone.now() - __import__("datetime").timedelta(hours=1)
    )
    assert meld_aan(sessie, "Laat").broodje == Aanmelding.Broodje.WACHTLIJST


def test_cancelling_promotes_the_first_on_the_waiting_list_with_an_email(
    django_capture_on_commit_callbacks,
):
    sessie = make_sessie(broodjes=1)
    eerste = meld_aan(sessie, "Een")
    tweede = meld_aan(sessie, "Twee")
    derde = meld_aan(sessie, "Drie")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        verbs.annuleren(aanmelding=eerste)
    tweede.refresh_from_db()
    derde.refresh_from_db()
    assert tweede.broodje == Aanmelding.Broodje.JA
    assert derde.broodje == Aanmelding.Broodje.WACHTLIJST
    assert [m.to for m in mail.outbox] == [["twee@example.invalid"]]
    assert eerste.broodje == Aanmelding.Broodje.GEEN


def test_deleting_frees_the_sandwich_too():
    sessie = make_sessie(broodjes=1)
    eerste = meld_aan(sessie, "Een")
    tweede = meld_aan(sessie, "Twee")
    verbs.verwijderen(aanmelding=eerste)
    tweede.refresh_from_db()
    assert tweede.broodje == Aanmelding.Broodje.JA


def test_changes_bump_the_live_counter():
    sessie = make_sessie()
    meld_aan(sessie, "Een", broodje=False)
    sessie.refresh_from_db()
    assert sessie.versie >= 1


def test_catering_counts_per_diet():
    sessie = make_sessie()
    make_aanmelding(sessie, broodje="ja", dieet=["halal"])
    make_aanmelding(sessie, broodje="ja", dieet=["halal", "veganistisch"], allergie="noten")
    make_aanmelding(sessie, broodje="ja")
    make_aanmelding(sessie, broodje="wachtlijst")
    lijst = verbs.cateringlijst(sessie)
    tellingen = dict(lijst.per_dieet)
    assert len(lijst.namen) == 3
    assert tellingen[str(Aanmelding.Dieet.HALAL.label)] == 2
    assert tellingen[str(Aanmelding.Dieet.VEGANISTISCH.label)] == 1
    assert lijst.zonder_wens == 1 and lijst.allergieen == 1 and lijst.wachtlijst == 1


def test_more_sandwiches_move_the_waiting_list_up(django_capture_on_commit_callbacks):
    sessie = make_sessie(broodjes=1)
    meld_aan(sessie, "Een")
    tweede = meld_aan(sessie, "Twee")
    Sessie.objects.filter(pk=sessie.pk).update(broodjes=2)
    sessie.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        assert verbs.herverdeel_broodjes(sessie=sessie) == [tweede]
    tweede.refresh_from_db()
    assert tweede.broodje == Aanmelding.Broodje.JA
    assert mail.outbox[-1].to == ["twee@example.invalid"]


def test_clone_copies_workgroups_and_registration_settings():
    from wijkavond.kloon import kloon_sessie

    bron = make_sessie(broodjes=40, capaciteit=80)
    make_werkgroep(bron, "Groen")
    make_aanmelding(bron)
    kopie = kloon_sessie(bron=bron, titel="Kopie")
    assert kopie.broodjes == 40 and kopie.capaciteit == 80
    assert list(kopie.werkgroepen.values_list("naam", flat=True)) == ["Groen"]
    assert kopie.aanmeldingen.count() == 0


def test_form_says_when_the_sandwiches_are_gone(client):
    sessie = make_sessie(broodjes=1)
    assert "alert-warning" not in client.get(url(sessie)).content.decode()
    make_aanmelding(sessie, broodje="ja")
    assert "alert-warning" in client.get(url(sessie)).content.decode()


def test_mail_speaks_the_language_the_form_was_filled_in(
    client, sessie, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(sessie), formulier(email="nl@example.invalid"))
        client.cookies["django_language"] = "en"
        client.post(url(sessie), formulier(email="en@example.invalid"))
    nl, en = mail.outbox
    assert nl.body.startswith("Beste Anouk Fictief") and nl.subject.startswith("Uw aanmelding")
    assert en.body.startswith("Hello Anouk Fictief") and en.subject.startswith("Your registration")
