from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from sessie.access import organiser_sessie, public_sessie, remember_toegang
from sessie.forms import OefenklokForm
from sessie.models import Sessie, Toegang
from sessie.rollen import newcomer_map

# Where a volunteer lands after opening their link. Each app adds its page here.
LANDING = {
    Toegang.Rol.TAFELHOST: "thematafels:vastleggen",
    Toegang.Rol.INFORMATIEPUNT: "informatiepunt:intake",
    Toegang.Rol.DEUR: "sessie:deur",
}


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    vandaag = timezone.localdate()
    openbaar = Sessie.objects.exclude(status=Sessie.Status.CONCEPT)
    return render(
        request,
        "sessie/home.html",
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
        "sessie/detail.html",
        {
            "sessie": sessie,
            "programma": list(sessie.programma.all()),
            "thematafels": sessie.thematafels.prefetch_related("prompts"),
            "categorieen": sessie.vraagcategorieen.all(),
        },
    )


@require_GET
def toegang_openen(request: HttpRequest, token: str) -> HttpResponse:
    """A volunteer's link: remember the grant in this browser and go to the job."""
    toegang = Toegang.vind(token)
    if toegang is None:
        return render(request, "sessie/toegang_ongeldig.html", status=404)
    try:
        kwargs = {"slug": toegang.sessie.slug}
        if toegang.tafel_id:
            kwargs["tafel"] = toegang.tafel_id
        response = redirect(reverse(LANDING[toegang.rol], kwargs=kwargs))
    except NoReverseMatch:
        response = redirect(toegang.sessie)
    remember_toegang(request, response, toegang)
    return response


@login_required
@require_GET
def organiser_home(request: HttpRequest) -> HttpResponse:
    sessies = Sessie.objects.all()
    if not request.user.is_superuser:
        sessies = sessies.filter(Q(organisatoren=request.user))
    return render(request, "sessie/organiser_home.html", {"sessies": sessies.distinct()})


@login_required
@require_GET
def organiser_sessie_view(request: HttpRequest, slug: str) -> HttpResponse:
    sessie = organiser_sessie(request, slug)
    form = OefenklokForm(initial={"tijd": sessie.nu().astimezone().time().replace(second=0)})
    return render(
        request,
        "sessie/organiser_sessie.html",
        {"sessie": sessie, "klok_form": form, "kaart": newcomer_map(sessie, tokens={})},
    )


@login_required
@require_POST
def oefenklok(request: HttpRequest, slug: str) -> HttpResponse:
    sessie = organiser_sessie(request, slug)
    if "echt" in request.POST:
        sessie.zet_oefenklok(moment=None)
        messages.success(request, _("The session clock follows the real clock again."))
        return redirect("sessie:organiser_sessie", slug=slug)
    form = OefenklokForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "sessie/organiser_sessie.html",
            {"sessie": sessie, "klok_form": form, "kaart": newcomer_map(sessie, tokens={})},
            status=400,
        )
    sessie.zet_oefenklok(moment=form.moment(sessie))
    messages.success(
        request,
        _("Rehearsal clock set: the session now runs as if it were %(tijd)s.")
        % {"tijd": form.cleaned_data["tijd"].strftime("%H.%M")},
    )
    return redirect("sessie:organiser_sessie", slug=slug)
