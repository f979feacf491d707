"""The organiser's side of registration: the list, its numbers and exports, and access links."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from sessie import aanmelden as verbs
from sessie.access import organiser_sessie
from sessie.export import spreadsheet_response
from sessie.forms import AanmeldingFilter, ToegangForm
from sessie.models import Toegang, Werkgroep
from sessie.rollen import absolute

NIEUWE_LINKS = "wijkavond_nieuwe_links"
GRAFIEK_BREEDTE, GRAFIEK_HOOGTE = 600, 160


@login_required
@require_GET
def aanmeldingen(request: HttpRequest, slug: str) -> HttpResponse:
    sessie = organiser_sessie(request, slug)
    filters = AanmeldingFilter(request.GET, sessie=sessie)
    rijen = verbs.gefilterd(sessie, criteria=filters.criteria())
    context = {
        "sessie": sessie,
        "filters": filters,
        "rijen": rijen[:500],
        "aantal": rijen.count(),
        "tellingen": verbs.tellingen(sessie),
        "per_rol": verbs.per_rol(sessie),
        "per_tafel": verbs.per_tafelvoorkeur(sessie),
        "staven": verbs.per_dag(sessie, breedte=GRAFIEK_BREEDTE, hoogte=GRAFIEK_HOOGTE),
        "grafiek": {"breedte": GRAFIEK_BREEDTE, "hoogte": GRAFIEK_HOOGTE},
        "query": request.GET.urlencode(),
    }
    template = "sessie/aanmeldingen.html#lijst" if request.htmx else "sessie/aanmeldingen.html"
    return render(request, template, context)


EXPORT_KOP = [
    "naam",
    "e-mail",
    "telefoon",
    "wie",
    "organisatie",
    "buurt",
    "broodje",
    "dieet",
    "allergie",
    "thematafel 1",
    "thematafel 2",
    "werkgroepen",
    "contact na afloop",
    "netwerklijst",
    "inloop",
    "ingecheckt",
    "geannuleerd",
    "aangemeld",
]


def _export_rijen(rijen):
    werkgroepen = Prefetch("werkgroepen", queryset=Werkgroep.objects.only("naam"))
    for a in rijen.prefetch_related(werkgroepen).iterator(chunk_size=500):
        yield [
            a.naam,
            a.email,
            a.telefoon,
            a.rol,
            a.organisatie,
            a.buurt,
            a.get_broodje_display(),
            ", ".join(a.dieet_labels),
            a.allergie,
            str(a.voorkeur_1 or ""),
            str(a.voorkeur_2 or ""),
            ", ".join(w.naam for w in a.werkgroepen.all()),
            "ja" if a.toestemming_contact else "nee",
            "ja" if a.toestemming_netwerk else "nee",
            "ja" if a.inloop else "nee",
            a.ingecheckt.astimezone().strftime("%Y-%m-%d %H:%M") if a.ingecheckt else "",
            a.geannuleerd.astimezone().strftime("%Y-%m-%d %H:%M") if a.geannuleerd else "",
            a.aangemaakt.astimezone().strftime("%Y-%m-%d %H:%M"),
        ]


@login_required
@require_GET
def aanmeldingen_export(request: HttpRequest, slug: str, formaat: str) -> HttpResponse:
    sessie = organiser_sessie(request, slug)
    if formaat not in {"csv", "xlsx"}:
        raise Http404
    filters = AanmeldingFilter(request.GET, sessie=sessie)
    rijen = _export_rijen(verbs.gefilterd(sessie, criteria=filters.criteria()))
    return spreadsheet_response(
        formaat=formaat,
        bestandsnaam=f"aanmeldingen-{sessie.slug}",
        blad="Aanmeldingen",
        kop=EXPORT_KOP,
        rijen=rijen,
    )


def _toegang_context(request: HttpRequest, sessie, form: ToegangForm) -> dict:
    tokens = request.session.pop(NIEUWE_LINKS, {})
    toegangen = list(sessie.toegangen.select_related("tafel"))
    nieuw = [
        (t, absolute(reverse("sessie:toegang", kwargs={"token": tokens[str(t.pk)]})))
        for t in toegangen
        if str(t.pk) in tokens
    ]
    return {"sessie": sessie, "form": form, "toegangen": toegangen, "nieuw": nieuw}


def _onthoud_link(request: HttpRequest, toegang: Toegang, token: str) -> None:
    # Shown once, on the page this redirect lands on; the database keeps only the hash.
    request.session[NIEUWE_LINKS] = {str(toegang.pk): token}


@login_required
@require_GET
def toegangen(request: HttpRequest, slug: str) -> HttpResponse:
    sessie = organiser_sessie(request, slug)
    form = ToegangForm(sessie=sessie)
    return render(request, "sessie/toegangen.html", _toegang_context(request, sessie, form))


@login_required
@require_POST
def toegang_maken(request: HttpRequest, slug: str) -> HttpResponse:
    sessie = organiser_sessie(request, slug)
    form = ToegangForm(request.POST, sessie=sessie)
    if not form.is_valid():
        context = _toegang_context(request, sessie, form)
        return render(request, "sessie/toegangen.html", context, status=400)
    toegang, token = Toegang.uitgeven(sessie=sessie, **form.cleaned_data)
    _onthoud_link(request, toegang, token)
    messages.success(request, _("Link made. Print or send it now: it is shown only once."))
    return redirect("sessie:toegangen", slug=slug)


@login_required
@require_POST
def toegang_vernieuwen(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    sessie = organiser_sessie(request, slug)
    toegang = get_object_or_404(Toegang, sessie=sessie, pk=pk)
    _onthoud_link(request, toegang, toegang.vernieuw())
    messages.success(request, _("New link made. The old link no longer works."))
    return redirect("sessie:toegangen", slug=slug)


@login_required
@require_POST
def toegang_intrekken(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    sessie = organiser_sessie(request, slug)
    toegang = get_object_or_404(Toegang, sessie=sessie, pk=pk)
    toegang.trek_in()
    messages.success(request, _("The link no longer works."))
    return redirect("sessie:toegangen", slug=slug)
