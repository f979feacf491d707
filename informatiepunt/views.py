from __future__ import annotations

from collections.abc import Iterable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, F, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from informatiepunt.forms import (
    AntwoordForm,
    DubbelForm,
    InventarisFilter,
    ToewijzenForm,
    VraagForm,
    ZelfVraagForm,
)
from informatiepunt.models import Overgangsfout, Vraag, leg_vraag_vast
from informatiepunt.tasks import stuur_terugkoppeling
from informatiepunt.terugkoppeling import wachtende_askers
from sessie.access import Helper, helper, organiser_sessie, public_sessie
from sessie.export import organiser_export
from sessie.live import KANALEN, no_change, poll_url, unchanged
from sessie.models import Sessie, Toegang
from sessie.ratelimit import rate_limit, refuse

RECENT = 25
# The information point's lists show no dots: the wrap-up's hundreds leave them standing.
ZONDER_STIPPEN = "zonder_stippen"
PER_PAGINA = 50


def informatiepunt_helper(request: HttpRequest, slug: str) -> Helper:
    """An organiser or info-point staff (their link); 403 for anyone else."""
    return helper(request, slug, Toegang.Rol.INFORMATIEPUNT)


def _vraag(sessie: Sessie, pk: int) -> Vraag:
    return get_object_or_404(
        Vraag.objects.select_related("categorie", "dubbel_van", "goedgekeurd_door", "sessie"),
        pk=pk,
        sessie=sessie,
    )


def _recent(sessie: Sessie) -> list[Vraag]:
    return list(sessie.vragen.zichtbaar().select_related("categorie", "dubbel_van")[:RECENT])


@require_http_methods(["GET", "POST"])
@vary_on_headers("HX-Request")
def intake(request: HttpRequest, slug: str) -> HttpResponse:
    """Info-point staff take questions: Enter saves, the list below updates live."""
    sessie = informatiepunt_helper(request, slug).sessie
    if request.method == "GET" and unchanged(request, sessie, ZONDER_STIPPEN):
        return no_change()
    form = VraagForm(request.POST or None, sessie=sessie)
    if request.method == "POST":
        if form.is_valid():
            leg_vraag_vast(
                sessie=sessie,
                sleutel=form.cleaned_data["sleutel"],
                bron=Vraag.Bron.INFORMATIEPUNT,
                **form.velden(),
            )
            if not request.htmx:
                messages.success(request, _("Question saved."))
                return redirect("informatiepunt:intake", slug=slug)
            sessie.refresh_from_db(fields=["kernpunten_versie"])
        elif request.htmx:
            context = {"sessie": sessie, "form": form}
            return render(request, "informatiepunt/intake.html#formulier", context, status=400)
    context = {
        "sessie": sessie,
        "form": form,
        "vragen": _recent(sessie),
        "poll_url": poll_url(request.path, sessie=sessie, kanaal=ZONDER_STIPPEN),
    }
    if request.htmx:
        return render(request, "informatiepunt/intake.html#lijst", context)
    return render(
        request, "informatiepunt/intake.html", context, status=400 if form.errors else 200
    )


# A hall of 150 asks a question or two each over the evening; a script asks 100 in seconds.
@rate_limit("vraag-stellen", per_browser=10, per_address=300, per_address_minute=60)
@require_http_methods(["GET", "POST"])
def vraag_stellen(request: HttpRequest, slug: str) -> HttpResponse:
    """A visitor asks a question on their own phone (the QR at the information point)."""
    sessie = public_sessie(request, slug)
    form = ZelfVraagForm(request.POST or None, sessie=sessie)
    if request.method == "POST" and not refuse(request, form) and form.is_valid():
        leg_vraag_vast(
            sessie=sessie,
            sleutel=form.cleaned_data["sleutel"],
            bron=Vraag.Bron.ZELF,
            **form.velden(),
        )
        messages.success(request, _("Thank you! Your question has been received."))
        return redirect("informatiepunt:vraag_stellen", slug=slug)
    return render(
        request,
        "informatiepunt/vraag_stellen.html",
        {"sessie": sessie, "form": form},
        status=400 if form.errors else 200,
    )


@require_GET
@vary_on_headers("HX-Request")
def inventaris(request: HttpRequest, slug: str) -> HttpResponse:
    """All questions by topic and status, with counts and search; the list updates live."""
    wie = informatiepunt_helper(request, slug)
    sessie = wie.sessie
    if unchanged(request, sessie, ZONDER_STIPPEN):
        return no_change()
    filters = InventarisFilter(request.GET, sessie=sessie)
    context = {
        "sessie": sessie,
        "filters": filters,
        "is_organiser": wie.is_organiser,
        **_inventaris_inhoud(sessie=sessie, filters=filters, pagina=request.GET.get("pagina")),
    }
    if request.htmx:
        return render(request, "informatiepunt/inventaris.html#lijst", context)
    if context["is_organiser"]:
        context["wachtend"] = len(wachtende_askers(sessie))
    return render(request, "informatiepunt/inventaris.html", context)


