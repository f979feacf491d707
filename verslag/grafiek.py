"""The report's charts, drawn with matplotlib's Agg backend.

Each chart comes as SVG (inline in HTML, and so in the PDF) and/or PNG (for ODT and DOCX),
in one small, consistent style. Output is deterministic: a fixed ``svg.hashsalt`` per chart
and no dates in the metadata. A chart without data is skipped (the function returns None).
User text in labels is shown literally (``text.parse_math`` is off, so "$" stays "$").
"""

from __future__ import annotations

import base64
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from html import escape

import matplotlib

matplotlib.use("Agg")

from django.utils.translation import gettext as _
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from .model import Verslag

KLEUREN = ("#1f5f8b", "#e07b39", "#4c9a5b", "#8a5fa8", "#b8474f", "#6b7280")
BREEDTE_CM = 15.0
STIJL = {
    "font.family": "DejaVu Sans",
    "font.size": 8,
    "axes.titlesize": 10,
    "axes.titleweight": "bold",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.edgecolor": "#444444",
    "axes.grid": True,
    "axes.grid.axis": "x",
    "grid.color": "#dddddd",
    "grid.linewidth": 0.6,
    "axes.axisbelow": True,
    "text.parse_math": False,
    "svg.fonttype": "none",
    "svg.image_inline": True,
    "figure.dpi": 100,
}
MAX_LABEL = 40


@dataclass(frozen=True, slots=True)
class Grafiek:
    """One chart: a title (also its accessible name), a text alternative, SVG and/or PNG."""

    naam: str
    titel: str
    beschrijving: str
    svg: str = ""
    png: bytes = b""
    breedte_cm: float = BREEDTE_CM
    hoogte_cm: float = 0.0

    @property
    def png_data_uri(self) -> str:
        return "data:image/png;base64," + base64.b64encode(self.png).decode("ascii")


def _kort(label: str) -> str:
    label = " ".join(label.split())
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1] + "…"


def _figuur(regels: int) -> tuple[Figure, object]:
    hoogte = min(2.0 + 0.28 * regels, 9.0)
    figuur = Figure(figsize=(BREEDTE_CM / 2.54, hoogte), layout="constrained")
    FigureCanvasAgg(figuur)
    return figuur, figuur.add_subplot()


def _horizontaal(as_, labels: list[str], waarden: list[int], kleur: str) -> None:
    posities = range(len(labels))
    as_.barh(posities, waarden, color=kleur, height=0.6)
    as_.set_yticks(list(posities), [_kort(x) for x in labels])
    as_.invert_yaxis()
    as_.xaxis.get_major_locator().set_params(integer=True)
    for p, w in zip(posities, waarden, strict=True):
        as_.annotate(str(w), (w, p), xytext=(3, 0), textcoords="offset points", va="center")


def _opslaan(
    figuur: Figure, naam: str, titel: str, svg: bool, png: bool
) -> tuple[str, bytes, float, float]:
    svg_tekst, png_bytes = "", b""
    breedte, hoogte = (x * 2.54 for x in figuur.get_size_inches())
    with matplotlib.rc_context({"svg.hashsalt": f"wijkavond-{naam}"}):
        if svg:
            buffer = io.StringIO()
            figuur.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
            svg_tekst = _toegankelijk(buffer.getvalue(), naam, titel)
        if png:
            buffer = io.BytesIO()
            # A fast PNG (a third larger): the office formats and the PDF wait for it.
            figuur.savefig(
                buffer,
                format="png",
                dpi=150,
                metadata={"Software": None},
                pil_kwargs={"compress_level": 1},
            )
            png_bytes = buffer.getvalue()
    return svg_tekst, png_bytes, breedte, hoogte


def _toegankelijk(svg: str, naam: str, titel: str) -> str:
    """Inline-ready SVG: no XML prolog, role="img" and a <title> as its accessible name."""
    begin = svg.index("<svg")
    svg = svg[begin:]
    svg = re.sub(r"<metadata>.*?</metadata>\s*", "", svg, count=1, flags=re.S)
    # Several charts share one HTML page: make matplotlib's ids (figure_1, clip paths) unique.
    svg = svg.replace(' id="', f' id="{naam}-').replace("url(#", f"url(#{naam}-")
    svg = svg.replace('href="#', f'href="#{naam}-')
    titel_id = f"grafiek-{naam}-titel"
    return re.sub(
        r"<svg\b([^>]*)>",
        lambda m: (
            f'<svg{m.group(1)} role="img" aria-labelledby="{titel_id}">'
            f'<title id="{titel_id}">{escape(titel)}</title>'
        ),
        svg,
        count=1,
    )


