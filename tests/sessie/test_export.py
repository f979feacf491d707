"""One export convention for every export view: local time, translated titles, safe cells."""

import datetime as dt
import io
import re
import uuid
import zipfile

import pytest
from django.urls import reverse
from django.utils import timezone

from sessie.export import cel, spreadsheet_response, veilige_cel
from tests.builders import make_aanmelding, make_sessie, make_user
from thematafels import ideeen

pytestmark = pytest.mark.django_db


def _xlsx_strings(content: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(content)) as z:
        return z.read("xl/sharedStrings.xml").decode()


def test_times_are_the_halls_local_time_not_utc(settings):
    settings.TIME_ZONE = "Europe/Amsterdam"
    moment = dt.datetime(2026, 3, 12, 4, 4, tzinfo=dt.UTC)
    assert cel(moment) == "2026-03-12 05:04"


def test_the_role_offer_export_shows_the_halls_clock(client, noord, tafel):
    ideeen.noteer_rol(tafel=tafel, sleutel=uuid.uuid4(), naam="Ans", rol="trekker")
    organisator = make_user()
    noord.organisatoren.add(organisator)
    client.force_login(organisator)
    url = reverse("thematafels:rollen_export", kwargs={"slug": noord.slug, "formaat": "csv"})
    tekst = client.get(url).content.decode()
    nu = timezone.localtime().strftime("%Y-%m-%d %H:")
    assert nu in tekst


def test_fullwidth_formulas_are_neutralised_in_csv_only():
    assert veilige_cel("＝HYPERLINK(1)") == "'＝HYPERLINK(1)"
    assert veilige_cel("=1+1") == "'=1+1"
    response = spreadsheet_response(
        formaat="xlsx", bestandsnaam="x", blad="x", kop=["a"], rijen=[["=1+1"], ["＝2"]]
    )
    strings = _xlsx_strings(response.content)
    assert ">=1+1<" in strings and "'=1+1" not in strings and "'＝2" not in strings


def test_control_and_direction_override_characters_never_reach_a_file():
    assert cel("Ab\u202ecd\x07e\x1b") == "Abcde"
    assert cel("regel\nvolgende") == "regel\nvolgende"


def test_exports_are_never_cached():
    response = spreadsheet_response(formaat="csv", bestandsnaam="x", blad="x", kop=["a"], rijen=[])
    assert "no-store" in response["Cache-Control"]


def test_the_registrations_export_has_translated_titles_and_yes_no(client):
    sessie = make_sessie()
    make_aanmelding(sessie, naam="Pim", toestemming_contact=True)
    organisator = make_user()
    sessie.organisatoren.add(organisator)
    client.force_login(organisator)
    url = reverse("aanmelden:aanmeldingen_export", kwargs={"slug": sessie.slug, "formaat": "csv"})
    kop, rij = client.get(url).content.decode("utf-8-sig").splitlines()[:2]
    assert kop.startswith("Naam;E-mailadres;Telefoon")
    assert re.search(r";ja;nee;nee;", rij)
