"""PDF: WeasyPrint, from the very same HTML as the HTML renderer."""

from __future__ import annotations

import logging

from django.conf import settings
from django.utils.translation import gettext

from ..model import Verslag
from .fouten import RendererNietBeschikbaar
from .html import html_tekst


def _weasyprint():
    try:
        import weasyprint
    except (ImportError, OSError) as fout:  # OSError: Pango or its libraries are missing
        raise RendererNietBeschikbaar(
            gettext(
                "The PDF cannot be made on this server (WeasyPrint or Pango is missing). "
                "Download the report as HTML and print it to PDF instead."
            )
        ) from fout
    return weasyprint


def render_pdf(verslag: Verslag) -> bytes:
    weasyprint = _weasyprint()
    basis = str(getattr(settings, "BASE_DIR", "."))
    html = html_tekst(verslag, pdf=True)
    # WeasyPrint logs a warning for every SVG presentation property it reads as CSS.
    logger = logging.getLogger("weasyprint")
    niveau = logger.level
    logger.setLevel(logging.ERROR)
    try:
        return weasyprint.HTML(string=html, base_url=basis).write_pdf()
    finally:
        logger.setLevel(niveau)
