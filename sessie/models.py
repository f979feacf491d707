"""The core every app leans on: the evening (Sessie) and who may help run it (Toegang).

This module imports none of the other apps; they point at Sessie with foreign keys.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.conf import settings
from django.db import connection, models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sessie.sql import table


class Sessie(models.Model):
    """One evening in one district."""

    class Status(models.TextChoices):
        CONCEPT = "concept", _("Draft")
        GEPUBLICEERD = "gepubliceerd", _("Published")
        AFGELOPEN = "afgelopen", _("Finished")

    titel = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("short name in links"), max_length=80, unique=True)
    gebied = models.CharField(_("district"), max_length=100)
    onderwerp = models.CharField(_("subject"), max_length=200, blank=True)
    datum = models.DateField(_("date"))
    locatie = models.CharField(_("venue"), max_length=150)
    adres = models.CharField(_("address"), max_length=200)
    plaats = models.CharField(_("town"), max_length=100, blank=True)
    doelen = models.TextField(_("goals"), blank=True, help_text=_("One goal per line."))
    gespreksleiders = models.CharField(_("discussion leaders"), max_length=200, blank=True)
    informatiepunt = models.TextField(
        _("information point"),
        blank=True,
        help_text=_("What visitors can ask at the information point."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.CONCEPT
    )
    organisatoren = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("organisers"),
        related_name="georganiseerde_sessies",
        blank=True,
    )
    # Registration (sessie/aanmelden.py): who may sign up, and the sandwiches.
    rollen = models.TextField(
        _("who attendees can say they are"),
        default=(
            "Bewoner\nOndernemer\nMaatschappelijke organisatie\n(Oud-)wijkraadlid\nGemeente\nAnders"
        ),
        help_text=_("One choice per line, shown on the registration form."),
    )
    capaciteit = models.PositiveIntegerField(
        _("places in the hall"),
        null=True,
        blank=True,
        help_text=_("The door warns when more people are checked in; it never blocks."),
    )
    broodjes = models.PositiveIntegerField(
        _("sandwiches"),
        null=True,
        blank=True,
        help_text=_("How many sandwiches the caterer makes. Empty: no limit."),
    )
    broodjes_deadline = models.DateTimeField(
        _("order sandwiches until"),
        null=True,
        blank=True,
        help_text=_("After this moment new sandwich requests go on the waiting list."),
    )
    # Bumped in the same transaction as every change that a live screen shows.
    versie = models.PositiveBigIntegerField(_("change counter"), default=0, editable=False)
    # Rehearsal: the session clock runs this far ahead of (or behind) the real clock.
    klok_verschuiving = models.DurationField(_("rehearsal clock offset"), null=True, blank=True)
    aangemaakt = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-datum", "titel"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")

    def __str__(self) -> str:
        return self.titel

    def get_absolute_url(self) -> str:
        return reverse("sessie:detail", kwargs={"slug": self.slug})

    @property
    def doelen_lijst(self) -> list[str]:
        return [regel.strip(" -–;") for regel in self.doelen.splitlines() if regel.strip(" -–;")]

    @property
    def volledig_adres(self) -> str:
        return ", ".join(part for part in (self.locatie, self.adres, self.plaats) if part)

    @property
    def rollen_lijst(self) -> list[str]:
        return [regel.strip() for regel in self.rollen.splitlines() if regel.strip()]

    @property
    def is_openbaar(self) -> bool:
        return self.status != self.Status.CONCEPT

    def nu(self) -> dt.datetime:
        """The session clock: the real clock, or the rehearsal clock when one is set."""
        return timezone.now() + (self.klok_verschuiving or dt.timedelta())

    def op_tijd(self, tijd: dt.time, *, dag_erna: bool = False) -> dt.datetime:
        """An aware datetime for a clock time on this session's date."""
        datum = self.datum + dt.timedelta(days=1) if dag_erna else self.datum
        return timezone.make_aware(dt.datetime.combine(datum, tijd))

    def mag_organiseren(self, user) -> bool:
        if not user.is_authenticated or not user.is_active:
            return False
        if user.is_superuser:
            return True
        return self.organisatoren.filter(pk=user.pk).exists()

    @classmethod
    def bump(cls, sessie_id: int) -> None:
        """Tell every live screen of this session that something changed.

        Plain SQL: every capture, check-in and edit runs this (`sessie/sql.py`).
        """
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table(cls)} SET versie = versie + 1 WHERE id = %s", [sessie_id]
            )

    def zet_oefenklok(self, *, moment: dt.datetime | None) -> None:
        """Run the session clock as if it were `moment` now; None returns to the real clock."""
        self.klok_verschuiving = None if moment is None else moment - timezone.now()
        self.save(update_fields=["klok_verschuiving"])
        Sessie.bump(self.pk)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class ToegangQuerySet(models.QuerySet):
    def geldig(self) -> ToegangQuerySet:
        return self.filter(ingetrokken__isnull=True, verloopt__gt=timezone.now())


