"""Every output format of the report, behind one registry.

``FORMATEN[fmt]`` is a :class:`Formaat` (renderer, content type, file extension); each
renderer takes a :class:`~verslag.model.Verslag` and returns bytes. CSV is one file per data
set: ``render_csv(verslag, dataset)`` with a name from ``CSV_DATASETS`` (the registry entry
renders the ideas). Renderer modules are imported on first use, so WeasyPrint, odfdo or
python-docx only load when that format is asked for.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import NamedTuple

from ..model import Verslag
from .datasets import DATASETS as CSV_DATASETS
from .datasets import dataset_namen
from .fouten import RendererNietBeschikbaar


class Formaat(NamedTuple):
    renderer: Callable[..., bytes]
    content_type: str
    extensie: str


def _lui(module: str, functie: str) -> Callable[..., bytes]:
    def render(verslag: Verslag, *args, **kwargs) -> bytes:
        return getattr(importlib.import_module(f"{__name__}.{module}"), functie)(
            verslag, *args, **kwargs
        )

    render.__name__ = render.__qualname__ = functie
    return render


render_html = _lui("html", "render_html")
render_pdf = _lui("pdf", "render_pdf")
render_odt = _lui("odt", "render_odt")
render_docx = _lui("word", "render_docx")
render_xlsx = _lui("xlsx", "render_xlsx")
render_csv = _lui("csvbestand", "render_csv")
render_json = _lui("jsonbestand", "render_json")

FORMATEN: dict[str, Formaat] = {
    "html": Formaat(render_html, "text/html; charset=utf-8", "html"),
    "pdf": Formaat(render_pdf, "application/pdf", "pdf"),
    "odt": Formaat(render_odt, "application/vnd.oasis.opendocument.text", "odt"),
    "docx": Formaat(
        render_docx,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "docx",
    ),
    "xlsx": Formaat(
        render_xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"
    ),
    "csv": Formaat(render_csv, "text/csv; charset=utf-8", "csv"),
    "json": Formaat(render_json, "application/json", "json"),
}

__all__ = [
    "CSV_DATASETS",
    "FORMATEN",
    "Formaat",
    "RendererNietBeschikbaar",
    "dataset_namen",
    "render_csv",
    "render_docx",
    "render_html",
    "render_json",
    "render_odt",
    "render_pdf",
    "render_xlsx",
]
