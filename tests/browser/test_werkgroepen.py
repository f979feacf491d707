"""Joining a workgroup from a phone while the call on the projector counts along (Chromium)."""

import pytest
from playwright.sync_api import expect

from tests.axe import assert_accessible
from tests.builders import make_sessie, make_werkgroep

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_joining_from_a_phone_raises_the_count_on_the_projector_within_3_seconds(
    browser, live_server
):
    sessie = make_sessie()
    groep = make_werkgroep(sessie, "Werkgroep Wijkhub")
    taal = [{"name": "django_language", "value": "en", "url": live_server.url}]
    projector = browser.new_page(viewport={"width": 1280, "height": 720})
    projector.context.add_cookies(taal)
    projector.goto(f"{live_server.url}/s/{sessie.slug}/werkgroepen/oproep/")
    teller = projector.locator(f"#werkgroep-{groep.pk} ~ .oproep-aantal")
    assert teller.get_attribute("data-leden") == "0"
    assert_accessible(projector)

    telefoon = browser.new_context(viewport={"width": 360, "height": 740})
    telefoon.add_cookies(taal)
    page = telefoon.new_page()
    page.goto(f"{live_server.url}/s/{sessie.slug}/werkgroepen/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.get_by_label("Werkgroep Wijkhub").check()
    page.get_by_label("Your name").fill("Anouk Fictief")
    page.get_by_label("Your e-mail address").fill("geen-adres")
    page.get_by_role("button", name="Join").click()
    # Refused: the error sits next to the field and what was typed is kept.
    assert page.get_by_label("Your name").input_value() == "Anouk Fictief"
    assert page.get_by_label("Werkgroep Wijkhub").is_checked()
    page.get_by_label("Your e-mail address").fill("anouk@example.invalid")
    page.get_by_role("button", name="Join").click()
    page.get_by_role("heading", name="Thank you for joining!").wait_for()
    assert_accessible(page)

    # The projector polls every 3 s while visible.
    # (Playwright's expect polls from outside the page: the strict CSP forbids eval inside it.)
    expect(teller).to_have_attribute("data-leden", "1", timeout=4500)
