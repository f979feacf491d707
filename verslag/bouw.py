"""The report from the database: one :class:`~verslag.model.Verslag` per session and edition.

A fixed number of queries whatever the size of the evening (10 for the public edition, 12
for the organiser's): every list is one query, counted and joined in the database, and grouped
here in Python. The public edition reads no personal data at all, so it cannot leak any.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from aanmelden.models import Aanmelding, Plaatsing
from informatiepunt.models import Vraag
from sessie.links import absolute
from sessie.models import Sessie
from thematafels import rotatie
from thematafels.models import Idee, Soort
from thematafels.models import Opkomst as Hoofdtelling
from verslag.model import (
    Contact,
    Editie,
    IdeeGroep,
    IdeeRegel,
    Onderdeel,
    Opkomst,
    RolAantal,
    RondeBezetting,
    Rotatie,
    RuweRegel,
    SessieKop,
    TafelBezetting,
    Thema,
    ThemaRonde,
    Verslag,
    Vraagcategorie,
    VraagRegel,
    WerkgroepRegel,
)

SOORT_VOLGORDE = {code: n for n, code in enumerate(Soort.values)}
# Approved answers only: what the public answers page shows (informatiepunt/views.py).
GOEDGEKEURD = (Vraag.Status.BEANTWOORD, Vraag.Status.TERUGGEKOPPELD)


def is_concept(sessie: Sessie) -> bool:
    """A report is a draft until the evening is over (status "finished")."""
    return sessie.status != Sessie.Status.AFGELOPEN


def bouw_verslag(*, sessie: Sessie, editie: Editie, nu: datetime | None = None) -> Verslag:
    """The report of `sessie` in `editie` ("openbaar": no personal data; "organisator")."""
    organisator = editie == "organisator"
    themas, idee_bijlage = _themas(sessie)
    vragen, vraag_bijlage = _vragen(sessie)
    return Verslag(
        editie=editie,
        concept=is_concept(sessie),
        sessie=SessieKop(
            titel=sessie.titel,
            gebied=sessie.gebied,
            datum=sessie.datum,
            locatie=sessie.locatie,
            adres=sessie.adres,
            plaats=sessie.plaats,
            doelen=tuple(sessie.doelen_lijst),
            gespreksleiders=sessie.gespreksleiders,
            onderwerp=sessie.onderwerp,
        ),
        programma=tuple(
            Onderdeel(o.start, o.eind, o.titel, o.soort, tuple(o.punten_lijst))
            for o in sessie.programma.order_by("start", "pk")
        ),
        opkomst=_opkomst(sessie),
        themas=themas,
        rotatie=_rotatie(sessie),
        vragen=vragen,
        antwoorden_url=absolute(reverse("informatiepunt:antwoorden", args=[sessie.slug])),
        werkgroepen=_werkgroepen(sessie, met_leden=organisator),
        bijlage=tuple(sorted(idee_bijlage + vraag_bijlage, key=lambda r: r.tijd)),
        deelnemers=_deelnemers(sessie) if organisator else (),
        gemaakt_op=nu or timezone.now(),
    )


def _opkomst(sessie: Sessie) -> Opkomst:
    actief = Q(geannuleerd__isnull=True)
    tellingen = sessie.aanmeldingen.aggregate(
        aangemeld=Count("pk", filter=actief),
        ingecheckt=Count("pk", filter=actief & Q(ingecheckt__isnull=False)),
        inloop=Count("pk", filter=actief & Q(inloop=True)),
        afgemeld=Count("pk", filter=~actief),
        broodjes=Count("pk", filter=actief & Q(broodje=Aanmelding.Broodje.JA)),
    )
    per_rol = (
        sessie.aanmeldingen.actief().values("rol").annotate(n=Count("pk")).order_by("-n", "rol")
    )
    return Opkomst(
        **tellingen,
        per_rol=tuple(RolAantal(r["rol"] or _("Not given"), r["n"]) for r in per_rol),
    )


def _rotatie(sessie: Sessie) -> Rotatie | None:
    """Head counts per table and round as the table hosts entered them, else the table plan's
    seats; how well the plan honoured preferences from the seats (`Plaatsing`). Neither: no
    section. Two queries; only ids and theme choices are read, never who anyone is."""
    tellingen = (
        Hoofdtelling.objects.filter(ronde__sessie=sessie)
        .select_related("tafel", "ronde")
        .order_by("ronde__nummer", "tafel__thematafel__nummer", "tafel__naam", "tafel__pk")
    )
    per_ronde: dict[int, list[TafelBezetting]] = {}
    for opkomst in tellingen:
        per_ronde.setdefault(opkomst.ronde.nummer, []).append(
            TafelBezetting(opkomst.tafel.naam, opkomst.aantal)
        )
    stoelen = list(
        Plaatsing.objects.filter(aanmelding__sessie=sessie)
        .order_by("ronde__nummer", "tafel__thematafel__nummer", "tafel__naam", "tafel__pk")
        .values_list(
            "aanmelding_id",
            "aanmelding__voorkeur_1_id",
            "aanmelding__voorkeur_2_id",
            "ronde_id",
            "ronde__nummer",
            "tafel_id",
            "tafel__naam",
            "tafel__thematafel_id",
        )
    )
    if not per_ronde and not stoelen:
        return None
    if not per_ronde:  # no head counts: the plan's table sizes
        bezet: dict[int, dict[str, int]] = {}
        for _a, _v1, _v2, _r, nummer, _t, tafel, _th in stoelen:
            tafels = bezet.setdefault(nummer, {})
            tafels[tafel] = tafels.get(tafel, 0) + 1
        per_ronde = {
            r: [TafelBezetting(naam, n) for naam, n in t.items()] for r, t in bezet.items()
        }
    eerste, beide = _voorkeuren(stoelen)
    return Rotatie(tuple(RondeBezetting(r, tuple(t)) for r, t in per_ronde.items()), eerste, beide)


def _voorkeuren(stoelen: list[tuple]) -> tuple[float | None, float | None]:
    """(first choice honoured %, both honoured %) over the seated people (the planner's own
    figures, thematafels/rotatie.py `cijfers`)."""
    if not stoelen:
        return None, None
    plaatsingen: dict[int, dict[int, int]] = defaultdict(dict)
    personen: dict[int, rotatie.Persoon] = {}
    tafels: dict[int, rotatie.Tafel] = {}
    for persoon, v1, v2, ronde, _n, tafel, naam, thema in stoelen:
        plaatsingen[persoon][ronde] = tafel
        personen[persoon] = rotatie.Persoon(persoon, tuple(v for v in (v1, v2) if v))
        tafels[tafel] = rotatie.Tafel(tafel, thema, 1, naam)
    cijfers = rotatie.cijfers(
        plaatsingen,
        personen=personen.values(),
        tafels=tafels.values(),
        rondes=sorted({ronde for _p, _v1, _v2, ronde, *_rest in stoelen}),
    )
    return cijfers.pct_eerste, cijfers.pct_beide


def _themas(sessie: Sessie) -> tuple[tuple[Thema, ...], list[RuweRegel]]:
    """Every theme with its rounds; ideas grouped by prompt and kind, key points in the
    wrap-up's order (thematafels/ideeen.py `afronding`)."""
    thematafels = list(sessie.thematafels.order_by("nummer"))
    rondes = list(sessie.rondes.order_by("nummer"))
    ideeen = (
        Idee.objects.zichtbaar()
        .filter(sessie=sessie)
        .select_related("tafel", "ronde", "prompt")
        .annotate(stemmen=Count("stippen"), thema_id=F("tafel__thematafel_id"))
        .order_by("aangemaakt", "pk")
    )
    namen = {t.pk: t.naam for t in thematafels}
    per_ronde: dict[tuple[int, int], list[tuple[Idee, IdeeRegel]]] = defaultdict(list)
    kern: dict[int, list[tuple[Idee, IdeeRegel]]] = defaultdict(list)
    bijlage: list[RuweRegel] = []
    for idee in ideeen:
        regel = IdeeRegel(
            tekst=idee.tekst,
            soort=idee.soort,
            prompt=idee.prompt.tekst if idee.prompt else "",
            kernpunt=idee.kernpunt,
            tafel=idee.tafel.naam,
            ronde=idee.ronde.nummer,
            tijd=idee.aangemaakt,
            stippen=idee.stemmen,
        )
        per_ronde[idee.thema_id, regel.ronde].append((idee, regel))
        if idee.kernpunt:
            kern[idee.thema_id].append((idee, regel))
        plek = f"{namen.get(idee.thema_id, '')} / {regel.tafel} / {regel.ronde}"
        bijlage.append(RuweRegel(regel.tijd, "idee", plek, regel.tekst))

    themas = []
    for t in thematafels:
        kernpunten = sorted(kern[t.pk], key=lambda p: (p[0].volgorde, p[0].aangemaakt, p[0].pk))
        themas.append(
            Thema(
                nummer=t.nummer,
                naam=t.naam,
                kernvraag=t.kernvraag,
                rondes=tuple(
                    ThemaRonde(r.nummer, r.start, r.eind, _groepen(per_ronde[t.pk, r.nummer]))
                    for r in rondes
                ),
                kernpunten=tuple(regel for _idee, regel in kernpunten),
            )
        )
    return tuple(themas), bijlage


