"""Retention across the apps (`manage.py vergeet`) and "delete my data" leaving nothing behind."""

import datetime as dt
import io
import json
import re
import uuid
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from aanmelden.models import Aanmelding
from informatiepunt.models import Vraag
from sessie.models import Teller, Toegang
from sessie.privacy import vergeet_oude_sessies
from tests.builders import (
    make_aanmelding,
    make_categorie,
    make_sessie,
    make_tafel,
    make_thematafel,
    make_toegang,
    make_user,
    make_vraag,
    make_werkgroep,
)
from thematafels.models import Rolnotitie

pytestmark = pytest.mark.django_db


def make_rolnotitie(tafel, naam="Fenna Fictief", rol="contactpersoon", werkgroep=None):
    return Rolnotitie.objects.create(
        tafel=tafel,
        naam=naam,
        rol=rol,
        email="fenna@example.invalid",
        telefoon="0612345678",
        werkgroep=werkgroep,
        toestemming=True,
        inzendsleutel=uuid.uuid4(),
    )


def avond(**velden):
    """A session with a registration, a question with an asker, a role offer and a host name."""
    sessie = make_sessie(**velden)
    aanmelding, _ = make_aanmelding(sessie, naam="Anouk Testbewoner")
    vraag = make_vraag(
        sessie,
        tekst="Wanneer komt de verordening?",
        categorie=make_categorie(sessie),
        naam="Bram Voorbeeld",
        email="bram@example.invalid",
        wil_antwoord=True,
        status=Vraag.Status.BEANTWOORD,
        antwoord="In het voorjaar.",
    )
    tafel = make_tafel(make_thematafel(sessie), host_naam="Gijs Oefenaar")
    notitie = make_rolnotitie(tafel, werkgroep=make_werkgroep(sessie))
    return aanmelding, vraag, notitie, tafel


def run_vergeet() -> str:
    uit = io.StringIO()
    call_command("vergeet", stdout=uit)
    return uit.getvalue()


def test_one_run_erases_every_apps_personal_data_of_old_sessions_and_keeps_the_content():
    oud = avond(datum=timezone.localdate() - dt.timedelta(days=settings.BEWAAR_DAGEN + 1))
    aanmelding, vraag, notitie, tafel = oud
    uitvoer = run_vergeet()
    for obj in oud:
        obj.refresh_from_db()
    assert aanmelding.naam == aanmelding.email == ""
    assert vraag.naam == vraag.email == "" and vraag.wil_antwoord is False
    assert vraag.tekst == "Wanneer komt de verordening?" and vraag.antwoord == "In het voorjaar."
    assert vraag.status == Vraag.Status.BEANTWOORD and vraag.categorie is not None
    assert notitie.naam == "" and notitie.rol == "contactpersoon" and notitie.werkgroep
    assert notitie.email == notitie.telefoon == ""
    assert tafel.host_naam == ""
    for regel in ("1 registrations", "1 questions", "1 role offers", "1 table host names"):
        assert regel in uitvoer


def test_recent_sessions_keep_their_personal_data():
    aanmelding, vraag, notitie, tafel = avond(
        datum=timezone.localdate() - dt.timedelta(days=settings.BEWAAR_DAGEN - 1)
    )
    run_vergeet()
    for obj in (aanmelding, vraag, notitie, tafel):
        obj.refresh_from_db()
    assert aanmelding.naam and vraag.email == "bram@example.invalid" and vraag.naam
    assert notitie.naam == "Fenna Fictief" and tafel.host_naam == "Gijs Oefenaar"


def test_a_second_run_changes_nothing_and_says_so():
    avond(datum=timezone.localdate() - dt.timedelta(days=400))
    run_vergeet()
    uitvoer = run_vergeet()
    aantallen = re.findall(r"^\s+(\d+) ", uitvoer, flags=re.MULTILINE)
    assert len(aantallen) >= 5 and set(aantallen) == {"0"}  # one line per kind of data


def test_retention_counts_per_kind_and_spares_anonymous_questions():
    sessie = make_sessie(datum=timezone.localdate() - dt.timedelta(days=400))
    make_vraag(sessie)  # asked without a name: nothing to erase
    make_vraag(sessie, email="c@example.invalid")
    aantallen = vergeet_oude_sessies(ouder_dan=timezone.localdate())
    assert aantallen == {
        "volunteer link labels": 0,
        "rate-limit counters": 0,
        "registrations": 0,
        "workgroup memberships": 0,
        "questions": 1,
        "question handlers": 0,
        "question log entries": 0,
        "role offers": 0,
        "table host names": 0,
        "failed logins": 0,
        "report files": 0,
    }


