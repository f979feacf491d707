"""Registration in a real browser: a 360 px phone, the personal link, the door, a walk-in; axe."""

import re
import time

import pytest
from django.core import mail
from django.utils import timezone

from aanmelden.models import Aanmelding
from sessie.models import Toegang
from tests.axe import assert_accessible
from tests.browser.inloggen import inloggen
from tests.builders import (
    make_aanmelding,
    make_onderdeel,
    make_sessie,
    make_thematafel,
    make_toegang,
    make_user,
    make_werkgroep,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TELEFOON = {"width": 360, "height": 740}


@pytest.fixture
def sessie():
    sessie = make_sessie(broodjes=20)
    make_onderdeel(sessie, "19:00", "21:30")
    make_thematafel(sessie, naam="Wijkhub")
    make_thematafel(sessie, naam="Wijkstem")
    make_werkgroep(sessie, "Werkgroep Wijkhub")
    return sessie


def engels(page, live_server):
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])


def test_register_on_a_phone_then_change_it_through_the_personal_link(page, live_server, sessie):
    page.set_viewport_size(TELEFOON)
    page.goto(f"{live_server.url}/s/{sessie.slug}/")
    page.get_by_role("link", name="Aanmelden").click()
    assert_accessible(page)
    # Nothing wider than the phone: no sideways scrolling.
    assert page.evaluate("document.documentElement.scrollWidth") <= TELEFOON["width"]
    page.get_by_label("Uw naam").fill("Anouk Fictief")
    page.get_by_label("Uw e-mailadres").fill("geen-adres")
    page.get_by_label("Ja, ik wil graag een broodje").check()
    page.get_by_label("Halal").check()
    page.get_by_role("button", name="Aanmelden").click()
    # The error sits next to the field and every value is kept.
    assert page.locator("#error_1_id_email").is_visible()
    assert page.get_by_label("Uw naam").input_value() == "Anouk Fictief"
    assert page.get_by_label("Halal").is_checked()
    assert_accessible(page)
    page.get_by_label("Uw e-mailadres").fill("anouk@example.invalid")
    page.get_by_label("Thematafel, eerste keus").select_option(label="2. Wijkstem")
    page.get_by_role("button", name="Aanmelden").click()
    page.get_by_role("heading", name="Bedankt! Kijk in uw e-mail").wait_for()
    assert_accessible(page)

    (bericht,) = mail.outbox
    link = re.search(r"http://\S+/mijn/\S+/", bericht.body).group(0)
    page.goto(link.replace("http://127.0.0.1:8000", live_server.url))
    assert_accessible(page)
    page.get_by_label("Organisatie (niet verplicht)").fill("Buurtclub Noord")
    page.get_by_role("button", name="Wijzigingen opslaan").click()
    page.get_by_text("Uw wijzigingen zijn opgeslagen.").wait_for()
    assert Aanmelding.objects.get().organisatie == "Buurtclub Noord"
    page.get_by_text("Afmelden: ik kom niet").click()
    page.get_by_role("button", name="Ja, afmelden").click()
    page.get_by_text("U hebt zich afgemeld.").wait_for()
    assert Aanmelding.objects.get().geannuleerd is not None


def test_check_in_at_the_door_with_undo_and_a_walk_in_under_30_seconds(page, live_server, sessie):
    make_aanmelding(sessie, naam="Bram Voorbeeld", broodje="ja")
    make_aanmelding(sessie, naam="Chaima Fictief")
    _toegang, token = make_toegang(sessie, Toegang.Rol.DEUR)
    page.set_viewport_size(TELEFOON)
    page.goto(f"{live_server.url}/toegang/{token}/")
    assert page.get_by_role("heading", name="Deur").is_visible()
    assert_accessible(page)

    page.get_by_label("Naam of organisatie").press_sequentially("br")
    page.get_by_role("button", name=re.compile(r"Inchecken\W+Bram Voorbeeld")).click()
    page.get_by_text("Binnen sinds").wait_for()
    page.locator("#deur-tellers").get_by_text("1 van 2 binnen").wait_for()
    assert Aanmelding.objects.get(naam="Bram Voorbeeld").ingecheckt is not None
    page.get_by_role("button", name=re.compile(r"Ongedaan maken\W+Bram Voorbeeld")).click()
    page.get_by_role("button", name=re.compile(r"Inchecken\W+Bram Voorbeeld")).wait_for()
    assert Aanmelding.objects.get(naam="Bram Voorbeeld").ingecheckt is None
    assert_accessible(page)

    begin = time.monotonic()
    page.get_by_label("Naam", exact=True).fill("Daan Inloop")
    page.get_by_role("button", name="Toevoegen en inchecken").click()
    page.locator("#inloop-recent").get_by_text("Daan Inloop is binnen.").wait_for()
    page.locator("#inloop-recent li .deur-naam").get_by_text("Daan Inloop").wait_for()
    page.locator("#deur-tellers").get_by_text("1 inloper").wait_for()
    assert time.monotonic() - begin < 30
    assert page.get_by_label("Naam", exact=True).input_value() == ""
    inloop = Aanmelding.objects.get(naam="Daan Inloop")
    assert inloop.inloop and inloop.ingecheckt is not None