def _groepen(ideeen: list[tuple[Idee, IdeeRegel]]) -> tuple[IdeeGroep, ...]:
    """One round's ideas by prompt (in the theme's order, untagged last), then kind."""
    groepen: dict[tuple, list[IdeeRegel]] = defaultdict(list)
    for idee, regel in ideeen:
        prompt = idee.prompt
        sleutel = (
            (0, prompt.volgorde, prompt.pk) if prompt else (1, 0, 0),
            SOORT_VOLGORDE.get(regel.soort, 99),
        )
        groepen[sleutel, regel.prompt, regel.soort].append(regel)
    return tuple(
        IdeeGroep(prompt, soort, tuple(regels))
        for (_sleutel, prompt, soort), regels in sorted(groepen.items(), key=lambda g: g[0][0])
    )


def _vragen(sessie: Sessie) -> tuple[tuple[Vraagcategorie, ...], list[RuweRegel]]:
    """Questions by category as the public answers page has them: no hidden ones, no
    duplicates (they share their original's answer), an answer only once it is approved.
    The asker is only ever a kind of person, never a name."""
    vragen = (
        sessie.vragen.zichtbaar()
        .filter(dubbel_van__isnull=True)
        .select_related("categorie")
        .order_by(
            F("categorie__volgorde").asc(nulls_last=True), "categorie__naam", "aangemaakt", "pk"
        )
    )
    per_categorie: dict[str, list[VraagRegel]] = {}
    bijlage = []
    overige = _("Other questions")
    for vraag in vragen:
        categorie = vraag.categorie.naam if vraag.categorie else overige
        regel = VraagRegel(
            tekst=vraag.publieke_vraag,  # the organiser's public wording, once given
            status=vraag.status,
            antwoord=vraag.antwoord if vraag.status in GOEDGEKEURD else "",
            tijd=vraag.aangemaakt,
            vraagsteller=vraag.get_vraagsteller_display() or None,
        )
        per_categorie.setdefault(categorie, []).append(regel)
        bijlage.append(RuweRegel(regel.tijd, "vraag", categorie, regel.tekst))
    categorieen = tuple(Vraagcategorie(naam, tuple(r)) for naam, r in per_categorie.items())
    return categorieen, bijlage


