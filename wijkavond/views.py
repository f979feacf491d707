from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.staticfiles import finders
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from sessie.access import organiser_sessie, public_sessie
from sessie.links import absolute
from sessie.models import Sessie, Toegang
from thematafels.models import Tafeltoegang
from verslag.models import Publicatie
from wijkavond.forms import OefenklokForm, ToegangForm, ZaalForm
from wijkavond.kaart import newcomer_map
from wijkavond.models import Huisstijl, actieve_stijl, kleuren
from wijkavond.zaal import HOOFDLETTER, REGEL, schatting


@require_GET
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "wijkavond/privacy.html", {"bewaar_dagen": settings.BEWAAR_DAGEN})


@require_GET
def toegankelijkheid(request: HttpRequest) -> HttpResponse:
    """The accessibility statement, in the shape of the Dutch government's model statement."""
    return render(request, "wijkavond/toegankelijkheid.html")


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    vandaag = timezone.localdate()
    openbaar = Sessie.objects.exclude(status=Sessie.Status.CONCEPT)
    return render(
        request,
        "wijkavond/home.html",
        {
            "komend": openbaar.filter(datum__gte=vandaag).order_by("datum", "titel"),
            "voorbij": openbaar.filter(datum__lt=vandaag).order_by("-datum", "titel"),
        },
    )


@require_GET
def detail(request: HttpRequest, slug: str) -> HttpResponse:
    sessie = public_sessie(request, slug)
    return render(
        request,
        "wijkavond/detail.html",
        {
            "sessie": sessie,
            "programma": list(sessie.programma.all()),
            "thematafels": sessie.thematafels.prefetch_related("prompts"),
            "categorieen": sessie.vraagcategorieen.all(),
            "verslag_gepubliceerd": Publicatie.is_gepubliceerd(sessie),
            # Joining afterwards happens here, for as long as a workgroup takes members.
            "werkgroepen_open": sessie.werkgroepen.filter(open=True).exists(),
        },
    )


@login_required
@require_GET
def organiser_home(request: HttpRequest) -> HttpResponse:
    sessies = Sessie.objects.all()
    if not request.user.is_superuser:
        sessies = sessies.filter(Q(organisatoren=request.user))
    return render(request, "wijkavond/organiser_home.html", {"sessies": sessies.distinct()})


@login_required
@require_GET
def organiser_sessie_view(request: HttpRequest, slug: str) -> HttpResponse:
    sessie = organiser_sessie(request, slug)
    form = OefenklokForm(initial={"tijd": sessie.nu().astimezone().time().replace(second=0)})
    return render(
        request,
        "wijkavond/organiser_sessie.html",
        {"sessie": sessie, "klok_form": form, "kaart": newcomer_map(sessie, tokens={})},
    )


def _deuren_open(sessie: Sessie) -> dt.datetime | None:
    """A rehearsal on the evening's own day stops when the doors open (the first item)."""
    eerste = sessie.programma.order_by("start").first()
    if eerste is None:
        return None
    deuren = sessie.op_tijd(eerste.start)
    return deuren if timezone.now() < deuren else None


@login_required
@require_POST
def oefenklok(request: HttpRequest, slug: str) -> HttpResponse:
    sessie = organiser_sessie(request, slug)
    if "echt" in request.POST:
        sessie.zet_oefenklok(moment=None)
        messages.success(request, _("The session clock follows the real clock again."))
        return redirect("wijkavond:organiser_sessie", slug=slug)
    form = OefenklokForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "wijkavond/organiser_sessie.html",
            {"sessie": sessie, "klok_form": form, "kaart": newcomer_map(sessie, tokens={})},
            status=400,
        )
    sessie.zet_oefenklok(moment=form.moment(sessie), tot=_deuren_open(sessie))
    messages.success(
        request,
        _("Rehearsal clock set: the session now runs as if it were %(tijd)s.")
        % {"tijd": form.cleaned_data["tijd"].strftime("%H.%M")},
    )
    return redirect("wijkavond:organiser_sessie", slug=slug)


