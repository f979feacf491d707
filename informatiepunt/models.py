from __future__ import annotations

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import models, transaction
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from sessie.capture import vastleggen
from sessie.models import Inzending, Sessie, Toegang


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
        ordering = ["sessie_id", "volgorde", "naam"]
        verbose_name = _("question category")
        verbose_name_plural = _("question categories")
        constraints = [
            models.UniqueConstraint(fields=["sessie", "naam"], name="vraagcategorie_naam_uniek")
        ]

    def __str__(self) -> str:
        return self.naam


class Overgangsfout(Exception):
    """A question cannot make this step (wrong state, or not allowed for this person)."""


def _wie(actor) -> tuple[object | None, str]:
    """(user, label) for the log: an organiser's account, or the volunteer link's label."""
    if isinstance(actor, Toegang):
        return None, str(actor)
    return actor, actor.get_full_name() or actor.get_username()


class VraagQuerySet(models.QuerySet):
    def zichtbaar(self) -> VraagQuerySet:
        return self.filter(verborgen=False)

    def gepubliceerd(self) -> VraagQuerySet:
        """Approved answers for the public page: originals only, never hidden ones."""
        return self.zichtbaar().filter(
            dubbel_van__isnull=True,
            status__in=[Vraag.Status.BEANTWOORD, Vraag.Status.TERUGGEKOPPELD],
        )

    def zoek(self, term: str) -> VraagQuerySet:
        term = term.strip()
        if not term:
            return self
        return self.filter(models.Q(tekst__icontains=term) | models.Q(antwoord__icontains=term))


