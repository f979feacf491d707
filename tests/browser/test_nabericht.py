"""The thank-you mail after the evening, sent from the organiser's page in Chromium (htmx)."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from tests.axe import assert_accessible
from tests.browser.inloggen import inloggen
from tests.builders import make_aanmelding, make_sessie, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(
    ("taal", "knop", "gelukt"),
    [
        ("nl", "Versturen naar 2 mensen", "De bedankmail wordt verstuurd naar 2 mensen."),
        ("en", "Send to 2 people", "The thank-you mail is being sent to 2 people."),
    ],
)
def test_the_organiser_sends_it_once_and_the_status_says_so(page, live_server, taal, knop, gelukt):
    organisator = make_user()
    sessie = make_sessie(organisator=organisator, datum=timezone.localdate() - dt.timedelta(days=1))
    for naam in ("Anna Gekomen", "Bram Gekomen"):
        make_aanmelding(sessie, naam=naam, ingecheckt=timezone.now(), toestemming_contact=True)
    inloggen(page, live_server, organisator, taal)
    page.set_viewport_size({"width": 360, "height": 740})
    mail.outbox.clear()
    page.goto(f"{live_server.url}/organiseren/{sessie.slug}/bedankmail/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert_accessible(page)
    status = page.locator("#nabericht-status")
    expect(status).to_have_attribute("aria-live", "polite")
    page.get_by_role("button", name=knop).click()
    # Swapped in place by htmx (no page load): the message sits in the live region.
    expect(status.locator(".alert-success")).to_have_text(gelukt)
    expect(page.get_by_role("button", name=knop)).to_have_count(0)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        a.email for a in sessie.aanmeldingen.all()
    )
    assert_accessible(page)
