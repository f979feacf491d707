"""Retention across the apps (`manage.py vergeet`) and "delete my data" leaving nothing behind."""

import datetime as dt
import io
import json
import re
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from aanmelden.models import Aanmelding
from informatiepunt.models import Vraag
from sessie.privacy import vergeet_oude_sessies
from tests.builders import (
    make_aanmelding,
    make_categorie,
    make_sessie,
    make_tafel,
    make_thematafel,
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
        "registrations": 0,
        "workgroup memberships": 0,
        "questions": 1,
        "role offers": 0,
        "table host names": 0,
        "report files": 0,
    }


def test_sessie_imports_no_other_app_for_retention():
    bron = (Path(settings.BASE_DIR) / "sessie" / "privacy.py").read_text()
    assert not re.search(r"^\s*(from|import) (thematafels|informatiepunt)", bron, re.MULTILINE)


# "Delete my data" on the personal page


def test_deleting_my_data_also_erases_my_questions_at_that_evening(client):
    sessie = make_sessie()
    aanmelding, tokens = make_aanmelding(sessie, email="Anouk@Example.invalid")
    mijn = make_vraag(sessie, naam="Anouk", email="anouk@example.invalid", wil_antwoord=True)
    ander = make_vraag(sessie, naam="Bram", email="bram@example.invalid")
    elders = make_vraag(make_sessie(), naam="Anouk", email="anouk@example.invalid")
    response = client.post(reverse("aanmelden:mijn_verwijderen", kwargs={"token": tokens["token"]}))
    assert response.status_code == 302
    assert not Aanmelding.objects.filter(pk=aanmelding.pk).exists()
    for vraag in (mijn, ander, elders):
        vraag.refresh_from_db()
    assert mijn.naam == mijn.email == "" and not mijn.wil_antwoord and mijn.tekst
    assert ander.email == "bram@example.invalid"
    assert elders.email == "anouk@example.invalid"  # another evening, another registration


def test_the_delete_page_says_questions_lose_the_name_too(client):
    _aanmelding, tokens = make_aanmelding(make_sessie())
    html = client.get(
        reverse("aanmelden:mijn_verwijderen", kwargs={"token": tokens["token"]})
    ).content.decode()
    assert "informatiepunt" in html


def test_downloading_my_data_includes_my_questions_at_that_evening(client):
    sessie = make_sessie()
    _aanmelding, tokens = make_aanmelding(sessie, email="anouk@example.invalid")
    make_vraag(sessie, tekst="Mijn vraag?", naam="Anouk", email="ANOUK@example.invalid")
    make_vraag(sessie, tekst="Andermans vraag?", email="bram@example.invalid")
    make_vraag(make_sessie(), tekst="Andere avond?", email="anouk@example.invalid")
    response = client.get(reverse("aanmelden:mijn_gegevens", kwargs={"token": tokens["token"]}))
    gegevens = json.loads(response.content)
    assert gegevens["email"] == "anouk@example.invalid"
    assert [v["vraag"] for v in gegevens["vragen_informatiepunt"]] == ["Mijn vraag?"]
