from __future__ import annotations

import secrets
import uuid
from collections.abc import Iterable
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import replace_url

from sessie.access import organiser_sessie, public_sessie
from sessie.capture import nieuwe_sleutel
from sessie.export import organiser_export
from sessie.links import absolute
from sessie.live import in_zaalcheck, live_view, no_change, poll_url
from sessie.models import Sessie
from sessie.ratelimit import message, rate_limit, refuse
from thematafels import ideeen as domein
from thematafels import verwacht
from thematafels.access import tafel_toegang
from thematafels.forms import (
    BewerkForm,
    IdeeForm,
    OpkomstForm,
    RolnotitieForm,
    SamenvoegForm,
    StemForm,
)
from thematafels.models import BewerkConflict, Idee, Opkomst, Ronde, Stembiljet, Tafel

STEM_COOKIE = "wijkavond_stembiljet"


def _gekozen_ronde(request: HttpRequest, sessie: Sessie, rondes: list) -> object:
    gekozen = request.GET.get("ronde") or request.POST.get("ronde_nummer")
    for ronde in rondes:
        if str(ronde.nummer) == gekozen:
            return ronde
    return domein.huidige_ronde(sessie, rondes)


def _vastleg_context(
    request: HttpRequest,
    sessie: Sessie,
    tafel: Tafel,
    *,
    ronde=None,
    form: IdeeForm | None = None,
    ongedaan: Idee | None = None,
) -> dict:
    rondes = domein.rondes(sessie)
    prompts = domein.prompts(tafel.thematafel)
    ronde = ronde or _gekozen_ronde(request, sessie, rondes)
    huidige = domein.huidige_ronde(sessie, rondes)
    nu = sessie.nu()
    return {
        "sessie": sessie,
        "tafel": tafel,
        "thema": tafel.thematafel,
        "prompts": prompts,
        "rondes": rondes,
        "ronde": ronde,
        "huidige": huidige,
        "is_huidig": ronde is not None and ronde == huidige,
        "ronde_eind": domein.ronde_eind(sessie, ronde) if ronde else None,
        "nu": nu,
        "resterend": domein.ronde_eind(sessie, ronde) - nu if ronde else None,
        # Before the round: when it starts ("om 19.40, over 5 min"), not its time left.
        "ronde_start": sessie.op_tijd(ronde.start) if ronde else None,
        "tot_start": sessie.op_tijd(ronde.start) - nu if ronde else None,
        "overdracht": domein.overdracht(tafel=tafel, ronde=ronde, rondes=rondes) if ronde else None,
        **_lijst_context(sessie, tafel, ronde, ongedaan=ongedaan),
        "form": form or IdeeForm(prompts=prompts, rondes=rondes, initial={"ronde": ronde}),
        **_opkomst_context(sessie, tafel, ronde=ronde, rondes=rondes),
        **_rollen_context(sessie, tafel),
        "verwacht": verwacht.wie(tafel_id=tafel.pk, ronde_id=ronde.pk) if ronde else [],
    }


def _opkomst_context(
    sessie: Sessie, tafel: Tafel, *, ronde, rondes, form: OpkomstForm | None = None
) -> dict:
    """Just what the head count needs."""
    if form is None:
        opkomst = Opkomst.objects.filter(tafel=tafel, ronde=ronde).first() if ronde else None
        aantal = opkomst.aantal if opkomst else None
        form = OpkomstForm(rondes=rondes, initial={"ronde": ronde, "aantal": aantal})
    return {"sessie": sessie, "tafel": tafel, "ronde": ronde, "opkomst_form": form}


def _rollen_context(sessie: Sessie, tafel: Tafel, *, form: RolnotitieForm | None = None) -> dict:
    """Just what the role offers need."""
    return {
        "sessie": sessie,
        "tafel": tafel,
        "rol_form": form or RolnotitieForm(sessie_id=sessie.pk),
        "rolnotities": list(tafel.rolnotities.select_related("werkgroep")),
    }


