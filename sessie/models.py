"""The core every app leans on: the evening (Sessie) and who may help run it (Toegang).

This module imports none of the other apps; they point at Sessie with foreign keys.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.conf import settings
from django.db import connection, models
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
    # Pages in another language mark this session's content (programme, goals, themes, ideas)
    # with it, so that a screen reader pronounces it right (WCAG 3.1.2).
    taal = models.CharField(
        _("language of the content"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("The language in which the programme, themes and ideas are written."),
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
    # Registration (aanmelden/): who may sign up, and the sandwiches.
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
    # Moves only when what the programme and projector show may change (the programme, the
    # rounds, the clock): the evening's ideas, check-ins and dots leave those screens alone.
    programma_versie = models.PositiveBigIntegerField(
        _("programme change counter"), default=0, editable=False
    )
    # Moves with every change but a dot: what the dot vote lists (the key points, their themes
    # and order) stands still while the hall votes, so each tap need not read it again.
    kernpunten_versie = models.PositiveBigIntegerField(
        _("key-point change counter"), default=0, editable=False
    )
    # Rehearsal: the session clock runs this far ahead of (or behind) the real clock.
    klok_verschuiving = models.DurationField(_("rehearsal clock offset"), null=True, blank=True)
    # A rehearsal ends by itself (real clock): nobody's forgotten rehearsal runs the evening.
    oefenklok_tot = models.DateTimeField(_("rehearsal clock ends"), null=True, blank=True)
    aangemaakt = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-datum", "titel"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")

    def __str__(self) -> str:
        return self.titel

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

    @property
    def oefenklok_actief(self) -> bool:
        if self.klok_verschuiving is None:
            return False
        return self.oefenklok_tot is None or timezone.now() < self.oefenklok_tot

    @property
    def verschuiving(self) -> dt.timedelta:
        """How far the session clock runs ahead of the real clock (0 without a rehearsal)."""
        return self.klok_verschuiving if self.oefenklok_actief else dt.timedelta()

    def nu(self) -> dt.datetime:
        """The session clock: the real clock, or the rehearsal clock while one runs."""
        return timezone.now() + self.verschuiving

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
    def bump(cls, sessie_id: int, *, programma: bool = False, stip: bool = False) -> None:
        """Tell every live screen of this session that something changed; `programma` when it
        may be the programme, the rounds or the clock (the programme's and projector's own
        counter moves too); `stip` when it is only a dot (the key points' counter stays).

        Plain SQL: every capture, check-in and edit runs this (`sessie/sql.py`).
        """
        ook = "" if stip else ", kernpunten_versie = kernpunten_versie + 1"
        if programma:
            ook += ", programma_versie = programma_versie + 1"
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table(cls)} SET versie = versie + 1{ook} WHERE id = %s", [sessie_id]
            )

    def zet_oefenklok(self, *, moment: dt.datetime | None, tot: dt.datetime | None = None) -> None:
        """Run the session clock as if it were `moment` now; None returns to the real clock.

        The rehearsal ends by itself at `tot` (real clock), at the latest at midnight.
        """
        nu = timezone.now()
        middernacht = timezone.make_aware(
            dt.datetime.combine(timezone.localdate(nu) + dt.timedelta(days=1), dt.time())
        )
        self.klok_verschuiving = None if moment is None else moment - nu
        self.oefenklok_tot = None if moment is None else min(tot or middernacht, middernacht)
        self.save(update_fields=["klok_verschuiving", "oefenklok_tot"])
        Sessie.bump(self.pk, programma=True)


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
    def uitgeven(cls, *, sessie: Sessie, rol: str, label: str = "") -> tuple[Toegang, str]:
        """A new grant and its raw token (shown once). A table host's table is kept by
        `thematafels` beside the grant (`Tafeltoegang`): the core knows no tables."""
        token = secrets.token_urlsafe(32)
        toegang = cls.objects.create(
            sessie=sessie,
            rol=rol,
            label=label,
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
    doel = models.TextField(_("purpose"), blank=True)
    contactpersoon = models.CharField(_("contact person"), max_length=150, blank=True)
    open = models.BooleanField(
        _("open"), default=True, help_text=_("Open workgroups take new members.")
    )
    eerste_bijeenkomst = models.DateField(_("first meeting"), null=True, blank=True)

    class Meta:
        ordering = ["sessie_id", "volgorde", "naam"]
        verbose_name = _("workgroup")
        verbose_name_plural = _("workgroups")

    def __str__(self) -> str:
        return self.naam
