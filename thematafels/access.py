"""Who may log ideas at a table: the holder of its host's link, or an organiser.

Every table view asks here first, and a table host's phone asks a lot: each idea and every
5-second poll of the list. So the table, its theme, its session and the host's grant come in
one plain-SQL statement (`sessie/sql.py`) instead of four ORM queries.
"""

from __future__ import annotations

import functools

from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils import timezone

from sessie.access import held_grants
from sessie.models import Sessie, Toegang
from sessie.sql import Columns, rows, table
from thematafels.models import Tafel, Tafeltoegang, Thematafel

_TAFEL = Columns(Tafel, "t")
_THEMA = Columns(Thematafel, "th")
_SESSIE = Columns(Sessie, "s")


@functools.cache
def _sql(grants: int, vendor: str) -> str:
    """Table, theme and session; with `grants`, also which of them are valid for this table.

    The grant's conditions are `Toegang.objects.geldig()` and the host's table (`Tafeltoegang`),
    in SQL.
    """
    select = f"{_TAFEL.sql()}, {_THEMA.sql()}, {_SESSIE.sql()}"
    join = ""
    if grants:
        select += ", g.id, g.token_hash"
        join = (
            f" LEFT JOIN {table(Tafeltoegang)} tt ON tt.tafel_id = t.id"
            f" AND tt.toegang_id IN ({', '.join(['%s'] * grants)})"
            f" LEFT JOIN {table(Toegang)} g ON g.id = tt.toegang_id AND g.rol = %s"
            " AND g.ingetrokken IS NULL AND g.verloopt > %s"
        )
    return (
        f"SELECT {select} FROM {table(Tafel)} t"
        f" JOIN {table(Thematafel)} th ON th.id = t.thematafel_id"
        f" JOIN {table(Sessie)} s ON s.id = th.sessie_id{join}"
        " WHERE t.id = %s AND s.slug = %s"
    )


def tafel_toegang(request: HttpRequest, slug: str, tafel_id: int) -> tuple[Sessie, Tafel]:
    """The session and table this browser may log ideas for: its host's link, or an organiser.

    404 for a table that is not in this session; 403 for anyone else, including another
    table's host: a host link counts for one table only.
    """
    if not 0 < tafel_id < 2**63:  # a database cannot bind it (SQLite: OverflowError): no table
        raise Http404
    held = held_grants(request)
    params: list = []
    if held:
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        params = [*held, Toegang.Rol.TAFELHOST, now]
    found = rows(_sql(len(held), connection.vendor), [*params, tafel_id, slug])
    if not found:
        raise Http404
    row = found[0]
    tafel = _TAFEL.instance(row)
    thema = _THEMA.instance(row, len(_TAFEL))
    sessie = _SESSIE.instance(row, len(_TAFEL) + len(_THEMA))
    thema.sessie = sessie
    tafel.thematafel = thema
    host = any(
        pk is not None and held[pk] == Toegang.fingerprint_of(token_hash)
        for *_, pk, token_hash in (found if held else ())
    )
    if not host and not sessie.mag_organiseren(request.user):
        raise PermissionDenied
    return sessie, tafel


def landing(toegang: Toegang) -> str | None:
    """Where a table host's link leads: the capture page of its table (`sessie.access.LANDING`)."""
    tafeltoegang = Tafeltoegang.objects.filter(toegang=toegang).first()
    if tafeltoegang is None:
        return None
    return reverse(
        "thematafels:vastleggen",
        kwargs={"slug": toegang.sessie.slug, "tafel_id": tafeltoegang.tafel_id},
    )