def _lijst_context(sessie: Sessie, tafel: Tafel, ronde, *, ongedaan: Idee | None = None) -> dict:
    """Just what the list of ideas needs: a capture's answer stays cheap.

    The poll URL carries a mark of what the list shows (`ideeen.lijst_merk`): the next poll
    answers 204 while this table's ideas of this round look the same.
    """
    ideeen = (
        list(domein.tafellijst(tafel).filter(ronde=ronde).select_related("prompt")) if ronde else []
    )
    lijst = reverse(
        "thematafels:ideeen_lijst",
        kwargs={"slug": sessie.slug, "tafel_id": tafel.pk, "ronde": ronde.nummer if ronde else 0},
    )
    merk = domein.lijst_merk(sessie, map(domein.lijst_rij, ideeen))
    return {
        "sessie": sessie,
        "tafel": tafel,
        "ronde": ronde,
        "ideeen": ideeen,
        "ongedaan": ongedaan,
        "poll_url": f"{lijst}?{urlencode({'v': merk})}",
    }


def _terug_naar_tafel(sessie: Sessie, tafel: Tafel, ronde, **extra) -> HttpResponse:
    url = reverse("thematafels:vastleggen", kwargs={"slug": sessie.slug, "tafel_id": tafel.pk})
    params = "&".join(f"{k}={v}" for k, v in {"ronde": ronde.nummer, **extra}.items())
    return redirect(f"{url}?{params}")


@require_GET
@vary_on_headers("HX-Request")
def vastleggen(request: HttpRequest, slug: str, tafel_id: int) -> HttpResponse:
    """The table host's phone page: theme on top, one box to log what the table says."""
    sessie, tafel = tafel_toegang(request, slug, tafel_id)
    ongedaan = None
    gevraagd = request.GET.get("ongedaan", "")
    # ASCII digits only: str.isdigit() also takes "²", which int() refuses.
    if gevraagd.isascii() and gevraagd.isdigit() and int(gevraagd) < 2**63:
        ongedaan = Idee.objects.filter(pk=gevraagd, tafel=tafel, verwijderd__isnull=False).first()
    context = _vastleg_context(request, sessie, tafel, ongedaan=ongedaan)
    if not request.htmx:
        return render(request, "thematafels/vastleggen.html", context)
    # When the round's countdown runs out, the page asks for the round bar only: never the form.
    # Once the clock is in the next round (`?wissel=` the round shown), the page moves along:
    # the round's parts out of band, the box being typed in stays as it is.
    ronde = context["ronde"]
    if ronde is None or request.GET.get("wissel") in (None, str(ronde.nummer)):
        return render(request, "thematafels/vastleggen.html#balk", context)
    response = render(request, "thematafels/vastleggen.html#wissel", context)
    return replace_url(response, f"{request.path}?ronde={ronde.nummer}")


@require_GET
@vary_on_headers("HX-Request")
def ideeen_lijst(request: HttpRequest, slug: str, tafel_id: int, ronde: int) -> HttpResponse:
    """The capture page's list, polled every 5 s: another phone at this table may add ideas.

    204 while this table's ideas of this round look as the poll's mark says (a capture at
    another table or the hall's dots leave it standing); never the capture form.
    """
    sessie, tafel = tafel_toegang(request, slug, tafel_id)
    merk = request.GET.get("v") if request.htmx else None
    if merk and merk == domein.tafellijst_merk(sessie, tafel, ronde):
        return no_change()  # (a round that is not there has no mark: 404 below)
    ronde_obj = get_object_or_404(Ronde, sessie=sessie, nummer=ronde)
    if not request.htmx:
        return _terug_naar_tafel(sessie, tafel, ronde_obj)
    context = _lijst_context(sessie, tafel, ronde_obj) | {"oob": True}
    return render(request, "thematafels/vastleggen.html#lijst", context)


