"""The report's pages: the organiser's downloads, publishing, the public report, the series."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.csp import CSP
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.csp import csp_override
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers

from sessie.access import organiser_sessie, public_sessie
from verslag import nabericht
from verslag.bouw import bouw_verslag, is_concept
from verslag.model import EDITIE_LABELS, EDITIES
from verslag.models import Publicatie, Traject, Verslagbestand
from verslag.reeks import bouw_reeks, render_reeks_xlsx
from verslag.renderers import FORMATEN, RendererNietBeschikbaar, dataset_namen, render_csv
from verslag.renderers.datasets import DATASETS, OPENBAAR
from verslag.tasks import maak_verslagbestand

# The report's HTML is one standalone, printable document: its stylesheet and the charts'
# SVG styling are inline. It runs no script at all, so its own policy allows inline styles
# and nothing else.
VERSLAG_CSP = {
    "default-src": [CSP.NONE],
    "style-src": [CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:"],
    "script-src": [CSP.NONE],
    "form-action": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.NONE],
}
# Formats in the order the download page lists them; CSV comes one file per data set.
VOLGORDE = ("html", "pdf", "odt", "docx", "xlsx", "json")
# Formats made in the background (seconds on a large evening): the page asks for the file and
# follows its progress; the others download at once.
ZWAAR = ("pdf", "odt", "docx")
# The organiser's page lists this many of the latest files.
RECENT = 6
XLSX_TYPE = FORMATEN["xlsx"].content_type


@login_required
@require_GET
def overzicht(request: HttpRequest, slug: str) -> HttpResponse:
    """Every edition in every format, the draft state, and publishing the public edition."""
    sessie = organiser_sessie(request, slug)
    publicatie = Publicatie.objects.filter(sessie=sessie).first()
    edities = [
        {
            "code": editie,
            "label": EDITIE_LABELS[editie],
            "formaten": [f for f in VOLGORDE if f not in ZWAAR],
            "zwaar": ZWAAR,
            "datasets": DATASETS if editie == "organisator" else tuple(OPENBAAR),
        }
        for editie in EDITIES
    ]
    return render(
        request,
        "verslag/overzicht.html",
        {
            "sessie": sessie,
            "concept": is_concept(sessie),
            "publicatie": publicatie,
            "edities": edities,
            "trajecten": sessie.verslag_trajecten.all(),
            "bestanden": sessie.verslagbestanden.defer("inhoud")[:RECENT],
        },
    )


@login_required
@require_GET
@csp_override(VERSLAG_CSP)
def download(request: HttpRequest, slug: str, editie: str, formaat: str) -> HttpResponse:
    """One edition in one format; HTML opens in the browser (print view) unless ?download=1."""
    sessie = organiser_sessie(request, slug)
    if editie not in EDITIES or formaat not in FORMATEN:
        raise Http404
    verslag = bouw_verslag(sessie=sessie, editie=editie)
    naam = f"verslag-{sessie.slug}-{editie}"
    try:
        if formaat == "csv":
            dataset = request.GET.get("dataset", "ideeen")
            if dataset not in dataset_namen(verslag):
                raise Http404
            naam, data = f"{naam}-{dataset}", render_csv(verslag, dataset)
        else:
            data = FORMATEN[formaat].renderer(verslag)
    except RendererNietBeschikbaar as fout:
        messages.error(request, str(fout))
        return redirect("verslag:overzicht", slug=sessie.slug)
    response = HttpResponse(data, content_type=FORMATEN[formaat].content_type)
    if formaat != "html" or request.GET.get("download"):
        extensie = FORMATEN[formaat].extensie
        response["Content-Disposition"] = f'attachment; filename="{naam}.{extensie}"'
    add_never_cache_headers(response)  # what only organisers may see: never kept by a cache
    return response


@login_required
@require_POST
def aanvragen(request: HttpRequest, slug: str) -> HttpResponse:
    """Ask for a heavy format: a task makes the file, the file's page follows its progress."""
    sessie = organiser_sessie(request, slug)
    editie, formaat = request.POST.get("editie"), request.POST.get("formaat")
    if editie not in EDITIES or formaat not in ZWAAR:
        messages.error(request, _("Choose an edition and a format from the list."))
        return redirect("verslag:overzicht", slug=sessie.slug)
    bestand = Verslagbestand.objects.create(
        sessie=sessie, editie=editie, formaat=formaat, aangevraagd_door=request.user
    )
    maak_verslagbestand.enqueue(bestand_id=bestand.pk, taal=translation.get_language() or "nl")
    return redirect("verslag:bestand", slug=sessie.slug, pk=bestand.pk)


def _bestand(request: HttpRequest, slug: str, pk: int) -> Verslagbestand:
    """A report file of a session the logged-in user organises (without its bytes); 404
    otherwise."""
    sessie = organiser_sessie(request, slug)
    return get_object_or_404(
        sessie.verslagbestanden.defer("inhoud").select_related("sessie"), pk=pk
    )


