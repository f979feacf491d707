"""Registration: one person coming to one evening, signed up in advance or walked in."""

from __future__ import annotations

import base64
import datetime as dt
import secrets

from django.core import signing
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from sessie.models import Inzending, Sessie, Werkgroep, hash_token

LINK_SALT = "aanmelden.aanmelding.extra-link"
LINK_DEEL = 20  # hex digits of the personal link's hash that an extra link carries
EMAIL_BEVESTIGEN_BINNEN = dt.timedelta(hours=48)  # a new address's link works this long


class AanmeldingQuerySet(models.QuerySet):
    def actief(self) -> AanmeldingQuerySet:
        return self.filter(geannuleerd__isnull=True)


class Aanmelding(Inzending):
    """One person coming to one evening: signed up in advance or walked in at the door.

    Two tokens, both stored only as hashes: the personal link (see, change, cancel, delete)
    and the check-in code in the e-mail's QR, which only the door can use. Both are made from
    the row's `link_zout` and the site's secret key, so a second mail repeats the first one's
    links (the database alone gives neither away); a new salt makes new links and kills the old.
    """

    class Broodje(models.TextChoices):
        GEEN = "geen", _("No sandwich")
        JA = "ja", _("Sandwich")
        WACHTLIJST = "wachtlijst", _("On the waiting list")

    class Dieet(models.TextChoices):
        VEGETARISCH = "vegetarisch", _("Vegetarian")
        VEGANISTISCH = "veganistisch", _("Vegan")
        HALAL = "halal", _("Halal")
        GLUTENVRIJ = "glutenvrij", _("Gluten-free")
        LACTOSEVRIJ = "lactosevrij", _("Lactose-free")

    sessie = models.ForeignKey(
        Sessie, on_delete=models.CASCADE, related_name="aanmeldingen", verbose_name=_("session")
    )
    naam = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("e-mail address"), blank=True)
    telefoon = models.CharField(_("phone number"), max_length=30, blank=True)
    rol = models.CharField(_("who you are"), max_length=100, blank=True)
    organisatie = models.CharField(_("organisation"), max_length=150, blank=True)
    buurt = models.CharField(_("neighbourhood"), max_length=100, blank=True)
    broodje = models.CharField(
        _("sandwich"), max_length=12, choices=Broodje.choices, default=Broodje.GEEN
    )
    # First come, first served: the moment this person asked for a sandwich.
    broodje_sinds = models.DateTimeField(_("sandwich asked for at"), null=True, blank=True)
    # What cancelling gave up (a sandwich, a place on the waiting list), to offer it back.
    broodje_afgestaan = models.CharField(
        _("sandwich given up when cancelling"), max_length=12, choices=Broodje.choices, blank=True
    )
    dieet = models.JSONField(_("dietary wishes"), default=list, blank=True)
    allergie = models.CharField(_("allergy"), max_length=200, blank=True)
    voorkeur_1 = models.ForeignKey(
        "thematafels.Thematafel",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("first choice of theme table"),
    )
    voorkeur_2 = models.ForeignKey(
        "thematafels.Thematafel",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("second choice of theme table"),
    )
    werkgroepen = models.ManyToManyField(
        Werkgroep, blank=True, related_name="aanmeldingen", verbose_name=_("workgroups")
    )
    toestemming_contact = models.BooleanField(
        _("may be contacted after the evening"), default=False
    )
    toestemming_netwerk = models.BooleanField(_("on the evening's network list"), default=False)
    # A changed address waits here until its owner clicks the link mailed to it; until then
    # every mail goes to `email`. The link's token is kept only as a hash, with its expiry.
    nieuw_email = models.EmailField(_("new e-mail address, not yet confirmed"), blank=True)
    nieuw_email_hash = models.CharField(max_length=64, blank=True, editable=False, db_index=True)
    nieuw_email_tot = models.DateTimeField(null=True, blank=True, editable=False)
    link_zout = models.CharField(max_length=32, blank=True, editable=False)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    incheck_hash = models.CharField(max_length=64, unique=True, editable=False)
    inloop = models.BooleanField(_("walk-in"), default=False)
    ingecheckt = models.DateTimeField(_("checked in"), null=True, blank=True)
    geannuleerd = models.DateTimeField(_("cancelled"), null=True, blank=True)
    aangemaakt = models.DateTimeField(_("registered"), auto_now_add=True, db_index=True)
    gewijzigd = models.DateTimeField(_("changed"), auto_now=True)

    objects = AanmeldingQuerySet.as_manager()

    class Meta:
        ordering = ["sessie_id", "naam", "pk"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(
                fields=["sessie", "email"],
                condition=~Q(email=""),
                name="aanmelding_email_uniek_per_sessie",
            )
        ]
        indexes = [models.Index(fields=["sessie", "broodje", "broodje_sinds"])]

    def __str__(self) -> str:
        return self.naam

    @property
    def is_actief(self) -> bool:
        return self.geannuleerd is None

    @property
    def dieet_labels(self) -> list[str]:
        labels = dict(self.Dieet.choices)
        return [str(labels[code]) for code in self.dieet if code in labels]

    @staticmethod
    def _tokens_uit(zout: str) -> dict[str, str]:
        def afgeleid(doel: str) -> str:
            digest = salted_hmac(f"wijkavond.aanmelding.{doel}", zout, algorithm="sha256").digest()
            return base64.urlsafe_b64encode(digest).decode().rstrip("=")

        return {"token": afgeleid("link"), "incheck": afgeleid("incheck")[:32]}

    @classmethod
    def nieuwe_tokens(cls) -> tuple[dict[str, str], dict[str, str]]:
        """(fields for the row, raw tokens for the e-mail): personal link and check-in code."""
        zout = secrets.token_urlsafe(24)
        tokens = cls._tokens_uit(zout)
        return (
            {
                "link_zout": zout,
                "token_hash": hash_token(tokens["token"]),
                "incheck_hash": hash_token(tokens["incheck"]),
            },
            tokens,
        )

    @classmethod
    def vind(cls, token: str, *, veld: str = "token_hash") -> Aanmelding | None:
        """The registration behind a personal link (raw token or `extra_link`) or door code."""
        rijen = cls.objects.select_related("sessie")
        if veld == "token_hash" and ":" in token and len(token) <= 200:
            return cls._vind_extra(token, rijen)
        if not token or len(token) > 100:
            return None
        return rijen.filter(**{veld: hash_token(token)}).first()

    def extra_link(self) -> str:
        """One more personal link, killing none: signed (nothing stored) and bound to the
        personal link's hash, so it stops working when that link is renewed (retention)."""
        return signing.dumps([self.pk, self.token_hash[:LINK_DEEL]], salt=LINK_SALT)

    @staticmethod
    def _vind_extra(code: str, rijen: models.QuerySet) -> Aanmelding | None:
        try:
            pk, deel = signing.loads(code, salt=LINK_SALT)
        except (signing.BadSignature, ValueError, TypeError):
            return None
        if not isinstance(pk, int) or not isinstance(deel, str):
            return None
        aanmelding = rijen.filter(pk=pk).first()
        if aanmelding is None:
            return None
        if not secrets.compare_digest(aanmelding.token_hash[:LINK_DEEL], deel):
            return None
        return aanmelding

    def _huidige_tokens(self) -> dict[str, str] | None:
        """The links as they work now, or None for a row whose links were made otherwise."""
        if not self.link_zout:
            return None
        tokens = self._tokens_uit(self.link_zout)
        if hash_token(tokens["token"]) != self.token_hash:
            return None
        return tokens

    def links(self) -> dict[str, str]:
        """The links that work now, to mail again: the first mail's links keep working."""
        return self._huidige_tokens() or self.vernieuw_tokens()

    @property
    def incheck_code(self) -> str | None:
        """The check-in code of the mail's QR, for the personal page to show it too."""
        tokens = self._huidige_tokens()
        if tokens is None or hash_token(tokens["incheck"]) != self.incheck_hash:
            return None
        return tokens["incheck"]

    def vernieuw_tokens(self) -> dict[str, str]:
        """New links: the old ones stop working at once."""
        velden, tokens = self.nieuwe_tokens()
        for veld, waarde in velden.items():
            setattr(self, veld, waarde)
        self.save(update_fields=[*velden])
        return tokens

    def vraag_email_bevestiging(self) -> str:
        """A new link for the address that waits (the old one stops); returns its raw token."""
        token = secrets.token_urlsafe(32)
        self.nieuw_email_hash = hash_token(token)
        self.nieuw_email_tot = timezone.now() + EMAIL_BEVESTIGEN_BINNEN
        self.save(update_fields=["nieuw_email_hash", "nieuw_email_tot"])
        return token

    @classmethod
    def vind_email_bevestiging(cls, token: str) -> Aanmelding | None:
        """The registration whose waiting address this link confirms, while it is valid."""
        if not token or len(token) > 100:
            return None
        return (
            cls.objects.select_related("sessie")
            .exclude(nieuw_email="")
            .filter(nieuw_email_hash=hash_token(token), nieuw_email_tot__gt=timezone.now())
            .first()
        )

    def check_in(self) -> None:
        """At the door; someone who cancelled but came after all is simply signed up again."""
        if self.ingecheckt is None or self.geannuleerd is not None:
            self.ingecheckt = self.ingecheckt or timezone.now()
            self.geannuleerd = None
            self.save(update_fields=["ingecheckt", "geannuleerd", "gewijzigd"])
        Sessie.bump(self.sessie_id)

    def check_in_ongedaan(self) -> None:
        self.ingecheckt = None
        self.save(update_fields=["ingecheckt", "gewijzigd"])
        Sessie.bump(self.sessie_id)

    def als_gegevens(self) -> dict:
        """Everything we keep about this person, for "download my data"."""
        return {
            "sessie": self.sessie.titel,
            "datum": self.sessie.datum.isoformat(),
            "naam": self.naam,
            "email": self.email,
            "nieuw_email_onbevestigd": self.nieuw_email,
            "telefoon": self.telefoon,
            "rol": self.rol,
            "organisatie": self.organisatie,
            "buurt": self.buurt,
            "broodje": self.broodje,
            "dieet": list(self.dieet),
            "allergie": self.allergie,
            "voorkeur_thematafels": [str(t) for t in (self.voorkeur_1, self.voorkeur_2) if t],
            "werkgroepen": [w.naam for w in self.werkgroepen.all()],
            "toestemming_contact": self.toestemming_contact,
            "toestemming_netwerklijst": self.toestemming_netwerk,
            "inloop": self.inloop,
            "ingecheckt": self.ingecheckt.isoformat() if self.ingecheckt else None,
            "geannuleerd": self.geannuleerd.isoformat() if self.geannuleerd else None,
            "aangemeld": self.aangemaakt.isoformat(),
        }