def test_a_new_address_on_a_phone_waits_for_its_owners_button(page, live_server, sessie):
    """Issue 15, item 2: the personal page says which address waits; the mailed link asks,
    its button confirms; every page fits 360 px and passes axe."""
    aanmelding, tokens = make_aanmelding(sessie, naam="Anouk", email="oud@example.invalid")
    nieuw = "nieuw.adres.met.een.heel.lange.naam@example.invalid"  # wider than the phone
    page.set_viewport_size(TELEFOON)
    page.goto(f"{live_server.url}/mijn/{tokens['token']}/")
    page.get_by_label("Uw e-mailadres").fill(nieuw)
    page.get_by_role("button", name="Wijzigingen opslaan").click()
    page.get_by_text("wacht op bevestiging").wait_for()
    assert_accessible(page)
    assert binnen_scherm(page, page.get_by_text("wacht op bevestiging"))
    aanmelding.refresh_from_db()
    assert aanmelding.email == "oud@example.invalid"

    (bericht,) = mail.outbox
    assert bericht.to == [nieuw]
    link = re.search(r"http://\S+/adres-bevestigen/\S+/", bericht.body).group(0)
    page.goto(link.replace("http://127.0.0.1:8000", live_server.url))
    assert_accessible(page)
    assert binnen_scherm(page, page.get_by_text("gebruiken voor een aanmelding"))
    page.get_by_role("button", name="Ja, gebruik dit adres").click()
    page.get_by_role("heading", name="Uw e-mailadres is gewijzigd").wait_for()
    assert_accessible(page)
    assert binnen_scherm(page, page.get_by_role("status").last)
    aanmelding.refresh_from_db()
    assert aanmelding.email == nieuw and aanmelding.nieuw_email == ""


def binnen_scherm(page, element) -> bool:
    """No text runs past the phone's edge (a long address is one unbreakable word)."""
    return (
        element.evaluate("e => e.scrollWidth <= e.clientWidth")
        and page.evaluate("document.documentElement.scrollWidth") <= TELEFOON["width"]
    )


@pytest.mark.parametrize("taal", ["nl", "en"])
def test_registration_pages_have_no_axe_violations(page, live_server, sessie, taal):
    if taal == "en":
        engels(page, live_server)
    aanmelding, tokens = make_aanmelding(
        sessie, broodje="ja", dieet=["halal"], ingecheckt=timezone.now()
    )
    make_aanmelding(sessie, inloop=True)
    for pad in (
        "/privacy/",
        f"/s/{sessie.slug}/aanmelden/",
        f"/mijn/{tokens['token']}/",
        f"/mijn/{tokens['token']}/verwijderen/",
    ):
        page.goto(live_server.url + pad)
        assert_accessible(page)
    _toegang, token = make_toegang(sessie, Toegang.Rol.DEUR)
    page.goto(f"{live_server.url}/toegang/{token}/")
    page.goto(f"{live_server.url}/s/{sessie.slug}/deur/?q={aanmelding.naam[:3]}")
    assert_accessible(page)
    page.goto(f"{live_server.url}/s/{sessie.slug}/deur/code/{tokens['incheck']}/")
    assert_accessible(page)
    page.goto(f"{live_server.url}/s/{sessie.slug}/catering/")
    assert_accessible(page)


@pytest.mark.parametrize("taal", ["nl", "en"])
def test_organiser_pages_have_no_axe_violations(page, live_server, sessie, taal):
    if taal == "en":
        engels(page, live_server)
    user = make_user(username=f"org-{taal}")
    sessie.organisatoren.add(user)
    make_aanmelding(sessie, rol="Bewoner", broodje="ja")
    make_aanmelding(sessie, rol="Ondernemer")
    inloggen(page, live_server, user)
    page.goto(f"{live_server.url}/organiseren/{sessie.slug}/aanmeldingen/")
    assert_accessible(page)
    page.goto(f"{live_server.url}/organiseren/{sessie.slug}/toegang/")
    page.locator("#id_rol").select_option("deur")
    page.locator("form[action$='/toegang/nieuw/'] button").click()
    page.locator(".toegang-kaart svg").wait_for()
    assert_accessible(page)


def test_door_says_so_when_a_check_in_does_not_go_through(page, live_server, sessie):
    make_aanmelding(sessie, naam="Esra Simulant")
    _toegang, token = make_toegang(sessie, Toegang.Rol.DEUR)
    page.goto(f"{live_server.url}/toegang/{token}/")
    page.get_by_label("Naam of organisatie").press_sequentially("es")
    knop = page.get_by_role("button", name=re.compile(r"Inchecken\W+Esra Simulant"))
    knop.wait_for()
    page.context.set_offline(True)
    knop.click()
    page.locator("#deur-fout").get_by_text("Geen verbinding").wait_for()
    assert Aanmelding.objects.get(naam="Esra Simulant").ingecheckt is None
    page.context.set_offline(False)
    knop.click()
    page.get_by_text("Binnen sinds").wait_for()
    assert page.locator("#deur-fout").is_hidden()
    assert Aanmelding.objects.get(naam="Esra Simulant").ingecheckt is not None
