"""The one place where user text is made safe for every output format.

* Characters that XML 1.0 forbids (C0 controls other than tab and newline, lone surrogates,
  U+FFFE/U+FFFF) crash or corrupt ODT, DOCX and XLSX; they are removed everywhere.
* Bidirectional embedding, override and isolate controls (U+202A-U+202E, U+2066-U+2069)
  can make text read differently from what it is ("Trojan source"); they are removed.
* Carriage returns become newlines.
* :func:`csv_cel` guards CSV cells against formula injection.

HTML escaping is not done here: the Django template autoescapes.
"""

from __future__ import annotations

import dataclasses
import re
from functools import lru_cache
from typing import Any

_ONVEILIG = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff\u202a-\u202e\u2066-\u2069]"
)
_FORMULE_BEGIN = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def tekst(waarde: str) -> str:
    """``waarde`` without XML-illegal characters and bidi controls; CR becomes LF."""
    if not waarde:
        return waarde
    waarde = waarde.replace("\r\n", "\n").replace("\r", "\n")
    return _ONVEILIG.sub("", waarde)


def csv_cel(waarde: Any) -> Any:
    """A CSV cell that a spreadsheet will not run as a formula (prefixes an apostrophe)."""
    if isinstance(waarde, str) and waarde.startswith(_FORMULE_BEGIN):
        return "'" + waarde
    return waarde


def schoon[T](waarde: T) -> T:
    """A copy of a report (or any part of it) with every string passed through :func:`tekst`."""
    if isinstance(waarde, str):
        return tekst(waarde)  # type: ignore[return-value]
    if isinstance(waarde, tuple):
        return tuple(schoon(w) for w in waarde)  # type: ignore[return-value]
    if dataclasses.is_dataclass(waarde) and not isinstance(waarde, type):
        velden = _velden(type(waarde))
        nieuw = {naam: schoon(getattr(waarde, naam)) for naam in velden}
        return type(waarde)(**nieuw)  # type: ignore[return-value]
    return waarde


@lru_cache
def _velden(klasse: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(klasse) if f.init)