class Plaatsing(models.Model):
    """Where one person sits in one round of the theme tables (the rotation plan)."""

    aanmelding = models.ForeignKey(
        Aanmelding,
        on_delete=models.CASCADE,
        related_name="plaatsingen",
        verbose_name=_("registration"),
    )
    ronde = models.ForeignKey(
        "thematafels.Ronde",
        on_delete=models.CASCADE,
        related_name="plaatsingen",
        verbose_name=_("round"),
    )
    tafel = models.ForeignKey(
        "thematafels.Tafel",
        on_delete=models.CASCADE,
        related_name="plaatsingen",
        verbose_name=_("table"),
    )

    class Meta:
        ordering = ["ronde__nummer", "tafel__naam", "aanmelding__naam"]
        verbose_name = _("seat")
        verbose_name_plural = _("seats")
        constraints = [
            models.UniqueConstraint(fields=["aanmelding", "ronde"], name="plaatsing_een_per_ronde")
        ]
        indexes = [models.Index(fields=["tafel", "ronde"], name="plaatsing_tafel_ronde")]

    def __str__(self) -> str:
        return f"{self.aanmelding} · {self.ronde} · {self.tafel}"


class Tafelplan(models.Model):
    """A session's rotation plan as a whole: when it was made, from whom, and whether everyone
    may see it. The seats themselves are `Plaatsing` rows."""

    class Bron(models.TextChoices):
        AANGEMELD = "aangemeld", _("Registrations (before the evening)")
        AANWEZIG = "aanwezig", _("Checked in (at the evening)")

    sessie = models.OneToOneField(
        Sessie,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="tafelplan",
        verbose_name=_("session"),
    )
    bron = models.CharField(_("made from"), max_length=10, choices=Bron.choices)
    melding = models.TextField(_("planner's message"), blank=True)
    gemaakt = models.DateTimeField(_("made"), auto_now=True)
    gepubliceerd = models.DateTimeField(_("published"), null=True, blank=True)

    class Meta:
        verbose_name = _("table plan")
        verbose_name_plural = _("table plans")

    def __str__(self) -> str:
        return str(self.sessie)


