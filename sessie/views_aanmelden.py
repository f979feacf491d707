"""Signing up without an account, and the personal page behind the link in the e-mail."""

from __future__ import annotations

import json

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sessie import aanmelden as verbs
from sessie.access import public_sessie
from sessie.forms import AanmeldForm, AanmeldingVelden
from sessie.models import Aanmelding
from sessie.privacy import alle_gegevens
from sessie.ratelimit import rate_limit


def _persoonlijk(token: str) -> Aanmelding:
    """The registration behind a personal link; 404 for anything else, guessed or old."""
    aanmelding = Aanmelding.vind(token)
    if aanmelding is None:
        raise Http404
    return aanmelding


def _prive(response: HttpResponse) -> HttpResponse:
    # Personal data behind a link: never in a shared cache or the browser's back-forward cache.
    add_never_cache_headers(response)
    return response


@require_http_methods(["GET", "POST"])
@rate_limit(
    "aanmelden",
    per_browser=settings.AANMELDEN_PER_BROWSER,
    per_ip=settings.AANMELDEN_PER_IP,
)
def aanmelden(request: HttpRequest, slug: str) -> HttpResponse:
    sessie = public_sessie(request, slug)
    if sessie.status != sessie.Status.GEPUBLICEERD:
        return render(request, "sessie/aanmelden_gesloten.html", {"sessie": sessie})
    form = AanmeldForm(request.POST or None, sessie=sessie)
    if request.method == "POST" and form.is_valid():
        verbs.aanmelden(
            sessie=sessie,
            sleutel=form.cleaned_data["sleutel"],
            gegevens=form.gegevens(),
            broodje=form.cleaned_data["broodje"],
            werkgroepen=list(form.cleaned_data["werkgroepen"]),
        )
        return redirect("sessie:aanmelden_bedankt", slug=sessie.slug)
    context = {
        "sessie": sessie,
        "form": form,
        "broodjes_open": verbs.broodjes_open(sessie),
        "broodjes_beschikbaar": verbs.broodjes_beschikbaar(sessie),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "sessie/aanmelden.html", context, status=status)


@require_GET
def aanmelden_bedankt(request: HttpRequest, slug: str) -> HttpResponse:
    sessie = public_sessie(request, slug)
    return render(request, "sessie/aanmelden_bedankt.html", {"sessie": sessie})


@require_GET
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "sessie/privacy.html", {"bewaar_dagen": settings.BEWAAR_DAGEN})


@require_GET
def mijn(request: HttpRequest, token: str) -> HttpResponse:
    aanmelding = _persoonlijk(token)
    form = AanmeldingVelden(
        initial=AanmeldingVelden.initial_van(aanmelding), sessie=aanmelding.sessie
    )
    return _prive(
        render(
            request, "sessie/mijn.html", {"aanmelding": aanmelding, "token": token, "form": form}
        )
    )


@require_POST
def mijn_wijzigen(request: HttpRequest, token: str) -> HttpResponse:
    aanmelding = _persoonlijk(token)
    form = AanmeldingVelden(request.POST, sessie=aanmelding.sessie, aanmelding=aanmelding)
    if not form.is_valid():
        context = {"aanmelding": aanmelding, "token": token, "form": form}
        return _prive(render(request, "sessie/mijn.html", context, status=400))
    verbs.wijzigen(
        aanmelding=aanmelding,
        gegevens=form.gegevens(),
        broodje=form.cleaned_data["broodje"],
        werkgroepen=list(form.cleaned_data["werkgroepen"]),
    )
    messages.success(request, _("Your changes are saved."))
    return redirect("sessie:mijn", token=token)


@require_POST
def mijn_annuleren(request: HttpRequest, token: str) -> HttpResponse:
    aanmelding = _persoonlijk(token)
    if "terug" in request.POST:
        verbs.heraanmelden(aanmelding=aanmelding)
        messages.success(request, _("Welcome back: you are signed up again."))
    elif aanmelding.is_actief:
        verbs.annuleren(aanmelding=aanmelding)
        messages.success(request, _("You have cancelled. Thank you for letting us know."))
    return redirect("sessie:mijn", token=token)


@require_GET
def mijn_gegevens(request: HttpRequest, token: str) -> HttpResponse:
    aanmelding = _persoonlijk(token)
    response = HttpResponse(
        json.dumps(alle_gegevens(aanmelding=aanmelding), ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="mijn-gegevens.json"'
    return _prive(response)


@require_http_methods(["GET", "POST"])
def mijn_verwijderen(request: HttpRequest, token: str) -> HttpResponse:
    aanmelding = _persoonlijk(token)
    if request.method == "GET":
        context = {"aanmelding": aanmelding, "token": token}
        return _prive(render(request, "sessie/mijn_verwijderen.html", context))
    sessie = aanmelding.sessie
    verbs.verwijderen(aanmelding=aanmelding)
    messages.success(request, _("Your data has been deleted."))
    return redirect(sessie)
