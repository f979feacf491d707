"""The page's hierarchy, over every page walked from the URL configuration: one primary action
per page, exports in one menu, destructive actions demoted and asked again."""

import re

import pytest
from django.test import Client

from tests.builders import make_idee, make_user
from tests.urlwalk import Voorbeelden

pytestmark = pytest.mark.django_db


@pytest.fixture
def paginas(noord, tafel) -> list:
    """(URL, response) of every HTML page an organiser or an anonymous visitor can open."""
    from aanmelden import indeling
    from thematafels.models import Idee

    voorbeelden = Voorbeelden(noord)
    # Fuller pages than the walk's own: a key point to vote on, a plan with someone seated.
    Idee.objects.filter(sessie=noord).update(kernpunt=True)
    make_idee(tafel, noord.rondes.get(nummer=1), "Nog een kernpunt", kernpunt=True)
    indeling.plaats_nieuwkomers(sessie=noord)
    organisator = Client()
    organisator.force_login(make_user())
    noord.organisatoren.add(organisator.session["_auth_user_id"])
    return list(voorbeelden.paginas(organisator)) + list(voorbeelden.paginas(Client()))


PRIMAIR = re.compile(r'class="[^"]*\bbtn-primary\b')


def test_every_page_has_at_most_one_primary_action(paginas):
    teveel = {url: len(PRIMAIR.findall(r.text)) for url, r in paginas}
    assert {url: n for url, n in teveel.items() if n > 1} == {}
    assert len(paginas) > 40


def test_exports_are_one_menu_not_a_row_of_buttons(paginas):
    """Two formats or more are one "Export" menu (a <details>) with a link per format, not a
    row of buttons; a single download may be a button of its own."""
    gezien = 0
    for url, response in paginas:
        html = response.text
        for menu in re.findall(r'<details class="exporteren">(.*?)</details>', html, re.S):
            gezien += 1
            assert "btn" not in menu.split("</summary>", 1)[1], url
        buiten = re.sub(r'<details class="exporteren">.*?</details>', "", html, flags=re.S)
        knoppen = re.findall(
            r'<a class="btn[^"]*" href="[^"]*(?:export|\.xlsx|\.csv)[^"]*"', buiten
        )
        assert len(knoppen) <= 1, (url, knoppen)
    assert gezien >= 3


# Red buttons that need no question: the page offers "Undo" right after (an idea deleted or
# merged, a question hidden), or the page is itself the question (delete my data, leave), or
# the first press only asks (the door's "Remove" of a walk-in answers "Remove Zoë?").
ONGEDAAN_OF_VRAAG = ("/verwijderen/", "/samenvoegen/", "/verbergen/", "/afmelden/", "/weghalen/")
ROOD = re.compile(r'<button[^>]*class="[^"]*\bbtn-(?:outline-)?danger\b[^>]*>')


def test_destructive_actions_are_asked_again_or_undone(paginas):
    """A red button sits behind a question (a <details class="bevestigen"> that opens it, with
    what will happen), unless the action can be undone at once or the page is the question."""
    gevraagd = 0
    for url, response in paginas:
        html = response.text
        gevraagd += html.count('<details class="bevestigen">')
        buiten = re.sub(r'<details class="bevestigen">.*?</details>', "", html, flags=re.S)
        for knop in ROOD.finditer(buiten):
            formaction = re.search(r'formaction="([^"]+)"', knop.group(0))
            actie = (
                formaction.group(1)
                if formaction
                else re.findall(r'action="([^"]+)"', buiten[: knop.start()])[-1]
            )
            assert any(deel in actie for deel in ONGEDAAN_OF_VRAAG), (url, knop.group(0))
    assert gevraagd >= 3