class LidmaatschapQuerySet(models.QuerySet):
    def actief(self) -> LidmaatschapQuerySet:
        return self.filter(afgemeld__isnull=True)


class Lidmaatschap(Inzending):
    """One person in one workgroup: ticked at registration, signed up on the evening, or after.

    Contact details go to the workgroup only with `toestemming_contact`; without it the
    organiser sees the name only.
    """

    class Herkomst(models.TextChoices):
        AANMELDING = "aanmelding", _("Registration")
        AVOND = "avond", _("On the evening")
        ROLAANBOD = "rolaanbod", _("Role offer at a table")
        ACHTERAF = "achteraf", _("Afterwards")

    werkgroep = models.ForeignKey(
        Werkgroep,
        on_delete=models.CASCADE,
        related_name="lidmaatschappen",
        verbose_name=_("workgroup"),
    )
    naam = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("e-mail address"))
    telefoon = models.CharField(_("phone number"), max_length=30, blank=True)
    organisatie = models.CharField(_("organisation"), max_length=150, blank=True)
    toestemming_contact = models.BooleanField(
        _("contact details may be shared with the workgroup"), default=False
    )
    herkomst = models.CharField(_("origin"), max_length=12, choices=Herkomst.choices)
    aanmelding = models.ForeignKey(
        Aanmelding,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="lidmaatschappen",
        verbose_name=_("registration"),
    )
    aangemaakt = models.DateTimeField(_("signed up"), auto_now_add=True)
    afgemeld = models.DateTimeField(_("left"), null=True, blank=True)

    objects = LidmaatschapQuerySet.as_manager()

    class Meta:
        ordering = ["werkgroep_id", "naam", "pk"]
        verbose_name = _("workgroup membership")
        verbose_name_plural = _("workgroup memberships")
        constraints = [
            # One person once per workgroup (a left membership may be followed by a new one;
            # erased rows have no address).
            models.UniqueConstraint(
                "werkgroep",
                Lower("email"),
                condition=Q(afgemeld__isnull=True) & ~Q(email=""),
                name="lidmaatschap_email_uniek_per_werkgroep",
            )
        ]

    def __str__(self) -> str:
        return f"{self.naam} · {self.werkgroep}"

    @property
    def is_actief(self) -> bool:
        return self.afgemeld is None

    def als_gegevens(self) -> dict:
        return {
            "werkgroep": self.werkgroep.naam,
            "naam": self.naam,
            "email": self.email,
            "telefoon": self.telefoon,
            "organisatie": self.organisatie,
            "toestemming_contact": self.toestemming_contact,
            "herkomst": self.herkomst,
            "aangemeld": self.aangemaakt.isoformat(),
            "afgemeld": self.afgemeld.isoformat() if self.afgemeld else None,
        }


