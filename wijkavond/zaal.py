"""The hall check: how far away the hall's screens can be read, from the size of their text.

The screens size their text to the viewport (static/css/wijkavond.css: `max(…rem, min(…vw,
…vh))`); `TEKSTEN` holds those fractions (a browser test holds them to the real CSS). On a
screen `breedte_m` metres wide showing `breed_px` pixels, a letter of `px` pixels is
`px × breedte_m / breed_px` metres; its capitals are about 0.7 of that. The rule used:
capitals of at least 1/200 of the viewing distance are read with ease (about 17 arc-minutes;
a sharp eye just makes out 5, so the rule leaves room for older eyes, a dim projector and a
hall's poor angles). A letter that meets it at `afstand_m` is marked readable.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

HOOFDLETTER = 0.7  # cap height as a share of the font size (DejaVu Sans 0.73, Segoe UI 0.70)
REGEL = 200  # capitals at least 1/200 of the viewing distance
REM_PX = 16


@dataclass(frozen=True)
class Tekst:
    naam: str | Promise
    vw: float  # font size as % of the screen's width …
    vh: float  # … or of its height, whichever is smaller
    min_rem: float  # never smaller than this (a browser window, a phone)
    selector: str  # where it is, for the test that holds this table to the CSS
    pagina: str  # "projector" or "wand"

    def px(self, breed_px: int, hoog_px: int) -> float:
        return max(self.min_rem * REM_PX, min(self.vw * breed_px, self.vh * hoog_px) / 100)


TEKSTEN = [
    Tekst(_("Projector: countdown"), 10, 16, 3, ".scherm-nu .countdown", "projector"),
    Tekst(_("Projector: the current item"), 8, 13, 2, ".scherm-titel", "projector"),
    Tekst(_("Projector: what comes next"), 3.6, 6, 1.4, ".scherm-volgende-titel", "projector"),
    Tekst(_("Projector: explanation"), 2.4, 4, 1.1, ".scherm-toelichting", "projector"),
    Tekst(_("Wall: ideas and key points"), 2.4, 4.3, 1.1, ".wand-ideeen li", "wand"),
    Tekst(
        _("Wall: a full column's long ideas"), 1.9, 3.4, 1.1, ".wand-klein .wand-ideeen li", "wand"
    ),
    Tekst(_("Wall: counts and “and n more”"), 1.5, 2.7, 1, ".wand-tellingen", "wand"),
]


@dataclass(frozen=True)
class Leesbaarheid:
    tekst: Tekst
    px: float
    hoofdletter_cm: float
    boogminuten: float
    tot_m: float  # read with ease up to this distance
    leesbaar: bool


def schatting(
    *, breedte_m: float, afstand_m: float, breed_px: int, hoog_px: int
) -> list[Leesbaarheid]:
    """Each screen text's size in the hall and whether it is read with ease at `afstand_m`."""
    meter_per_px = breedte_m / breed_px
    uitkomst = []
    for tekst in TEKSTEN:
        px = tekst.px(breed_px, hoog_px)
        hoofdletter_m = px * HOOFDLETTER * meter_per_px
        uitkomst.append(
            Leesbaarheid(
                tekst=tekst,
                px=px,
                hoofdletter_cm=hoofdletter_m * 100,
                boogminuten=math.degrees(math.atan2(hoofdletter_m, afstand_m)) * 60,
                tot_m=hoofdletter_m * REGEL,
                leesbaar=hoofdletter_m * REGEL >= afstand_m,
            )
        )
    return uitkomst
