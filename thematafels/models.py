from __future__ import annotations

import datetime as dt
import itertools

from django.db import models
from django.utils.translation import gettext_lazy as _


class Thematafel(models.Model):
    """A theme discussed at one or more physical tables, with its key question."""

    sessie = models.ForeignKey(
        "sessie.Sessie",
        on_delete=models.CASCADE,
        related_name="thematafels",
        verbose_name=_("session"),
    )
    nummer = models.PositiveSmallIntegerField(_("number"))
    naam = models.CharField(_("name"), max_length=100)
    kernvraag = models.TextField(_("key question"))
    toelichting = models.TextField(
        _("further questions"), blank=True, help_text=_("One question per line.")
    )

    class Meta:
        ordering = ["sessie", "nummer"]
        verbose_name = _("theme table")
        verbose_name_plural = _("theme tables")
        constraints = [
            models.UniqueConstraint(fields=["sessie", "nummer"], name="thematafel_nummer_uniek")
        ]

    def __str__(self) -> str:
        return f"{self.nummer}. {self.naam}"

    @property
    def vragen_lijst(self) -> list[str]:
        return [regel.strip() for regel in self.toelichting.splitlines() if regel.strip()]


class Prompt(models.Model):
    """A "denk aan" hint that a table host can tag an idea with."""

    thematafel = models.ForeignKey(
        Thematafel, on_delete=models.CASCADE, related_name="prompts", verbose_name=_("theme table")
    )
    tekst = models.CharField(_("text"), max_length=100)
    volgorde = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["thematafel", "volgorde", "pk"]
        verbose_name = _("prompt")
        verbose_name_plural = _("prompts")

    def __str__(self) -> str:
        return self.tekst


class Tafel(models.Model):
    """A physical table where one theme is discussed; a big turnout needs several."""

    thematafel = models.ForeignKey(
        Thematafel, on_delete=models.CASCADE, related_name="tafels", verbose_name=_("theme table")
    )
    naam = models.CharField(_("name"), max_length=100)
    capaciteit = models.PositiveSmallIntegerField(_("seats"), default=12)
    host_naam = models.CharField(_("host"), max_length=100, blank=True)

    class Meta:
        ordering = ["thematafel", "naam", "pk"]
        verbose_name = _("table")
        verbose_name_plural = _("tables")

    def __str__(self) -> str:
        return self.naam


class Ronde(models.Model):
    """One rotation round of the theme tables."""

    sessie = models.ForeignKey(
        "sessie.Sessie", on_delete=models.CASCADE, related_name="rondes", verbose_name=_("session")
    )
    nummer = models.PositiveSmallIntegerField(_("number"))
    start = models.TimeField(_("start"))
    eind = models.TimeField(_("end"))

    class Meta:
        ordering = ["sessie", "nummer"]
        verbose_name = _("round")
        verbose_name_plural = _("rounds")
        constraints = [
            models.UniqueConstraint(fields=["sessie", "nummer"], name="ronde_nummer_uniek"),
            models.CheckConstraint(
                condition=models.Q(eind__gt=models.F("start")), name="ronde_eind_na_start"
            ),
        ]

    def __str__(self) -> str:
        return _("Round %(nummer)s") % {"nummer": self.nummer}

    @staticmethod
    def verdeel(*, start: dt.time, eind: dt.time, aantal: int) -> list[tuple[dt.time, dt.time]]:
        """Split a block of the programme into `aantal` equal rounds (whole minutes)."""
        dag = dt.date(2000, 1, 1)
        begin = dt.datetime.combine(dag, start)
        minuten = int((dt.datetime.combine(dag, eind) - begin).total_seconds() // 60)
        stap = minuten // aantal
        grenzen = [begin + dt.timedelta(minutes=stap * i) for i in range(aantal)]
        grenzen.append(dt.datetime.combine(dag, eind))
        return [(a.time(), b.time()) for a, b in itertools.pairwise(grenzen)]
