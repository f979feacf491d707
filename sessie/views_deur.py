"""The door (check in, walk-ins) and the caterer's list: for door volunteers and organisers."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from sessie import aanmelden as verbs
from sessie.access import helper_sessie
from sessie.forms import InloopForm
from sessie.live import no_change, poll_url, unchanged
from sessie.models import Aanmelding, Toegang

DEUR = Toegang.Rol.DEUR


def _poll(pad: str, sessie) -> str:
    # The one place that calls sessie.live.poll_url (main now takes `sessie=sessie` here).
    return poll_url(pad, sessie=sessie)


def _tellers_url(sessie) -> str:
    return _poll(reverse("sessie:deur_tellers", kwargs={"slug": sessie.slug}), sessie)


def _deur_context(sessie, *, tekst: str, form: InloopForm | None = None) -> dict:
    return {
        "sessie": sessie,
        "tellers_url": _tellers_url(sessie),
        "q": tekst,
        "gevonden": verbs.zoek(sessie, tekst=tekst),
        "tellingen": verbs.tellingen(sessie),
        "inloop_form": form or InloopForm(),
        "recent": Aanmelding.objects.filter(sessie=sessie, inloop=True).order_by("-pk")[:5],
    }


@require_GET
def deur(request: HttpRequest, slug: str) -> HttpResponse:
    sessie = helper_sessie(request, slug, DEUR)
    context = _deur_context(sessie, tekst=request.GET.get("q", ""))
    template = "sessie/deur.html#resultaten" if request.htmx else "sessie/deur.html"
    return render(request, template, context)


@require_POST
def deur_inchecken(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    sessie = helper_sessie(request, slug, DEUR)
    aanmelding = get_object_or_404(Aanmelding, sessie=sessie, pk=pk)
    if "ongedaan" in request.POST:
        aanmelding.check_in_ongedaan()
    else:
        aanmelding.check_in()
    if not request.htmx:
        terug = reverse("sessie:deur", kwargs={"slug": slug})
        return redirect(f"{terug}?{urlencode({'q': request.POST.get('q', '')})}")
    # The row swaps in place; the numbers at the top follow out of band.
    context = {
        "sessie": sessie,
        "persoon": aanmelding,
        "tellingen": verbs.tellingen(sessie),
        "tellers_url": _tellers_url(sessie),
    }
    return HttpResponse(
        render_to_string("sessie/deur.html#rij", context, request)
        + render_to_string("sessie/deur.html#tellers", {**context, "oob": True}, request)
    )


@require_GET
def deur_tellers(request: HttpRequest, slug: str) -> HttpResponse:
    """The numbers at the top of the door page, polled: two doors see each other's work."""
    sessie = helper_sessie(request, slug, DEUR)
    if unchanged(request, sessie):
        return no_change()
    if not request.htmx:  # a fragment: opened on its own, show the whole door page
        return redirect("sessie:deur", slug=sessie.slug)
    context = {
        "sessie": sessie,
        "tellingen": verbs.tellingen(sessie),
        "tellers_url": _tellers_url(sessie),
    }
    return render(request, "sessie/deur.html#tellers", context)


@require_POST
def deur_inloop(request: HttpRequest, slug: str) -> HttpResponse:
    sessie = helper_sessie(request, slug, DEUR)
    form = InloopForm(request.POST)
    if not form.is_valid():
        context = _deur_context(sessie, tekst="", form=form)
        template = "sessie/deur.html#inloop" if request.htmx else "sessie/deur.html"
        return render(request, template, context, status=400)
    aanmelding = verbs.inloop(
        sessie=sessie, sleutel=form.cleaned_data["sleutel"], naam=form.cleaned_data["naam"]
    )
    if request.htmx:
        # The walk-in list swaps in place with a confirmation; the numbers follow out of band.
        context = {**_deur_context(sessie, tekst=""), "net_binnen": aanmelding}
        return HttpResponse(
            render_to_string("sessie/deur.html#recent", context, request)
            + render_to_string("sessie/deur.html#tellers", {**context, "oob": True}, request)
        )
    messages.success(request, _("%(naam)s is checked in.") % {"naam": aanmelding.naam})
    return redirect("sessie:deur", slug=slug)


@require_GET
def deur_code(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    """The QR code in the confirmation, scanned with the door's phone camera."""
    sessie = helper_sessie(request, slug, DEUR)
    aanmelding = Aanmelding.vind(code, veld="incheck_hash")
    if aanmelding is None or aanmelding.sessie_id != sessie.pk:
        return render(request, "sessie/deur_code.html", {"sessie": sessie}, status=404)
    context = {"sessie": sessie, "persoon": aanmelding, "tellingen": verbs.tellingen(sessie)}
    return render(request, "sessie/deur_code.html", context)


@require_GET
def catering(request: HttpRequest, slug: str) -> HttpResponse:
    sessie = helper_sessie(request, slug, DEUR)
    if unchanged(request, sessie):
        return no_change()
    context = {
        "sessie": sessie,
        "lijst": verbs.cateringlijst(sessie),
        "live": verbs.broodjes_open(sessie),
        "poll_url": _poll(request.path, sessie),
    }
    template = "sessie/catering.html#lijst" if request.htmx else "sessie/catering.html"
    return render(request, template, context)
