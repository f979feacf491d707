"""Text typed into forms loses what hides or reorders it."""

import uuid

import pytest

from aanmelden.models import Aanmelding
from informatiepunt.models import Vraag
from sessie.forms import TekstVeld
from tests.builders import make_sessie

pytestmark = pytest.mark.django_db

OMGEKEERD = "Anouk\u202eFictief\u202c"  # a right-to-left override shows "Anouk" + reversed text


def test_a_text_field_drops_control_characters_and_direction_overrides():
    veld = TekstVeld(required=False)
    assert veld.clean(OMGEKEERD) == "AnoukFictief"
    assert veld.clean("a\x00b\x1bc\u2066d\u2069") == "abcd"
    assert veld.clean("regel 1\nregel 2\tmet tab") == "regel 1\nregel 2\tmet tab"


def test_a_registration_stores_the_name_clean(client):
    sessie = make_sessie()
    client.post(
        f"/s/{sessie.slug}/aanmelden/",
        {"sleutel": str(uuid.uuid4()), "naam": OMGEKEERD, "email": "anouk@example.invalid"},
    )
    assert Aanmelding.objects.get().naam == "AnoukFictief"


def test_a_question_stores_its_text_clean(client):
    sessie = make_sessie()
    client.post(
        f"/s/{sessie.slug}/vraag/",
        {"sleutel": str(uuid.uuid4()), "tekst": "Wie\u202e betaalt\x07?", "naam": OMGEKEERD},
    )
    vraag = Vraag.objects.get()
    assert vraag.tekst == "Wie betaalt?"
