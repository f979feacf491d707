"""The report renderers: every format, both editions, hostile text, the draft mark, timing.

No database: the report is built by hand in ``voorbeeld.py``.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from tests.verslag import lezen
from tests.verslag.schemacheck import fouten
from tests.verslag.voorbeeld import (
    alle_ideeteksten,
    alle_vraagteksten,
    maak_verslag,
    persoonsgegevens,
)
from verslag import grafiek
from verslag.model import Contact, Verslag
from verslag.renderers import CSV_DATASETS, FORMATEN, dataset_namen, render_csv
from verslag.renderers.opbouw import concept_tekst
from verslag.schoon import csv_cel, schoon, tekst

FORMATS = tuple(FORMATEN)
EDITIES = ("openbaar", "organisator")

LANG_IDEE = ("BEGIN " + "lange zin met woorden " * 300)[:4994] + " EINDE"
HOSTILE_IDEE = '<script>alert(1)</script> =HYPERLINK("x") 👍🏽 \x00\x07\x1b \u202eomgekeerd'
HOSTILE_VRAAG = '=HYPERLINK("x")'


def render(fmt: str, verslag: Verslag) -> bytes:
    if fmt == "csv":  # every data set of this edition, one after the other
        return b"".join(render_csv(verslag, naam) for naam in dataset_namen(verslag))
    return FORMATEN[fmt].renderer(verslag)


@cache
def uitvoer(fmt: str, editie: str, concept: bool = False) -> tuple[Verslag, bytes, str]:
    verslag = maak_verslag(editie=editie, concept=concept)
    data = render(fmt, verslag)
    return verslag, data, lezen.tekst(fmt, data)


@cache
def vijandig(fmt: str) -> tuple[bytes, str]:
    verslag = maak_verslag(extra_idee=HOSTILE_IDEE, extra_vraag=HOSTILE_VRAAG)
    verslag = _met_extra(verslag)
    data = render(fmt, verslag)
    return data, lezen.tekst(fmt, data)


def _met_extra(verslag: Verslag) -> Verslag:
    """Add the 5,000-character idea and a fullwidth formula as two more ideas."""
    import dataclasses

    thema = verslag.themas[1]
    ronde = thema.rondes[0]
    groep = ronde.groepen[0]
    extra = tuple(dataclasses.replace(groep.ideeen[0], tekst=t) for t in (LANG_IDEE, "＝1+1"))
    groep = dataclasses.replace(groep, ideeen=groep.ideeen + extra)
    ronde = dataclasses.replace(ronde, groepen=(groep, *ronde.groepen[1:]))
    thema = dataclasses.replace(thema, rondes=(ronde, *thema.rondes[1:]))
    return dataclasses.replace(verslag, themas=(verslag.themas[0], thema, *verslag.themas[2:]))


# --- model and cleaning ------------------------------------------------------------------


def test_public_edition_refuses_contacts():
    verslag = maak_verslag(editie="openbaar")
    assert verslag.deelnemers == ()
    assert all(w.leden_lijst == () for w in verslag.werkgroepen)
    with pytest.raises(ValueError):
        Verslag(editie="openbaar", concept=False, sessie=verslag.sessie, deelnemers=(Contact("X"),))


def test_tekst_strips_control_and_bidi_characters_but_keeps_emoji():
    assert tekst("a\x00b\x07c\x1bd\u202ee\u2066f\r\ng\th") == "abcdef\ng\th"
    assert tekst("👍🏽 ＝1+1") == "👍🏽 ＝1+1"
    assert tekst(LANG_IDEE) == LANG_IDEE


@pytest.mark.parametrize(
    "cel", ["=1+1", "+1", "-1", "@SUM(A1)", "＝1", "＋1", "－1", "＠x", "\tx", "\rx"]
)
def test_csv_cel_defuses_formulas(cel):
    assert csv_cel(cel) == "'" + cel


def test_csv_cel_leaves_plain_text_and_numbers():
    assert csv_cel("Meer bankjes") == "Meer bankjes"
    assert csv_cel(-3) == -3


def test_schoon_keeps_the_report_equal_when_nothing_is_wrong():
    verslag = maak_verslag()
    assert schoon(verslag) == verslag


# --- JSON and its schema -----------------------------------------------------------------


@pytest.mark.parametrize("editie", EDITIES)
def test_json_matches_schema(editie):
    schema = json.loads((Path(__file__).parents[2] / "verslag" / "schema.json").read_text())
    data = json.loads(render("json", maak_verslag(editie=editie, concept=True)))
    assert fouten(data, schema) == []
    assert data["editie"] == editie


def test_schema_checker_catches_mistakes():
    schema = json.loads((Path(__file__).parents[2] / "verslag" / "schema.json").read_text())
    data = maak_verslag(editie="organisator").naar_dict()
    data["editie"] = "openbaar"  # claims public, but carries contacts
    data["sessie"]["datum"] = "12-03-2026"
    del data["vragen"]
    gevonden = "\n".join(fouten(data, schema))
    assert "deelnemers" in gevonden and "datum" in gevonden and "'vragen'" in gevonden


def test_json_is_utf8_without_ascii_escapes():
    data = render("json", maak_verslag())
    assert "Ideeën".encode() in data


# --- every format, both editions ---------------------------------------------------------


@pytest.mark.parametrize("editie", EDITIES)
@pytest.mark.parametrize("fmt", FORMATS)
def test_every_idea_and_question_is_in_every_format(fmt, editie):
    verslag, _data, inhoud = uitvoer(fmt, editie)
    inhoud = lezen.zonder_wit(inhoud)
    ontbreekt = [
        t
        for t in alle_ideeteksten(verslag) + alle_vraagteksten(verslag)
        if lezen.zonder_wit(t) not in inhoud
    ]
    assert ontbreekt == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_public_edition_has_no_personal_data(fmt):
    _verslag, data, inhoud = uitvoer(fmt, "openbaar")
    ruw = data.decode("utf-8", "replace") if fmt in ("html", "csv", "json") else ""
    if fmt in ("odt", "docx", "xlsx"):
        ruw = " ".join(lezen.zip_xml(data).values())
    for gegeven in persoonsgegevens():
        assert gegeven not in inhoud, gegeven
        assert gegeven not in ruw, gegeven
        assert lezen.zonder_wit(gegeven) not in lezen.zonder_wit(inhoud), gegeven


@pytest.mark.parametrize("fmt", FORMATS)
def test_organiser_edition_has_the_contacts(fmt):
    _verslag, _data, inhoud = uitvoer(fmt, "organisator")
    inhoud = lezen.zonder_wit(inhoud)
    if fmt == "csv" or fmt == "xlsx":
        assert "deelnemers" in CSV_DATASETS
    for gegeven in persoonsgegevens():
        assert lezen.zonder_wit(gegeven) in inhoud, gegeven


def test_csv_refuses_personal_data_sets_in_the_public_edition():
    with pytest.raises(KeyError):
        render_csv(maak_verslag(editie="openbaar"), "deelnemers")


# --- draft mark --------------------------------------------------------------------------

CONCEPT_FORMATS = ("html", "pdf", "odt", "docx")


@pytest.mark.parametrize("fmt", CONCEPT_FORMATS)
def test_draft_mark_only_on_drafts(fmt):
    merk = concept_tekst()
    assert merk.strip()
    assert merk in uitvoer(fmt, "openbaar", True)[2]
    assert merk not in uitvoer(fmt, "openbaar", False)[2]


def test_draft_flag_in_json():
    assert json.loads(render("json", maak_verslag(concept=True)))["concept"] is True


def test_html_draft_watermark_element():
    assert b'class="watermerk"' in uitvoer("html", "openbaar", True)[1]
    assert b'class="watermerk"' not in uitvoer("html", "openbaar", False)[1]


# --- hostile text ------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_hostile_text_gives_a_valid_file(fmt):
    data, inhoud = vijandig(fmt)  # lezen.tekst re-opens every file with its library
    for teken in ("\x00", "\x07", "\x1b", "\u202e"):
        assert teken not in inhoud
        if fmt in ("html", "csv", "json"):
            assert teken.encode() not in data
    plat = lezen.zonder_wit(inhoud)
    assert "<script>alert(1)</script>" in inhoud
    assert "omgekeerd" in inhoud
    if fmt == "pdf":  # the long idea wraps over lines and maybe pages
        assert "BEGIN" in inhoud and "EINDE" in inhoud
    else:
        assert lezen.zonder_wit(LANG_IDEE) in plat
        assert "👍🏽" in inhoud
        assert "＝1+1" in inhoud


def test_html_escapes_markup_and_has_no_script():
    data, _ = vijandig("html")
    assert b"<script" not in data
    assert b"\x00" not in data and b"\x1b" not in data
    assert b"&lt;script&gt;alert(1)&lt;/script&gt;" in data


def test_csv_defuses_formulas_in_cells():
    import csv
    import io

    verslag = _met_extra(maak_verslag(extra_idee=HOSTILE_IDEE, extra_vraag=HOSTILE_VRAAG))
    cellen = [
        cel
        for naam in dataset_namen(verslag)
        for rij in csv.reader(io.StringIO(render_csv(verslag, naam).decode("utf-8-sig")))
        for cel in rij
    ]
    assert '\'=HYPERLINK("x")' in cellen
    assert "'＝1+1" in cellen
    assert not [c for c in cellen if c.startswith(("=", "+", "-", "@", "＝", "＋", "－", "＠"))]


def test_xlsx_keeps_formulas_as_text_without_apostrophe():
    data, inhoud = vijandig("xlsx")
    delen = lezen.zip_xml(data)
    bladen = " ".join(v for k, v in delen.items() if k.startswith("xl/worksheets/"))
    assert "<f>" not in bladen and "<f " not in bladen
    assert '=HYPERLINK("x")' in inhoud
    assert "'=HYPERLINK" not in inhoud


# --- HTML structure ----------------------------------------------------------------------


def test_html_is_a_standalone_printable_document():
    _verslag, data, _ = uitvoer("html", "openbaar")
    html = data.decode()
    assert html.startswith("<!DOCTYPE html>")
    assert '<html lang="nl">' in html
    assert "@page { size: A4;" in html
    assert "<script" not in html
    assert html.count("<h1>") == 1 and "<h2>" in html and "<h3>" in html
    assert html.count('<section class="thema">') == 3
    assert html.count("<svg") == 4 and 'role="img"' in html


def test_docx_uses_heading_and_list_styles():
    import io

    import docx

    document = docx.Document(io.BytesIO(uitvoer("docx", "openbaar")[1]))
    stijlen = {p.style.name for p in document.paragraphs}
    assert {"Heading 1", "Heading 2", "Heading 3", "List Bullet", "List Number"} <= stijlen
    assert len(document.inline_shapes) == 4
    assert document.tables


def test_odt_has_outline_headings_lists_tables_and_images():
    import io

    import odfdo

    document = odfdo.Document(io.BytesIO(uitvoer("odt", "openbaar")[1]))
    niveaus = {int(h.level) for h in document.body.headers}
    assert niveaus == {1, 2, 3}
    assert document.body.lists and document.body.tables
    assert len(document.body.images) == 4


# --- charts ------------------------------------------------------------------------------


def test_charts_are_deterministic_and_skip_empty_data():
    import dataclasses

    verslag = maak_verslag()
    een = grafiek.grafieken(verslag, svg=True, png=True)
    twee = grafiek.grafieken(verslag, svg=True, png=True)
    assert set(een) == {"opkomst", "ideeen", "vragen", "stippen"}
    for naam in een:
        assert een[naam].svg == twee[naam].svg
        assert een[naam].png == twee[naam].png
        assert een[naam].png.startswith(b"\x89PNG")
        assert "<dc:date>" not in een[naam].svg
        assert f'<title id="grafiek-{naam}-titel">' in een[naam].svg
    leeg = dataclasses.replace(verslag, vragen=(), opkomst=None)
    assert set(grafiek.grafieken(leeg)) == {"ideeen", "stippen"}


def test_chart_labels_are_literal_text():
    import dataclasses

    verslag = maak_verslag()
    thema = dataclasses.replace(verslag.themas[0], naam="$x^2$ <b>&")
    verslag = dataclasses.replace(verslag, themas=(thema, *verslag.themas[1:]))
    svg = grafiek.ideeen_per_thema(verslag).svg
    assert "$x^2$ &lt;b&gt;&amp;" in svg


# --- PDF without WeasyPrint --------------------------------------------------------------


def test_pdf_without_weasyprint_raises_a_clear_error(monkeypatch):
    import sys

    from verslag.renderers import RendererNietBeschikbaar, render_pdf

    monkeypatch.setitem(sys.modules, "weasyprint", None)  # "import weasyprint" now fails
    with pytest.raises(RendererNietBeschikbaar) as fout:
        render_pdf(maak_verslag())
    assert "PDF" in str(fout.value) and "WeasyPrint" in str(fout.value)


def test_html_ids_are_unique_with_four_inline_charts():
    import re

    html = uitvoer("html", "organisator")[1].decode()
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert ids and len(ids) == len(set(ids))


def test_registry_names_content_types_and_extensions():
    assert set(FORMATEN) == {"html", "pdf", "odt", "docx", "xlsx", "csv", "json"}
    for fmt, formaat in FORMATEN.items():
        assert formaat.extensie == fmt and "/" in formaat.content_type
    assert set(dataset_namen(maak_verslag(editie="openbaar"))) == {
        "ideeen",
        "kernpunten",
        "vragen",
        "werkgroepen",
        "opkomst",
        "bijlage",
    }


def test_the_pdf_sets_the_ideas_bullets_as_text_not_as_list_markers():
    """WeasyPrint lays out every list marker as a box of its own (a fifth of a large
    evening's PDF time); the printed page looks the same."""
    from django.utils.html import escape

    from verslag.renderers.html import html_tekst

    verslag = maak_verslag(editie="openbaar")
    pdf_html, web_html = html_tekst(verslag, pdf=True), html_tekst(verslag)
    for idee in alle_ideeteksten(verslag):
        assert f"<li>• {escape(idee)}" in pdf_html and f"<li>{escape(idee)}" in web_html
    assert "ul.ideeen { list-style: none;" in pdf_html and "ul.ideeen {" not in web_html
    bullets = lezen.tekst("pdf", FORMATEN["pdf"].renderer(verslag))
    assert lezen.zonder_wit("• " + alle_ideeteksten(verslag)[0]) in lezen.zonder_wit(bullets)
