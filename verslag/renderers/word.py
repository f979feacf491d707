"""DOCX with python-docx: Heading 1-3 styles, list styles, tables, PNG charts."""

from __future__ import annotations

import io

from docx import Document
from docx.enum.text import WD_BREAK
from docx.shared import Cm, Pt, RGBColor

from ..model import Verslag
from .opbouw import Afbeelding, Alinea, Kop, Lijst, Paginascheiding, Tabel, blokken, concept_tekst


def render_docx(verslag: Verslag) -> bytes:
    document = Document()
    sectie = document.sections[0]
    sectie.page_width, sectie.page_height = Cm(21), Cm(29.7)
    for rand in ("left_margin", "right_margin"):
        setattr(sectie, rand, Cm(1.8))
    sectie.top_margin, sectie.bottom_margin = Cm(2), Cm(2.2)
    document.styles["Normal"].font.size = Pt(10)
    if verslag.concept:
        kop = sectie.header.paragraphs[0]
        run = kop.add_run(concept_tekst())
        run.bold = True
        run.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)

    for blok in blokken(verslag):
        match blok:
            case Kop(niveau, tekst):
                document.add_heading(tekst, level=niveau)
            case Alinea(tekst, vet, stijl):
                run = document.add_paragraph().add_run(tekst)
                run.bold = vet
                if stijl == "concept":
                    run.font.size = Pt(16)
                    run.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
                elif stijl == "klein":
                    run.font.size = Pt(9)
                    run.font.color.rgb = RGBColor(0x55, 0x55, 0x55)
            case Lijst(items, genummerd):
                # Set the style id directly: python-docx looks a style name up per paragraph.
                stijl_id = document.styles["List Number" if genummerd else "List Bullet"].style_id
                for item in items:
                    alinea = document.add_paragraph(item)
                    alinea._p.get_or_add_pPr().get_or_add_pStyle().val = stijl_id
            case Tabel(kop, rijen):
                _tabel(document, kop, rijen)
            case Afbeelding(grafiek):
                document.add_picture(io.BytesIO(grafiek.png), width=Cm(grafiek.breedte_cm))
                vorm = document.inline_shapes[-1]
                vorm._inline.docPr.set("title", grafiek.titel)
                vorm._inline.docPr.set("descr", grafiek.beschrijving)
                document.add_paragraph(grafiek.titel, style="Caption")
            case Paginascheiding():
                document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    uit = io.BytesIO()
    document.save(uit)
    return uit.getvalue()


def _tabel(document, kop: tuple[str, ...], rijen) -> None:
    tabel = document.add_table(rows=1, cols=len(kop))
    tabel.style = "Table Grid"
    for cel, tekst in zip(tabel.rows[0].cells, kop, strict=True):
        cel.text = ""
        cel.paragraphs[0].add_run(tekst).bold = True
    for waarden in rijen:
        for cel, tekst in zip(tabel.add_row().cells, waarden, strict=True):
            cel.text = tekst
