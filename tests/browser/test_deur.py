"""The door's walk-ins in a real browser: no stale error, a suggestion instead of a duplicate,
a walk-in removed again."""

import re

import pytest
from django.utils import timezone

from aanmelden.models import Aanmelding
from sessie.models import Toegang
from tests.axe import assert_accessible
from tests.builders import make_aanmelding, make_sessie, make_toegang

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TELEFOON = {"width": 360, "height": 740}


@pytest.fixture
def deur(page, live_server):
    sessie = make_sessie()
    _toegang, token = make_toegang(sessie, Toegang.Rol.DEUR)
    page.set_viewport_size(TELEFOON)
    page.goto(f"{live_server.url}/toegang/{token}/")
    return sessie


def test_no_stale_required_error_after_a_successful_walk_in(page, deur):
    page.get_by_role("button", name="Toevoegen en inchecken").click()
    page.get_by_text("Dit veld is verplicht.").wait_for()
    page.get_by_label("Naam", exact=True).fill("Daan Inloop")
    page.get_by_role("button", name="Toevoegen en inchecken").click()
    page.locator("#inloop-recent").get_by_text("Daan Inloop is binnen.").wait_for()
    assert page.get_by_text("Dit veld is verplicht.").count() == 0
    assert page.get_by_label("Naam", exact=True).get_attribute("aria-invalid") is None


def test_a_known_name_is_suggested_and_checked_in_instead(page, deur):
    zoe, _ = make_aanmelding(deur, naam="Zoë de Vries", broodje="ja")
    page.get_by_label("Naam", exact=True).fill("zoe de vries")
    page.get_by_role("button", name="Toevoegen en inchecken").click()
    page.get_by_text("Bedoelt u Zoë de Vries, aangemeld?").wait_for()
    assert page.get_by_label("Naam", exact=True).input_value() == "zoe de vries"
    assert page.evaluate("document.documentElement.scrollWidth") <= TELEFOON["width"]
    assert_accessible(page)
    page.get_by_role("button", name=re.compile(r"Inchecken\W+Zoë de Vries")).click()
    page.locator(f"#voorstel-{zoe.pk}").get_by_text("Binnen sinds").wait_for()
    page.locator("#deur-tellers").get_by_text("1 van 1 binnen").wait_for()
    assert Aanmelding.objects.filter(inloop=True).count() == 0


def test_add_anyway_then_remove_the_walk_in(page, deur):
    make_aanmelding(deur, naam="Ayşe Yılmaz", geannuleerd=timezone.now())
    page.get_by_label("Naam", exact=True).fill("Ayse Yilmaz")
    page.get_by_role("button", name="Toevoegen en inchecken").click()
    page.get_by_text("Bedoelt u Ayşe Yılmaz, afgemeld?").wait_for()
    page.get_by_role("button", name=re.compile(r"Weer aanwezig\W+Ayşe Yılmaz")).wait_for()
    # Someone else after all: the same button again adds the walk-in.
    page.get_by_role("button", name="Toevoegen en inchecken").click()
    page.locator("#inloop-recent").get_by_text("Ayse Yilmaz is binnen.").wait_for()
    assert page.get_by_text("Bedoelt u").count() == 0
    page.get_by_role("button", name=re.compile(r"Weghalen\W+Ayse Yilmaz")).click()
    page.get_by_text("Ayse Yilmaz weghalen?").wait_for()
    assert_accessible(page)
    page.get_by_role("button", name=re.compile(r"Ja, weghalen\W+Ayse Yilmaz")).click()
    page.get_by_text("Ayse Yilmaz is weggehaald.").wait_for()
    assert not Aanmelding.objects.filter(inloop=True).exists()


def test_a_cancelled_person_is_found_and_let_in_again(page, deur):
    make_aanmelding(deur, naam="Noël Peters", geannuleerd=timezone.now())
    page.get_by_label("Naam of organisatie").press_sequentially("noel")
    page.get_by_text("Afgemeld").wait_for()
    page.get_by_role("button", name=re.compile(r"Weer aanwezig\W+Noël Peters")).click()
    page.get_by_text("Binnen sinds").wait_for()
    persoon = Aanmelding.objects.get()
    assert persoon.is_actief and persoon.ingecheckt is not None


LANG = "Wolfeschlegelsteinhausenbergerdorff" * 4 + "Achternaamzonderspaties"[:10]


def test_a_150_character_name_keeps_the_door_within_the_phone(page, live_server, deur):
    make_aanmelding(deur, naam=LANG[:150], organisatie="Buurtclub")
    page.get_by_label("Naam of organisatie").press_sequentially("wolfe")
    knop = page.get_by_role("button", name=re.compile(r"Inchecken"))
    knop.wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= TELEFOON["width"]
    vak = knop.bounding_box()
    assert vak["x"] >= 0 and vak["x"] + vak["width"] <= TELEFOON["width"]


@pytest.mark.parametrize("breedte", [1280, 768])
def test_a_150_character_name_keeps_the_organisers_columns_in_view(page, live_server, breedte):
    from tests.browser.inloggen import inloggen
    from tests.builders import make_user

    sessie = make_sessie()
    make_aanmelding(sessie, naam=LANG[:150], organisatie=LANG[:150], rol="Bewoner")
    user = make_user(username=f"org-lang-{breedte}")
    sessie.organisatoren.add(user)
    inloggen(page, live_server, user)
    page.set_viewport_size({"width": breedte, "height": 800})
    page.goto(f"{live_server.url}/organiseren/{sessie.slug}/aanmeldingen/")
    regio = page.get_by_role("region", name="Aanmeldingen", exact=True).bounding_box()
    status = page.get_by_role("columnheader", name="Status").bounding_box()
    assert status["x"] + status["width"] <= regio["x"] + regio["width"] + 1
    assert page.evaluate("document.documentElement.scrollWidth") <= breedte
