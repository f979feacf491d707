"""A report file's page on a 360 px phone: it follows the file's status by itself and
announces the download link in its live region (Chromium)."""

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from tests.axe import assert_accessible
from tests.builders import make_sessie, make_user
from verslag.models import Verslagbestand

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_page_shows_the_download_link_once_the_file_is_ready(browser, live_server):
    sessie = make_sessie()
    user = make_user(username="karin")
    sessie.organisatoren.add(user)
    client = Client()
    client.force_login(user)
    context = browser.new_context(viewport={"width": 360, "height": 740})
    context.add_cookies(
        [
            {"name": name, "value": value, "url": live_server.url}
            for name, value in (
                (settings.SESSION_COOKIE_NAME, client.cookies[settings.SESSION_COOKIE_NAME].value),
                (settings.LANGUAGE_COOKIE_NAME, "en"),
            )
        ]
    )
    # Queued, as with the database backend before the worker takes it.
    bestand = Verslagbestand.objects.create(sessie=sessie, editie="openbaar", formaat="pdf")
    page = context.new_page()
    page.goto(f"{live_server.url}/organiseren/{sessie.slug}/verslag/bestanden/{bestand.pk}/")
    status = page.locator("main").get_by_role("status")  # the page's own, not #aankondiging
    expect(status).to_contain_text("Queued")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert_accessible(page)

    bestand.begin()
    expect(status).to_contain_text("Being made", timeout=4500)
    bestand.klaar(b"%PDF-1.7 test")
    link = status.get_by_role("link", name=f"Download {bestand.bestandsnaam}")
    expect(link).to_be_visible(timeout=4500)
    assert_accessible(page)
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == bestand.bestandsnaam
