"""The series report: the evenings of one process (a :class:`~verslag.models.Traject`) side by
side, per theme and per question category. Built from what the public editions show (counts,
key points, the public wording of questions), so it holds no personal data. A fixed number of
queries however many evenings or ideas.
"""

from __future__ import annotations

import io
from collections import defaultdict
from dataclasses import dataclass

import xlsxwriter
from django.db.models import Count, F
from django.utils.translation import gettext as _

from informatiepunt.models import Vraag
from thematafels.models import Idee, Thematafel
from verslag.bouw import GOEDGEKEURD, is_concept
from verslag.model import status_label
from verslag.models import Traject
from verslag.schoon import tekst as schoon


@dataclass(frozen=True, slots=True)
class Avond:
    titel: str
    gebied: str
    datum: object
    concept: bool


@dataclass(frozen=True, slots=True)
class Kernpunt:
    tekst: str
    stippen: int


@dataclass(frozen=True, slots=True)
class ThemaReeks:
    """One theme (matched by name) across the evenings: per evening its ideas and key points."""

    naam: str
    aantallen: tuple[int | None, ...]  # None: the evening had no table for this theme
    kernpunten: tuple[tuple[Kernpunt, ...], ...]


@dataclass(frozen=True, slots=True)
class VraagRij:
    tekst: str
    status: str
    antwoord: str

    @property
    def status_label(self) -> str:
        return status_label(self.status)


@dataclass(frozen=True, slots=True)
class CategorieReeks:
    naam: str
    vragen: tuple[tuple[VraagRij, ...], ...]  # per evening

    @property
    def aantallen(self) -> tuple[int, ...]:
        return tuple(len(v) for v in self.vragen)


@dataclass(frozen=True, slots=True)
class Reeks:
    naam: str
    gemeente: str
    avonden: tuple[Avond, ...]
    themas: tuple[ThemaReeks, ...]
    categorieen: tuple[CategorieReeks, ...]


def bouw_reeks(traject: Traject) -> Reeks:
    sessies = list(traject.sessies.order_by("datum", "gebied", "pk"))
    kolom = {s.pk: n for n, s in enumerate(sessies)}
    leeg = len(sessies)

    thema_namen: dict[str, list[int | None]] = {}
    for t in Thematafel.objects.filter(sessie__in=sessies).order_by("nummer", "naam"):
        thema_namen.setdefault(t.naam, [None] * leeg)[kolom[t.sessie_id]] = 0
    tellingen = (
        Idee.objects.zichtbaar()
        .filter(sessie__in=sessies)
        .values("sessie_id", naam=F("tafel__thematafel__naam"))
        .annotate(n=Count("pk"))
        .order_by()
    )
    for rij in tellingen:
        thema_namen[rij["naam"]][kolom[rij["sessie_id"]]] = rij["n"]
    kern: dict[str, list[list[Kernpunt]]] = defaultdict(lambda: [[] for _ in sessies])
    kernpunten = (
        Idee.objects.zichtbaar()
        .filter(sessie__in=sessies, kernpunt=True)
        .annotate(stemmen=Count("stippen"), naam=F("tafel__thematafel__naam"))
        .order_by("volgorde", "aangemaakt", "pk")
    )
    for idee in kernpunten:
        kern[idee.naam][kolom[idee.sessie_id]].append(Kernpunt(idee.tekst, idee.stemmen))
    themas = tuple(
        ThemaReeks(naam, tuple(aantallen), tuple(tuple(k) for k in kern[naam]))
        for naam, aantallen in thema_namen.items()
    )

    per_categorie: dict[str, list[list[VraagRij]]] = {}
    vragen = (
        Vraag.objects.zichtbaar()
        .filter(sessie__in=sessies, dubbel_van__isnull=True)
        .select_related("categorie")
        .order_by(F("categorie__volgorde").asc(nulls_last=True), "categorie__naam", "aangemaakt")
    )
    overige = _("Other questions")
    for vraag in vragen:
        naam = vraag.categorie.naam if vraag.categorie else overige
        antwoord = vraag.antwoord if vraag.status in GOEDGEKEURD else ""
        per_categorie.setdefault(naam, [[] for _ in sessies])[kolom[vraag.sessie_id]].append(
            VraagRij(vraag.tekst, vraag.status, antwoord)
        )
    return Reeks(
        naam=traject.naam,
        gemeente=traject.gemeente,
        avonden=tuple(Avond(s.titel, s.gebied, s.datum, is_concept(s)) for s in sessies),
        themas=themas,
        categorieen=tuple(
            CategorieReeks(naam, tuple(tuple(v) for v in per_avond))
            for naam, per_avond in per_categorie.items()
        ),
    )


def render_reeks_xlsx(reeks: Reeks) -> bytes:
    """Three sheets: ideas per theme and evening, key points, questions."""
    buffer = io.BytesIO()
    boek = xlsxwriter.Workbook(
        buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
    )
    vet = boek.add_format({"bold": True})
    gebieden = [schoon(a.gebied) for a in reeks.avonden]

    def blad(titel: str, kop: list[str], rijen: list[list]) -> None:
        werkblad = boek.add_worksheet(titel[:31])
        werkblad.write_row(0, 0, kop, vet)
        for r, rij in enumerate(rijen, start=1):
            for c, waarde in enumerate(rij):
                if isinstance(waarde, str):
                    werkblad.write_string(r, c, schoon(waarde))
                elif waarde is not None:
                    werkblad.write_number(r, c, waarde)
        werkblad.set_column(0, 0, 30)
        werkblad.set_column(1, len(kop), 18)
        werkblad.freeze_panes(1, 1)

    blad(
        _("Ideas per theme"),
        [_("Theme"), *gebieden],
        [[t.naam, *t.aantallen] for t in reeks.themas],
    )
    blad(
        _("Key points"),
        [_("Theme"), _("District"), _("Order"), _("Text"), _("Dots")],
        [
            [t.naam, gebieden[n], i, k.tekst, k.stippen]
            for t in reeks.themas
            for n, punten in enumerate(t.kernpunten)
            for i, k in enumerate(punten, start=1)
        ],
    )
    blad(
        _("Questions"),
        [_("Category"), _("District"), _("Question"), _("Status"), _("Answer")],
        [
            [c.naam, gebieden[n], v.tekst, v.status_label, v.antwoord]
            for c in reeks.categorieen
            for n, vragen in enumerate(c.vragen)
            for v in vragen
        ],
    )
    boek.close()
    return buffer.getvalue()