def _inventaris_inhoud(*, sessie: Sessie, filters: InventarisFilter, pagina: str | None) -> dict:
    """Counts per topic and status (two aggregate queries) and one page of the filtered list."""
    zichtbaar = sessie.vragen.zichtbaar()
    per_status = dict(
        zichtbaar.order_by()
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    categorieen = sessie.vraagcategorieen.annotate(
        aantal=Count("vragen", filter=Q(vragen__verborgen=False))
    )
    vragen = filters.filter(sessie.vragen.all()).select_related("categorie", "dubbel_van")
    # Newest first; explicit, because GROUP BY queries ignore Meta.ordering.
    vragen = vragen.annotate(aantal_dubbel=Count("dubbelen")).order_by("-pk")
    page = Paginator(vragen, PER_PAGINA).get_page(pagina)
    query = filters.data.copy()
    query.pop("pagina", None)
    query["v"] = getattr(sessie, KANALEN[ZONDER_STIPPEN])
    return {
        "statussen": [
            (waarde, label, per_status.get(waarde, 0)) for waarde, label in Vraag.Status.choices
        ],
        "totaal": sum(per_status.values()),
        "categorieen": categorieen,
        "pagina": page,
        "poll_url": f"{reverse('informatiepunt:inventaris', kwargs={'slug': sessie.slug})}?"
        f"{query.urlencode()}&pagina={page.number}",
    }


def _vraag_context(sessie: Sessie, vraag: Vraag, actor, **forms) -> dict:
    is_organiser = not isinstance(actor, Toegang)
    return {
        "sessie": sessie,
        "vraag": vraag,
        "is_organiser": is_organiser,
        "dubbelen": list(vraag.dubbelen.all()),
        "log": list(vraag.log.select_related("door_gebruiker")),
        "dubbel_form": forms.get("dubbel_form") or DubbelForm(vraag=vraag),
        "toewijzen_form": forms.get("toewijzen_form")
        or ToewijzenForm(initial={"toegewezen_aan": vraag.toegewezen_aan}),
        "antwoord_form": forms.get("antwoord_form")
        or AntwoordForm(
            initial={"antwoord": vraag.antwoord, "openbare_tekst": vraag.publieke_vraag}
        ),
    }


@require_GET
def vraag(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    wie = informatiepunt_helper(request, slug)
    sessie, actor = wie.sessie, wie.actor
    vraag = _vraag(sessie, pk)
    return render(request, "informatiepunt/vraag.html", _vraag_context(sessie, vraag, actor))


def _organiser_vraag(request: HttpRequest, slug: str, pk: int) -> tuple[Sessie, Vraag]:
    sessie = organiser_sessie(request, slug)
    return sessie, _vraag(sessie, pk)


def _geweigerd(request: HttpRequest, sessie: Sessie, vraag: Vraag, actor, **forms) -> HttpResponse:
    """The question's page again (400), the refused form with its errors."""
    context = _vraag_context(sessie, vraag, actor, **forms)
    return render(request, "informatiepunt/vraag.html", context, status=400)


def _na_stap(request: HttpRequest, vraag: Vraag, stap, melding: str) -> HttpResponse:
    """Run one domain step; a refused step becomes a message instead of an error page."""
    try:
        stap()
    except Overgangsfout as fout:
        messages.error(request, str(fout))
    else:
        messages.success(request, melding)
    return redirect("informatiepunt:vraag", slug=vraag.sessie.slug, pk=vraag.pk)


@require_POST
def vraag_dubbel(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    wie = informatiepunt_helper(request, slug)
    sessie, actor = wie.sessie, wie.actor
    vraag = _vraag(sessie, pk)
    if "ongedaan" in request.POST:
        return _na_stap(
            request,
            vraag,
            lambda: vraag.maak_dubbel_ongedaan(actor=actor),
            _("The question is no longer marked as a duplicate."),
        )
    form = DubbelForm(request.POST, vraag=vraag)
    if not form.is_valid():
        return _geweigerd(request, sessie, vraag, actor, dubbel_form=form)
    origineel = form.cleaned_data["origineel"]
    return _na_stap(
        request,
        vraag,
        lambda: vraag.markeer_dubbel(van=origineel, actor=actor),
        _("Marked as a duplicate: the answer to question %(nummer)s reaches this asker too.")
        % {"nummer": origineel.origineel.pk},
    )


@require_POST
def vraag_verbergen(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    wie = informatiepunt_helper(request, slug)
    sessie, actor = wie.sessie, wie.actor
    vraag = _vraag(sessie, pk)
    verbergen = request.POST.get("verborgen") == "1"
    melding = _("The question is hidden.") if verbergen else _("The question is shown again.")
    return _na_stap(
        request, vraag, lambda: vraag.zet_verborgen(verborgen=verbergen, actor=actor), melding
    )


@login_required
@require_POST
def vraag_toewijzen(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    sessie, vraag = _organiser_vraag(request, slug, pk)
    form = ToewijzenForm(request.POST)
    if not form.is_valid():
        return _geweigerd(request, sessie, vraag, request.user, toewijzen_form=form)
    naam = form.cleaned_data["toegewezen_aan"]
    return _na_stap(
        request,
        vraag,
        lambda: vraag.neem_in_behandeling(actor=request.user, toegewezen_aan=naam),
        _("In progress, assigned to %(naam)s.") % {"naam": naam},
    )


@login_required
@require_POST
def vraag_beantwoorden(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    sessie, vraag = _organiser_vraag(request, slug, pk)
    form = AntwoordForm(request.POST)
    if not form.is_valid():
        return _geweigerd(request, sessie, vraag, request.user, antwoord_form=form)
    antwoord, openbaar = form.cleaned_data["antwoord"], form.cleaned_data["openbare_tekst"]
    return _na_stap(
        request,
        vraag,
        lambda: vraag.beantwoord(actor=request.user, antwoord=antwoord, openbare_tekst=openbaar),
        _("Answer approved. It is on the public answers page."),
    )


@login_required
@require_POST
def vraag_heropenen(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    _sessie, vraag = _organiser_vraag(request, slug, pk)
    return _na_stap(
        request,
        vraag,
        lambda: vraag.heropen(actor=request.user),
        _("The answer is back in progress: improve it and approve it again."),
    )


@login_required
@require_POST
def terugkoppelen(request: HttpRequest, slug: str) -> HttpResponse:
    """Send every waiting asker one e-mail with all their answers (a background task)."""
    sessie = organiser_sessie(request, slug)
    resultaat = stuur_terugkoppeling.enqueue(sessie_id=sessie.pk, gebruiker_id=request.user.pk)
    if resultaat.is_finished:
        messages.success(
            request, _("E-mails sent: %(aantal)s.") % {"aantal": resultaat.return_value}
        )
    else:
        messages.success(request, _("The answers are being sent in the background."))
    return redirect("informatiepunt:inventaris", slug=slug)


@require_GET
def antwoorden(request: HttpRequest, slug: str) -> HttpResponse:
    """The public answers page: questions and approved answers by topic, nobody's name."""
    sessie = public_sessie(request, slug)
    vragen = (
        sessie.vragen.gepubliceerd()
        .select_related("categorie")
        # Topics in their own order; questions without a topic last ("Other questions").
        .order_by(
            F("categorie__volgorde").asc(nulls_last=True), "categorie__naam", "goedgekeurd_op", "pk"
        )
    )
    return render(request, "informatiepunt/antwoorden.html", {"sessie": sessie, "vragen": vragen})


@require_GET
def qr_poster(request: HttpRequest, slug: str) -> HttpResponse:
    """A printable sheet for the info-point table: scan to ask your question."""
    sessie = informatiepunt_helper(request, slug).sessie
    url = request.build_absolute_uri(reverse("informatiepunt:vraag_stellen", args=[slug]))
    return render(request, "informatiepunt/qr.html", {"sessie": sessie, "vraag_url": url})


EXPORT_KOP = [
    gettext_lazy("Number"),
    gettext_lazy("Asked at"),
    gettext_lazy("Topic"),
    gettext_lazy("Question"),
    gettext_lazy("The asker is"),
    gettext_lazy("Asked via"),
    gettext_lazy("Status"),
    gettext_lazy("Duplicate of"),
    gettext_lazy("Hidden"),
    gettext_lazy("Assigned to"),
    gettext_lazy("Answer"),
    gettext_lazy("Approved by"),
    gettext_lazy("Approved at"),
    gettext_lazy("Name"),
    gettext_lazy("E-mail (with consent)"),
    gettext_lazy("Answer e-mailed at"),
]


@organiser_export("vragen", gettext_lazy("Questions"), EXPORT_KOP)
def export(request: HttpRequest, sessie: Sessie) -> Iterable[list]:
    """The inventory for the municipality; names and addresses only where the asker consented."""
    vragen = sessie.vragen.select_related("categorie", "goedgekeurd_door", "dubbel_van").order_by(
        "aangemaakt", "pk"
    )
    return (export_rij(vraag) for vraag in vragen)


def export_rij(vraag: Vraag) -> list:
    origineel = vraag.origineel
    return [
        vraag.pk,
        vraag.aangemaakt,
        str(vraag.categorie or ""),
        vraag.tekst,
        vraag.get_vraagsteller_display(),
        vraag.get_bron_display(),
        origineel.get_status_display(),
        origineel.pk if vraag.dubbel_van_id else "",
        vraag.verborgen,
        origineel.toegewezen_aan,
        origineel.antwoord,
        str(origineel.goedgekeurd_door or "") if not vraag.dubbel_van_id else "",
        origineel.goedgekeurd_op,
        # Who asked leaves the building only where the asker wanted an answer.
        vraag.naam if vraag.wil_antwoord else "",
        vraag.email if vraag.wil_antwoord else "",
        vraag.teruggekoppeld_op,
    ]
