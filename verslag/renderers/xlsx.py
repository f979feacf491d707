"""XLSX with xlsxwriter: one sheet per data set; text always written as a string."""

from __future__ import annotations

import io
import re

import xlsxwriter

from ..model import Verslag
from .datasets import datasets

_ONGELDIG_BLAD = re.compile(r"[\[\]:*?/\\]")


def render_xlsx(verslag: Verslag) -> bytes:
    uit = io.BytesIO()
    # No strings_to_formulas/urls/numbers: write_string keeps "=..." as plain text.
    boek = xlsxwriter.Workbook(
        uit,
        {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False},
    )
    boek.set_properties({"title": verslag.sessie.titel, "created": None})
    kop = boek.add_format({"bold": True, "bg_color": "#EEEEEE", "bottom": 1})
    tekst = boek.add_format({"text_wrap": True, "valign": "top"})
    for data in datasets(verslag):
        blad = boek.add_worksheet(_ONGELDIG_BLAD.sub("", data.titel)[:31])
        for k, titel in enumerate(data.kop):
            blad.write_string(0, k, titel, kop)
        breedtes = [min(max(len(t), 8), 60) for t in data.kop]
        for r, rij in enumerate(data.rijen, start=1):
            for k, waarde in enumerate(rij):
                if isinstance(waarde, int | float) and not isinstance(waarde, bool):
                    blad.write_number(r, k, waarde)
                elif waarde:
                    waarde = str(waarde)[:32767]  # Excel's cell limit
                    blad.write_string(r, k, waarde, tekst)
                    breedtes[k] = min(max(breedtes[k], len(waarde)), 60)
        for k, breedte in enumerate(breedtes):
            blad.set_column(k, k, breedte + 2)
        blad.freeze_panes(1, 0)
        if data.rijen:
            blad.autofilter(0, 0, len(data.rijen), len(data.kop) - 1)
    boek.close()
    return uit.getvalue()
