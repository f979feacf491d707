import datetime as dt

import pytest
from django.utils import timezone

from programma.klok import stand
from tests.builders import make_demo

pytestmark = pytest.mark.django_db


def op(sessie, tijd: str) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(sessie.datum, dt.time.fromisoformat(tijd)))


@pytest.fixture
def noord():
    sessie = make_demo()
    return sessie, list(sessie.programma.all())


def test_before_the_evening_only_next_is_known(noord):
    sessie, programma = noord
    s = stand(sessie, programma, nu=op(sessie, "18:00"))
    assert s.huidig is None
    assert s.volgende.titel.startswith("Inloop")
    assert s.tot_volgende == dt.timedelta(minutes=30)
    assert s.volgende_wissel == op(sessie, "18:30")


def test_during_an_item_now_next_and_time_left(noord):
    sessie, programma = noord
    s = stand(sessie, programma, nu=op(sessie, "19:45"))
    assert s.huidig.titel == "Thematafels"
    assert s.volgende.titel == "Korte pauze"
    assert s.resterend == dt.timedelta(minutes=85)
    assert s.volgende_wissel == op(sessie, "21:10")


def test_an_item_ends_exactly_when_the_next_starts(noord):
    sessie, programma = noord
    s = stand(sessie, programma, nu=op(sessie, "19:00"))
    assert s.huidig.titel == "Plenair deel 1"


def test_after_the_evening_it_is_over(noord):
    sessie, programma = noord
    s = stand(sessie, programma, nu=op(sessie, "22:30"))
    assert s.afgelopen and s.huidig is None and s.volgende is None
    assert s.volgende_wissel is None


def test_an_empty_programme_has_no_state(noord):
    sessie, _ = noord
    s = stand(sessie, [], nu=op(sessie, "19:00"))
    assert s.huidig is None and not s.afgelopen


class R:
    def __init__(self, nummer, start, eind):
        self.nummer, self.start, self.eind = (
            nummer,
            dt.time.fromisoformat(start),
            dt.time.fromisoformat(eind),
        )


RONDES = [R(1, "19:40", "20:25"), R(2, "20:25", "21:10")]


def test_during_a_round_the_clock_knows_the_round_and_when_to_switch(noord):
    sessie, programma = noord
    s = stand(sessie, programma, rondes=RONDES, nu=op(sessie, "19:45"))
    assert s.ronde.nummer == 1 and not s.laatste_ronde
    assert s.resterend_ronde == dt.timedelta(minutes=40)
    assert s.volgende_wissel == op(sessie, "20:25")


def test_the_last_round_says_so(noord):
    sessie, programma = noord
    s = stand(sessie, programma, rondes=RONDES, nu=op(sessie, "20:30"))
    assert s.ronde.nummer == 2 and s.laatste_ronde
    assert s.volgende_wissel == op(sessie, "21:10")


def test_outside_the_rounds_there_is_no_round(noord):
    sessie, programma = noord
    s = stand(sessie, programma, rondes=RONDES, nu=op(sessie, "21:20"))
    assert s.ronde is None
