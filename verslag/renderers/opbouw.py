"""The report as a flat sequence of document blocks, shared by the ODT and DOCX renderers.

Both word-processor formats get the same structure from here: headings (levels 1-3),
paragraphs, bullet and numbered lists, tables, PNG charts and page breaks. The HTML
template follows the same order.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..grafiek import Grafiek, grafieken
from ..model import EDITIE_LABELS, Contact, Verslag
from ..schoon import schoon
from .opmaak import datum, tijd, tijdvak


@dataclass(frozen=True, slots=True)
class Kop:
    niveau: int
    tekst: str


@dataclass(frozen=True, slots=True)
class Alinea:
    tekst: str
    vet: bool = False
    stijl: str = ""  # "concept" for the draft notice, "klein" for metadata


@dataclass(frozen=True, slots=True)
class Lijst:
    items: tuple[str, ...]
    genummerd: bool = False


@dataclass(frozen=True, slots=True)
class Tabel:
    kop: tuple[str, ...]
    rijen: tuple[tuple[str, ...], ...]


@dataclass(frozen=True, slots=True)
class Afbeelding:
    grafiek: Grafiek


@dataclass(frozen=True, slots=True)
class Paginascheiding:
    pass


Blok = Kop | Alinea | Lijst | Tabel | Afbeelding | Paginascheiding


def concept_tekst() -> str:
    return _("Draft").upper()


def _contacten(contacten: tuple[Contact, ...]) -> Tabel:
    return Tabel(
        (_("Name"), _("E-mail"), _("Phone"), _("Organisation")),
        tuple((c.naam, c.email, c.telefoon, c.organisatie) for c in contacten),
    )


def blokken(verslag: Verslag) -> Iterator[Blok]:
    """Every block of the report, in reading order (the report is cleaned first)."""
    v = schoon(verslag)
    g = grafieken(v, svg=False, png=True)
    s = v.sessie

    if v.concept:
        yield Alinea(
            f"{concept_tekst()} – {_('This report is a draft and may still change.')}",
            vet=True,
            stijl="concept",
        )
    yield Kop(1, s.titel)
    yield Alinea(f"{_('Follow-up report')} · {EDITIE_LABELS[v.editie]}", stijl="klein")
    plek = ", ".join(x for x in (s.locatie, s.adres, s.plaats) if x)
    regels = [(_("Area"), s.gebied), (_("Date"), datum(s.datum)), (_("Location"), plek)]
    if s.onderwerp:
        regels.append((_("Subject"), s.onderwerp))
    if s.gespreksleiders:
        regels.append((_("Facilitators"), s.gespreksleiders))
    for label, waarde in regels:
        yield Alinea(f"{label}: {waarde}")
    if s.doelen:
        yield Kop(2, _("Goals of the evening"))
        yield Lijst(s.doelen)

    if v.programma:
        yield Kop(2, _("Programme"))
        yield Tabel(
            (_("Time"), _("Item")),
            tuple(
                (tijdvak(o.start, o.eind), "\n".join((o.titel, *(f"• {p}" for p in o.punten))))
                for o in v.programma
            ),
        )

    if v.opkomst:
        o = v.opkomst
        yield Kop(2, _("Attendance"))
        yield Tabel(
            (_("Attendance"), _("Number")),
            (
                (_("Registered"), str(o.aangemeld)),
                (_("Checked in"), str(o.ingecheckt)),
                (_("Walk-ins"), str(o.inloop)),
                (_("Cancelled"), str(o.afgemeld)),
                (_("Sandwiches"), str(o.broodjes)),
            ),
        )
        if "opkomst" in g:
            yield Afbeelding(g["opkomst"])

    if v.themas:
        yield Kop(2, _("Theme tables"))
        yield Alinea(
            ngettext(
                "%(aantal)s idea was logged.", "%(aantal)s ideas were logged.", v.aantal_ideeen
            )
            % {"aantal": v.aantal_ideeen}
        )
        if "ideeen" in g:
            yield Afbeelding(g["ideeen"])
        if v.rotatie:
            yield Kop(3, _("Rotation"))
            if v.rotatie.voorkeuren_gehonoreerd is not None:
                yield Alinea(
                    _(
                        "%(procent)s%% of the people with a table preference sat at their "
                        "first choice."
                    )
                    % {"procent": f"{v.rotatie.voorkeuren_gehonoreerd:.0f}"}
                )
            if v.rotatie.beide_gehonoreerd is not None:
                yield Alinea(
                    _("%(procent)s%% of the people with two preferences sat at both.")
                    % {"procent": f"{v.rotatie.beide_gehonoreerd:.0f}"}
                )
            yield Tabel(
                (_("Round"), _("Table"), _("People")),
                tuple(
                    (str(r.ronde), t.tafel, str(t.aantal))
                    for r in v.rotatie.rondes
                    for t in r.tafels
                ),
            )
        if "stippen" in g:
            yield Afbeelding(g["stippen"])
        for t in v.themas:
            yield Paginascheiding()
            yield Kop(2, _("Theme %(nummer)s: %(naam)s") % {"nummer": t.nummer, "naam": t.naam})
            if t.kernvraag:
                yield Alinea(f"{_('Key question')}: {t.kernvraag}")
            if t.kernpunten:
                yield Kop(3, _("Key points"))
                yield Lijst(
                    tuple(
                        f"{k.tekst} ("
                        + ngettext("%(stippen)s dot", "%(stippen)s dots", k.stippen)
                        % {"stippen": k.stippen}
                        + ")"
                        for k in t.kernpunten
                    ),
                    genummerd=True,
                )
            for r in t.rondes:
                kop = _("Round %(nummer)s") % {"nummer": r.nummer}
                if r.start:
                    kop += f" ({tijdvak(r.start, r.eind)})"
                yield Kop(3, kop)
                if not r.groepen:
                    yield Alinea(_("No ideas in this round."))
                for groep in r.groepen:
                    label = groep.soort_label
                    yield Alinea(f"{groep.prompt} – {label}" if groep.prompt else label, vet=True)
                    yield Lijst(tuple(_idee(i) for i in groep.ideeen))

    if v.vragen:
        yield Kop(2, _("Questions at the information point"))
        if "vragen" in g:
            yield Afbeelding(g["vragen"])
        if v.antwoorden_url:
            yield Alinea(f"{_('All answers are published at')} {v.antwoorden_url}")
        for c in v.vragen:
            yield Kop(3, c.naam)
            yield Tabel(
                (_("Question"), _("Status"), _("Answer")),
                tuple(
                    (
                        f"{q.tekst} ({q.vraagsteller})" if q.vraagsteller else q.tekst,
                        q.status_label,
                        q.antwoord,
                    )
                    for q in c.vragen
                ),
            )

    if v.werkgroepen:
        yield Kop(2, _("Workgroups"))
        for w in v.werkgroepen:
            yield Kop(3, w.naam)
            leden = ngettext("%(leden)s member", "%(leden)s members", w.leden) % {"leden": w.leden}
            yield Alinea(f"{w.doel} ({leden})")
            if w.kernpunten:
                yield Lijst(w.kernpunten)
            if w.leden_lijst:
                yield _contacten(w.leden_lijst)

    if v.vervolg:
        yield Kop(2, _("Next steps"))
        yield Lijst(v.vervolg)

    if v.deelnemers:
        yield Kop(2, _("Attendees who may be contacted"))
        yield _contacten(v.deelnemers)

    if v.bijlage:
        yield Paginascheiding()
        yield Kop(2, _("Appendix: everything that was logged"))
        yield Lijst(
            tuple(f"{tijd(b.tijd)} · {b.soort_label} · {b.plek} – {b.tekst}" for b in v.bijlage)
        )


def _idee(i) -> str:
    tekst = i.tekst
    if i.kernpunt:
        tekst += f" ({_('key point')})"
    if i.samengevoegd_in:
        tekst += " (" + _("merged into: %(doel)s") % {"doel": i.samengevoegd_in} + ")"
    return tekst
