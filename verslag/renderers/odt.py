"""ODT (OpenDocument text) with odfdo: real outline headings, lists, tables, PNG charts."""

from __future__ import annotations

import io

from odfdo import Cell, Column, Document, Frame, Header, List, ListItem, Paragraph, Row, Table

from ..model import Verslag
from .opbouw import Afbeelding, Alinea, Kop, Lijst, Paginascheiding, Tabel, blokken


def render_odt(verslag: Verslag) -> bytes:
    document = Document("text")
    body = document.body
    body.clear()
    document.add_page_break_style()
    stijlen = _stijlen(document)
    tabellen = 0
    for blok in blokken(verslag):
        match blok:
            case Kop(niveau, tekst):
                body.append(Header(niveau, tekst, style=f"Heading_20_{niveau}"))
            case Alinea(tekst, vet, stijl):
                body.append(Paragraph(tekst, style=stijlen.get(stijl or ("vet" if vet else ""))))
            case Lijst(items, genummerd):
                lijst = List(style="Numbering_20_1" if genummerd else "List_20_1")
                for item in items:
                    lijst.append(ListItem(Paragraph(item)))
                body.append(lijst)
            case Tabel(kop, rijen):
                tabellen += 1
                body.append(_tabel(f"Tabel{tabellen}", kop, rijen, stijlen["vet"]))
            case Afbeelding(grafiek):
                uri = document.add_file(io.BytesIO(grafiek.png))
                frame = Frame.image_frame(
                    uri,
                    text=grafiek.titel,
                    size=(f"{grafiek.breedte_cm:.2f}cm", f"{grafiek.hoogte_cm:.2f}cm"),
                    anchor_type="as-char",
                )
                frame.svg_title = grafiek.titel
                frame.svg_description = grafiek.beschrijving
                alinea = Paragraph()
                alinea.append(frame)
                body.append(alinea)
            case Paginascheiding():
                body.append(Paragraph("", style="odfdopagebreak"))
    uit = io.BytesIO()
    document.save(uit)
    return uit.getvalue()


def _tabel(naam: str, kop: tuple[str, ...], rijen, vet: str) -> Table:
    tabel = Table(naam)
    tabel.append(Column(repeated=len(kop)))
    for nummer, waarden in enumerate((kop, *rijen)):
        rij = Row()
        for waarde in waarden:
            cel = Cell()
            cel.append(Paragraph(waarde, style=vet if nummer == 0 else None))
            rij.append(cel)
        tabel.append(rij)
    return tabel


def _stijlen(document: Document) -> dict[str, str | None]:
    from odfdo import Style

    vet = Style("paragraph", name="VerslagVet", parent_style="Text_20_body")
    vet.set_properties(area="text", **{"fo:font-weight": "bold"})
    concept = Style("paragraph", name="VerslagConcept", parent_style="Text_20_body")
    concept.set_properties(
        area="text", **{"fo:font-weight": "bold", "fo:color": "#c00000", "fo:font-size": "16pt"}
    )
    klein = Style("paragraph", name="VerslagKlein", parent_style="Text_20_body")
    klein.set_properties(area="text", **{"fo:color": "#555555", "fo:font-size": "9pt"})
    for stijl in (vet, concept, klein):
        document.insert_style(stijl, automatic=False)
    return {
        "": "Text_20_body",
        "vet": "VerslagVet",
        "concept": "VerslagConcept",
        "klein": "VerslagKlein",
    }