@require_POST
@vary_on_headers("HX-Request")
def idee_toevoegen(request: HttpRequest, slug: str, tafel_id: int) -> HttpResponse:
    sessie, tafel = tafel_toegang(request, slug, tafel_id)
    form = IdeeForm(
        request.POST,
        prompts=domein.prompts(tafel.thematafel),
        rondes=domein.rondes(sessie),
    )
    if not form.is_valid():
        context = _vastleg_context(
            request, sessie, tafel, ronde=form.cleaned_data.get("ronde"), form=form
        )
        template = "thematafels/vastleggen.html"
        return render(
            request, template + "#fouten" if request.htmx else template, context, status=400
        )
    data = form.cleaned_data
    idee, _nieuw = domein.leg_idee_vast(
        tafel=tafel,
        ronde=data["ronde"],
        sleutel=data["sleutel"],
        tekst=data["tekst"],
        soort=data["soort"],
        prompt=data["prompt"],
    )
    if request.htmx:
        # Only the new idea (and the count): the answer costs the same however long the list is.
        aantal = domein.aantal_ideeen(tafel, data["ronde"])
        context = {"sessie": sessie, "tafel": tafel, "ronde": data["ronde"], "idee": idee}
        return render(request, "thematafels/vastleggen.html#nieuw", context | {"aantal": aantal})
    return _terug_naar_tafel(sessie, tafel, data["ronde"])


def _eigen_idee(request: HttpRequest, slug: str, tafel_id: int, pk: int):
    sessie, tafel = tafel_toegang(request, slug, tafel_id)
    idee = get_object_or_404(Idee.objects.select_related("ronde"), pk=pk, tafel=tafel)
    return sessie, tafel, idee


def _lijst_of_terug(request, sessie, tafel, idee, *, ongedaan=None) -> HttpResponse:
    if request.htmx:
        context = _lijst_context(sessie, tafel, idee.ronde, ongedaan=ongedaan)
        return render(request, "thematafels/vastleggen.html#ideeen", context)
    extra = {"ongedaan": ongedaan.pk} if ongedaan else {}
    return _terug_naar_tafel(sessie, tafel, idee.ronde, **extra)


@require_POST
@vary_on_headers("HX-Request")
def idee_kernpunt(request: HttpRequest, slug: str, tafel_id: int, pk: int) -> HttpResponse:
    sessie, tafel, idee = _eigen_idee(request, slug, tafel_id, pk)
    domein.maak_kernpunt(idee=idee, kernpunt=request.POST.get("kernpunt") == "1")
    return _lijst_of_terug(request, sessie, tafel, idee)


@require_POST
@vary_on_headers("HX-Request")
def idee_verwijderen(request: HttpRequest, slug: str, tafel_id: int, pk: int) -> HttpResponse:
    sessie, tafel, idee = _eigen_idee(request, slug, tafel_id, pk)
    idee.verwijder()
    return _lijst_of_terug(request, sessie, tafel, idee, ongedaan=idee)


@require_POST
@vary_on_headers("HX-Request")
def idee_herstellen(request: HttpRequest, slug: str, tafel_id: int, pk: int) -> HttpResponse:
    sessie, tafel, idee = _eigen_idee(request, slug, tafel_id, pk)
    idee.herstel()
    return _lijst_of_terug(request, sessie, tafel, idee)


