"""The live-update protocol shared by every polling screen (DESIGN.md, "Web layer").

A poll carries the session's change counter (`v`) and, for clock-driven screens, the real-clock
moment its content stops being true (`tot`, epoch seconds). When neither moved, the answer is
204 No Content, which htmx does not swap.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import time
from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.csp import CSP
from django.utils.html import escape
from django.utils.translation import get_language
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.csp import csp_override

from sessie.models import Sessie


def poll_url(
    path: str, *, sessie: Sessie, tot: dt.datetime | None = None, kanaal: str = "versie"
) -> str:
    """The URL a live fragment polls; `tot` is a moment on the session clock; `kanaal` the change
    counter it follows (`KANALEN`)."""
    params = {"v": getattr(sessie, KANALEN[kanaal])}
    if tot is not None:
        echt = tot - sessie.verschuiving
        if sessie.oefenklok_actief and sessie.oefenklok_tot:
            echt = min(echt, sessie.oefenklok_tot)  # the rehearsal's end changes the screen too
        params["tot"] = int(echt.timestamp())
    return f"{path}?{urlencode(params)}"


def _expired(request: HttpRequest) -> bool:
    tot = request.GET.get("tot")
    if tot is None:
        return False
    try:
        return time.time() >= int(tot)
    except ValueError:
        return True


def unchanged(request: HttpRequest, sessie: Sessie, kanaal: str = "versie") -> bool:
    """True when the polling screen already shows the current state of `sessie` (as far as the
    change counter `kanaal` tells)."""
    if not request.htmx or _expired(request):
        return False
    return request.GET.get("v") == str(getattr(sessie, KANALEN[kanaal]))


def public_versie(slug: str, kanaal: str = "versie") -> tuple[int, int] | None:
    """(pk, change counter) of a public session, in one cheap query.

    Every open screen asks this every few seconds; plain SQL costs ~12 µs here against ~210 µs
    through the ORM (measured with `make bench`), which keeps an unchanged poll near a bare view.
    """
    table = connection.ops.quote_name(Sessie._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id, {KANALEN[kanaal]} FROM {table} WHERE slug = %s AND status <> %s",
            [slug, Sessie.Status.CONCEPT],
        )
        row = cursor.fetchone()
    return (row[0], row[1]) if row else None


# Which change counter a live fragment follows: everything, everything but the hall's dots (a
# screen that shows no dots need not re-render for each of the wrap-up's hundreds), or the
# programme and clock only. (A table host's list polls with a mark of its own ideas instead:
# `thematafels.ideeen.lijst_merk`.)
KANALEN = {
    "versie": "versie",
    "zonder_stippen": "kernpunten_versie",
    "programma": "programma_versie",
}


def poll_unchanged(request: HttpRequest, slug: str) -> bool:
    """`unchanged` for a public session before loading it: the 204 fast path of a poll."""
    if not request.htmx or "v" not in request.GET or _expired(request):
        return False
    stand = public_versie(slug)
    return stand is not None and request.GET["v"] == str(stand[1])


def no_change() -> HttpResponse:
    return HttpResponse(status=204)


NU = re.compile(r'data-nu="\d+"')
# The change counter in a fragment's own poll URL (`?v=12` or `&amp;v=12`).
V = re.compile(r"(\?|&amp;|&)v=[^&\"'\s]*")


# A countdown's text: the page's clock (static/js/klok.js) rewrites it every second from its
# data-countdown moment, so the text the server rendered it with is no part of the content.
AFTELLEN = re.compile(r'(<span class="countdown"[^>]*>)[^<]*(</span>)')


def _inhoud_merk(html: str) -> str:
    """A mark of what a fragment shows: the same content gives the same mark, whatever the
    change counter or the moment it was rendered at (its countdowns' text included). Starts
    with a letter, never a counter."""
    kaal = AFTELLEN.sub(r"\1\2", V.sub(r"\1v=", NU.sub('data-nu=""', html)))
    return "c" + hashlib.blake2b(kaal.encode(), digest_size=8).hexdigest()


def _entry(
    request: HttpRequest, stand: tuple[int, int], template: str, context: Callable[[], dict]
) -> dict:
    """The fragment as it stands, from this process's memory or freshly rendered."""
    cache = caches["fragments"]
    key = f"{template}:{stand[0]}:{get_language()}"
    entry = cache.get(key)
    if entry is None or entry["versie"] != stand[1] or time.time() >= entry["tot"]:
        ctx = context()
        sessie: Sessie = ctx["sessie"]
        html = render(request, template, ctx).content.decode()
        merk = _inhoud_merk(html)
        html = V.sub(rf"\1v={merk}", html)
        # When the fragment stops being true on the session clock: the context says so
        # (`wissel`), or its programme's state does.
        wissel = ctx.get("wissel", ctx["stand"].volgende_wissel if "stand" in ctx else None)
        verschuiving = sessie.verschuiving.total_seconds()
        tot = wissel.timestamp() - verschuiving if wissel else time.time() + 300
        if sessie.oefenklok_actief and sessie.oefenklok_tot:
            tot = min(tot, sessie.oefenklok_tot.timestamp())
        entry = {
            "html": html,
            "merk": merk,
            "tot": tot,
            "verschuiving": verschuiving,
            "versie": stand[1],
        }
        cache.set(key, entry, timeout=max(1, min(300, int(tot - time.time()) + 1)))
    return entry


def live_fragment(
    request: HttpRequest,
    slug: str,
    template: str,
    context: Callable[[], dict],
    *,
    kanaal: str = "versie",
) -> HttpResponse:
    """Render a public live fragment once per change and process, then serve it from memory.

    When a change lands, every open screen asks for the same new fragment within seconds; only
    the first request in each server process renders it. There is one entry per fragment,
    session and language, holding the change counter it was rendered at: a change replaces it,
    so a wall left on all evening keeps the same memory however many ideas arrive. It also
    expires when its content stops being true (`tot`). The session-clock time the page's
    countdowns start from (`data-nu`) is set fresh per request.

    The fragment polls with a mark of its content instead of the session's change counter: a
    change elsewhere in the session (an idea, a check-in, a dot) costs one render per process,
    and every screen whose content it did not change still gets 204. The evening's 150 phones
    with the programme open then hear nothing of the 300 check-ins and 1,600 ideas. A fragment
    that shows only the programme and the clock follows `kanaal="programma"`: the session's
    other changes then cost it not even a render.
    """
    stand = public_versie(slug, kanaal)
    if stand is None:  # a draft: only its organisers may look, so no shared cache
        return render(request, template, context())
    entry = _entry(request, stand, template, context)
    if request.htmx and request.GET.get("v") == entry["merk"] and not _expired(request):
        return no_change()
    nu = f'data-nu="{int(time.time() + entry["verschuiving"])}"'
    return HttpResponse(NU.sub(nu, entry["html"], count=1))


def live_page(
    request: HttpRequest,
    slug: str,
    page: str,
    ctx: dict,
    *,
    fragment: str,
    kanaal: str = "versie",
) -> HttpResponse:
    """The whole page (`page` with `ctx`) around the live `fragment`, its poll URL already
    carrying the content mark: a freshly opened page's first poll is a 204, not the same
    fragment again. The fragment is shared by everyone, as in `live_fragment`: only the page
    around it may use what is particular to this visitor."""
    response = render(request, page, ctx)
    stand = public_versie(slug, kanaal)
    if stand is None:
        return response
    merk = _entry(request, stand, fragment, lambda: ctx)["merk"]
    poll = escape(ctx["poll_url"])
    response.content = response.content.decode().replace(poll, V.sub(rf"\1v={merk}", poll), 1)
    return response


def live_view(
    request: HttpRequest,
    slug: str,
    page: str,
    fragment: str,
    context: Callable[[], dict],
    *,
    kanaal: str = "versie",
    page_context: Callable[[], dict] | None = None,
) -> HttpResponse:
    """A live screen's view: its poll gets the shared `fragment` of `page` (`live_fragment`),
    anything else the whole page (`live_page`). `page_context`, when given, is the context of
    the whole page only: what is particular to this visitor."""
    template = f"{page}#{fragment}"
    if request.htmx:
        return live_fragment(request, slug, template, context, kanaal=kanaal)
    ctx = (page_context or context)()
    return live_page(request, slug, page, ctx, fragment=template, kanaal=kanaal)


def in_zaalcheck(view: Callable) -> Callable:
    """A hall screen that the organiser's hall check may show in a frame: this site only (every
    other page may be framed by nobody)."""
    beleid = settings.SECURE_CSP | {"frame-ancestors": [CSP.SELF]}
    return csp_override(beleid)(xframe_options_sameorigin(view))
