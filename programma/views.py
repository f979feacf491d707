from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from programma.hoek import hoek
from programma.klok import stand
from sessie.access import public_sessie
from sessie.live import in_zaalcheck, live_view, poll_url


def _klok_context(request: HttpRequest, slug: str, *, projector: bool = False) -> dict:
    sessie = public_sessie(request, slug)
    onderdelen = list(sessie.programma.all())
    # The rotation rounds of the theme tables, through the relation: programma imports no app.
    # (the phone programme shows the round too, with its switch time)
    rondes = list(sessie.rondes.all())
    huidige_stand = stand(sessie, onderdelen, rondes=rondes)
    context = {
        "sessie": sessie,
        "programma": onderdelen,
        "stand": huidige_stand,
        "poll_url": poll_url(request.path, sessie=sessie, tot=huidige_stand.volgende_wissel),
    }
    if projector:
        # The projector's corner: a QR code for what the hall can do on a phone right now.
        context["hoek"] = hoek(sessie.slug, onderdelen, huidige_stand.huidig)
    return context


@require_GET
@vary_on_headers("HX-Request")
def programma(request: HttpRequest, slug: str) -> HttpResponse:
    # The fragment answers 204 itself when its content is unchanged (sessie/live.py).
    def pagina() -> dict:
        context = _klok_context(request, slug)
        # Only organisers need the projector link; attendees would just lose their place.
        context["mag_organiseren"] = context["sessie"].mag_organiseren(request.user)
        return context

    return live_view(
        request,
        slug,
        "programma/programma.html",
        "programma",
        lambda: _klok_context(request, slug),
        kanaal="programma",
        page_context=pagina,
    )


@in_zaalcheck
@require_GET
@vary_on_headers("HX-Request")
def projector(request: HttpRequest, slug: str) -> HttpResponse:
    # The fragment answers 204 itself when its content is unchanged (sessie/live.py).
    return live_view(
        request,
        slug,
        "programma/projector.html",
        "scherm",
        lambda: _klok_context(request, slug, projector=True),
        kanaal="programma",
    )
