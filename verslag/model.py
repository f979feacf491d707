"""The report as plain, frozen data: one model that every renderer reads.

Only str, int, float, bool, None, date, time, datetime and tuples of these (or of the
dataclasses below) appear here, so a report can be built in a test without a database and
serialised with :meth:`Verslag.naar_dict`.

Two editions exist. The *public* edition ("openbaar") carries no personal data: no
attendee list and no workgroup member list; :meth:`Verslag.__post_init__` refuses one that
does, and :meth:`Verslag.openbare_editie` strips an organiser edition down to it.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any, Literal

from django.utils.translation import gettext_lazy as _

Editie = Literal["openbaar", "organisator"]
EDITIES: tuple[str, ...] = ("openbaar", "organisator")

SCHEMA_VERSIE = 1

# Display labels for the codes stored in the model (same msgids as the project's models).
SOORT_LABELS = {
    "idee": _("Idea"),
    "zorg": _("Concern"),
    "vraag": _("Question"),
    "actie": _("Action"),
}
STATUS_LABELS = {
    "nieuw": _("New"),
    "in_behandeling": _("In progress"),
    "beantwoord": _("Answered"),
    "teruggekoppeld": _("Answer sent"),
}
EDITIE_LABELS = {"openbaar": _("Public edition"), "organisator": _("Organiser edition")}


def soort_label(code: str) -> str:
    return str(SOORT_LABELS.get(code, code))


def status_label(code: str) -> str:
    return str(STATUS_LABELS.get(code, code))


@dataclass(frozen=True, slots=True)
class Contact:
    """A person who consented to being contacted (organiser edition only)."""

    naam: str
    email: str = ""
    telefoon: str = ""
    organisatie: str = ""


@dataclass(frozen=True, slots=True)
class SessieKop:
    """The evening itself: what, where, when, why."""

    titel: str
    gebied: str
    datum: date
    locatie: str
    adres: str = ""
    plaats: str = ""
    doelen: tuple[str, ...] = ()
    gespreksleiders: str = ""
    onderwerp: str = ""


@dataclass(frozen=True, slots=True)
class Onderdeel:
    """One item of the programme."""

    start: time
    eind: time | None
    titel: str
    soort: str = ""
    punten: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class RolAantal:
    rol: str
    aantal: int


@dataclass(frozen=True, slots=True)
class Opkomst:
    """Attendance: registered, checked in, walk-ins, cancelled; per role; sandwiches."""

    aangemeld: int
    ingecheckt: int
    inloop: int
    afgemeld: int
    per_rol: tuple[RolAantal, ...] = ()
    broodjes: int = 0


@dataclass(frozen=True, slots=True)
class IdeeRegel:
    """One idea as logged by a table host.

    ``samengevoegd_in`` is the text of the idea this one was merged into, if any.
    """

    tekst: str
    soort: str
    prompt: str
    kernpunt: bool
    tafel: str
    ronde: int
    tijd: datetime
    stippen: int = 0
    samengevoegd_in: str | None = None

    @property
    def soort_label(self) -> str:
        return soort_label(self.soort)


@dataclass(frozen=True, slots=True)
class IdeeGroep:
    """The ideas of one round under one prompt (``prompt`` may be "") and kind."""

    prompt: str
    soort: str
    ideeen: tuple[IdeeRegel, ...]

    @property
    def soort_label(self) -> str:
        return soort_label(self.soort)


@dataclass(frozen=True, slots=True)
class ThemaRonde:
    nummer: int
    start: time | None
    eind: time | None
    groepen: tuple[IdeeGroep, ...]

    @property
    def aantal_ideeen(self) -> int:
        return sum(len(g.ideeen) for g in self.groepen)


@dataclass(frozen=True, slots=True)
class Thema:
    """A theme table; ``kernpunten`` are its key points in wrap-up order, with dots."""

    nummer: int
    naam: str
    kernvraag: str
    rondes: tuple[ThemaRonde, ...]
    kernpunten: tuple[IdeeRegel, ...] = ()

    @property
    def aantal_ideeen(self) -> int:
        return sum(r.aantal_ideeen for r in self.rondes)


@dataclass(frozen=True, slots=True)
class TafelBezetting:
    tafel: str
    aantal: int


@dataclass(frozen=True, slots=True)
class RondeBezetting:
    ronde: int
    tafels: tuple[TafelBezetting, ...]


@dataclass(frozen=True, slots=True)
class Rotatie:
    """Table sizes per round and how well the table plan honoured preferences (0-100 %).

    Sizes are the table hosts' head counts, or the plan's seats where none were entered.
    ``voorkeuren_gehonoreerd``: of the seated people who named a first-choice theme, the share
    who sat at it; ``beide_gehonoreerd``: of those who named two, the share who sat at both.
    None when there is no table plan (or nobody named a preference).
    """

    rondes: tuple[RondeBezetting, ...]
    voorkeuren_gehonoreerd: float | None = None
    beide_gehonoreerd: float | None = None


@dataclass(frozen=True, slots=True)
class VraagRegel:
    """A question from the information point.

    ``status`` is a code (nieuw, in_behandeling, beantwoord, teruggekoppeld);
    ``vraagsteller`` is the *kind* of asker (resident, business owner, ...), never a name.
    """

    tekst: str
    status: str
    antwoord: str
    tijd: datetime
    vraagsteller: str | None = None

    @property
    def status_label(self) -> str:
        return status_label(self.status)


@dataclass(frozen=True, slots=True)
class Vraagcategorie:
    naam: str
    vragen: tuple[VraagRegel, ...]


@dataclass(frozen=True, slots=True)
class WerkgroepRegel:
    """A workgroup; ``leden_lijst`` is only filled in the organiser edition."""

    naam: str
    doel: str
    leden: int
    kernpunten: tuple[str, ...] = ()
    leden_lijst: tuple[Contact, ...] = ()


@dataclass(frozen=True, slots=True)
class RuweRegel:
    """One line of the raw appendix: every idea and question in time order.

    ``plek`` says where it was said: "theme / table / round" for an idea, the category for
    a question.
    """

    tijd: datetime
    soort: str
    plek: str
    tekst: str

    @property
    def soort_label(self) -> str:
        return soort_label(self.soort)


@dataclass(frozen=True, slots=True)
class Verslag:
    editie: Editie
    concept: bool
    sessie: SessieKop
    programma: tuple[Onderdeel, ...] = ()
    opkomst: Opkomst | None = None
    themas: tuple[Thema, ...] = ()
    rotatie: Rotatie | None = None
    vragen: tuple[Vraagcategorie, ...] = ()
    antwoorden_url: str = ""
    werkgroepen: tuple[WerkgroepRegel, ...] = ()
    vervolg: tuple[str, ...] = ()
    bijlage: tuple[RuweRegel, ...] = ()
    deelnemers: tuple[Contact, ...] = ()
    gemaakt_op: datetime | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        if self.editie not in EDITIES:
            raise ValueError(f"unknown edition {self.editie!r}")
        if self.openbaar and (self.deelnemers or any(w.leden_lijst for w in self.werkgroepen)):
            raise ValueError("the public edition must not carry contact details")

    @property
    def openbaar(self) -> bool:
        return self.editie == "openbaar"

    @property
    def aantal_ideeen(self) -> int:
        return sum(t.aantal_ideeen for t in self.themas)

    @property
    def aantal_vragen(self) -> int:
        return sum(len(c.vragen) for c in self.vragen)

    def openbare_editie(self) -> Verslag:
        """This report without any personal data."""
        return dataclasses.replace(
            self,
            editie="openbaar",
            deelnemers=(),
            werkgroepen=tuple(dataclasses.replace(w, leden_lijst=()) for w in self.werkgroepen),
        )

    def naar_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data (see ``verslag/schema.json``)."""
        return {"schema_versie": SCHEMA_VERSIE, **_naar_data(self)}


def _naar_data(waarde: Any) -> Any:
    if dataclasses.is_dataclass(waarde) and not isinstance(waarde, type):
        return {f.name: _naar_data(getattr(waarde, f.name)) for f in dataclasses.fields(waarde)}
    if isinstance(waarde, tuple | list):
        return [_naar_data(w) for w in waarde]
    if isinstance(waarde, datetime | date | time):
        return waarde.isoformat()
    return waarde
