from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from programma.klok import stand
from sessie.access import public_sessie
from sessie.live import live_fragment, no_change, poll_unchanged, poll_url


def _klok_context(request: HttpRequest, slug: str) -> dict:
    sessie = public_sessie(request, slug)
    onderdelen = list(sessie.programma.all())
    # The rotation rounds of the theme tables, through the relation: programma imports no app.
    # (the phone programme shows the round too, with its switch time)
    rondes = list(sessie.rondes.all())
    huidige_stand = stand(sessie, onderdelen, rondes=rondes)
    return {
        "sessie": sessie,
        "programma": onderdelen,
        "stand": huidige_stand,
        "poll_url": poll_url(request.path, sessie=sessie, tot=huidige_stand.volgende_wissel),
    }


@require_GET
@vary_on_headers("HX-Request")
def programma(request: HttpRequest, slug: str) -> HttpResponse:
    if poll_unchanged(request, slug):
        return no_change()
    if request.htmx:
        return live_fragment(
            request,
            slug,
            "programma/programma.html#programma",
            lambda: _klok_context(request, slug),
        )
    context = _klok_context(request, slug)
    # Only organisers need the projector link; attendees would just lose their place.
    context["mag_organiseren"] = context["sessie"].mag_organiseren(request.user)
    return render(request, "programma/programma.html", context)


@require_GET
@vary_on_headers("HX-Request")
def projector(request: HttpRequest, slug: str) -> HttpResponse:
    if poll_unchanged(request, slug):
        return no_change()
    if request.htmx:
        return live_fragment(
            request,
            slug,
            "programma/projector.html#scherm",
            lambda: _klok_context(request, slug),
        )
    return render(request, "programma/projector.html", _klok_context(request, slug))
