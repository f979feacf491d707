"""JSON: :meth:`Verslag.naar_dict` of the cleaned report (see ``verslag/schema.json``)."""

from __future__ import annotations

import json

from ..model import Verslag
from ..schoon import schoon


def render_json(verslag: Verslag) -> bytes:
    data = schoon(verslag).naar_dict()
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")