@login_required
@require_GET
@vary_on_headers("HX-Request")
def bestand(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """A file's progress; htmx polls it (204 while the status it has is still the status)."""
    gevonden = _bestand(request, slug, pk)
    if request.htmx:
        if request.GET.get("status") == gevonden.status:
            return HttpResponse(status=204)
        return render(request, "verslag/bestand.html#voortgang", {"bestand": gevonden})
    context = {"bestand": gevonden, "sessie": gevonden.sessie}
    return render(request, "verslag/bestand.html", context)


@login_required
@require_GET
def bestand_download(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    gevonden = _bestand(request, slug, pk)
    if gevonden.status != Verslagbestand.Status.KLAAR:
        return redirect("verslag:bestand", slug=slug, pk=gevonden.pk)
    inhoud = Verslagbestand.objects.values_list("inhoud", flat=True).get(pk=gevonden.pk)
    response = HttpResponse(bytes(inhoud), content_type=FORMATEN[gevonden.formaat].content_type)
    response["Content-Disposition"] = f'attachment; filename="{gevonden.bestandsnaam}"'
    add_never_cache_headers(response)
    return response


@login_required
@require_POST
def publiceren(request: HttpRequest, slug: str) -> HttpResponse:
    sessie = organiser_sessie(request, slug)
    Publicatie.publiceer(sessie=sessie, door=request.user)
    messages.success(request, _("The public report is published on the session's page."))
    return redirect("verslag:overzicht", slug=sessie.slug)


def _nabericht_context(sessie) -> dict:
    """What the thank-you mail's status needs: counts, when it went, whether it may go."""
    return {
        "sessie": sessie,
        "aantal": nabericht.ontvangers(sessie).count(),
        "nog": nabericht.nog_te_sturen(sessie).count(),
        "verstuurd_op": nabericht.verstuurd_op(sessie),
        "mag_versturen": nabericht.mag_versturen(sessie),
    }


@login_required
@require_GET
def nabericht_pagina(request: HttpRequest, slug: str) -> HttpResponse:
    """The thank-you mail after the evening: who gets it, and the mail itself, before sending."""
    sessie = organiser_sessie(request, slug)
    context = _nabericht_context(sessie) | {
        "gekomen": nabericht.gekomen(sessie).count(),
        "voorbeeld": nabericht.voorbeeld(sessie),
        "gepubliceerd": Publicatie.is_gepubliceerd(sessie),
    }
    return render(request, "verslag/nabericht.html", context)


@login_required
@require_POST
@vary_on_headers("HX-Request")
def nabericht_versturen(request: HttpRequest, slug: str) -> HttpResponse:
    """Send it to everyone who has not had it yet; again is harmless (nobody gets it twice)."""
    sessie = organiser_sessie(request, slug)
    if not nabericht.mag_versturen(sessie):
        melding = _("The evening has not been held yet: send this mail after the evening.")
        if request.htmx:
            context = _nabericht_context(sessie) | {"fout": melding}
            return render(request, "verslag/nabericht.html#status", context, status=400)
        messages.error(request, melding)
        return redirect("verslag:nabericht", slug=sessie.slug)
    aantal = nabericht.versturen(sessie=sessie, door=request.user)
    if aantal:
        melding = ngettext(
            "The thank-you mail is being sent to %(aantal)s person.",
            "The thank-you mail is being sent to %(aantal)s people.",
            aantal,
        ) % {"aantal": aantal}
    else:
        melding = _("Everyone who came has had the thank-you mail already: nobody gets it twice.")
    if request.htmx:
        context = _nabericht_context(sessie) | {"gelukt": melding}
        return render(request, "verslag/nabericht.html#status", context)
    messages.success(request, melding)
    return redirect("verslag:nabericht", slug=sessie.slug)


@require_GET
@csp_override(VERSLAG_CSP)
def openbaar(request: HttpRequest, slug: str) -> HttpResponse:
    """The public edition as a web page, once an organiser has published it."""
    sessie = public_sessie(request, slug)
    if not Publicatie.is_gepubliceerd(sessie):
        raise Http404
    data = FORMATEN["html"].renderer(bouw_verslag(sessie=sessie, editie="openbaar"))
    return HttpResponse(data, content_type=FORMATEN["html"].content_type)


def _traject(request: HttpRequest, traject: str) -> Traject:
    """A series the logged-in user organises an evening of; 404 otherwise."""
    gevonden = get_object_or_404(Traject, slug=traject)
    if not gevonden.mag_bekijken(request.user):
        raise Http404
    return gevonden


@login_required
@require_GET
def reeks(request: HttpRequest, traject: str) -> HttpResponse:
    """The series report: every evening of one process side by side (print-ready)."""
    gevonden = _traject(request, traject)
    return render(
        request, "verslag/reeks.html", {"traject": gevonden, "reeks": bouw_reeks(gevonden)}
    )


@login_required
@require_GET
def reeks_xlsx(request: HttpRequest, traject: str) -> HttpResponse:
    gevonden = _traject(request, traject)
    response = HttpResponse(render_reeks_xlsx(bouw_reeks(gevonden)), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="reeks-{gevonden.slug}.xlsx"'
    add_never_cache_headers(response)
    return response
