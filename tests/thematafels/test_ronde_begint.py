"""The host page before its round starts says when it starts, not the round's time left."""

import re

import pytest
from django.urls import reverse

from tests.builders import host_client, zet_klok

pytestmark = pytest.mark.django_db


def tekst(html: str) -> str:
    """What a reader sees: tags out, spaces folded."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split()).replace(" ,", ",")


def test_before_the_round_the_host_page_says_when_it_starts(client, avond):
    tafel = avond.tafels[0]
    host_client(client, avond.sessie, tafel)
    zet_klok(avond.sessie, "19:35")
    url = reverse(
        "thematafels:vastleggen", kwargs={"slug": avond.sessie.slug, "tafel_id": tafel.pk}
    )
    html = client.get(url).text
    balk = tekst(html[html.index('id="ronde-balk"') :][:1500])
    assert "begint om 19.40, over 5 min" in balk
    assert "nog" not in balk and "50:00" not in balk
    zet_klok(avond.sessie, "19:45")
    balk = client.get(url).text
    balk = tekst(balk[balk.index('id="ronde-balk"') :][:1500])
    assert "nog" in balk and "begint" not in balk
