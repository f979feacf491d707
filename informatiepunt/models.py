from django.db import models
from django.utils.translation import gettext_lazy as _


class Vraagcategorie(models.Model):
    """A topic the information point sorts its questions by (data per session)."""

    sessie = models.ForeignKey(
        "sessie.Sessie",
        on_delete=models.CASCADE,
        related_name="vraagcategorieen",
        verbose_name=_("session"),
    )
    naam = models.CharField(_("name"), max_length=100)
    toelichting = models.CharField(_("explanation"), max_length=200, blank=True)
    volgorde = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["sessie", "volgorde", "naam"]
        verbose_name = _("question category")
        verbose_name_plural = _("question categories")
        constraints = [
            models.UniqueConstraint(fields=["sessie", "naam"], name="vraagcategorie_naam_uniek")
        ]

    def __str__(self) -> str:
        return self.naam
