"""Every HTML page, walked from the URL configuration, in Chromium on a 360 px phone: nothing
wider than the screen, and axe finds no WCAG 2.1 AA violation."""

import pytest
from django.conf import settings
from django.test import Client

from tests.axe import assert_accessible
from tests.builders import make_user
from tests.urlwalk import Voorbeelden

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("taal", ["nl", "en"])
def test_every_page_fits_a_phone_and_has_no_axe_violations(page, live_server, noord, taal):
    organisator = make_user(username="karin")
    noord.organisatoren.add(organisator)
    client = Client()
    client.force_login(organisator)
    sessie_cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [
            {"name": settings.SESSION_COOKIE_NAME, "value": sessie_cookie, "url": live_server.url},
            {"name": settings.LANGUAGE_COOKIE_NAME, "value": taal, "url": live_server.url},
        ]
    )
    page.set_viewport_size({"width": 360, "height": 740})
    paginas = [url for url, _ in Voorbeelden(noord).paginas(client)]
    assert len(paginas) > 25
    te_breed = []
    for url in paginas:
        page.goto(live_server.url + url)
        if page.evaluate("document.documentElement.scrollWidth") > 360:
            te_breed.append(url)
        assert_accessible(page)
    assert not te_breed
