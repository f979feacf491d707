"""Registration's pages: signing up without an account, the personal page behind the link in
the e-mail, the door (check in, walk-ins), the caterer's list, and the organiser's list."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterable
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from aanmelden import aanmeldingen as verbs
from aanmelden import indeling, mail
from aanmelden import werkgroepen as wg
from aanmelden.forms import (
    AanmeldForm,
    AanmeldingFilter,
    AanmeldingVelden,
    InloopForm,
    PlanMakenForm,
    VerplaatsForm,
    WerkgroepAanmeldForm,
    WerkgroepberichtForm,
    WerkgroepForm,
)
from aanmelden.models import Aanmelding, Tafelplan
from aanmelden.privacy import alle_gegevens
from aanmelden.vcard import vcards
from sessie.access import helper, organiser_sessie, public_sessie
from sessie.export import organiser_export, spreadsheet_response
from sessie.links import absolute
from sessie.live import no_change, poll_unchanged, poll_url, unchanged
from sessie.models import Sessie, Toegang, Werkgroep
from sessie.qr import qr_svg
from sessie.ratelimit import rate_limit, refuse


class LinkOnbekend(Http404):
    """A personal link that leads nowhere (guessed, old, or its registration deleted)."""


def _persoonlijk(token: str) -> Aanmelding:
    """The registration behind a personal link; `LinkOnbekend` for anything else."""
    aanmelding = Aanmelding.vind(token)
    if aanmelding is None:
        raise LinkOnbekend
    return aanmelding


def persoonlijke_link[**P](view: Callable[P, HttpResponse]) -> Callable[P, HttpResponse]:
    """A dead personal link gets a page that says what to do, in the site's layout, as a 404:
    also in production, where Django's own 404 knows nothing of links."""

    @functools.wraps(view)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> HttpResponse:
        try:
            return view(*args, **kwargs)
        except LinkOnbekend:
            request = args[0]
            return _prive(render(request, "aanmelden/link_onbekend.html", status=404))

    return wrapper


def _prive(response: HttpResponse) -> HttpResponse:
    # Personal data behind a link: never in a shared cache or the browser's back-forward cache.
    add_never_cache_headers(response)
    return response


@require_http_methods(["GET", "POST"])
@rate_limit(
    "aanmelden",
    per_browser=settings.AANMELDEN_PER_BROWSER,
    per_address=settings.AANMELDEN_PER_IP,
    per_address_minute=settings.AANMELDEN_PER_IP_PER_MINUTE,
)
def aanmelden(request: HttpRequest, slug: str) -> HttpResponse:
    sessie = public_sessie(request, slug)
    if sessie.status != sessie.Status.GEPUBLICEERD:
        return render(request, "aanmelden/aanmelden_gesloten.html", {"sessie": sessie})
    form = AanmeldForm(request.POST or None, sessie=sessie)
    if request.method == "POST" and not refuse(request, form) and form.is_valid():
        verbs.aanmelden(
            sessie=sessie,
            sleutel=form.cleaned_data["sleutel"],
            gegevens=form.gegevens(),
            broodje=form.cleaned_data["broodje"],
            werkgroepen=list(form.cleaned_data["werkgroepen"]),
        )
        return redirect("aanmelden:aanmelden_bedankt", slug=sessie.slug)
    context = {
        "sessie": sessie,
        "form": form,
        "broodjes_open": verbs.broodjes_open(sessie),
        "broodjes_beschikbaar": verbs.broodjes_beschikbaar(sessie),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "aanmelden/aanmelden.html", context, status=status)


@require_GET
def aanmelden_bedankt(request: HttpRequest, slug: str) -> HttpResponse:
    """After signing up: what happens next, the personal link explained, the calendar file."""
    sessie = public_sessie(request, slug)
    start, eind = mail.tijden(sessie)
    context = {"sessie": sessie, "start": start, "eind": eind}
    return render(request, "aanmelden/aanmelden_bedankt.html", context)


