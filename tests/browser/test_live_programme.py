"""The programme and projector in real Chromium: live marker, switching, phones, axe."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from tests.axe import assert_accessible
from tests.builders import make_user, zet_klok

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_now_marker_moves_when_the_clock_moves(page, live_server, noord):
    page.goto(live_server.url + reverse("programma:programma", args=[noord.slug]))
    huidig = page.locator('[aria-current="time"]')
    expect(huidig).to_contain_text("Thematafels")
    zet_klok(noord, "21:20")
    expect(huidig).to_contain_text("Plenair deel 2", timeout=8000)
    expect(page.locator(".nu-balk")).to_contain_text("Plenair deel 2")


def test_the_projector_switches_by_itself_when_an_item_ends(page, live_server, noord):
    moment = timezone.make_aware(dt.datetime.combine(noord.datum, dt.time(21, 9, 57)))
    noord.zet_oefenklok(moment=moment)
    page.goto(live_server.url + reverse("programma:projector", args=[noord.slug]))
    expect(page.locator(".scherm-nu")).to_contain_text("Thematafels")
    expect(page.locator(".scherm-nu")).to_contain_text("Korte pauze", timeout=8000)
    expect(page.locator(".scherm-volgende")).to_contain_text("Plenair deel 2")


def test_the_countdown_ticks_between_polls(page, live_server, noord):
    page.goto(live_server.url + reverse("programma:projector", args=[noord.slug]))
    countdown = page.locator(".scherm-nu .countdown")
    eerst = countdown.inner_text()
    page.wait_for_timeout(2100)
    assert countdown.inner_text() != eerst


def test_programme_fits_a_360_px_phone(page, live_server, noord):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(live_server.url + reverse("programma:programma", args=[noord.slug]))
    expect(page.locator("h1")).to_have_text("Programma")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_language_switch_keeps_the_page(page, live_server, noord):
    page.goto(live_server.url + reverse("programma:programma", args=[noord.slug]))
    page.get_by_role("button", name="English").click()
    expect(page.locator("h1")).to_have_text("Programme")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.get_by_role("button", name="Nederlands").click()
    expect(page.locator("h1")).to_have_text("Programma")


def test_organiser_sets_a_rehearsal_clock_from_the_browser(page, live_server, noord):
    organisator = make_user(username="karin")
    noord.organisatoren.add(organisator)
    page.goto(live_server.url + reverse("wijkavond:organiser_sessie", args=[noord.slug]))
    page.get_by_label("Gebruikersnaam").fill("karin")
    page.get_by_label("Wachtwoord").fill("geheim-wachtwoord-1")
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_label("Doe alsof het nu is").fill("21:20")
    page.get_by_role("button", name="Oefenklok starten").click()
    expect(page.locator(".messages")).to_contain_text("21.20")


def organiser_pages(slug: str) -> list[str]:
    return [
        reverse("wijkavond:organiser_home"),
        reverse("wijkavond:organiser_sessie", args=[slug]),
    ]


def public_pages(slug: str) -> list[str]:
    return [
        reverse("wijkavond:home"),
        reverse("wijkavond:detail", args=[slug]),
        reverse("programma:programma", args=[slug]),
        reverse("programma:projector", args=[slug]),
        reverse("wijkavond:login"),
        reverse("sessie:toegang", args=["verlopen-link"]),
    ]


@pytest.mark.parametrize("taal", ["nl", "en"])
def test_every_page_has_no_axe_violations(page, live_server, noord, taal):
    organisator = make_user(username="kashif")
    noord.organisatoren.add(organisator)
    page.context.add_cookies([{"name": "django_language", "value": taal, "url": live_server.url}])
    for path in public_pages(noord.slug):
        page.goto(live_server.url + path)
        assert_accessible(page)
    page.goto(live_server.url + reverse("wijkavond:login"))
    page.locator("#id_username").fill("kashif")
    page.locator("#id_password").fill("geheim-wachtwoord-1")
    page.locator("main button[type=submit], main form button").last.click()
    page.wait_for_url("**/organiseren/")
    for path in organiser_pages(noord.slug):
        page.goto(live_server.url + path)
        assert_accessible(page)
