"""Every user-visible string has a Dutch translation (locale/nl)."""

import re
from pathlib import Path

from django.conf import settings

PO = Path(settings.BASE_DIR) / "locale" / "nl" / "LC_MESSAGES" / "django.po"


def test_every_message_is_translated_and_none_is_fuzzy():
    tekst = PO.read_text(encoding="utf-8")
    blokken = tekst.split("\n\n")[1:]  # the first block is the header
    leeg = [b for b in blokken if re.search(r'^msgstr(\[\d\])? ""\Z', b, re.M) and "msgid" in b]
    leeg = [b for b in leeg if not re.search(r'^msgstr(\[\d\])? ""\n"', b, re.M)]
    assert leeg == []
    assert "#, fuzzy" not in tekst