@require_GET
def agenda(request: HttpRequest, slug: str) -> HttpResponse:
    """The evening as a calendar file (the same as the confirmation's attachment)."""
    sessie = public_sessie(request, slug)
    inhoud = mail.ics(
        sessie,
        uid=f"sessie-{sessie.pk}@wijkavond",
        url=absolute(sessie.get_absolute_url()),
    )
    response = HttpResponse(inhoud, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{sessie.slug}.ics"'
    return response


@require_GET
@persoonlijke_link
def mijn(request: HttpRequest, token: str) -> HttpResponse:
    aanmelding = _persoonlijk(token)
    form = AanmeldingVelden(
        initial=AanmeldingVelden.initial_van(aanmelding), sessie=aanmelding.sessie
    )
    return _prive(render(request, "aanmelden/mijn.html", _mijn_context(aanmelding, token, form)))


@require_POST
@persoonlijke_link
def mijn_wijzigen(request: HttpRequest, token: str) -> HttpResponse:
    aanmelding = _persoonlijk(token)
    form = AanmeldingVelden(request.POST, sessie=aanmelding.sessie, aanmelding=aanmelding)
    if not form.is_valid():
        context = _mijn_context(aanmelding, token, form)
        return _prive(render(request, "aanmelden/mijn.html", context, status=400))
    wacht = verbs.wijzigen(
        aanmelding=aanmelding,
        gegevens=form.gegevens(),
        broodje=form.cleaned_data["broodje"],
        werkgroepen=list(form.cleaned_data["werkgroepen"]),
    )
    messages.success(request, _("Your changes are saved."))
    if wacht:
        messages.info(
            request,
            _(
                "Check %(nieuw)s: we use that address once you click the link we sent there. "
                "Until then we keep mailing %(oud)s."
            )
            % {"nieuw": aanmelding.nieuw_email, "oud": aanmelding.email},
        )
    return redirect("aanmelden:mijn", token=token)


@require_http_methods(["GET", "POST"])
def email_bevestigen(request: HttpRequest, bevestiging: str) -> HttpResponse:
    """The link mailed to a changed address. Opening it only asks; the button confirms, since
    mail scanners open links but never press buttons."""
    aanmelding = Aanmelding.vind_email_bevestiging(bevestiging)
    if aanmelding is None:
        context = {"verlopen": True}
        return _prive(render(request, "aanmelden/email_bevestigen.html", context, status=404))
    context = {"aanmelding": aanmelding, "sessie": aanmelding.sessie, "bevestiging": bevestiging}
    if request.method == "POST":
        try:
            verbs.bevestig_email(aanmelding=aanmelding)
        except verbs.EmailBezet:
            context["bezet"] = True
            return _prive(render(request, "aanmelden/email_bevestigen.html", context, status=409))
        context["bevestigd"] = True
    return _prive(render(request, "aanmelden/email_bevestigen.html", context))


@require_POST
@persoonlijke_link
def mijn_annuleren(request: HttpRequest, token: str) -> HttpResponse:
    aanmelding = _persoonlijk(token)
    if "terug" in request.POST:
        verbs.heraanmelden(aanmelding=aanmelding, broodje=request.POST.get("broodje") == "on")
        messages.success(request, _("Welcome back: you are signed up again."))
        if aanmelding.broodje == Aanmelding.Broodje.JA:
            messages.success(request, _("There is a sandwich for you again."))
        elif aanmelding.broodje == Aanmelding.Broodje.WACHTLIJST:
            messages.info(request, _("You are on the waiting list for a sandwich."))
    elif aanmelding.is_actief:
        verbs.annuleren(aanmelding=aanmelding)
        messages.success(request, _("You have cancelled. Thank you for letting us know."))
    return redirect("aanmelden:mijn", token=token)


@require_http_methods(["GET", "POST"])
@persoonlijke_link
def mijn_nieuwe_link(request: HttpRequest, token: str) -> HttpResponse:
    """The person asks for it: this link dies, a new one goes to their address only (whoever
    holds this browser, a forwarded mail perhaps, does not get it)."""
    aanmelding = _persoonlijk(token)
    if not aanmelding.email:  # nowhere to send a new one: keep this link
        return redirect("aanmelden:mijn", token=token)
    if request.method == "GET":
        context = {"aanmelding": aanmelding, "token": token}
        return _prive(render(request, "aanmelden/mijn_nieuwe_link.html", context))
    verbs.nieuwe_link(aanmelding=aanmelding)
    messages.success(
        request,
        _("Your old link no longer works. We e-mailed a new link to %(email)s.")
        % {"email": aanmelding.email},
    )
    return redirect(aanmelding.sessie)


@require_GET
@persoonlijke_link
def mijn_gegevens(request: HttpRequest, token: str) -> HttpResponse:
    aanmelding = _persoonlijk(token)
    response = HttpResponse(
        json.dumps(alle_gegevens(aanmelding=aanmelding), ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="mijn-gegevens.json"'
    return _prive(response)


@require_http_methods(["GET", "POST"])
@persoonlijke_link
def mijn_verwijderen(request: HttpRequest, token: str) -> HttpResponse:
    aanmelding = _persoonlijk(token)
    if request.method == "GET":
        context = {"aanmelding": aanmelding, "token": token, "bewaar_dagen": settings.BEWAAR_DAGEN}
        return _prive(render(request, "aanmelden/mijn_verwijderen.html", context))
    sessie = aanmelding.sessie
    verbs.verwijderen(aanmelding=aanmelding)
    messages.success(request, _("Your data has been deleted."))
    return redirect(sessie)


# The door and the caterer: door volunteers and organisers.

DEUR = Toegang.Rol.DEUR


def _tellers_context(sessie) -> dict:
    """Just what the numbers at the top of the door page need."""
    tellers = reverse("aanmelden:deur_tellers", kwargs={"slug": sessie.slug})
    return {
        "sessie": sessie,
        "tellingen": verbs.tellingen(sessie),
        "tellers_url": poll_url(tellers, sessie=sessie),
    }


def _recent(sessie) -> QuerySet[Aanmelding]:
    # Lazy: the search fragment never shows it.
    return Aanmelding.objects.filter(sessie=sessie, inloop=True).order_by("-pk")[:5]


def _deur_context(
    sessie, *, tekst: str, form: InloopForm | None = None, lijkt_op: list | None = None
) -> dict:
    return _tellers_context(sessie) | {
        "q": tekst,
        "gevonden": verbs.zoek(sessie, tekst=tekst),
        "inloop_form": form or InloopForm(),
        "lijkt_op": lijkt_op or [],
        "recent": _recent(sessie),
    }


# The id prefixes a door row may carry: the search list's, or the walk-in suggestion's.
RIJEN = ("persoon", "voorstel")


@require_GET
@vary_on_headers("HX-Request")
@never_cache  # the names of everyone expected: never in a shared or back-forward cache
def deur(request: HttpRequest, slug: str) -> HttpResponse:
    sessie = helper(request, slug, DEUR).sessie
    tekst = request.GET.get("q", "")
    if request.htmx:  # a search as the door types: the list alone, without the counts above it
        context = {"sessie": sessie, "q": tekst, "gevonden": verbs.zoek(sessie, tekst=tekst)}
        return render(request, "aanmelden/deur.html#resultaten", context)
    return render(request, "aanmelden/deur.html", _deur_context(sessie, tekst=tekst))


@require_POST
@vary_on_headers("HX-Request")
def deur_inchecken(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    sessie = helper(request, slug, DEUR).sessie
    aanmelding = get_object_or_404(Aanmelding, sessie=sessie, pk=pk)
    if "ongedaan" in request.POST:
        aanmelding.check_in_ongedaan()
    else:
        aanmelding.check_in()
    if not request.htmx:
        terug = reverse("aanmelden:deur", kwargs={"slug": slug})
        return redirect(f"{terug}?{urlencode({'q': request.POST.get('q', '')})}")
    # The row swaps in place; the numbers at the top follow out of band.
    rij = request.POST.get("rij", RIJEN[0])
    context = _tellers_context(sessie) | {
        "persoon": aanmelding,
        "rij": rij if rij in RIJEN else RIJEN[0],
    }
    return render(request, "aanmelden/deur.html#na_inchecken", context)


@require_GET
@vary_on_headers("HX-Request")
def deur_tellers(request: HttpRequest, slug: str) -> HttpResponse:
    """The numbers at the top of the door page, polled: two doors see each other's work."""
    sessie = helper(request, slug, DEUR).sessie
    if unchanged(request, sessie):
        return no_change()
    if not request.htmx:  # a fragment: opened on its own, show the whole door page
        return redirect("aanmelden:deur", slug=sessie.slug)
    return render(request, "aanmelden/deur.html#tellers", _tellers_context(sessie))


@require_POST
@vary_on_headers("HX-Request")
def deur_inloop(request: HttpRequest, slug: str) -> HttpResponse:
    sessie = helper(request, slug, DEUR).sessie
    form = InloopForm(request.POST)
    lijkt_op, naam = [], ""
    if form.is_valid():
        naam = verbs.naam_sleutel(form.cleaned_data["naam"])
        if form.cleaned_data["toch"] != naam:
            lijkt_op = verbs.lijkt_op(sessie, naam=naam)
    if not form.is_valid() or lijkt_op:
        # Invalid, or perhaps someone already here: the volunteer decides, nothing is lost.
        context = _deur_context(sessie, tekst="", form=form, lijkt_op=lijkt_op)
        context["toch"] = naam if lijkt_op else ""
        template = "aanmelden/deur.html#inloop" if request.htmx else "aanmelden/deur.html"
        return render(request, template, context, status=400)
    aanmelding = verbs.inloop(
        sessie=sessie, sleutel=form.cleaned_data["sleutel"], naam=form.cleaned_data["naam"]
    )
    stoelen = indeling.plaats_inloper(sessie=sessie, aanmelding=aanmelding)
    if request.htmx:
        # The walk-in list swaps in place with a confirmation; the numbers follow out of band.
        context = {**_deur_context(sessie, tekst=""), "net_binnen": aanmelding, "stoelen": stoelen}
        return render(request, "aanmelden/deur.html#na_inloop", context)
    messages.success(request, _("%(naam)s is checked in.") % {"naam": aanmelding.naam})
    if stoelen:
        tafels = " · ".join(f"{r}: {indeling.tafel_label(t)}" for r, t in stoelen)
        messages.info(request, _("Their tables: %(tafels)s") % {"tafels": tafels})
    return redirect("aanmelden:deur", slug=slug)


@require_POST
@vary_on_headers("HX-Request")
def deur_inloop_weghalen(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Undo a walk-in added by mistake: asks first, then removes it."""
    sessie = helper(request, slug, DEUR).sessie
    aanmelding = get_object_or_404(Aanmelding, sessie=sessie, inloop=True, pk=pk)
    if "zeker" not in request.POST:
        context = _deur_context(sessie, tekst="") | {"weghalen": aanmelding}
        template = "aanmelden/deur.html#recent" if request.htmx else "aanmelden/deur.html"
        return render(request, template, context)
    verbs.inloop_weghalen(aanmelding=aanmelding)
    if not request.htmx:
        messages.success(request, _("%(naam)s is removed.") % {"naam": aanmelding.naam})
        return redirect("aanmelden:deur", slug=slug)
    context = _tellers_context(sessie) | {"recent": _recent(sessie), "weggehaald": aanmelding}
    return render(request, "aanmelden/deur.html#na_inloop", context)


@require_GET
def deur_code(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    """The QR code in the confirmation, scanned with the door's phone camera."""
    sessie = helper(request, slug, DEUR).sessie
    aanmelding = Aanmelding.vind(code, veld="incheck_hash")
    if aanmelding is None or aanmelding.sessie_id != sessie.pk:
        return render(request, "aanmelden/deur_code.html", {"sessie": sessie}, status=404)
    context = {"sessie": sessie, "persoon": aanmelding, "tellingen": verbs.tellingen(sessie)}
    return render(request, "aanmelden/deur_code.html", context)


@require_GET
@vary_on_headers("HX-Request")
@never_cache  # names and diets: never in a shared cache or the back-forward cache
def catering(request: HttpRequest, slug: str) -> HttpResponse:
    sessie = helper(request, slug, DEUR).sessie
    if unchanged(request, sessie):
        return no_change()
    context = {
        "sessie": sessie,
        "lijst": verbs.cateringlijst(sessie),
        "live": verbs.broodjes_open(sessie),
        "poll_url": poll_url(request.path, sessie=sessie),
    }
    template = "aanmelden/catering.html#lijst" if request.htmx else "aanmelden/catering.html"
    return render(request, template, context)


# The organiser's list of registrations and its exports.

NIEUWE_LINKS = "wijkavond_nieuwe_links"
GRAFIEK_BREEDTE, GRAFIEK_HOOGTE = 600, 160


@login_required
@require_GET
@vary_on_headers("HX-Request")
@never_cache  # personal data of everyone who signed up
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
    template = (
        "aanmelden/aanmeldingen.html#lijst" if request.htmx else "aanmelden/aanmeldingen.html"
    )
    return render(request, template, context)


EXPORT_KOP = [
    gettext_lazy("Name"),
    gettext_lazy("E-mail"),
    gettext_lazy("Phone"),
    gettext_lazy("Who"),
    gettext_lazy("Organisation"),
    gettext_lazy("Neighbourhood"),
    gettext_lazy("Sandwich"),
    gettext_lazy("Diet"),
    gettext_lazy("Allergy"),
    gettext_lazy("Theme table 1"),
    gettext_lazy("Theme table 2"),
    gettext_lazy("Workgroups"),
    gettext_lazy("Contact afterwards"),
    gettext_lazy("Network list"),
    gettext_lazy("Walk-in"),
    gettext_lazy("Checked in"),
    gettext_lazy("Cancelled"),
    gettext_lazy("Registered"),
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
            a.toestemming_contact,
            a.toestemming_netwerk,
            a.inloop,
            a.ingecheckt,
            a.geannuleerd,
            a.aangemaakt,
        ]


@organiser_export("aanmeldingen", gettext_lazy("Registrations"), EXPORT_KOP)
def aanmeldingen_export(request: HttpRequest, sessie: Sessie) -> Iterable[list]:
    filters = AanmeldingFilter(request.GET, sessie=sessie)
    return _export_rijen(verbs.gefilterd(sessie, criteria=filters.criteria()))


# The table plan: the organiser's screen and print sheets, and "waar zit ik?" on the projector.


def _indeling_context(
    sessie,
    overzicht: indeling.Overzicht,
    *,
    maak_form: PlanMakenForm | None = None,
    verplaats_form: VerplaatsForm | None = None,
    fout: str = "",
) -> dict:
    # At the evening itself the plan is made from who is there, before it from who signed up.
    bron = Tafelplan.Bron.AANWEZIG if sessie.nu().date() >= sessie.datum else None
    return {
        "sessie": sessie,
        "overzicht": overzicht,
        "cijfers": overzicht.cijfers,
        "maak_form": maak_form or PlanMakenForm(initial={"bron": bron} if bron else None),
        "verplaats_form": verplaats_form or VerplaatsForm(overzicht=overzicht),
        "fout": fout,
    }


@login_required
@require_GET
def tafelindeling(request: HttpRequest, slug: str) -> HttpResponse:
    sessie = organiser_sessie(request, slug)
    context = _indeling_context(sessie, indeling.overzicht(sessie=sessie))
    return render(request, "aanmelden/tafelindeling.html", context)


@login_required
@require_POST
def tafelindeling_maken(request: HttpRequest, slug: str) -> HttpResponse:
    sessie = organiser_sessie(request, slug)
    form = PlanMakenForm(request.POST)
    try:
        if not form.is_valid():
            raise indeling.IndelingFout(_("Choose whom to plan."))
        indeling.maak_plan(sessie=sessie, bron=form.cleaned_data["bron"])
    except indeling.IndelingFout as fout:
        context = _indeling_context(
            sessie, indeling.overzicht(sessie=sessie), maak_form=form, fout=str(fout)
        )
        return render(request, "aanmelden/tafelindeling.html", context, status=400)
    messages.success(request, _("The plan is made. Check it, then publish it."))
    return redirect("aanmelden:tafelindeling", slug=slug)


@login_required
@require_POST
def tafelindeling_nieuwkomers(request: HttpRequest, slug: str) -> HttpResponse:
    sessie = organiser_sessie(request, slug)
    try:
        geplaatst = indeling.plaats_nieuwkomers(sessie=sessie)
    except indeling.IndelingFout as fout:
        context = _indeling_context(sessie, indeling.overzicht(sessie=sessie), fout=str(fout))
        return render(request, "aanmelden/tafelindeling.html", context, status=400)
    messages.success(
        request,
        ngettext(
            "%(aantal)s newcomer has a seat now.",
            "%(aantal)s newcomers have a seat now.",
            len(geplaatst),
        )
        % {"aantal": len(geplaatst)},
    )
    return redirect("aanmelden:tafelindeling", slug=slug)


@login_required
@require_POST
@vary_on_headers("HX-Request")
def tafelindeling_verplaatsen(request: HttpRequest, slug: str) -> HttpResponse:
    sessie = organiser_sessie(request, slug)
    overzicht = indeling.overzicht(sessie=sessie)
    form = VerplaatsForm(request.POST, overzicht=overzicht)
    if form.is_valid():
        data = form.cleaned_data
        personen = {m.pk: m for m in overzicht.mensen}
        try:
            indeling.verplaats(
                sessie=sessie,
                aanmelding=personen[data["persoon"]],
                ronde=next(r for r in overzicht.rondes if r.pk == data["ronde"]),
                tafel=next(t for t in overzicht.tafels if t.pk == data["tafel"]),
            )
        except indeling.IndelingFout as fout:
            form.add_error("tafel", str(fout))
    if not form.is_valid():
        context = _indeling_context(sessie, overzicht, verplaats_form=form)
        template = "aanmelden/tafelindeling.html" + ("#indeling" if request.htmx else "")
        return render(request, template, context, status=400)
    if request.htmx:
        context = _indeling_context(sessie, indeling.overzicht(sessie=sessie))
        context["verplaatst"] = True
        return render(request, "aanmelden/tafelindeling.html#indeling", context)
    messages.success(request, _("Moved."))
    return redirect("aanmelden:tafelindeling", slug=slug)


@login_required
@require_POST
def tafelindeling_publiceren(request: HttpRequest, slug: str) -> HttpResponse:
    sessie = organiser_sessie(request, slug)
    publiceren = "intrekken" not in request.POST
    try:
        indeling.publiceer(sessie=sessie, publiceren=publiceren)
    except indeling.IndelingFout as fout:
        context = _indeling_context(sessie, indeling.overzicht(sessie=sessie), fout=str(fout))
        return render(request, "aanmelden/tafelindeling.html", context, status=400)
    if publiceren:
        messages.success(request, _("The plan is published: everyone can see their tables."))
    else:
        messages.success(request, _("The plan is withdrawn: nobody sees it until you publish."))
    return redirect("aanmelden:tafelindeling", slug=slug)


@login_required
@require_GET
def tafelindeling_afdrukken(request: HttpRequest, slug: str) -> HttpResponse:
    """One A4 per table per round with the names, printed from the browser."""
    sessie = organiser_sessie(request, slug)
    context = {"sessie": sessie, "overzicht": indeling.overzicht(sessie=sessie)}
    return render(request, "aanmelden/tafelindeling_afdrukken.html", context)


@login_required
@require_GET
def tafelindeling_badges(request: HttpRequest, slug: str) -> HttpResponse:
    """Name badges with each person's two tables. Personal links are kept only as hashes, so
    the QR leads to the session's public page (programme), the same on every badge."""
    sessie = organiser_sessie(request, slug)
    context = {
        "sessie": sessie,
        "overzicht": indeling.overzicht(sessie=sessie),
        "qr": qr_svg(absolute(sessie.get_absolute_url()), titel=_("Programme"), schaal=2),
    }
    return render(request, "aanmelden/tafelindeling_badges.html", context)


@require_GET
@vary_on_headers("HX-Request")
def waar_zit_ik(request: HttpRequest, slug: str) -> HttpResponse:
    """The projector during the break: everyone's tables by first letter, once published."""
    sessie = public_sessie(request, slug)
    if not indeling.is_gepubliceerd(sessie):
        raise Http404
    if unchanged(request, sessie):
        return no_change()
    context = {
        "sessie": sessie,
        "groepen": indeling.waar_zit_ik(sessie=sessie),
        "rondes": indeling.rondes_van(sessie),
        "poll_url": poll_url(request.path, sessie=sessie),
    }
    template = "aanmelden/waar_zit_ik.html#lijst" if request.htmx else "aanmelden/waar_zit_ik.html"
    return render(request, template, context)


# Workgroups: joining from a phone, the call on the projector, leaving, the organiser's page,
# and the network list.


def _incheck_qr(aanmelding: Aanmelding) -> str:
    """The check-in QR the mail talks about, for showing at the door from the personal page."""
    code = aanmelding.incheck_code
    if code is None or not aanmelding.is_actief:
        return ""
    kwargs = {"slug": aanmelding.sessie.slug, "code": code}
    url = absolute(reverse("aanmelden:deur_code", kwargs=kwargs))
    return qr_svg(url, titel=_("QR code to check in at the door"), schaal=5)


def _mijn_context(aanmelding: Aanmelding, token: str, form: AanmeldingVelden) -> dict:
    leden = aanmelding.lidmaatschappen.actief().select_related("werkgroep")
    return {
        "incheck_qr": _incheck_qr(aanmelding),
        # For "I am coming after all": is there a sandwich to offer back?
        "broodjes_open": not aanmelding.is_actief and verbs.broodjes_open(aanmelding.sessie),
        "broodjes_beschikbaar": (
            not aanmelding.is_actief and verbs.broodjes_beschikbaar(aanmelding.sessie)
        ),
        "aanmelding": aanmelding,
        "token": token,
        "form": form,
        "lidmaatschappen": [(lid, wg.afmeld_code(lid)) for lid in leden],
        "stoelen": indeling.stoelen_van(aanmelding),
    }


@require_http_methods(["GET", "POST"])
@rate_limit(
    "werkgroepen",
    per_browser=settings.AANMELDEN_PER_BROWSER,
    per_address=settings.AANMELDEN_PER_IP,
    # The whole hall scans the call's QR within a minute, often behind one address.
    per_address_minute=settings.AANMELDEN_PER_IP,
)
def werkgroepen(request: HttpRequest, slug: str) -> HttpResponse:
    sessie = public_sessie(request, slug)
    form = WerkgroepAanmeldForm(request.POST or None, sessie=sessie)
    if request.method == "POST" and not refuse(request, form) and form.is_valid():
        wg.inschrijven(
            sessie=sessie,
            sleutel=form.cleaned_data["sleutel"],
            gegevens=form.gegevens(),
            werkgroepen=list(form.cleaned_data["werkgroepen"]),
            herkomst=wg.herkomst_nu(sessie),
        )
        return redirect("aanmelden:werkgroepen_bedankt", slug=sessie.slug)
    status = 400 if request.method == "POST" else 200
    context = {"sessie": sessie, "form": form}
    return render(request, "aanmelden/werkgroepen.html", context, status=status)


@require_GET
def werkgroepen_bedankt(request: HttpRequest, slug: str) -> HttpResponse:
    sessie = public_sessie(request, slug)
    return render(request, "aanmelden/werkgroepen_bedankt.html", {"sessie": sessie})


@require_GET
@vary_on_headers("HX-Request")
def werkgroepen_oproep(request: HttpRequest, slug: str) -> HttpResponse:
    """The call to join, on the projector at 21.15: open workgroups and their live counts."""
    if poll_unchanged(request, slug):  # the cheap answer every projector gets every 3 s
        return no_change()
    sessie = public_sessie(request, slug)
    if unchanged(request, sessie):
        return no_change()
    context = {
        "sessie": sessie,
        "werkgroepen": list(wg.open_werkgroepen(sessie)),
        "poll_url": poll_url(request.path, sessie=sessie),
        "aanmeld_url": absolute(reverse("aanmelden:werkgroepen", kwargs={"slug": sessie.slug})),
    }
    template = (
        "aanmelden/werkgroepen_oproep.html#lijst"
        if request.htmx
        else "aanmelden/werkgroepen_oproep.html"
    )
    return render(request, template, context)


@require_http_methods(["GET", "POST"])
def werkgroep_afmelden(request: HttpRequest, signed: str) -> HttpResponse:
    """The one-tap leave link in every workgroup mail (signed: nothing to guess, nothing stored)."""
    lidmaatschap = wg.uit_afmeld_code(signed)
    if lidmaatschap is None:
        raise Http404
    if request.method == "POST":
        wg.afmelden(lidmaatschap=lidmaatschap)
        terug = request.POST.get("terug", "")
        eigen = Aanmelding.vind(terug) if terug else None
        if eigen is not None and eigen.pk == lidmaatschap.aanmelding_id:
            # The leave button on the personal page: back there.
            messages.success(
                request, _("You have left %(werkgroep)s.") % {"werkgroep": lidmaatschap.werkgroep}
            )
            return redirect("aanmelden:mijn", token=terug)
        return redirect("aanmelden:werkgroep_afmelden", signed=signed)
    context = {"lid": lidmaatschap, "werkgroep": lidmaatschap.werkgroep, "signed": signed}
    return _prive(render(request, "aanmelden/werkgroep_afmelden.html", context))


@login_required
@require_http_methods(["GET", "POST"])
def werkgroepen_organiseren(request: HttpRequest, slug: str) -> HttpResponse:
    """Every workgroup with its members (contact details only with consent); make a new one."""
    sessie = organiser_sessie(request, slug)
    form = WerkgroepForm(
        request.POST or None,
        instance=Werkgroep(sessie=sessie),
        sessie=sessie,
        initial=wg.uit_kernpunt(sessie, request.GET.get("kernpunt", "")),
    )
    if request.method == "POST" and form.is_valid():
        werkgroep = wg.bewaar_werkgroep(
            werkgroep=form.save(commit=False),
            thematafel=form.cleaned_data["thematafel"],
            kernpunten=form.cleaned_data["kernpunten"],
        )
        messages.success(request, _("%(werkgroep)s is made.") % {"werkgroep": werkgroep})
        return redirect("aanmelden:werkgroepen_organiseren", slug=sessie.slug)
    context = {
        "sessie": sessie,
        "werkgroepen": wg.met_leden(sessie),
        "form": form,
        "kernpunten": list(form.fields["kernpunten"].queryset),
        "bericht_form": WerkgroepberichtForm(),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "aanmelden/werkgroepen_organiseren.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def werkgroep_wijzigen(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    sessie = organiser_sessie(request, slug)
    werkgroep = get_object_or_404(Werkgroep, sessie=sessie, pk=pk)
    form = WerkgroepForm(request.POST or None, instance=werkgroep, sessie=sessie)
    if request.method == "POST" and form.is_valid():
        wg.bewaar_werkgroep(
            werkgroep=form.save(commit=False),
            thematafel=form.cleaned_data["thematafel"],
            kernpunten=form.cleaned_data["kernpunten"],
        )
        messages.success(request, _("Your changes are saved."))
        return redirect("aanmelden:werkgroepen_organiseren", slug=sessie.slug)
    status = 400 if request.method == "POST" else 200
    context = {"sessie": sessie, "werkgroep": werkgroep, "form": form}
    return render(request, "aanmelden/werkgroep_wijzigen.html", context, status=status)


@login_required
@require_POST
def werkgroep_bericht(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    sessie = organiser_sessie(request, slug)
    werkgroep = get_object_or_404(Werkgroep, sessie=sessie, pk=pk)
    form = WerkgroepberichtForm(request.POST)
    if not form.is_valid():
        context = {"sessie": sessie, "werkgroep": werkgroep, "bericht_form": form}
        return render(request, "aanmelden/werkgroep_bericht.html", context, status=400)
    bericht, _nieuw = wg.stuur_bericht(
        werkgroep=werkgroep,
        sleutel=form.cleaned_data["sleutel"],
        onderwerp=form.cleaned_data["onderwerp"],
        tekst=form.cleaned_data["tekst"],
    )
    messages.success(
        request,
        _("Your message to %(werkgroep)s is being sent to %(aantal)s members.")
        % {"werkgroep": werkgroep, "aantal": bericht.ontvangers},
    )
    return redirect("aanmelden:werkgroepen_organiseren", slug=sessie.slug)


LEDEN_KOP = [
    gettext_lazy("Name"),
    gettext_lazy("E-mail"),
    gettext_lazy("Phone"),
    gettext_lazy("Organisation"),
    gettext_lazy("Origin"),
    gettext_lazy("Signed up"),
]


@login_required
@require_GET
def werkgroep_export(request: HttpRequest, slug: str, pk: int, formaat: str) -> HttpResponse:
    """Members as CSV, XLSX or vCard: contact details only of those who consented."""
    sessie = organiser_sessie(request, slug)
    werkgroep = get_object_or_404(Werkgroep, sessie=sessie, pk=pk)
    bestandsnaam = f"werkgroep-{slugify(werkgroep.naam) or werkgroep.pk}"
    if formaat == "vcf":
        response = HttpResponse(vcards(wg.leden(werkgroep)), content_type="text/vcard")
        response["Content-Disposition"] = f'attachment; filename="{bestandsnaam}.vcf"'
        return _prive(response)
    rijen = (
        [
            lid.naam,
            lid.email if lid.toestemming_contact else "",
            lid.telefoon if lid.toestemming_contact else "",
            lid.organisatie,
            lid.get_herkomst_display(),
            lid.aangemaakt,
        ]
        for lid in wg.leden(werkgroep)
    )
    return spreadsheet_response(
        formaat=formaat, bestandsnaam=bestandsnaam, blad=werkgroep.naam[:31], kop=LEDEN_KOP,
        rijen=rijen,
    )  # fmt: skip


@require_GET
@persoonlijke_link
def mijn_netwerk(request: HttpRequest, token: str) -> HttpResponse:
    """Who was there: only for attendees on the network list, showing the others on it."""
    aanmelding = _persoonlijk(token)
    if not (aanmelding.toestemming_netwerk and aanmelding.is_actief):
        raise Http404
    context = {"aanmelding": aanmelding, "token": token, "mensen": wg.netwerk(aanmelding)}
    return _prive(render(request, "aanmelden/mijn_netwerk.html", context))