@require_http_methods(["GET", "POST"])
def idee_bewerken(request: HttpRequest, slug: str, tafel_id: int, pk: int) -> HttpResponse:
    """Edit on its own page; an edit made on an older version is refused with a clear message."""
    sessie, tafel, idee = _eigen_idee(request, slug, tafel_id, pk)
    naar_afronding = request.GET.get("terug") == "afronding"
    prompts = domein.prompts(tafel.thematafel)
    if request.method == "GET":
        initial = {"tekst": idee.tekst, "soort": idee.soort, "prompt": idee.prompt_id}
        form = BewerkForm(prompts=prompts, initial=initial | {"versie": idee.versie})
        return render(request, "thematafels/bewerken.html", _bewerk_context(idee, form))
    form = BewerkForm(request.POST, prompts=prompts)
    if not form.is_valid():
        return render(request, "thematafels/bewerken.html", _bewerk_context(idee, form), status=400)
    try:
        idee.bewerk(**form.cleaned_data)
    except BewerkConflict:
        idee.refresh_from_db()
        # Keep what this person typed, but on top of the newest version: saving again is a choice.
        data = request.POST.copy()
        data["versie"] = idee.versie
        form = BewerkForm(data, prompts=prompts)
        form.is_valid()
        context = _bewerk_context(idee, form) | {"conflict": True}
        return render(request, "thematafels/bewerken.html", context, status=409)
    if naar_afronding:
        return redirect("thematafels:afronding", slug=sessie.slug)
    return _terug_naar_tafel(sessie, tafel, idee.ronde)


def _bewerk_context(idee: Idee, form: BewerkForm) -> dict:
    return {"sessie": idee.sessie, "tafel": idee.tafel, "idee": idee, "form": form}


@require_POST
@vary_on_headers("HX-Request")
def opkomst(request: HttpRequest, slug: str, tafel_id: int) -> HttpResponse:
    sessie, tafel = tafel_toegang(request, slug, tafel_id)
    rondes = domein.rondes(sessie)
    form = OpkomstForm(request.POST, rondes=rondes)
    if not form.is_valid():
        if request.htmx:
            ronde = form.cleaned_data.get("ronde")
            context = _opkomst_context(sessie, tafel, ronde=ronde, rondes=rondes, form=form)
            return render(request, "thematafels/vastleggen.html#opkomst", context, status=400)
        context = _vastleg_context(request, sessie, tafel) | {"opkomst_form": form}
        return render(request, "thematafels/vastleggen.html", context, status=400)
    ronde = form.cleaned_data["ronde"]
    Opkomst.zet(tafel=tafel, ronde=ronde, aantal=form.cleaned_data["aantal"])
    if request.htmx:
        context = _opkomst_context(sessie, tafel, ronde=ronde, rondes=rondes)
        return render(
            request, "thematafels/vastleggen.html#opkomst", context | {"opgeslagen": True}
        )
    return _terug_naar_tafel(sessie, tafel, ronde)


@require_POST
@vary_on_headers("HX-Request")
def rolnotitie(request: HttpRequest, slug: str, tafel_id: int) -> HttpResponse:
    """A name of someone willing to take a role, kept only with their consent."""
    sessie, tafel = tafel_toegang(request, slug, tafel_id)
    form = RolnotitieForm(request.POST, sessie_id=sessie.pk)
    if not form.is_valid():
        if request.htmx:
            context = _rollen_context(sessie, tafel, form=form)
            return render(request, "thematafels/vastleggen.html#rollen", context, status=400)
        context = _vastleg_context(request, sessie, tafel) | {"rol_form": form}
        return render(request, "thematafels/vastleggen.html", context, status=400)
    data = form.cleaned_data
    domein.noteer_rol(
        tafel=tafel,
        sleutel=data["sleutel"],
        naam=data["naam"],
        rol=data["rol"],
        email=data["email"],
        telefoon=data["telefoon"],
        werkgroep=data.get("werkgroep"),
    )
    if request.htmx:
        return render(request, "thematafels/vastleggen.html#rollen", _rollen_context(sessie, tafel))
    return redirect("thematafels:vastleggen", slug=sessie.slug, tafel_id=tafel.pk)


