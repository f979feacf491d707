"""Waiting for something to start reads as minutes and a clock time, never as a countdown
that looks like one ("begint over 19:58"); the phone programme shows the round and its switch."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from programma.templatetags.klok import minuten
from tests.builders import zet_klok

pytestmark = pytest.mark.django_db


def tekst(html: str) -> str:
    """What a reader sees: tags out, spaces folded."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split()).replace(" ,", ",")


def test_projector_before_the_first_item_says_in_how_many_minutes(client, noord):
    moment = timezone.make_aware(dt.datetime.combine(noord.datum, dt.time(18, 10, 2)))
    noord.zet_oefenklok(moment=moment)
    html = client.get(reverse("programma:projector", args=[noord.slug])).text
    volgende = tekst(html[html.index("scherm-volgende") :])
    assert "Inloop" in volgende and "18.30" in volgende
    assert "begint over 20 min" in volgende
    assert "19:58" not in html and "19:5" not in volgende


def test_phone_programme_before_the_first_item_says_at_and_in(client, noord):
    zet_klok(noord, "18:10")
    html = client.get(reverse("programma:programma", args=[noord.slug])).text
    balk = tekst(html[html.index("nu-balk") :])
    assert "begint om 18.30, over 20 min" in balk[:600]


def test_phone_programme_shows_the_current_round_and_its_switch(client, noord):
    zet_klok(noord, "19:50")
    html = client.get(reverse("programma:programma", args=[noord.slug])).text
    balk = tekst(html[html.index("nu-balk") : html.index("nu-balk") + 1200])
    assert "Ronde 1" in balk and "wisselen van tafel om 20.25" in balk
    zet_klok(noord, "20:40")
    html = client.get(reverse("programma:programma", args=[noord.slug])).text
    balk = tekst(html[html.index("nu-balk") : html.index("nu-balk") + 1200])
    assert "Ronde 2" in balk and "wisselen" not in balk


@pytest.mark.parametrize(
    ("seconden", "verwacht"), [(0, 0), (1, 1), (60, 1), (61, 2), (1198, 20), (7200, 120)]
)
def test_minutes_round_up_so_one_second_left_is_not_zero(seconden, verwacht):
    assert minuten(dt.timedelta(seconds=seconden)) == verwacht
    assert minuten(None) == 0