class Vraag(Inzending):
    """A question asked at the information point or by a visitor on their phone.

    A duplicate (`dubbel_van`) shares the answer of its original, so every asker hears back.
    """

    class Status(models.TextChoices):
        NIEUW = "nieuw", _("New")
        IN_BEHANDELING = "in_behandeling", _("In progress")
        BEANTWOORD = "beantwoord", _("Answered")
        TERUGGEKOPPELD = "teruggekoppeld", _("Answer sent")

    class Vraagsteller(models.TextChoices):
        BEWONER = "bewoner", _("Resident")
        ONDERNEMER = "ondernemer", _("Business owner")
        ORGANISATIE = "organisatie", _("Organisation or association")
        PROFESSIONAL = "professional", _("Professional")
        ANDERS = "anders", _("Other")

    class Bron(models.TextChoices):
        INFORMATIEPUNT = "informatiepunt", _("Information point")
        ZELF = "zelf", _("Asked on own phone")

    sessie = models.ForeignKey(
        "sessie.Sessie", on_delete=models.CASCADE, related_name="vragen", verbose_name=_("session")
    )
    categorie = models.ForeignKey(
        Vraagcategorie,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="vragen",
        verbose_name=_("category"),
    )
    tekst = models.TextField(_("question"), max_length=2000)
    naam = models.CharField(_("name"), max_length=100, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    wil_antwoord = models.BooleanField(_("wants the answer by e-mail"), default=False)
    vraagsteller = models.CharField(
        _("asker is"), max_length=20, choices=Vraagsteller.choices, blank=True
    )
    bron = models.CharField(
        _("asked via"), max_length=20, choices=Bron.choices, default=Bron.INFORMATIEPUNT
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NIEUW, db_index=True
    )
    toegewezen_aan = models.CharField(_("assigned to"), max_length=150, blank=True)
    antwoord = models.TextField(_("answer"), blank=True)
    # What the public answers page and the report show; the asker's own words stay in `tekst`
    # for the inventory (they may hold names or phone numbers).
    openbare_tekst = models.TextField(_("public wording of the question"), blank=True)
    goedgekeurd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved by"),
    )
    goedgekeurd_op = models.DateTimeField(_("approved at"), null=True, blank=True)
    dubbel_van = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="dubbelen",
        verbose_name=_("duplicate of"),
    )
    verborgen = models.BooleanField(_("hidden"), default=False)
    # Set when this asker was e-mailed the answer: a second feedback run skips them.
    teruggekoppeld_op = models.DateTimeField(_("answer e-mailed at"), null=True, blank=True)
    aangemaakt = models.DateTimeField(_("asked at"), auto_now_add=True)

    objects = VraagQuerySet.as_manager()

    class Meta:
        ordering = ["-aangemaakt", "-pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        indexes = [models.Index(fields=["sessie", "status"], name="vraag_sessie_status")]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(wil_antwoord=True, email=""),
                name="vraag_antwoord_per_mail_vraagt_email",
            )
        ]

    def __str__(self) -> str:
        return Truncator(self.tekst).chars(60)

    @property
    def nummer(self) -> int:
        return self.pk

    @property
    def origineel(self) -> Vraag:
        return self.dubbel_van if self.dubbel_van_id else self

    @property
    def kan_gemaild_worden(self) -> bool:
        return self.wil_antwoord and bool(self.email) and not self.verborgen

    # Who may do what (DESIGN.md, "Who may do what"): info-point staff capture and tidy the
    # inventory during the evening; only an organiser moves a question through the answer flow.
    def _mag_ordenen(self, actor) -> None:
        if isinstance(actor, Toegang):
            if actor.sessie_id != self.sessie_id or actor.rol != Toegang.Rol.INFORMATIEPUNT:
                raise Overgangsfout(_("This link does not give access to these questions."))
            return
        self._mag_behandelen(actor)

    def _mag_behandelen(self, actor) -> None:
        if not isinstance(actor, AbstractBaseUser) or not self.sessie.mag_organiseren(actor):
            raise Overgangsfout(_("Only an organiser of this session may do this."))

    def _log(self, *, actor, actie: str, van: str, notitie: str = "") -> Vraaglog:
        gebruiker, label = _wie(actor)
        return Vraaglog.objects.create(
            vraag=self,
            actie=actie,
            van_status=van,
            naar_status=self.status,
            door_gebruiker=gebruiker,
            door_label=label,
            notitie=notitie,
        )

    def _stap(
        self, *, actor, van: set[str], naar: str, velden: list[str], notitie: str = ""
    ) -> None:
        if self.dubbel_van_id:
            raise Overgangsfout(_("This question is a duplicate: answer the original instead."))
        if self.status not in van:
            raise Overgangsfout(
                _("A question with status “%(status)s” cannot make this step.")
                % {"status": self.get_status_display()}
            )
        vorige = self.status
        self.status = naar
        with transaction.atomic():
            self.save(update_fields=[*velden, "status"])
            self._log(actor=actor, actie=Vraaglog.Actie.STATUS, van=vorige, notitie=notitie)
            Sessie.bump(self.sessie_id)

    def neem_in_behandeling(self, *, actor, toegewezen_aan: str) -> None:
        """nieuw → in behandeling, assigned to a named person or department."""
        self._mag_behandelen(actor)
        self.toegewezen_aan = toegewezen_aan.strip()
        self._stap(
            actor=actor,
            van={self.Status.NIEUW, self.Status.IN_BEHANDELING},
            naar=self.Status.IN_BEHANDELING,
            velden=["toegewezen_aan"],
            notitie=self.toegewezen_aan,
        )

    @property
    def publieke_vraag(self) -> str:
        """The question as the public sees it: the organiser's wording, else the asker's."""
        return self.openbare_tekst or self.tekst

    def beantwoord(self, *, actor, antwoord: str, openbare_tekst: str = "") -> None:
        """in behandeling → beantwoord: the answer, approved by the organiser who gives it,
        with the question's public wording (empty: as the asker typed it)."""
        self._mag_behandelen(actor)
        self.antwoord = antwoord.strip()
        self.openbare_tekst = "" if openbare_tekst.strip() == self.tekst else openbare_tekst.strip()
        self.goedgekeurd_door = actor
        self.goedgekeurd_op = timezone.now()
        self._stap(
            actor=actor,
            van={self.Status.IN_BEHANDELING},
            naar=self.Status.BEANTWOORD,
            velden=["antwoord", "openbare_tekst", "goedgekeurd_door", "goedgekeurd_op"],
        )

    def heropen(self, *, actor) -> None:
        """beantwoord → in behandeling, to improve an answer before it is sent."""
        self._mag_behandelen(actor)
        self._stap(
            actor=actor,
            van={self.Status.BEANTWOORD},
            naar=self.Status.IN_BEHANDELING,
            velden=[],
        )

    def markeer_teruggekoppeld(self, *, actor) -> None:
        """beantwoord → teruggekoppeld: every asker who asked for it has the answer."""
        self._mag_behandelen(actor)
        self._stap(
            actor=actor, van={self.Status.BEANTWOORD}, naar=self.Status.TERUGGEKOPPELD, velden=[]
        )

    def markeer_dubbel(self, *, van: Vraag, actor) -> None:
        """This question is asked before: its askers get the answer of `van`'s original."""
        self._mag_ordenen(actor)
        origineel = van.origineel
        if origineel.sessie_id != self.sessie_id:
            raise Overgangsfout(_("That question belongs to another session."))
        if origineel.pk == self.pk:
            raise Overgangsfout(_("A question cannot be a duplicate of itself."))
        with transaction.atomic():
            # Questions that pointed here follow along, so nobody ends up two steps away.
            self.dubbelen.update(dubbel_van=origineel)
            self.dubbel_van = origineel
            self.save(update_fields=["dubbel_van"])
            self._log(
                actor=actor,
                actie=Vraaglog.Actie.DUBBEL,
                van=self.status,
                notitie=f"#{origineel.pk}",
            )
            Sessie.bump(self.sessie_id)

    def maak_dubbel_ongedaan(self, *, actor) -> None:
        self._mag_ordenen(actor)
        with transaction.atomic():
            self.dubbel_van = None
            self.save(update_fields=["dubbel_van"])
            self._log(actor=actor, actie=Vraaglog.Actie.NIET_DUBBEL, van=self.status)
            Sessie.bump(self.sessie_id)

    def zet_verborgen(self, *, verborgen: bool, actor) -> None:
        """Hide abuse (or show it again): hidden questions are never published or mailed."""
        self._mag_ordenen(actor)
        with transaction.atomic():
            self.verborgen = verborgen
            self.save(update_fields=["verborgen"])
            actie = Vraaglog.Actie.VERBORGEN if verborgen else Vraaglog.Actie.GETOOND
            self._log(actor=actor, actie=actie, van=self.status)
            Sessie.bump(self.sessie_id)