@in_zaalcheck
@require_GET
@vary_on_headers("HX-Request")
def wand(request: HttpRequest, slug: str) -> HttpResponse:
    """The projector wall: one column per theme, polled every 2 s (a new idea shows within 3 s),
    204 when nothing changed."""

    def context() -> dict:
        sessie = public_sessie(request, slug)
        rondes = list(sessie.rondes.all())
        # In a round the newest idea keeps its place on a full column (the host sees it land);
        # before, between and after the rounds the key points come first. The wall changes
        # when a round starts or ends, whatever else does.
        loopt, wissel = domein.ronde_loopt(sessie, rondes)
        return {
            "sessie": sessie,
            "rondes": rondes,
            "kolommen": domein.wand(sessie, rondes),
            "kernpunten_eerst": not loopt,
            "wissel": wissel,
            "poll_url": poll_url(request.path, sessie=sessie, tot=wissel),
            "stem_url": absolute(reverse("thematafels:stemmen", args=[slug])),
        }

    return live_view(request, slug, "thematafels/wand.html", "wand", context)


@login_required
@require_GET
def afronding(request: HttpRequest, slug: str) -> HttpResponse:
    """The wrap-up the discussion leaders present from; organisers tidy it first."""
    sessie = organiser_sessie(request, slug)
    kolommen = domein.afronding(sessie)
    for kolom in kolommen:
        keuzes = [(k.pk, k.tekst[:80]) for k in kolom.kernpunten]
        for kernpunt in kolom.kernpunten:
            kernpunt.samenvoeg_form = SamenvoegForm(
                keuzes=[k for k in keuzes if k[0] != kernpunt.pk], auto_id=f"id_{kernpunt.pk}_%s"
            )
    # Just merged: say so, with the undo button (its own URL).
    samengevoegd = None
    nummer = request.GET.get("samengevoegd", "")
    if nummer.isascii() and nummer.isdigit() and len(nummer) < 19:
        samengevoegd = (
            Idee.objects.filter(sessie=sessie, pk=nummer, samengevoegd_in__isnull=False)
            .select_related("samengevoegd_in")
            .first()
        )
    context = {
        "sessie": sessie,
        "kolommen": kolommen,
        "samengevoegd": samengevoegd,
        # Presenting: the dark screen of the hall, without editing and without names.
        "presenteren": bool(request.GET.get("presenteren")),
    }
    return render(request, "thematafels/afronding.html", context)


EXPORT_KOP = [
    gettext_lazy("Theme"),
    gettext_lazy("Table"),
    gettext_lazy("Round"),
    gettext_lazy("Kind"),
    gettext_lazy("Think of"),
    gettext_lazy("Text"),
    gettext_lazy("Key point"),
    gettext_lazy("Dots"),
    gettext_lazy("Merged into"),
]


@organiser_export("ideeen", gettext_lazy("Ideas"), EXPORT_KOP)
def ideeen_export(request: HttpRequest, sessie: Sessie) -> Iterable[list]:
    """All ideas as a spreadsheet for the follow-up report; user text never runs as a formula."""
    return domein.export_rijen(sessie)


ROLLEN_KOP = [
    gettext_lazy("Theme"),
    gettext_lazy("Table"),
    gettext_lazy("Name"),
    gettext_lazy("E-mail"),
    gettext_lazy("Phone"),
    gettext_lazy("Role"),
    gettext_lazy("Workgroup"),
    gettext_lazy("Noted at"),
]


@organiser_export("rollen", gettext_lazy("Role offers"), ROLLEN_KOP)
def rollen_export(request: HttpRequest, sessie: Sessie) -> Iterable[list]:
    """Role offers for the organisers' follow-up: names, so a file apart from the ideas."""
    return domein.rol_rijen(sessie)


def _organiser_idee(request: HttpRequest, slug: str, pk: int) -> Idee:
    sessie = organiser_sessie(request, slug)
    return get_object_or_404(Idee.objects.select_related("tafel"), pk=pk, sessie=sessie)


