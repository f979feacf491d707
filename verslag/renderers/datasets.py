"""The report as flat tables ("data sets"), shared by the XLSX and CSV renderers."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..model import Verslag
from ..schoon import schoon
from .opmaak import tijd, tijdstip

Cel = str | int | float | None


@dataclass(frozen=True, slots=True)
class Dataset:
    naam: str
    titel: str
    kop: tuple[str, ...]
    rijen: tuple[tuple[Cel, ...], ...]


def _ja(waarde: bool) -> str:
    return _("yes") if waarde else _("no")


def _ideeen(v: Verslag) -> Dataset:
    return Dataset(
        "ideeen",
        _("Ideas"),
        (
            _("Theme"),
            _("Round"),
            _("Table"),
            _("Prompt"),
            _("Kind"),
            _("Text"),
            _("Key point"),
            _("Dots"),
            _("Merged into"),
            _("Time"),
        ),
        tuple(
            (
                t.naam,
                i.ronde,
                i.tafel,
                i.prompt,
                i.soort_label,
                i.tekst,
                _ja(i.kernpunt),
                i.stippen,
                i.samengevoegd_in or "",
                tijdstip(i.tijd),
            )
            for t in v.themas
            for r in t.rondes
            for g in r.groepen
            for i in g.ideeen
        ),
    )


def _kernpunten(v: Verslag) -> Dataset:
    return Dataset(
        "kernpunten",
        _("Key points"),
        (_("Theme"), _("Order"), _("Text"), _("Dots")),
        tuple(
            (t.naam, n, k.tekst, k.stippen)
            for t in v.themas
            for n, k in enumerate(t.kernpunten, start=1)
        ),
    )


def _vragen(v: Verslag) -> Dataset:
    return Dataset(
        "vragen",
        _("Questions"),
        (_("Category"), _("Question"), _("Status"), _("Answer"), _("Asker"), _("Time")),
        tuple(
            (c.naam, q.tekst, q.status_label, q.antwoord, q.vraagsteller or "", tijdstip(q.tijd))
            for c in v.vragen
            for q in c.vragen
        ),
    )


def _werkgroepen(v: Verslag) -> Dataset:
    return Dataset(
        "werkgroepen",
        _("Workgroups"),
        (_("Workgroup"), _("Goal"), _("Members"), _("Key points")),
        tuple((w.naam, w.doel, w.leden, "; ".join(w.kernpunten)) for w in v.werkgroepen),
    )


def _opkomst(v: Verslag) -> Dataset:
    o = v.opkomst
    rijen: list[tuple[Cel, ...]] = []
    if o:
        rijen = [
            (_("Registered"), o.aangemeld),
            (_("Checked in"), o.ingecheckt),
            (_("Walk-ins"), o.inloop),
            (_("Cancelled"), o.afgemeld),
            (_("Sandwiches"), o.broodjes),
            *((f"{_('Role')}: {r.rol}", r.aantal) for r in o.per_rol),
        ]
    return Dataset("opkomst", _("Attendance"), (_("Attendance"), _("Number")), tuple(rijen))


def _bijlage(v: Verslag) -> Dataset:
    return Dataset(
        "bijlage",
        _("Appendix"),
        (_("Time"), _("Kind"), _("Where"), _("Text")),
        tuple((tijd(b.tijd), b.soort_label, b.plek, b.tekst) for b in v.bijlage),
    )


_CONTACT = (
    gettext_lazy("Name"),
    gettext_lazy("E-mail"),
    gettext_lazy("Phone"),
    gettext_lazy("Organisation"),
)


def _deelnemers(v: Verslag) -> Dataset:
    return Dataset(
        "deelnemers",
        _("Attendees"),
        tuple(str(x) for x in _CONTACT),
        tuple((c.naam, c.email, c.telefoon, c.organisatie) for c in v.deelnemers),
    )


def _werkgroepleden(v: Verslag) -> Dataset:
    return Dataset(
        "werkgroepleden",
        _("Workgroup members"),
        (_("Workgroup"), *(str(x) for x in _CONTACT)),
        tuple(
            (w.naam, c.naam, c.email, c.telefoon, c.organisatie)
            for w in v.werkgroepen
            for c in w.leden_lijst
        ),
    )


OPENBAAR: dict[str, Callable[[Verslag], Dataset]] = {
    "ideeen": _ideeen,
    "kernpunten": _kernpunten,
    "vragen": _vragen,
    "werkgroepen": _werkgroepen,
    "opkomst": _opkomst,
    "bijlage": _bijlage,
}
ALLEEN_ORGANISATOR: dict[str, Callable[[Verslag], Dataset]] = {
    "deelnemers": _deelnemers,
    "werkgroepleden": _werkgroepleden,
}
DATASETS: tuple[str, ...] = (*OPENBAAR, *ALLEEN_ORGANISATOR)


def dataset_namen(verslag: Verslag) -> tuple[str, ...]:
    """The data sets this edition offers (personal data only in the organiser edition)."""
    return tuple(OPENBAAR) if verslag.openbaar else DATASETS


def dataset(verslag: Verslag, naam: str, *, schoongemaakt: bool = False) -> Dataset:
    if naam not in dataset_namen(verslag):
        raise KeyError(naam)
    bron = verslag if schoongemaakt else schoon(verslag)
    return {**OPENBAAR, **ALLEEN_ORGANISATOR}[naam](bron)


def datasets(verslag: Verslag) -> list[Dataset]:
    schoon_verslag = schoon(verslag)
    return [dataset(schoon_verslag, n, schoongemaakt=True) for n in dataset_namen(verslag)]
