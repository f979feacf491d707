from __future__ import annotations

import datetime as dt

from django.db import models
from django.utils.translation import gettext_lazy as _


class Programmaonderdeel(models.Model):
    """One block of the evening's programme, from start to end."""

    class Soort(models.TextChoices):
        INLOOP = "inloop", _("Walk-in")
        PLENAIR = "plenair", _("Plenary")
        PAUZE = "pauze", _("Break")
        THEMATAFELS = "thematafels", _("Theme tables")
        NAPRATEN = "napraten", _("Drinks")

    sessie = models.ForeignKey(
        "sessie.Sessie",
        on_delete=models.CASCADE,
        related_name="programma",
        verbose_name=_("session"),
    )
    start = models.TimeField(_("start"))
    eind = models.TimeField(_("end"))
    soort = models.CharField(_("kind"), max_length=20, choices=Soort.choices)
    titel = models.CharField(_("title"), max_length=200)
    toelichting = models.TextField(_("explanation"), blank=True)
    punten = models.TextField(_("points"), blank=True, help_text=_("One point per line."))

    class Meta:
        ordering = ["start", "pk"]
        verbose_name = _("programme item")
        verbose_name_plural = _("programme items")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(eind__gt=models.F("start")),
                name="programmaonderdeel_eind_na_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.start:%H.%M}–{self.eind:%H.%M} {self.titel}"

    @property
    def punten_lijst(self) -> list[str]:
        return [regel.strip() for regel in self.punten.splitlines() if regel.strip()]

    @property
    def duur(self) -> dt.timedelta:
        return dt.datetime.combine(dt.date.min, self.eind) - dt.datetime.combine(
            dt.date.min, self.start
        )
