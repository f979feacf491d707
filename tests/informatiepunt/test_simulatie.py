import random

import pytest

from informatiepunt.models import Vraag
from informatiepunt.simulatie import vul
from sessie.simulatie import Aantallen
from tests.builders import make_demo, make_user

pytestmark = pytest.mark.django_db


def gevuld(seed):
    sessie = make_demo()
    sessie.organisatoren.add(make_user())
    vul(sessie=sessie, rng=random.Random(seed), aantallen=Aantallen(vragen=30))
    return sessie


def test_fills_the_asked_number_of_fictitious_questions_over_the_categories():
    sessie = gevuld(1)
    vragen = list(Vraag.objects.filter(sessie=sessie))
    assert len(vragen) == 30
    assert len({v.categorie_id for v in vragen}) > 3
    assert any(v.status == Vraag.Status.BEANTWOORD for v in vragen)
    met_mail = [v for v in vragen if v.wil_antwoord]
    assert met_mail and all(v.email.endswith("@example.invalid") for v in met_mail)
    assert all(v.email == "" for v in vragen if not v.wil_antwoord)


def test_the_same_seed_gives_the_same_questions():
    def vingerafdruk():
        return [
            (v.tekst, v.categorie.naam, v.email, v.status)
            for v in Vraag.objects.select_related("categorie").order_by("pk")
        ]

    gevuld(7)
    eerste = vingerafdruk()
    Vraag.objects.all().delete()
    gevuld(7)
    assert vingerafdruk() == eerste