class Vraaglog(models.Model):
    """Who did what to a question, and when: every status step, duplicate and hide."""

    class Actie(models.TextChoices):
        STATUS = "status", _("Status changed")
        DUBBEL = "dubbel", _("Marked as duplicate")
        NIET_DUBBEL = "niet_dubbel", _("No longer a duplicate")
        VERBORGEN = "verborgen", _("Hidden")
        GETOOND = "getoond", _("Shown again")
        GEMAILD = "gemaild", _("Answer e-mailed")

    vraag = models.ForeignKey(
        Vraag, on_delete=models.CASCADE, related_name="log", verbose_name=_("question")
    )
    actie = models.CharField(_("action"), max_length=20, choices=Actie.choices)
    van_status = models.CharField(_("from"), max_length=20, choices=Vraag.Status.choices)
    naar_status = models.CharField(_("to"), max_length=20, choices=Vraag.Status.choices)
    door_gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by (organiser)"),
    )
    door_label = models.CharField(_("by"), max_length=150)
    notitie = models.CharField(_("note"), max_length=200, blank=True)
    op = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        ordering = ["op", "pk"]
        verbose_name = _("question log entry")
        verbose_name_plural = _("question log")

    def __str__(self) -> str:
        return f"{self.vraag_id} {self.get_actie_display()} {self.op:%Y-%m-%d %H:%M}"


def leg_vraag_vast(*, sessie: Sessie, sleutel, bron: str, **velden) -> tuple[Vraag, bool]:
    """Store a captured question once per submission key; live screens hear of new ones."""
    with transaction.atomic():
        vraag, nieuw = vastleggen(Vraag, sleutel=sleutel, sessie=sessie, bron=bron, **velden)
        if nieuw:
            Sessie.bump(sessie.pk)
    return vraag, nieuw
