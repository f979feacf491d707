"""What the report keeps in the database: whether a session's public report is out, and the
series ("traject") a session belongs to. The report itself is built from the evening's data
on every request (verslag/bouw.py); the core (sessie/) knows nothing of either model."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sessie.models import Sessie


class Publicatie(models.Model):
    """The public edition of one session's report is out (beside the core's Sessie)."""

    sessie = models.OneToOneField(
        Sessie,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="verslag_publicatie",
        verbose_name=_("session"),
    )
    gepubliceerd_op = models.DateTimeField(_("published at"))
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
    )

    class Meta:
        verbose_name = _("published report")
        verbose_name_plural = _("published reports")

    def __str__(self) -> str:
        return str(self.sessie)

    @classmethod
    def publiceer(cls, *, sessie: Sessie, door) -> Publicatie:
        """Publish (or publish again: the moment moves) the public report of `sessie`."""
        publicatie, _nieuw = cls.objects.update_or_create(
            sessie=sessie, defaults={"gepubliceerd_op": timezone.now(), "door": door}
        )
        return publicatie

    @classmethod
    def is_gepubliceerd(cls, sessie: Sessie) -> bool:
        return cls.objects.filter(sessie=sessie).exists()


class Traject(models.Model):
    """A series of evenings one municipality runs, usually one per district."""

    naam = models.CharField(_("name"), max_length=200)
    gemeente = models.CharField(_("municipality"), max_length=100)
    sessies = models.ManyToManyField(
        Sessie, related_name="verslag_trajecten", verbose_name=_("sessions"), blank=True
    )
    slug = models.SlugField(_("short name in links"), max_length=80, unique=True)

    class Meta:
        ordering = ["gemeente", "naam"]
        verbose_name = _("series of evenings")
        verbose_name_plural = _("series of evenings")

    def __str__(self) -> str:
        return f"{self.naam} ({self.gemeente})"

    def mag_bekijken(self, user) -> bool:
        """An organiser of one of its sessions: the series shows only what the public editions
        show (no personal data), so it may cross into other districts' evenings."""
        if not user.is_authenticated or not user.is_active:
            return False
        return user.is_superuser or self.sessies.filter(organisatoren=user).exists()


class Nabericht(models.Model):
    """The one thank-you mail after the evening to everyone who came (beside the core's Sessie).

    Who has had it is recorded per person (`Naberichtontvanger`) before their mail goes out: a
    second click or a task run twice mails nobody twice; someone added later still gets it.
    """

    sessie = models.OneToOneField(
        Sessie,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="verslag_nabericht",
        verbose_name=_("session"),
    )
    aangemaakt = models.DateTimeField(_("first sent at"), auto_now_add=True)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sent by"),
    )

    class Meta:
        verbose_name = _("thank-you mail after the evening")
        verbose_name_plural = _("thank-you mails after the evening")

    def __str__(self) -> str:
        return str(self.sessie)


class Naberichtontvanger(models.Model):
    """One person has had the thank-you mail (claimed just before it is sent)."""

    nabericht = models.ForeignKey(
        Nabericht,
        on_delete=models.CASCADE,
        related_name="ontvangers",
        verbose_name=_("thank-you mail"),
    )
    aanmelding = models.ForeignKey(
        "aanmelden.Aanmelding",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("registration"),
    )
    verstuurd = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("recipient of the thank-you mail")
        verbose_name_plural = _("recipients of the thank-you mail")
        constraints = [
            models.UniqueConstraint(
                fields=["nabericht", "aanmelding"], name="nabericht_eenmaal_per_aanmelding"
            )
        ]

    def __str__(self) -> str:
        return f"{self.nabericht} · {self.aanmelding_id}"


class Verslagbestand(models.Model):
    """One report file made in the background for an organiser (a heavy format: PDF, ODT,
    DOCX), from the request to the download.

    The bytes live in the database, not on a disk: every gunicorn worker and the task worker
    reach them wherever they run, and the privacy registry erases them with the session's
    personal data (verslag/privacy.py). Only the newest file per session, edition and format
    is kept.
    """

    class Status(models.TextChoices):
        WACHTEND = "wachtend", _("Queued")
        BEZIG = "bezig", _("Being made")
        KLAAR = "klaar", _("Ready")
        MISLUKT = "mislukt", _("Failed")

    sessie = models.ForeignKey(
        Sessie,
        on_delete=models.CASCADE,
        related_name="verslagbestanden",
        verbose_name=_("session"),
    )
    editie = models.CharField(_("edition"), max_length=20)
    formaat = models.CharField(_("format"), max_length=10)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.WACHTEND
    )
    aangevraagd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    aangevraagd = models.DateTimeField(_("requested at"), default=timezone.now)
    gestart = models.DateTimeField(_("started at"), null=True, blank=True)
    klaar_op = models.DateTimeField(_("finished at"), null=True, blank=True)
    inhoud = models.BinaryField(_("content"), null=True, blank=True, editable=False)
    fout = models.TextField(_("error"), blank=True)

    class Meta:
        ordering = ["-aangevraagd", "-pk"]
        verbose_name = _("report file")
        verbose_name_plural = _("report files")
        indexes = [models.Index(fields=["sessie", "-aangevraagd"], name="verslagbestand_sessie")]

    def __str__(self) -> str:
        return f"{self.sessie} · {self.editie}.{self.formaat} · {self.get_status_display()}"

    @property
    def is_afgerond(self) -> bool:
        """Done or failed: nothing will change any more, the page stops asking."""
        return self.status in (self.Status.KLAAR, self.Status.MISLUKT)

    @property
    def bestandsnaam(self) -> str:
        return f"verslag-{self.sessie.slug}-{self.editie}.{self.formaat}"

    def begin(self) -> bool:
        """Queued -> being made; False if another worker took it (or it was done already)."""
        gezet = Verslagbestand.objects.filter(pk=self.pk, status=self.Status.WACHTEND).update(
            status=self.Status.BEZIG, gestart=timezone.now()
        )
        return gezet == 1

    def klaar(self, inhoud: bytes) -> None:
        """Store the file; older files of the same session, edition and format go."""
        self.status, self.inhoud, self.klaar_op = self.Status.KLAAR, inhoud, timezone.now()
        self.save(update_fields=["status", "inhoud", "klaar_op"])
        Verslagbestand.objects.filter(
            sessie_id=self.sessie_id,
            editie=self.editie,
            formaat=self.formaat,
            aangevraagd__lt=self.aangevraagd,
        ).exclude(status__in=[self.Status.WACHTEND, self.Status.BEZIG]).delete()

    def mislukt(self, fout: str) -> None:
        self.status, self.fout, self.klaar_op = self.Status.MISLUKT, fout, timezone.now()
        self.save(update_fields=["status", "fout", "klaar_op"])
