"""Heavy report formats made in the background: asking, following the progress, downloading,
who may, what fails, and what the retention command removes."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from unittest import mock

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from aanmelden.aanmeldingen import verwijderen
from tests.builders import make_aanmelding, make_user, organiser_client
from verslag.models import Verslagbestand
from verslag.renderers import RendererNietBeschikbaar
from verslag.tasks import maak_verslagbestand

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisator(client, noord):
    return organiser_client(client, noord, username="karin")


def aanvragen(client, sessie, editie="organisator", formaat="pdf", **extra):
    url = reverse("verslag:aanvragen", args=[sessie.slug])
    return client.post(url, {"editie": editie, "formaat": formaat}, **extra)


def bestand_url(bestand, naam="verslag:bestand"):
    return reverse(naam, args=[bestand.sessie.slug, bestand.pk])


def wachtend(sessie, **velden):
    return Verslagbestand.objects.create(sessie=sessie, editie="openbaar", formaat="pdf", **velden)


# Asking for a file


def test_asking_makes_the_file_at_once_with_the_immediate_backend(organisator, noord, geheim):
    response = aanvragen(organisator, noord)
    bestand = Verslagbestand.objects.get()
    assert response.status_code == 302 and response.url == bestand_url(bestand)
    assert bestand.status == "klaar" and bestand.klaar_op >= bestand.aangevraagd
    assert (bestand.editie, bestand.formaat, bestand.sessie) == ("organisator", "pdf", noord)
    assert bestand.aangevraagd_door == organisator.user
    tekst = "".join(p.extract_text() for p in PdfReader(io.BytesIO(bestand.inhoud)).pages)
    assert "Een buurtkamer in de bibliotheek" in tekst and "Zwaantje Geheim" in tekst


@pytest.mark.parametrize("formaat", ["odt", "docx"])
def test_odt_and_docx_are_made_in_the_background_too(organisator, noord, geheim, formaat):
    aanvragen(organisator, noord, "openbaar", formaat)
    bestand = Verslagbestand.objects.get()
    assert bestand.status == "klaar"
    with zipfile.ZipFile(io.BytesIO(bestand.inhoud)) as z:
        xml = z.read("content.xml" if formaat == "odt" else "word/document.xml").decode()
    assert "Een buurtkamer in de bibliotheek" in xml and "Zwaantje" not in xml


def test_the_file_is_made_in_the_language_of_the_request(organisator, noord, geheim):
    organisator.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    aanvragen(organisator, noord, "openbaar", "docx")
    with zipfile.ZipFile(io.BytesIO(Verslagbestand.objects.get().inhoud)) as z:
        xml = z.read("word/document.xml").decode()
    assert "Attendance" in xml and "Opkomst" not in xml


@pytest.mark.parametrize(
    "data",
    [
        {"editie": "organisator", "formaat": "xlsx"},  # not a background format
        {"editie": "geheim", "formaat": "pdf"},
        {"editie": "organisator"},
        {"formaat": "pdf", "editie": "x" * 5000},
        {},
    ],
)
def test_a_bad_choice_makes_nothing_and_says_so(organisator, noord, data):
    url = reverse("verslag:aanvragen", args=[noord.slug])
    response = organisator.post(url, data, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == reverse("verslag:overzicht", args=[noord.slug])
    assert "Kies een editie en een formaat uit de lijst." in response.text
    assert not Verslagbestand.objects.exists()


def test_asking_rejects_a_get(organisator, noord):
    response = organisator.get(reverse("verslag:aanvragen", args=[noord.slug]))
    assert response.status_code == 405
    assert not Verslagbestand.objects.exists()


def test_asking_needs_the_csrf_token(noord):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    user = make_user(username="karin")
    noord.organisatoren.add(user)
    client.force_login(user)
    assert aanvragen(client, noord).status_code == 403
    assert not Verslagbestand.objects.exists()


def test_a_newer_file_replaces_the_older_one_of_the_same_kind(organisator, noord):
    aanvragen(organisator, noord, "openbaar", "odt")
    aanvragen(organisator, noord, "openbaar", "docx")
    eerste = Verslagbestand.objects.get(formaat="odt")
    aanvragen(organisator, noord, "openbaar", "odt")
    assert not Verslagbestand.objects.filter(pk=eerste.pk).exists()
    assert Verslagbestand.objects.filter(formaat="odt").count() == 1
    assert Verslagbestand.objects.filter(formaat="docx").count() == 1


# Following the progress


def test_a_queued_file_shows_progress_polls_and_refreshes_without_javascript(organisator, noord):
    bestand = wachtend(noord)
    response = organisator.get(bestand_url(bestand))
    assert response.status_code == 200
    html = response.text
    assert html.count("<h1") == 1 and 'role="status"' in html and "<progress" in html
    assert f'hx-get="{bestand_url(bestand)}?status=wachtend"' in html
    assert '<noscript><meta http-equiv="refresh" content="5"></noscript>' in html
    assert f'href="{bestand_url(bestand)}">' in html  # the reload link
    assert "HX-Request" in response["Vary"]


def test_the_poll_answers_204_while_the_status_is_unchanged(organisator, noord):
    bestand = wachtend(noord)
    url = f"{bestand_url(bestand)}?status=wachtend"
    response = organisator.get(url, HTTP_HX_REQUEST="true")
    assert response.status_code == 204 and response.content == b""


def test_the_poll_sends_the_fragment_with_the_link_once_the_file_is_ready(
    organisator, noord, django_assert_num_queries
):
    bestand = wachtend(noord)
    bestand.klaar(b"%PDF-1.7 test")
    url = f"{bestand_url(bestand)}?status=wachtend"
    with django_assert_num_queries(5):  # login session, user, evening, organiser, file
        response = organisator.get(url, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.text
    assert "<html" not in html and 'id="voortgang"' in html
    assert bestand_url(bestand, "verslag:bestand_download") in html
    assert "hx-get" not in html  # done: the polling stops


def test_a_running_file_says_so(organisator, noord):
    bestand = wachtend(noord)
    assert bestand.begin() and not bestand.begin()  # a second worker does not take it
    response = organisator.get(f"{bestand_url(bestand)}?status=wachtend", HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and "Wordt gemaakt" in response.text
    assert "?status=bezig" in response.text


def test_a_finished_page_has_no_refresh(organisator, noord):
    bestand = wachtend(noord)
    bestand.klaar(b"%PDF-1.7 test")
    html = organisator.get(bestand_url(bestand)).text
    assert "refresh" not in html and "hx-get" not in html and "<progress" not in html


def test_without_weasyprint_the_file_fails_with_the_reason(organisator, noord):
    fout = RendererNietBeschikbaar("Geen Pango op deze server.")
    with mock.patch("verslag.renderers.pdf._weasyprint", side_effect=fout):
        aanvragen(organisator, noord)
    bestand = Verslagbestand.objects.get()
    assert bestand.status == "mislukt" and bestand.inhoud is None
    html = organisator.get(bestand_url(bestand)).text
    assert "Geen Pango op deze server." in html and "alert-danger" in html


def test_an_unexpected_error_fails_the_file_without_a_500(organisator, noord, caplog):
    with mock.patch("verslag.renderers.word.render_docx", side_effect=ValueError("kapot")):
        response = aanvragen(organisator, noord, "openbaar", "docx", follow=True)
    assert response.status_code == 200
    bestand = Verslagbestand.objects.get()
    assert bestand.status == "mislukt" and "kapot" not in bestand.fout
    assert "Probeer het opnieuw" in response.text
    assert "could not be made" in caplog.text


def test_the_task_leaves_a_deleted_or_taken_file_alone(noord):
    maak_verslagbestand.call(bestand_id=999999)
    bestand = wachtend(noord, status="bezig")
    maak_verslagbestand.call(bestand_id=bestand.pk)
    bestand.refresh_from_db()
    assert bestand.status == "bezig" and bestand.inhoud is None


# Downloading


def test_a_ready_file_downloads_as_an_attachment_that_no_cache_keeps(organisator, noord):
    bestand = wachtend(noord)
    bestand.klaar(b"%PDF-1.7 test")
    response = organisator.get(bestand_url(bestand, "verslag:bestand_download"))
    assert response.status_code == 200 and response.content == b"%PDF-1.7 test"
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="verslag-{noord.slug}-openbaar.pdf"'
    )
    assert "no-store" in response["Cache-Control"]


def test_a_file_not_ready_yet_sends_back_to_its_progress(organisator, noord):
    bestand = wachtend(noord)
    response = organisator.get(bestand_url(bestand, "verslag:bestand_download"))
    assert response.status_code == 302 and response.url == bestand_url(bestand)


@pytest.mark.parametrize("naam", ["verslag:bestand", "verslag:bestand_download"])
def test_file_pages_reject_a_post(organisator, noord, naam):
    bestand = wachtend(noord)
    assert organisator.post(bestand_url(bestand, naam)).status_code == 405


# Who may


@pytest.mark.parametrize("naam", ["verslag:bestand", "verslag:bestand_download"])
def test_files_are_for_the_sessions_organisers_only(client, noord, naam):
    bestand = wachtend(noord)
    bestand.klaar(b"%PDF-1.7 test")
    url = bestand_url(bestand, naam)
    response = client.get(url)
    assert response.status_code == 302 and "/inloggen/" in response.url
    client.force_login(make_user(username="ander"))
    assert client.get(url).status_code == 404


def test_asking_is_for_the_sessions_organisers_only(client, noord):
    assert aanvragen(client, noord).status_code == 302  # to the login page
    client.force_login(make_user(username="ander"))
    assert aanvragen(client, noord).status_code == 404
    assert not Verslagbestand.objects.exists()


def test_a_file_of_another_session_is_not_found_under_this_one(organisator, noord):
    from tests.builders import make_sessie

    ander = make_sessie(slug="ander-avond")
    bestand = wachtend(ander)
    url = reverse("verslag:bestand", args=[noord.slug, bestand.pk])
    assert organisator.get(url).status_code == 404


# The organiser's page and retention


def test_the_report_page_lists_the_latest_files(organisator, noord, django_assert_num_queries):
    for _ in range(8):
        wachtend(noord)
    url = reverse("verslag:overzicht", args=[noord.slug])
    organisator.get(url)
    with django_assert_num_queries(7):
        html = organisator.get(url).text
    nieuwste = Verslagbestand.objects.filter(sessie=noord)[:6]
    for bestand in nieuwste:
        assert f'href="{bestand_url(bestand)}"' in html
    assert html.count("/verslag/bestanden/") == 6  # the six latest, not all eight
    assert "Recent gemaakte bestanden" in html


def test_the_retention_command_removes_the_files_of_old_evenings(noord):
    bestand = wachtend(noord)
    bestand.klaar(b"organiser data")
    noord.datum = timezone.localdate() - dt.timedelta(days=400)
    noord.save()
    call_command("vergeet", stdout=io.StringIO())
    assert not Verslagbestand.objects.exists()


def test_deleting_ones_data_removes_the_organisers_files(noord):
    organisator_bestand = Verslagbestand.objects.create(
        sessie=noord, editie="organisator", formaat="pdf"
    )
    openbaar_bestand = wachtend(noord)
    aanmelding, _tokens = make_aanmelding(noord, email="iemand@example.invalid")
    verwijderen(aanmelding=aanmelding)
    assert not Verslagbestand.objects.filter(pk=organisator_bestand.pk).exists()
    assert Verslagbestand.objects.filter(pk=openbaar_bestand.pk).exists()


# The production backend: django-tasks-db's queue and its worker


@pytest.fixture
def database_backend(settings):
    """Tasks go to django-tasks-db's queue (the backends are cached: forget them both ways)."""
    from django.tasks import task_backends
    from django.utils.connection import Local

    def vergeet():
        task_backends.__dict__.pop("settings", None)
        task_backends._connections = Local(task_backends.thread_critical)

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    vergeet()
    yield
    vergeet()


@pytest.mark.django_db(transaction=True)
def test_with_the_database_backend_the_worker_makes_the_file(client, noord, database_backend):
    from django_tasks_db.models import DBTaskResult

    user = make_user(username="karin")
    noord.organisatoren.add(user)
    client.force_login(user)
    response = aanvragen(client, noord, "openbaar", "pdf")
    bestand = Verslagbestand.objects.get()
    assert response.url == bestand_url(bestand)
    assert bestand.status == "wachtend"  # queued: nothing made in the request
    assert DBTaskResult.objects.get().task_path == "verslag.tasks.maak_verslagbestand"
    assert "<progress" in client.get(bestand_url(bestand)).text

    call_command("db_worker", batch=True, startup_delay=False, reload=False, stdout=io.StringIO())

    bestand.refresh_from_db()
    assert bestand.status == "klaar" and bytes(bestand.inhoud).startswith(b"%PDF")
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    poll = client.get(f"{bestand_url(bestand)}?status=wachtend", HTTP_HX_REQUEST="true")
    assert bestand_url(bestand, "verslag:bestand_download") in poll.text