def test_retention_erases_the_leftovers_the_review_found():
    """Link labels, names in the question log, diet/neighbourhood/role, old rate counters."""
    sessie = make_sessie(datum=timezone.localdate() - dt.timedelta(days=400))
    organisator = make_user(first_name="Olga", last_name="Organisator")
    sessie.organisatoren.add(organisator)
    deur, _token = make_toegang(sessie, label="Deur – Henk Vrijwilliger")
    host, _token = make_toegang(
        sessie, Toegang.Rol.TAFELHOST, tafel=make_tafel(make_thematafel(sessie)), label="Ria"
    )
    aanmelding, _ = make_aanmelding(
        sessie, rol="Ondernemer", buurt="Oude Pijp", dieet=["halal"], allergie="noten"
    )
    vraag = make_vraag(sessie, naam="Bram", email="bram@example.invalid")
    vraag.neem_in_behandeling(actor=organisator, toegewezen_aan="Karin de Wethouder")
    vraag.beantwoord(actor=organisator, antwoord="In het voorjaar.")
    oude_teller = Teller.objects.create(
        sleutel="aanmelden:a:abc@1", venster=timezone.now() - dt.timedelta(days=2), aantal=3
    )
    verse_teller = Teller.objects.create(
        sleutel="aanmelden:a:abc@2", venster=timezone.now() - dt.timedelta(minutes=5), aantal=1
    )
    oude_poging = AccessAttempt.objects.create(
        username="olga", ip_address="203.0.113.7", failures_since_start=3
    )
    AccessAttempt.objects.filter(pk=oude_poging.pk).update(
        attempt_time=timezone.now() - dt.timedelta(days=2)
    )
    verse_poging = AccessAttempt.objects.create(
        username="olga", ip_address="203.0.113.8", failures_since_start=1
    )
    verlopen = Session.objects.create(
        session_key="x" * 32, session_data="", expire_date=timezone.now() - dt.timedelta(days=1)
    )
    run_vergeet()
    for obj in (deur, host, aanmelding, vraag):
        obj.refresh_from_db()
    assert deur.label == host.label == ""
    assert aanmelding.rol == aanmelding.buurt == "" and aanmelding.dieet == []
    assert vraag.toegewezen_aan == "" and vraag.goedgekeurd_door is None
    assert vraag.antwoord == "In het voorjaar." and vraag.status == Vraag.Status.BEANTWOORD
    log = list(vraag.log.values("door_label", "door_gebruiker", "notitie"))
    assert log == [{"door_label": "", "door_gebruiker": None, "notitie": ""}] * 2
    assert not Teller.objects.filter(pk=oude_teller.pk).exists()
    assert Teller.objects.filter(pk=verse_teller.pk).exists()  # still counting
    assert not Session.objects.filter(pk=verlopen.pk).exists()
    assert list(AccessAttempt.objects.all()) == [verse_poging]  # its lockout may still run


def test_retention_finishes_registrations_anonymised_before_it_knew_these_fields():
    sessie = make_sessie(datum=timezone.localdate() - dt.timedelta(days=400))
    aanmelding, _ = make_aanmelding(sessie, naam="", email="", rol="Bewoner", dieet=["vegan"])
    run_vergeet()
    aanmelding.refresh_from_db()
    assert aanmelding.rol == "" and aanmelding.dieet == []


def test_sessie_imports_no_other_app_for_retention():
    bron = (Path(settings.BASE_DIR) / "sessie" / "privacy.py").read_text()
    assert not re.search(r"^\s*(from|import) (thematafels|informatiepunt)", bron, re.MULTILINE)


# "Delete my data" on the personal page: the registration's own rows, nothing matched by address


def test_deleting_my_data_leaves_questions_that_merely_share_my_address(client):
    """Anyone can type an address: sharing one proves nothing (issue 15, item 2)."""
    sessie = make_sessie()
    aanmelding, tokens = make_aanmelding(sessie, email="Anouk@Example.invalid")
    vraag = make_vraag(sessie, naam="Anouk", email="anouk@example.invalid", wil_antwoord=True)
    response = client.post(reverse("aanmelden:mijn_verwijderen", kwargs={"token": tokens["token"]}))
    assert response.status_code == 302
    assert not Aanmelding.objects.filter(pk=aanmelding.pk).exists()
    vraag.refresh_from_db()
    assert vraag.naam == "Anouk" and vraag.email == "anouk@example.invalid" and vraag.wil_antwoord


def test_the_delete_page_says_where_questions_go(client, settings):
    _aanmelding, tokens = make_aanmelding(make_sessie())
    html = client.get(
        reverse("aanmelden:mijn_verwijderen", kwargs={"token": tokens["token"]})
    ).content.decode()
    assert "informatiepunt" in html or "information point" in html
    assert settings.ORGANISATIE["email"] in html
    assert str(settings.BEWAAR_DAGEN) in html


def test_downloading_my_data_holds_no_questions_matched_by_address(client):
    sessie = make_sessie()
    _aanmelding, tokens = make_aanmelding(sessie, email="anouk@example.invalid")
    make_vraag(sessie, tekst="Mijn vraag?", naam="Anouk", email="ANOUK@example.invalid")
    response = client.get(reverse("aanmelden:mijn_gegevens", kwargs={"token": tokens["token"]}))
    gegevens = json.loads(response.content)
    assert gegevens["email"] == "anouk@example.invalid"
    assert "Mijn vraag?" not in response.content.decode()
