"""A wait ticks in whole minutes in the browser too: "begint over 20 min", never "19:58"."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.axe import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(
    ("naam", "plek"), [("projector", ".scherm-volgende"), ("programma", ".nu-balk")]
)
def test_waiting_for_the_first_item_ticks_in_minutes(page, live_server, noord, naam, plek):
    moment = timezone.make_aware(dt.datetime.combine(noord.datum, dt.time(18, 10, 2)))
    noord.zet_oefenklok(moment=moment)
    page.set_viewport_size(
        {"width": 360, "height": 740} if naam == "programma" else {"width": 1920, "height": 1080}
    )
    page.goto(live_server.url + reverse(f"programma:{naam}", args=[noord.slug]))
    aftellen = page.locator(f"{plek} .countdown")
    page.wait_for_timeout(2100)  # klok.js has ticked at least twice
    assert aftellen.inner_text() == "20 min"
    assert "18.30" in page.locator(plek).inner_text()
    assert_accessible(page)
