"""HTML: the Django template ``verslag/verslag.html``, a standalone printable document."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils.translation import gettext

from ..grafiek import grafieken
from ..model import EDITIE_LABELS, Verslag
from ..schoon import schoon

TEMPLATE = "verslag/verslag.html"


def html_tekst(verslag: Verslag) -> str:
    """The report as one HTML string (also the input of the PDF renderer)."""
    verslag = schoon(verslag)
    return render_to_string(
        TEMPLATE,
        {
            "v": verslag,
            "grafieken": grafieken(verslag, svg=True),
            "editie_label": EDITIE_LABELS[verslag.editie],
            "concept_tekst": gettext("Draft").upper(),
        },
    )


def render_html(verslag: Verslag) -> bytes:
    return html_tekst(verslag).encode("utf-8")
