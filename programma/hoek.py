"""The projector's corner: one QR code for what the hall can do on a phone right now.

Which moment of the evening it is, is programma's to say (from the kinds of the items); which
page a moment's code opens belongs to the apps above, so the composition registers it
(`wijkavond.apps`): programma imports none of them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.urls import reverse

from programma.models import Programmaonderdeel
from sessie.links import absolute

Soort = Programmaonderdeel.Soort

# The moments a corner code is for.
VRAGEN = "vragen"  # walk-in, breaks, the first plenary: ask the information point
STEMMEN = "stemmen"  # the plenary after the theme tables: the dot vote on the key points
WERKGROEPEN = "werkgroepen"  # drinks afterwards: join a workgroup


@dataclass(frozen=True)
class Hoek:
    url: str
    tekst: str


_PAGINAS: dict[str, tuple[str, str]] = {}


def registreer(moment: str, url_naam: str, tekst: str) -> None:
    """Let the corner show a code for `url_naam` (reversed with the session's slug) at `moment`."""
    _PAGINAS[moment] = (url_naam, tekst)


def moment(onderdelen: Sequence[Programmaonderdeel], huidig: Programmaonderdeel | None) -> str:
    """The moment `huidig` is, by its kind and by whether the theme tables are behind us."""
    if huidig is None:
        return ""
    if huidig.soort == Soort.NAPRATEN:
        return WERKGROEPEN
    tafels_voorbij = any(
        o.soort == Soort.THEMATAFELS and o.eind <= huidig.start for o in onderdelen
    )
    if huidig.soort == Soort.PLENAIR and tafels_voorbij:
        return STEMMEN
    if huidig.soort in (Soort.INLOOP, Soort.PAUZE, Soort.PLENAIR):
        return VRAGEN
    return ""


def hoek(
    slug: str, onderdelen: Sequence[Programmaonderdeel], huidig: Programmaonderdeel | None
) -> Hoek | None:
    """The code for now, or None (during the theme tables the hall is busy at the tables)."""
    pagina = _PAGINAS.get(moment(onderdelen, huidig))
    if pagina is None:
        return None
    url_naam, tekst = pagina
    return Hoek(url=absolute(reverse(url_naam, args=[slug])), tekst=tekst)
