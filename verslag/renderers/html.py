"""HTML: the Django template ``verslag/verslag.html``, a standalone printable document."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils.translation import gettext

from ..grafiek import grafieken
from ..model import EDITIE_LABELS, Verslag
from ..schoon import schoon

TEMPLATE = "verslag/verslag.html"


def html_tekst(verslag: Verslag, *, pdf: bool = False) -> str:
    """The report as one HTML string (also the input of the PDF renderer).

    ``pdf``: the raw appendix becomes a pointer to the spreadsheet's appendix. It repeats
    every idea and question once more in time order; laid out by WeasyPrint it is two thirds
    of the pages and half the time of a large evening's PDF (bench/verslag.py).
    """
    verslag = schoon(verslag)
    return render_to_string(
        TEMPLATE,
        {
            "v": verslag,
            # The PDF takes the charts as PNG: WeasyPrint lays out an SVG chart's hundreds of
            # elements much slower than it places one image (1.5 of 6 s on a large evening).
            "grafieken": grafieken(verslag, svg=not pdf, png=pdf),
            "editie_label": EDITIE_LABELS[verslag.editie],
            "concept_tekst": gettext("Draft").upper(),
            "pdf": pdf,
        },
    )


def render_html(verslag: Verslag) -> bytes:
    return html_tekst(verslag).encode("utf-8")
