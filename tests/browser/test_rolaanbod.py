"""A role offer with a way to reach the person, on a table host's phone (Chromium, htmx)."""

import pytest
from django.conf import settings
from django.urls import reverse
from playwright.sync_api import expect

from aanmelden.models import Lidmaatschap
from tests.axe import assert_accessible
from tests.builders import make_werkgroep
from thematafels.models import Tafeltoegang

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(
    ("taal", "samenvatting", "fout", "knop"),
    [
        (
            "nl",
            "Wil iemand een rol oppakken?",
            "Om mee te doen met een werkgroep is een e-mailadres nodig",
            "Naam noteren",
        ),
        (
            "en",
            "Someone wants to take a role?",
            "To join a workgroup we need an e-mail address",
            "Note this name",
        ),
    ],
)
def test_the_host_notes_a_role_offer_that_makes_a_member(
    page, live_server, noord, tafel, taal, samenvatting, fout, knop
):
    groep = make_werkgroep(noord, "Werkgroep Rolproef")
    page.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": taal, "url": live_server.url}]
    )
    page.set_viewport_size({"width": 360, "height": 740})
    _, token = Tafeltoegang.uitgeven(tafel=tafel)
    page.goto(live_server.url + reverse("sessie:toegang", args=[token]))
    rollen = page.locator("#rollen")
    rollen.get_by_text(samenvatting).click()
    rollen.locator("input[name=naam]").fill("Anouk Fictief")
    rollen.locator("input[name=rol]").fill("trekker")
    rollen.locator("input[name=telefoon]").fill("06 12345678")
    rollen.locator("select[name=werkgroep]").select_option(label="Werkgroep Rolproef")
    rollen.locator("input[name=toestemming]").check()
    rollen.get_by_role("button", name=knop).click()
    # Refused in place: the error sits by the address field and nothing typed is lost.
    expect(page.locator("#rollen")).to_contain_text(fout)
    rollen = page.locator("#rollen")
    expect(rollen.locator("input[name=naam]")).to_have_value("Anouk Fictief")
    expect(rollen.locator("input[name=telefoon]")).to_have_value("06 12345678")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert_accessible(page)
    rollen.locator("input[name=email]").fill("anouk@example.invalid")
    rollen.get_by_role("button", name=knop).click()
    expect(page.locator("#rollen")).to_contain_text("Anouk Fictief: trekker · Werkgroep Rolproef")
    lid = Lidmaatschap.objects.get(werkgroep=groep)
    assert (lid.email, lid.telefoon, lid.herkomst) == (
        "anouk@example.invalid",
        "06 12345678",
        Lidmaatschap.Herkomst.ROLAANBOD,
    )
    assert_accessible(page)