def _staafgrafiek(
    naam: str,
    titel: str,
    staven: list[tuple[str, int]],
    kleur: str,
    svg: bool,
    png: bool,
    scheiding: str = ", ",
) -> Grafiek | None:
    """One bar per (label, value), described as "label: value" for who cannot see it."""
    if not staven:
        return None
    beschrijving = scheiding.join(f"{label}: {waarde}" for label, waarde in staven)
    with matplotlib.rc_context(STIJL):
        figuur, as_ = _figuur(len(staven))
        _horizontaal(as_, [label for label, _w in staven], [w for _l, w in staven], kleur)
        as_.set_title(titel)
        return Grafiek(naam, titel, beschrijving, *_opslaan(figuur, naam, titel, svg, png))


def opkomst_per_rol(verslag: Verslag, *, svg: bool = True, png: bool = False) -> Grafiek | None:
    rollen = [r for r in (verslag.opkomst.per_rol if verslag.opkomst else ()) if r.aantal]
    staven = [(r.rol, r.aantal) for r in rollen]
    return _staafgrafiek("opkomst", _("Attendance by role"), staven, KLEUREN[0], svg, png)


def ideeen_per_thema(verslag: Verslag, *, svg: bool = True, png: bool = False) -> Grafiek | None:
    themas = [t for t in verslag.themas if t.aantal_ideeen]
    if not themas:
        return None
    rondes = sorted({r.nummer for t in themas for r in t.rondes})
    titel = _("Ideas per theme and round")
    beschrijving = "; ".join(
        f"{t.naam}: "
        + ", ".join(
            _("round %(ronde)s: %(aantal)s") % {"ronde": r.nummer, "aantal": r.aantal_ideeen}
            for r in t.rondes
        )
        for t in themas
    )
    with matplotlib.rc_context(STIJL):
        figuur, as_ = _figuur(len(themas) * max(len(rondes), 1))
        hoogte = 0.8 / max(len(rondes), 1)
        for i, nummer in enumerate(rondes):
            waarden = [sum(r.aantal_ideeen for r in t.rondes if r.nummer == nummer) for t in themas]
            posities = [p + i * hoogte for p in range(len(themas))]
            as_.barh(
                posities,
                waarden,
                height=hoogte,
                color=KLEUREN[i % len(KLEUREN)],
                label=_("Round %(ronde)s") % {"ronde": nummer},
            )
        as_.set_yticks(
            [p + hoogte * (len(rondes) - 1) / 2 for p in range(len(themas))],
            [_kort(t.naam) for t in themas],
        )
        as_.invert_yaxis()
        as_.xaxis.get_major_locator().set_params(integer=True)
        figuur.legend(frameon=False, loc="outside lower center", ncols=len(rondes))
        as_.set_title(titel)
        return Grafiek("ideeen", titel, beschrijving, *_opslaan(figuur, "ideeen", titel, svg, png))


def vragen_per_categorie(
    verslag: Verslag, *, svg: bool = True, png: bool = False
) -> Grafiek | None:
    staven = [(c.naam, len(c.vragen)) for c in verslag.vragen if c.vragen]
    return _staafgrafiek("vragen", _("Questions per category"), staven, KLEUREN[1], svg, png)


def stippen_per_kernpunt(
    verslag: Verslag, *, svg: bool = True, png: bool = False, hoogstens: int = 15
) -> Grafiek | None:
    punten = sorted(
        ((k.stippen, k.tekst) for t in verslag.themas for k in t.kernpunten if k.stippen),
        key=lambda p: -p[0],
    )[:hoogstens]
    staven = [(tekst, aantal) for aantal, tekst in punten]
    titel = _("Dots per key point")
    return _staafgrafiek("stippen", titel, staven, KLEUREN[2], svg, png, scheiding="; ")


GRAFIEKEN: tuple[Callable[..., Grafiek | None], ...] = (
    opkomst_per_rol,
    ideeen_per_thema,
    vragen_per_categorie,
    stippen_per_kernpunt,
)


def grafieken(verslag: Verslag, *, svg: bool = True, png: bool = False) -> dict[str, Grafiek]:
    """Every chart that has data, by name (opkomst, ideeen, vragen, stippen)."""
    uit = {}
    for maak in GRAFIEKEN:
        grafiek = maak(verslag, svg=svg, png=png)
        if grafiek is not None:
            uit[grafiek.naam] = grafiek
    return uit
