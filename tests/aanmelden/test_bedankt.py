"""After signing up: the thank-you page and the evening as a calendar file."""

import datetime as dt
import zoneinfo

import pytest
from django.urls import reverse

from sessie.models import Sessie
from tests.builders import make_onderdeel, make_sessie

pytestmark = pytest.mark.django_db

AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")


@pytest.fixture
def sessie():
    sessie = make_sessie(
        titel="Wijkavond Zuid, met koffie; en vragen",
        datum=dt.date(2026, 7, 2),
        plaats="Zwolle",
    )
    make_onderdeel(sessie, "19:00", "20:00")
    make_onderdeel(sessie, "20:00", "21:30")
    return sessie


def bedankt(sessie):
    return reverse("aanmelden:aanmelden_bedankt", args=[sessie.slug])


def agenda(sessie):
    return reverse("aanmelden:agenda", args=[sessie.slug])


def ics_velden(tekst: str) -> dict[str, str]:
    """The event's properties from an iCalendar file (RFC 5545: unfold, then NAME:VALUE)."""
    regels = tekst.replace("\r\n ", "").split("\r\n")
    assert regels[0] == "BEGIN:VCALENDAR" and regels[-2] == "END:VCALENDAR" and regels[-1] == ""
    event = regels[regels.index("BEGIN:VEVENT") + 1 : regels.index("END:VEVENT")]
    return dict(regel.split(":", 1) for regel in event)


def utc(waarde: str) -> dt.datetime:
    return dt.datetime.strptime(waarde, "%Y%m%dT%H%M%SZ").replace(tzinfo=dt.UTC)


def test_the_thank_you_page_says_what_happens_next_and_offers_the_calendar(client, sessie):
    response = client.get(bedankt(sessie))
    assert response.status_code == 200
    html = response.text
    assert "donderdag 2 juli 2026" in html and "19.00–21.30" in html
    assert "Wat gebeurt er nu" in html
    assert "Uw persoonlijke link" in html
    assert f'href="{agenda(sessie)}" download' in html
    # One primary action: the calendar.
    assert html.count("btn-primary") == 1
    # No organiser login on an attendee's phone.
    assert reverse("wijkavond:login") not in html


def test_the_calendar_file_has_the_evening_in_amsterdam_time_in_summer(client, sessie):
    response = client.get(agenda(sessie))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="{sessie.slug}.ics"'
    velden = ics_velden(response.content.decode())
    start, eind = utc(velden["DTSTART"]), utc(velden["DTEND"])
    assert start.astimezone(AMSTERDAM) == dt.datetime(2026, 7, 2, 19, 0, tzinfo=AMSTERDAM)
    assert eind.astimezone(AMSTERDAM) == dt.datetime(2026, 7, 2, 21, 30, tzinfo=AMSTERDAM)
    assert velden["DTSTART"] == "20260702T170000Z"  # summer time: UTC+2
    assert velden["SUMMARY"] == "Wijkavond Zuid\\, met koffie\\; en vragen"
    assert velden["LOCATION"] == "Buurthuis\\, Dorpsstraat 1\\, Zwolle"
    assert velden["URL"].endswith(sessie.get_absolute_url())
    assert velden["UID"] == f"sessie-{sessie.pk}@wijkavond"


def test_the_calendar_file_in_winter_is_one_hour_from_utc(client, sessie):
    Sessie.objects.filter(pk=sessie.pk).update(datum=dt.date(2026, 12, 3))
    velden = ics_velden(client.get(agenda(sessie)).content.decode())
    assert velden["DTSTART"] == "20261203T180000Z"
    assert velden["DTEND"] == "20261203T203000Z"


def test_a_draft_has_neither_page_nor_calendar_for_the_public(client, sessie):
    Sessie.objects.filter(pk=sessie.pk).update(status=Sessie.Status.CONCEPT)
    assert client.get(bedankt(sessie)).status_code == 404
    assert client.get(agenda(sessie)).status_code == 404
    assert client.get(reverse("aanmelden:agenda", args=["bestaat-niet"])).status_code == 404


@pytest.mark.parametrize("naam", ["aanmelden:agenda", "aanmelden:aanmelden_bedankt"])
def test_they_only_answer_get(client, sessie, naam):
    assert client.post(reverse(naam, args=[sessie.slug])).status_code == 405
