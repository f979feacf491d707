"""A rehearsal clock is visible on every screen it drives, and ends by itself."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.builders import make_onderdeel, make_sessie, make_user

pytestmark = pytest.mark.django_db


def _om(sessie, tijd: str) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(sessie.datum, dt.time.fromisoformat(tijd)))


def test_a_rehearsal_ends_by_itself():
    sessie = make_sessie()
    sessie.zet_oefenklok(moment=_om(sessie, "19:45"), tot=timezone.now() - dt.timedelta(seconds=1))
    sessie.refresh_from_db()
    assert not sessie.oefenklok_actief
    assert abs(sessie.nu() - timezone.now()) < dt.timedelta(seconds=5)


def test_a_rehearsal_never_outlives_the_day_it_was_set():
    sessie = make_sessie()
    morgen = timezone.now() + dt.timedelta(days=3)
    sessie.zet_oefenklok(moment=_om(sessie, "19:45"), tot=morgen)
    middernacht = timezone.make_aware(
        dt.datetime.combine(timezone.localdate() + dt.timedelta(days=1), dt.time())
    )
    assert sessie.oefenklok_tot == middernacht and sessie.oefenklok_actief


def test_a_rehearsal_on_the_evenings_day_stops_when_the_doors_open(client):
    organisator = make_user()
    sessie = make_sessie(organisator=organisator, datum=timezone.localdate())
    later = (timezone.localtime() + dt.timedelta(hours=2)).replace(second=0, microsecond=0)
    if later.date() != timezone.localdate():
        pytest.skip("too close to midnight for a 'later today'")
    make_onderdeel(sessie, later.strftime("%H:%M"), "23:59")
    client.force_login(organisator)
    client.post(reverse("wijkavond:oefenklok", args=[sessie.slug]), {"tijd": "19:45"})
    sessie.refresh_from_db()
    assert sessie.oefenklok_tot == later


def test_every_screen_the_rehearsal_drives_shows_the_mark(client):
    sessie = make_sessie()
    make_onderdeel(sessie, "19:00", "21:30")
    urls = [
        reverse("programma:programma", args=[sessie.slug]),
        reverse("programma:projector", args=[sessie.slug]),
        reverse("thematafels:wand", args=[sessie.slug]),
    ]
    for url in urls:
        assert "oefenklok-mark" not in client.get(url).text
    sessie.zet_oefenklok(moment=_om(sessie, "19:45"))
    for url in urls:
        assert "Oefenklok 19.4" in client.get(url).text, url


def test_the_organiser_is_warned_while_a_rehearsal_runs(client):
    organisator = make_user()
    sessie = make_sessie(organisator=organisator)
    sessie.zet_oefenklok(moment=_om(sessie, "19:45"))
    client.force_login(organisator)
    html = client.get(reverse("wijkavond:organiser_sessie", args=[sessie.slug])).text
    assert "stopt vanzelf" in html