@login_required
@require_POST
def afronding_verplaats(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    idee = _organiser_idee(request, slug, pk)
    domein.verplaats(idee=idee, omhoog=request.POST.get("richting") == "omhoog")
    return redirect(reverse("thematafels:afronding", args=[slug]) + f"#idee-{idee.pk}")


@login_required
@require_POST
def afronding_kernpunt(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    idee = _organiser_idee(request, slug, pk)
    domein.maak_kernpunt(idee=idee, kernpunt=request.POST.get("kernpunt") == "1")
    return redirect(reverse("thematafels:afronding", args=[slug]) + f"#idee-{idee.pk}")


@login_required
@require_POST
def afronding_samenvoegen(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Merge a duplicate key point into another: first a confirmation, then the merge, with an
    undo button on the wrap-up."""
    idee = _organiser_idee(request, slug, pk)
    doelen = Idee.objects.zichtbaar().filter(
        kernpunt=True, tafel__thematafel_id=idee.tafel.thematafel_id
    )
    form = SamenvoegForm(request.POST, keuzes=[(d.pk, d.tekst) for d in doelen if d.pk != idee.pk])
    if not form.is_valid():
        return redirect("thematafels:afronding", slug=slug)
    in_idee = doelen.get(pk=form.cleaned_data["in_idee"])
    if request.POST.get("bevestigd") != "1":
        context = {"sessie": idee.sessie, "idee": idee, "in_idee": in_idee}
        return render(request, "thematafels/samenvoegen.html", context)
    domein.voeg_samen(idee=idee, in_idee=in_idee)
    terug = reverse("thematafels:afronding", args=[slug])
    return redirect(f"{terug}?samengevoegd={idee.pk}#samengevoegd")


@login_required
@require_POST
def afronding_ontvlechten(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Undo a merge: the idea is back on its own, with its dots."""
    idee = _organiser_idee(request, slug, pk)
    domein.maak_samenvoegen_ongedaan(idee=idee)
    messages.success(request, _("The merge is undone."))
    return redirect(reverse("thematafels:afronding", args=[slug]) + f"#idee-{idee.pk}")


def _biljet_sleutel(request: HttpRequest) -> tuple[uuid.UUID, bool]:
    """This device's ballot key, from its cookie, and whether it is new (a first visit)."""
    try:
        return uuid.UUID(request.COOKIES.get(STEM_COOKIE, "")), False
    except ValueError:
        return nieuwe_sleutel(), True


def _stem_context(
    sessie: Sessie,
    biljet_sleutel: uuid.UUID,
    kolommen: list[domein.Kolom],
    mijn: dict[int, int] | None = None,
    *,
    fout: str = "",
) -> dict:
    if mijn is None:
        mijn = domein.mijn_stippen(sessie=sessie, biljet_sleutel=biljet_sleutel)
    for kolom in kolommen:
        for idee in kolom.kernpunten:
            idee.mijn_stippen = mijn.get(idee.pk, 0)
    return {
        "sessie": sessie,
        "kolommen": kolommen,
        "over": Stembiljet.MAX_STIPPEN - sum(mijn.values()),
        "max": Stembiljet.MAX_STIPPEN,
        "sleutel": nieuwe_sleutel(),
        "fout": fout,
    }


# The holes in a kept first-visit page (`_eerste_bezoek`): never a token or a key of anyone's.
_GATEN = {
    "csrf": "csrfgat" + secrets.token_hex(16),
    "sleutel": "sleutelgat" + secrets.token_hex(16),
}


def _eerste_bezoek(
    request: HttpRequest, sessie: Sessie, kolommen: list[domein.Kolom]
) -> str | None:
    """The vote page for a phone's first visit, from this process's memory; None when this
    visit must have a page of its own.

    The whole hall opens it in the wrap-up's first seconds, and for every anonymous phone
    without dots or messages it is the same page but for two things: its CSRF token and the
    first dot's key. So it is rendered once per process and language while the key points, the
    session's title and language and the rehearsal clock's minute stand, with those two as holes
    that each visit fills with its own. (The theme's name and colours it shows may lag a theme
    change by a minute, as every page's do: `actieve_stijl`.)"""
    if request.GET or request.user.is_authenticated or len(messages.get_messages(request)):
        return None
    klok = timezone.localtime(sessie.nu()).strftime("%H.%M") if sessie.oefenklok_actief else ""
    stand = (sessie.kernpunten_versie, sessie.titel, sessie.taal, klok)

    def maak() -> tuple[str, str, str]:
        # The holes go with the page: a cache shared between processes still fills them.
        gat_csrf, gat_sleutel = _GATEN["csrf"], _GATEN["sleutel"]
        context = _stem_context(sessie, uuid.UUID(int=0), kolommen, {})
        context |= {"sleutel": gat_sleutel, "csrf_token": gat_csrf}
        html = render(request, "thematafels/stemmen.html", context).content.decode()
        return html, gat_csrf, gat_sleutel

    key = f"stempagina:{sessie.pk}:{get_language()}"
    (pagina, gat_csrf, gat_sleutel), _uit_geheugen = domein.bewaard(key, stand, maak, timeout=60)
    return pagina.replace(gat_csrf, get_token(request)).replace(gat_sleutel, str(nieuwe_sleutel()))


def _met_cookie(response: HttpResponse, sleutel: uuid.UUID) -> HttpResponse:
    response.set_cookie(
        STEM_COOKIE,
        str(sleutel),
        max_age=60 * 60 * 24 * 2,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    return response


@require_http_methods(["GET", "POST"])
# The whole hall votes within minutes: 150 phones × 3 dots and a few changes of mind.
# The rate limit counts inside the dot's transaction: on SQLite one turn in the writers' line
# per dot instead of two (wijkavond/sqlite), in the two minutes the whole hall votes.
@rate_limit(
    "stemmen", per_browser=120, per_address=5000, per_address_minute=600, count_in_view=True
)
@vary_on_headers("HX-Request")
def stemmen(request: HttpRequest, slug: str) -> HttpResponse:
    """Dot voting on the wrap-up items: three dots per device, anonymous."""
    sessie = public_sessie(request, slug)
    biljet_sleutel, nieuw = _biljet_sleutel(request)
    kolommen = domein.stemitems(sessie)
    # A first visit has no dots yet: the hall opens the page at the wrap-up's start, all at once.
    fout, mijn = "", {} if nieuw and request.method == "GET" else None
    if request.method == "POST":
        kernpunten = {idee.pk: idee for kolom in kolommen for idee in kolom.kernpunten}
        form = StemForm(request.POST, kernpunten=kernpunten)
        geldig = form.is_valid()
        with transaction.atomic():
            try:
                if refuse(request):
                    raise domein.StemFout(message())
                if not geldig:
                    raise domein.StemFout(form.eerste_fout())
                mijn = domein.zet_stip(
                    sessie=sessie, biljet_sleutel=biljet_sleutel, **form.cleaned_data
                )
            except domein.StemFout as e:  # the count stays; what zet_stip began does not
                fout = str(e)
        if not fout and not request.htmx:
            return _met_cookie(redirect("thematafels:stemmen", slug=slug), biljet_sleutel)
    template = "thematafels/stemmen.html"
    if request.htmx and request.method == "POST":
        template += "#stemlijst"
    elif (
        request.method == "GET"
        and mijn == {}  # a first visit: no ballot cookie yet
        and (pagina := _eerste_bezoek(request, sessie, kolommen)) is not None
    ):
        return _met_cookie(HttpResponse(pagina), biljet_sleutel)
    context = _stem_context(sessie, biljet_sleutel, kolommen, mijn, fout=fout)
    response = render(request, template, context, status=400 if fout else 200)
    return _met_cookie(response, biljet_sleutel)
