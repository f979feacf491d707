"""The ODT and DOCX files open in LibreOffice: converted headless to PDF, every idea and
question is in it. Skipped, saying why, where LibreOffice is not installed
(`apt-get install libreoffice-writer-nogui`; `.ci/run` installs it)."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from django.utils import translation
from pypdf import PdfReader

from tests.verslag.lezen import zonder_wit
from tests.verslag.voorbeeld import alle_ideeteksten, alle_vraagteksten, maak_verslag
from verslag.renderers import render_docx, render_odt

LIBREOFFICE = shutil.which("libreoffice") or shutil.which("soffice")

pytestmark = pytest.mark.skipif(
    LIBREOFFICE is None,
    reason="LibreOffice is not installed (apt-get install libreoffice-writer-nogui)",
)


def naar_pdf(bron: Path, tmp_path: Path) -> str:
    """Convert with a profile of its own (a parallel LibreOffice would lock a shared one)."""
    profiel = (tmp_path / "profiel").as_uri()
    klaar = subprocess.run(
        [
            LIBREOFFICE,
            f"-env:UserInstallation={profiel}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(bron),
        ],
        capture_output=True,
        timeout=180,
        check=False,
    )
    pdf = tmp_path / f"{bron.stem}.pdf"
    assert klaar.returncode == 0 and pdf.exists(), klaar.stderr.decode(errors="replace")
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.read_bytes())).pages)


@pytest.mark.parametrize("formaat,renderer", [("odt", render_odt), ("docx", render_docx)])
def test_libreoffice_opens_the_file_with_every_idea_and_question(tmp_path, formaat, renderer):
    verslag = maak_verslag(editie="openbaar")
    with translation.override("nl"):
        data = renderer(verslag)
    bron = tmp_path / f"verslag.{formaat}"
    bron.write_bytes(data)
    plat = zonder_wit(naar_pdf(bron, tmp_path))
    assert zonder_wit(verslag.sessie.titel) in plat
    missend = [t for t in alle_ideeteksten(verslag) + alle_vraagteksten(verslag)
               if zonder_wit(t) not in plat]  # fmt: skip
    assert not missend, missend[:3]
