"""Open every output format with its own library and pull out its text."""

from __future__ import annotations

import html
import io
import json
import re
import zipfile
from xml.etree import ElementTree

TAG = re.compile(r"<[^>]+>")


def _xml_tekst(xml: str) -> str:
    return html.unescape(TAG.sub(" ", xml))


def zip_xml(data: bytes) -> dict[str, str]:
    """Every XML part of a zip container, parsed once to prove it is well-formed."""
    delen = {}
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert z.testzip() is None
        for naam in z.namelist():
            if naam.endswith((".xml", ".rels")):
                tekst = z.read(naam).decode("utf-8")
                if not tekst.strip():  # odfdo's template carries an empty accelerator file
                    continue
                ElementTree.fromstring(tekst)
                delen[naam] = tekst
    return delen


def tekst(fmt: str, data: bytes) -> str:
    if fmt == "html":
        return html.unescape(TAG.sub(" ", data.decode("utf-8")))
    if fmt == "pdf":
        from pypdf import PdfReader

        tekst = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
        # Once a font with a two-byte ToUnicode map (the emoji font) is used, pypdf returns
        # some text as UTF-16 read byte by byte: NULs between the characters. Not in the PDF.
        return tekst.replace("\x00", "")
    if fmt == "odt":
        import odfdo

        odfdo.Document(io.BytesIO(data))  # opens
        delen = zip_xml(data)
        return _xml_tekst(delen["content.xml"] + delen["styles.xml"])
    if fmt == "docx":
        import docx

        docx.Document(io.BytesIO(data))  # opens
        delen = zip_xml(data)
        return _xml_tekst(" ".join(v for k, v in delen.items() if k.startswith("word/")))
    if fmt == "xlsx":
        delen = zip_xml(data)
        return _xml_tekst(" ".join(v for k, v in delen.items() if k.startswith("xl/")))
    if fmt == "csv":
        assert data.startswith(b"\xef\xbb\xbf")
        return data.decode("utf-8-sig")
    if fmt == "json":
        return "\n".join(_strings(json.loads(data.decode("utf-8"))))
    raise ValueError(fmt)


def zonder_wit(tekst: str) -> str:
    return "".join(tekst.split())


def _strings(waarde) -> list[str]:
    if isinstance(waarde, str):
        return [waarde]
    if isinstance(waarde, dict):
        waarde = list(waarde.values())
    if isinstance(waarde, list):
        return [s for w in waarde for s in _strings(w)]
    return []
