"""The live-update protocol shared by every polling screen (DESIGN.md, "Web layer").

A poll carries the change counter (`v`) and, for clock-driven screens, the moment its content
stops being true (`tot`, epoch seconds). When neither moved, the answer is 204 No Content,
which htmx does not swap.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse

from sessie.models import Sessie


def poll_url(path: str, *, versie: int, tot: dt.datetime | None = None) -> str:
    params = {"v": versie}
    if tot is not None:
        params["tot"] = int(tot.timestamp())
    return f"{path}?{urlencode(params)}"


def unchanged(request: HttpRequest, sessie: Sessie) -> bool:
    """True when the polling screen already shows the current state of `sessie`."""
    if not request.htmx or request.GET.get("v") != str(sessie.versie):
        return False
    tot = request.GET.get("tot")
    if tot is None:
        return True
    try:
        return sessie.nu().timestamp() < int(tot)
    except ValueError:
        return False


def no_change() -> HttpResponse:
    return HttpResponse(status=204)