@login_required
@require_GET
def zaalcheck(request: HttpRequest, slug: str) -> HttpResponse:
    """The hall check: the projector and the wall at the hall's resolution, and how far away
    their text is read with ease on a screen of the given width."""
    sessie = organiser_sessie(request, slug)
    standaard = {naam: veld.initial for naam, veld in ZaalForm.base_fields.items()}
    form = ZaalForm(request.GET or standaard)
    context = {"sessie": sessie, "form": form, "hoofdletter": HOOFDLETTER, "regel": REGEL}
    if not form.is_valid():
        return render(request, "wijkavond/zaalcheck.html", context, status=400)
    breed, hoog = form.pixels
    context |= {
        "breed": breed,
        "hoog": hoog,
        "schatting": schatting(
            breedte_m=float(form.cleaned_data["breedte"]),
            afstand_m=float(form.cleaned_data["afstand"]),
            breed_px=breed,
            hoog_px=hoog,
        ),
    }
    return render(request, "wijkavond/zaalcheck.html", context)


# Volunteer links: made, printed, renewed and revoked by the organiser.
NIEUWE_LINKS = "wijkavond_nieuwe_links"


def _toegang_context(request: HttpRequest, sessie, form: ToegangForm) -> dict:
    tokens = request.session.pop(NIEUWE_LINKS, {})
    toegangen = list(sessie.toegangen.select_related("tafeltoegang__tafel"))
    nieuw = [
        (t, absolute(reverse("sessie:toegang", kwargs={"token": tokens[str(t.pk)]})))
        for t in toegangen
        if str(t.pk) in tokens
    ]
    return {"sessie": sessie, "form": form, "toegangen": toegangen, "nieuw": nieuw}


def _onthoud_link(request: HttpRequest, toegang: Toegang, token: str) -> None:
    # Shown once, on the page this redirect lands on; the database keeps only the hash.
    request.session[NIEUWE_LINKS] = {str(toegang.pk): token}


def _organiser_toegang(request: HttpRequest, slug: str, pk: int) -> Toegang:
    return get_object_or_404(Toegang, sessie=organiser_sessie(request, slug), pk=pk)


def _terug_naar_toegangen(request: HttpRequest, slug: str, melding: str) -> HttpResponse:
    messages.success(request, melding)
    return redirect("wijkavond:toegangen", slug=slug)


@login_required
@require_GET
def toegangen(request: HttpRequest, slug: str) -> HttpResponse:
    sessie = organiser_sessie(request, slug)
    form = ToegangForm(sessie=sessie)
    return render(request, "wijkavond/toegangen.html", _toegang_context(request, sessie, form))


@login_required
@require_POST
def toegang_maken(request: HttpRequest, slug: str) -> HttpResponse:
    sessie = organiser_sessie(request, slug)
    form = ToegangForm(request.POST, sessie=sessie)
    if not form.is_valid():
        context = _toegang_context(request, sessie, form)
        return render(request, "wijkavond/toegangen.html", context, status=400)
    gegevens = form.cleaned_data
    if gegevens["tafel"] is not None:
        toegang, token = Tafeltoegang.uitgeven(tafel=gegevens["tafel"], label=gegevens["label"])
    else:
        toegang, token = Toegang.uitgeven(
            sessie=sessie, rol=gegevens["rol"], label=gegevens["label"]
        )
    _onthoud_link(request, toegang, token)
    melding = _("Link made. Print or send it now: it is shown only once.")
    return _terug_naar_toegangen(request, slug, melding)


@login_required
@require_POST
def toegang_vernieuwen(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    toegang = _organiser_toegang(request, slug, pk)
    _onthoud_link(request, toegang, toegang.vernieuw())
    return _terug_naar_toegangen(request, slug, _("New link made. The old link no longer works."))


@login_required
@require_POST
def toegang_intrekken(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    _organiser_toegang(request, slug, pk).trek_in()
    return _terug_naar_toegangen(request, slug, _("The link no longer works."))


@require_GET
def huisstijl_css(request: HttpRequest) -> HttpResponse:
    """The active theme's design tokens as CSS custom properties (no inline styles: CSP)."""
    response = render(
        request,
        "wijkavond/huisstijl.css",
        {"kleuren": kleuren(actieve_stijl())},
        content_type="text/css; charset=utf-8",
    )
    # The link carries the theme's version, so a browser may keep each version a day.
    response["Cache-Control"] = "public, max-age=86400"
    return response


@require_GET
def huisstijl_logo(request: HttpRequest) -> HttpResponse:
    """The active theme's logo, sandboxed: nothing in it can run, even opened on its own.

    Without one, the site's own mark (the favicon) stands in.
    """
    huisstijl = Huisstijl.objects.filter(actief=True).exclude(logo_svg="").first()
    svg = huisstijl.logo_svg if huisstijl else Path(finders.find("favicon.svg")).read_text()
    response = HttpResponse(svg, content_type="image/svg+xml")
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; sandbox"
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "public, max-age=86400"
    return response
