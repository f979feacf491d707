"""The projector's corner: which QR code the hall sees at which moment of the evening."""

import pytest
from django.urls import reverse

from programma import hoek
from tests.builders import zet_klok

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("tijd", "moment"),
    [
        ("18:40", hoek.VRAGEN),  # walk-in
        ("19:10", hoek.VRAGEN),  # the first plenary, before the theme tables
        ("19:45", ""),  # at the tables: no code
        ("21:12", hoek.VRAGEN),  # the short break
        ("21:20", hoek.STEMMEN),  # the plenary after the theme tables: the dot vote
        ("21:40", hoek.WERKGROEPEN),  # drinks: join a workgroup
    ],
)
def test_the_moment_follows_the_kind_of_item_and_the_theme_tables(noord, tijd, moment):
    zet_klok(noord, tijd)
    onderdelen = list(noord.programma.all())
    huidig = next(
        o for o in onderdelen if o.start.strftime("%H:%M") <= tijd < o.eind.strftime("%H:%M")
    )
    assert hoek.moment(onderdelen, huidig) == moment


def test_no_item_no_corner(noord):
    assert hoek.moment(list(noord.programma.all()), None) == ""
    assert hoek.hoek(noord.slug, [], None) is None


@pytest.mark.parametrize(
    ("tijd", "pagina"),
    [
        ("18:40", "informatiepunt:vraag_stellen"),
        ("21:20", "thematafels:stemmen"),
        ("21:40", "aanmelden:werkgroepen"),
    ],
)
def test_the_projector_page_carries_the_moments_code(client, noord, tijd, pagina):
    zet_klok(noord, tijd)
    response = client.get(reverse("programma:projector", args=[noord.slug]))
    assert response.context["hoek"].url.endswith(reverse(pagina, args=[noord.slug]))
    html = response.text
    corner = html[html.index('class="scherm-hoek"') :]
    assert "<svg" in corner
    assert str(response.context["hoek"].tekst) in corner


def test_the_projector_has_no_code_during_the_theme_tables(client, noord):
    html = client.get(reverse("programma:projector", args=[noord.slug])).text
    assert "scherm-hoek" not in html