class Werkgroepbericht(Inzending):
    """One message from the organiser to all members of a workgroup; its key sends it once."""

    werkgroep = models.ForeignKey(
        Werkgroep, on_delete=models.CASCADE, related_name="berichten", verbose_name=_("workgroup")
    )
    onderwerp = models.CharField(_("subject"), max_length=150)
    tekst = models.TextField(_("message"))
    aangemaakt = models.DateTimeField(_("sent"), auto_now_add=True)
    ontvangers = models.PositiveIntegerField(_("recipients"), default=0)
    verstuurd_aan = models.ManyToManyField(
        Lidmaatschap, blank=True, related_name="+", verbose_name=_("sent to")
    )

    class Meta:
        ordering = ["-aangemaakt", "-pk"]
        verbose_name = _("workgroup message")
        verbose_name_plural = _("workgroup messages")

    def __str__(self) -> str:
        return self.onderwerp


class Werkgroepbron(models.Model):
    """Where a workgroup grew from: a theme table and its key points (beside the core's
    Werkgroep, which knows no tables)."""

    werkgroep = models.OneToOneField(
        Werkgroep,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="bron",
        verbose_name=_("workgroup"),
    )
    thematafel = models.ForeignKey(
        "thematafels.Thematafel",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("theme table"),
    )
    kernpunten = models.ManyToManyField(
        "thematafels.Idee", blank=True, related_name="+", verbose_name=_("key points")
    )

    class Meta:
        verbose_name = _("origin of a workgroup")
        verbose_name_plural = _("origins of workgroups")

    def __str__(self) -> str:
        return str(self.werkgroep)
