"""Spreadsheet exports (CSV and XLSX) that are safe to open: user text never runs as a formula."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

import xlsxwriter
from django.http import Http404, HttpResponse

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def veilige_cel(waarde: object) -> object:
    """Text that a spreadsheet would read as a formula gets a leading apostrophe (OWASP)."""
    if isinstance(waarde, str) and waarde.startswith(FORMULA_START):
        return "'" + waarde
    return "" if waarde is None else waarde


def csv_response(
    *, bestandsnaam: str, kop: Sequence[str], rijen: Iterable[Sequence]
) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{bestandsnaam}.csv"'
    response.write("\ufeff")  # Excel opens UTF-8 with a BOM correctly.
    writer = csv.writer(response, delimiter=";")
    writer.writerow(kop)
    for rij in rijen:
        writer.writerow([veilige_cel(cel) for cel in rij])
    return response


def xlsx_response(
    *, bestandsnaam: str, blad: str, kop: Sequence[str], rijen: Iterable[Sequence]
) -> HttpResponse:
    buffer = io.BytesIO()
    # strings_to_formulas=False: xlsxwriter writes user text as text, never as a formula.
    boek = xlsxwriter.Workbook(
        buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
    )
    vet = boek.add_format({"bold": True})
    werkblad = boek.add_worksheet(blad[:31])
    werkblad.write_row(0, 0, kop, vet)
    breedtes = [len(k) for k in kop]
    for r, rij in enumerate(rijen, start=1):
        cellen = [veilige_cel(cel) for cel in rij]
        werkblad.write_row(r, 0, cellen)
        breedtes = [max(b, min(60, len(str(c)))) for b, c in zip(breedtes, cellen, strict=False)]
    for kolom, breedte in enumerate(breedtes):
        werkblad.set_column(kolom, kolom, breedte + 2)
    werkblad.freeze_panes(1, 0)
    boek.close()
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{bestandsnaam}.xlsx"'
    return response


def spreadsheet_response(
    *, formaat: str, bestandsnaam: str, blad: str, kop: Sequence, rijen: Iterable[Sequence]
) -> HttpResponse:
    """The export as CSV or XLSX, as the URL asks; any other format is not found."""
    kop = [str(titel) for titel in kop]  # translated column titles
    if formaat == "csv":
        return csv_response(bestandsnaam=bestandsnaam, kop=kop, rijen=rijen)
    if formaat == "xlsx":
        return xlsx_response(bestandsnaam=bestandsnaam, blad=str(blad), kop=kop, rijen=rijen)
    raise Http404
