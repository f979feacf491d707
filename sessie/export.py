"""Spreadsheet exports (CSV and XLSX): the one convention every export view follows.

Rows hold plain values; `cel` turns each into what the file shows: times in the hall's local
time, yes/no in the page's language, text without control or direction-override characters.
Column titles are translated. In CSV, text a spreadsheet would read as a formula gets a leading
apostrophe; XLSX writes text as text (no apostrophe needed, none shown).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable, Iterable, Sequence
from functools import wraps

import xlsxwriter
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from sessie.access import organiser_sessie
from sessie.models import Sessie

# Also the fullwidth forms, which spreadsheets read as the ASCII ones.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
# C0/C1 controls (but tab and newline) and the bidirectional overrides and isolates.
ONZICHTBAAR = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATEN = ("csv", "xlsx")


def schoon(tekst: str) -> str:
    """Text without control characters or right-to-left overrides (they hide or reorder text)."""
    return ONZICHTBAAR.sub("", tekst)


def cel(waarde: object) -> object:
    """A value as an export shows it."""
    if waarde is None:
        return ""
    if isinstance(waarde, bool):
        return _("yes") if waarde else _("no")
    if isinstance(waarde, dt.datetime):
        return timezone.localtime(waarde).strftime("%Y-%m-%d %H:%M")
    if isinstance(waarde, str):
        return schoon(waarde)
    return waarde


def veilige_cel(waarde: object) -> object:
    """For CSV: text that a spreadsheet would read as a formula gets a leading apostrophe."""
    waarde = cel(waarde)
    if isinstance(waarde, str) and waarde.startswith(FORMULA_START):
        return "'" + waarde
    return waarde


def csv_response(
    *, bestandsnaam: str, kop: Sequence[str], rijen: Iterable[Sequence]
) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{bestandsnaam}.csv"'
    response.write("\ufeff")  # Excel opens UTF-8 with a BOM correctly.
    writer = csv.writer(response, delimiter=";")
    writer.writerow(kop)
    for rij in rijen:
        writer.writerow([veilige_cel(waarde) for waarde in rij])
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
        cellen = [cel(waarde) for waarde in rij]
        for c, waarde in enumerate(cellen):
            # Text stays text, whatever it starts with (no formulas, no URLs, no apostrophe).
            if isinstance(waarde, str):
                werkblad.write_string(r, c, waarde)
            else:
                werkblad.write(r, c, waarde)
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
    """The export as CSV or XLSX, as the URL asks; any other format is not found.

    Exports hold what only organisers may see: never kept by a browser or a shared cache.
    """
    kop = [str(titel) for titel in kop]  # translated column titles
    if formaat == "csv":
        response = csv_response(bestandsnaam=bestandsnaam, kop=kop, rijen=rijen)
    elif formaat == "xlsx":
        response = xlsx_response(bestandsnaam=bestandsnaam, blad=str(blad), kop=kop, rijen=rijen)
    else:
        raise Http404
    add_never_cache_headers(response)
    return response


def organiser_export(
    naam: str, blad: str, kop: Sequence
) -> Callable[[Callable[[HttpRequest, Sessie], Iterable[Sequence]]], Callable[..., HttpResponse]]:
    """The view of an organiser's export of one session, made from a function that gives its
    rows (`rijen(request, sessie)`): the file is "`naam`-<slug>.csv" or ".xlsx", as the URL
    (`formaat`) asks; `blad` names the XLSX sheet, `kop` the columns."""

    def maak(rijen: Callable[[HttpRequest, Sessie], Iterable[Sequence]]):
        @login_required
        @require_GET
        @wraps(rijen)
        def view(request: HttpRequest, slug: str, formaat: str) -> HttpResponse:
            sessie = organiser_sessie(request, slug)
            return spreadsheet_response(
                formaat=formaat,
                bestandsnaam=f"{naam}-{sessie.slug}",
                blad=blad,
                kop=kop,
                rijen=rijen(request, sessie),
            )

        return view

    return maak