def _contact(aanmelding: Aanmelding) -> Contact:
    return Contact(aanmelding.naam, aanmelding.email, aanmelding.telefoon, aanmelding.organisatie)


def _werkgroepen(sessie: Sessie, *, met_leden: bool) -> tuple[WerkgroepRegel, ...]:
    """Workgroups with their number of (active) members; the organiser's edition also lists
    the members who agreed to be contacted."""
    werkgroepen = sessie.werkgroepen.annotate(
        n=Count("aanmeldingen", filter=Q(aanmeldingen__geannuleerd__isnull=True))
    ).order_by("volgorde", "naam", "pk")
    leden: dict[int, list[Contact]] = defaultdict(list)
    if met_leden:
        koppelingen = (
            Aanmelding.werkgroepen.through.objects.filter(
                werkgroep__sessie=sessie,
                aanmelding__geannuleerd__isnull=True,
                aanmelding__toestemming_contact=True,
            )
            .select_related("aanmelding")
            .order_by("aanmelding__naam", "aanmelding__pk")
        )
        for k in koppelingen:
            leden[k.werkgroep_id].append(_contact(k.aanmelding))
    return tuple(
        WerkgroepRegel(w.naam, w.beschrijving, w.n, (), tuple(leden[w.pk])) for w in werkgroepen
    )


def _deelnemers(sessie: Sessie) -> tuple[Contact, ...]:
    """Attendees (not cancelled) who agreed to be contacted after the evening."""
    mensen = sessie.aanmeldingen.actief().filter(toestemming_contact=True).order_by("naam", "pk")
    return tuple(_contact(a) for a in mensen)
