"""The login lockout page in Chromium on a 360 px phone: one <h1>, fits, axe-clean."""

import pytest
from django.urls import reverse

from tests.axe import assert_accessible
from tests.builders import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("taal", ["nl", "en"])
def test_the_lockout_page_fits_a_phone_and_has_no_axe_violations(page, live_server, taal):
    make_user(username="karin")
    page.context.add_cookies([{"name": "django_language", "value": taal, "url": live_server.url}])
    page.set_viewport_size({"width": 360, "height": 740})
    for _ in range(6):
        page.goto(live_server.url + reverse("wijkavond:login"))
        page.locator("#id_username").fill("karin")
        page.locator("#id_password").fill("raden")
        page.locator("main form button").last.click()
    assert page.locator("h1").count() == 1
    assert "15" in page.locator("main").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert_accessible(page)
