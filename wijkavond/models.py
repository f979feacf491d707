"""The organisation's look (issue 16): a theme as data, one of them active.

The core knows nothing of it: the context processor and the stylesheet view read the active
theme, and settings.ORGANISATIE stays the fallback for a site without one.
"""

from __future__ import annotations

import hashlib
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models, transaction
from django.utils.translation import gettext_lazy

from wijkavond.contrast import NIET_TEKST, PROJECTOR_ACHTERGROND, TEKST, WIT, contrast

kleur = RegexValidator(r"^#[0-9a-fA-F]{6}$", gettext_lazy("Enter a colour as #rrggbb."))
CACHE_SLEUTEL = "wijkavond:huisstijl"
# Each process keeps the active theme this long: switching themes reaches every worker in a minute.
CACHE_SECONDEN = 60
LOGO_MAX = 50_000


@dataclass(frozen=True)
class Stijl:
    """What every page needs of the theme, small enough to keep in memory."""

    naam: str
    email: str
    telefoon: str
    primair: str
    primair_tekst: str
    accent: str
    link: str
    heeft_logo: bool
    versie: str


# Without a theme: the organisation from settings in the site's own colours.
STANDAARD_KLEUREN = {
    "primair": "#1b4f72",
    "primair_tekst": "#ffffff",
    "accent": "#c76b00",
    "link": "#0b5a8a",
}


class Huisstijl(models.Model):
    naam = models.CharField(gettext_lazy("organisation name"), max_length=120)
    logo_svg = models.TextField(
        gettext_lazy("logo (SVG)"),
        blank=True,
        help_text=gettext_lazy("The SVG source of the logo; no scripts, no external files."),
    )
    kleur_primair = models.CharField(
        gettext_lazy("primary colour"),
        max_length=7,
        validators=[kleur],
        help_text=gettext_lazy("Header and primary buttons."),
    )
    kleur_primair_tekst = models.CharField(
        gettext_lazy("primary text colour"),
        max_length=7,
        validators=[kleur],
        help_text=gettext_lazy("Text on the primary colour."),
    )
    kleur_accent = models.CharField(
        gettext_lazy("accent colour"),
        max_length=7,
        validators=[kleur],
        help_text=gettext_lazy("The focus ring and accents; on white and on the projector."),
    )
    kleur_link = models.CharField(gettext_lazy("link colour"), max_length=7, validators=[kleur])
    email = models.EmailField(gettext_lazy("contact e-mail"), blank=True)
    telefoon = models.CharField(gettext_lazy("contact phone"), max_length=40, blank=True)
    actief = models.BooleanField(gettext_lazy("active"), default=False, editable=False)
    gewijzigd = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = gettext_lazy("theme")
        verbose_name_plural = gettext_lazy("themes")
        ordering = ["naam"]
        constraints = [
            models.UniqueConstraint(
                fields=["actief"], condition=models.Q(actief=True), name="een_actieve_huisstijl"
            )
        ]

    def __str__(self) -> str:
        return self.naam

    def clean(self) -> None:
        fouten = {}
        eisen = [
            ("kleur_primair_tekst", self.kleur_primair_tekst, self.kleur_primair, TEKST),
            ("kleur_link", self.kleur_link, WIT, TEKST),
            ("kleur_accent", self.kleur_accent, WIT, NIET_TEKST),
            ("kleur_accent", self.kleur_accent, PROJECTOR_ACHTERGROND, NIET_TEKST),
        ]
        for veld, voor, achter, minimum in eisen:
            if veld in fouten or not all(kleur.regex.match(k or "") for k in (voor, achter)):
                continue
            if (ratio := contrast(voor, achter)) < minimum:
                fouten[veld] = gettext_lazy(
                    "Contrast %(ratio).1f:1 with %(achter)s is too low; at least %(minimum).1f:1."
                ) % {"ratio": ratio, "achter": achter, "minimum": minimum}
        if self.logo_svg:
            try:
                self.logo_svg = schoon_logo(self.logo_svg)
            except ValueError as fout:
                fouten["logo_svg"] = str(fout)
        if fouten:
            raise ValidationError(fouten)

    @transaction.atomic
    def activeer(self) -> None:
        """Make this the theme of every page (and no other)."""
        Huisstijl.objects.exclude(pk=self.pk).filter(actief=True).update(actief=False)
        self.actief = True
        self.save()
        vergeet_stijl()

    @property
    def stijl(self) -> Stijl:
        teken = f"{self.pk}:{self.gewijzigd.isoformat() if self.gewijzigd else ''}"
        return Stijl(
            naam=self.naam,
            email=self.email or settings.ORGANISATIE["email"],
            telefoon=self.telefoon or settings.ORGANISATIE["telefoon"],
            primair=self.kleur_primair,
            primair_tekst=self.kleur_primair_tekst,
            accent=self.kleur_accent,
            link=self.kleur_link,
            heeft_logo=bool(self.logo_svg),
            versie=hashlib.sha256(teken.encode()).hexdigest()[:10],
        )


def schoon_logo(svg: str) -> str:
    """The logo as well-formed SVG without scripts, event handlers or outside references.

    It is served with a sandboxing CSP and shown through <img> (where nothing runs anyway);
    this keeps the source itself clean too.
    """
    svg = svg.strip()
    if len(svg) > LOGO_MAX:
        raise ValueError(gettext_lazy("The logo is too large (at most 50 kB)."))
    if "<!DOCTYPE" in svg.upper() or "<!ENTITY" in svg.upper():
        raise ValueError(gettext_lazy("The logo may not contain a DOCTYPE."))
    try:
        wortel = ET.fromstring(svg)
    except ET.ParseError as fout:
        raise ValueError(gettext_lazy("The logo is not valid SVG.")) from fout
    if wortel.tag not in ("svg", "{http://www.w3.org/2000/svg}svg"):
        raise ValueError(gettext_lazy("The logo is not valid SVG."))
    for element in wortel.iter():
        naam = element.tag.rsplit("}", 1)[-1].lower()
        attributen = {a.rsplit("}", 1)[-1].lower(): w for a, w in element.attrib.items()}
        if naam in {"script", "foreignobject", "iframe", "use"} or any(
            a.startswith("on") for a in attributen
        ):
            raise ValueError(gettext_lazy("The logo may not contain scripts or embedded content."))
        if (href := attributen.get("href", "")) and not href.startswith(("#", "data:image/")):
            raise ValueError(gettext_lazy("The logo may not refer to other files."))
    return svg


def actieve_stijl() -> Stijl | None:
    """The active theme, from this process's memory (one query a minute at most)."""
    stijl = cache.get(CACHE_SLEUTEL)
    if stijl is None:
        huisstijl = Huisstijl.objects.filter(actief=True).first()
        stijl = huisstijl.stijl if huisstijl else False
        cache.set(CACHE_SLEUTEL, stijl, CACHE_SECONDEN)
    return stijl or None


def kleuren(stijl: Stijl | None) -> dict[str, str]:
    """The design tokens' colours: the theme's, or the site's own."""
    if stijl is None:
        return STANDAARD_KLEUREN
    eigen = {
        "primair": stijl.primair,
        "primair_tekst": stijl.primair_tekst,
        "accent": stijl.accent,
        "link": stijl.link,
    }
    # Only #rrggbb reaches the stylesheet, even from a row that skipped the form.
    return {k: w if kleur.regex.match(w) else STANDAARD_KLEUREN[k] for k, w in eigen.items()}


def vergeet_stijl() -> None:
    cache.delete(CACHE_SLEUTEL)