class Toegang(models.Model):
    """A link (and QR code) that lets a volunteer do one job, without an account.

    Only a hash of the token is stored: the link is shown once, when it is made or renewed.
    """

    class Rol(models.TextChoices):
        TAFELHOST = "tafelhost", _("Table host")
        INFORMATIEPUNT = "informatiepunt", _("Information point")
        DEUR = "deur", _("Door")

    sessie = models.ForeignKey(
        Sessie, on_delete=models.CASCADE, related_name="toegangen", verbose_name=_("session")
    )
    rol = models.CharField(_("role"), max_length=20, choices=Rol.choices)
    tafel = models.ForeignKey(
        "thematafels.Tafel",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="toegangen",
        verbose_name=_("table"),
    )
    label = models.CharField(_("label"), max_length=100, blank=True)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    verloopt = models.DateTimeField(_("expires"))
    ingetrokken = models.DateTimeField(_("revoked"), null=True, blank=True)
    aangemaakt = models.DateTimeField(_("created"), auto_now_add=True)

    objects = ToegangQuerySet.as_manager()

    class Meta:
        ordering = ["rol", "label", "pk"]
        verbose_name = _("access link")
        verbose_name_plural = _("access links")
        constraints = [
            models.CheckConstraint(
                condition=Q(rol="tafelhost", tafel__isnull=False)
                | (~Q(rol="tafelhost") & Q(tafel__isnull=True)),
                name="toegang_tafel_alleen_voor_tafelhost",
            )
        ]

    def __str__(self) -> str:
        return self.label or self.get_rol_display()

    @property
    def is_geldig(self) -> bool:
        return self.ingetrokken is None and self.verloopt > timezone.now()

    @property
    def fingerprint(self) -> str:
        """Part of the token's hash, kept by the browser: a renewed link makes it stale."""
        return self.fingerprint_of(self.token_hash)

    @staticmethod
    def fingerprint_of(token_hash: str) -> str:
        return token_hash[:16]

    @staticmethod
    def standaard_verloop(sessie: Sessie) -> dt.datetime:
        """Links stop working the morning after the evening."""
        return sessie.op_tijd(dt.time(6, 0), dag_erna=True)

    @classmethod
    def uitgeven(
        cls, *, sessie: Sessie, rol: str, tafel=None, label: str = ""
    ) -> tuple[Toegang, str]:
        token = secrets.token_urlsafe(32)
        toegang = cls.objects.create(
            sessie=sessie,
            rol=rol,
            tafel=tafel,
            label=label or (f"{tafel.naam} · {tafel.thematafel.naam}" if tafel else ""),
            token_hash=hash_token(token),
            verloopt=cls.standaard_verloop(sessie),
        )
        return toegang, token

    @classmethod
    def vind(cls, token: str) -> Toegang | None:
        if not token or len(token) > 100:
            return None
        return (
            cls.objects.geldig()
            .select_related("sessie")
            .filter(token_hash=hash_token(token))
            .first()
        )

    def vernieuw(self) -> str:
        """A new token: the old link stops working at once."""
        token = secrets.token_urlsafe(32)
        self.token_hash = hash_token(token)
        self.verloopt = max(self.verloopt, Toegang.standaard_verloop(self.sessie))
        self.ingetrokken = None
        self.save(update_fields=["token_hash", "verloopt", "ingetrokken"])
        return token

    def trek_in(self) -> None:
        self.ingetrokken = timezone.now()
        self.save(update_fields=["ingetrokken"])


class Inzending(models.Model):
    """Base for everything captured from a form that may be sent twice (ideas, questions, …).

    The page renders a fresh key into the form; a retry of the same submission carries the same
    key and finds the row it already made (sessie.capture.vastleggen).
    """

    inzendsleutel = models.UUIDField(_("submission key"), unique=True, editable=False)

    class Meta:
        abstract = True


class Teller(models.Model):
    """A fixed-window request counter for rate limits that works on SQLite and PostgreSQL."""

    sleutel = models.CharField(max_length=200, unique=True)
    venster = models.DateTimeField(db_index=True)
    aantal = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("rate-limit counter")
        verbose_name_plural = _("rate-limit counters")

    def __str__(self) -> str:
        return f"{self.sleutel}: {self.aantal}"


class Werkgroep(models.Model):
    """A workgroup the evening calls for; attendees say they are interested when they register."""

    sessie = models.ForeignKey(
        Sessie, on_delete=models.CASCADE, related_name="werkgroepen", verbose_name=_("session")
    )
    naam = models.CharField(_("name"), max_length=150)
    beschrijving = models.TextField(_("description"), blank=True)
    volgorde = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["sessie_id", "volgorde", "naam"]
        verbose_name = _("workgroup")
        verbose_name_plural = _("workgroups")

    def __str__(self) -> str:
        return self.naam


class AanmeldingQuerySet(models.QuerySet):
    def actief(self) -> AanmeldingQuerySet:
        return self.filter(geannuleerd__isnull=True)


class Aanmelding(Inzending):
    """One person coming to one evening: signed up in advance or walked in at the door.

    Two tokens, both stored only as hashes: the personal link (see, change, cancel, delete)
    and the check-in code in the e-mail's QR, which only the door can use.
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
    def nieuwe_tokens() -> tuple[dict[str, str], dict[str, str]]:
        """(hashes for the row, raw tokens for the e-mail): personal link and check-in code."""
        token, incheck = secrets.token_urlsafe(32), secrets.token_urlsafe(24)
        return (
            {"token_hash": hash_token(token), "incheck_hash": hash_token(incheck)},
            {"token": token, "incheck": incheck},
        )

    @classmethod
    def vind(cls, token: str, *, veld: str = "token_hash") -> Aanmelding | None:
        if not token or len(token) > 100:
            return None
        return cls.objects.select_related("sessie").filter(**{veld: hash_token(token)}).first()

    def vernieuw_tokens(self) -> dict[str, str]:
        """New links: the old ones stop working at once."""
        hashes, tokens = self.nieuwe_tokens()
        for veld, waarde in hashes.items():
            setattr(self, veld, waarde)
        self.save(update_fields=[*hashes])
        return tokens

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
