from __future__ import annotations

import datetime as dt
import itertools

from django.db import models, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sessie.models import Inzending, Sessie, Toegang


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
        ordering = ["sessie_id", "nummer"]
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
        ordering = ["thematafel_id", "volgorde", "pk"]
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
        ordering = ["thematafel__nummer", "naam", "pk"]
        verbose_name = _("table")
        verbose_name_plural = _("tables")

    def __str__(self) -> str:
        return self.naam


class Tafeltoegang(models.Model):
    """The table a table host's link is for, kept beside the core's grant (`Toegang`).

    The core knows no tables; this app owns the link between a grant and its table. A grant
    without one lets its holder in at no table (`thematafels.access` joins on this row).
    """

    toegang = models.OneToOneField(
        Toegang,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="tafeltoegang",
        verbose_name=_("access link"),
    )
    tafel = models.ForeignKey(
        Tafel, on_delete=models.CASCADE, related_name="toegangen", verbose_name=_("table")
    )

    class Meta:
        verbose_name = _("table host's table")
        verbose_name_plural = _("table hosts' tables")

    def __str__(self) -> str:
        return f"{self.toegang} → {self.tafel}"

    @classmethod
    @transaction.atomic
    def uitgeven(cls, *, tafel: Tafel, label: str = "") -> tuple[Toegang, str]:
        """A table host's link for `tafel`: the grant and its raw token (shown once)."""
        toegang, token = Toegang.uitgeven(
            sessie=tafel.thematafel.sessie,
            rol=Toegang.Rol.TAFELHOST,
            # The table always shows, a note beside it ("Tafel 2A · Wijkstem — Mariska").
            label=" — ".join(filter(None, [f"{tafel.naam} · {tafel.thematafel.naam}", label]))[
                : Toegang._meta.get_field("label").max_length
            ],
        )
        cls.objects.create(toegang=toegang, tafel=tafel)
        return toegang, token


class Ronde(models.Model):
    """One rotation round of the theme tables."""

    sessie = models.ForeignKey(
        "sessie.Sessie", on_delete=models.CASCADE, related_name="rondes", verbose_name=_("session")
    )
    nummer = models.PositiveSmallIntegerField(_("number"))
    start = models.TimeField(_("start"))
    eind = models.TimeField(_("end"))

    class Meta:
        ordering = ["sessie_id", "nummer"]
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


class Soort(models.TextChoices):
    IDEE = "idee", _("Idea")
    ZORG = "zorg", _("Concern")
    VRAAG = "vraag", _("Question")
    ACTIE = "actie", _("Action")


class BewerkConflict(Exception):
    """Someone else changed the idea after this editor loaded it."""


class IdeeQuerySet(models.QuerySet):
    def zichtbaar(self) -> IdeeQuerySet:
        """Ideas that count: not deleted, not merged into another."""
        return self.filter(verwijderd__isnull=True, samengevoegd_in__isnull=True)


class Idee(Inzending):
    """One thing a table said, logged by its host in one round."""

    # No index of its own: `idee_sessie_kernpunt` starts with it, and every index costs a capture.
    sessie = models.ForeignKey(
        "sessie.Sessie",
        on_delete=models.CASCADE,
        related_name="ideeen",
        verbose_name=_("session"),
        db_index=False,
    )
    tafel = models.ForeignKey(
        Tafel, on_delete=models.CASCADE, related_name="ideeen", verbose_name=_("table")
    )
    ronde = models.ForeignKey(
        Ronde, on_delete=models.PROTECT, related_name="ideeen", verbose_name=_("round")
    )
    tekst = models.CharField(_("text"), max_length=500)
    soort = models.CharField(_("kind"), max_length=10, choices=Soort.choices, default=Soort.IDEE)
    prompt = models.ForeignKey(
        Prompt,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ideeen",
        verbose_name=_("think of"),
    )
    kernpunt = models.BooleanField(_("key point"), default=False)
    # Raised by every edit: an edit made on an older version is a conflict, never an overwrite.
    versie = models.PositiveIntegerField(_("version"), default=1)
    verwijderd = models.DateTimeField(_("deleted"), null=True, blank=True)
    volgorde = models.PositiveIntegerField(_("order in the wrap-up"), default=0)
    samengevoegd_in = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="samengevoegd",
        verbose_name=_("merged into"),
    )
    aangemaakt = models.DateTimeField(_("created"), auto_now_add=True)

    objects = IdeeQuerySet.as_manager()

    class Meta:
        ordering = ["-aangemaakt", "-pk"]
        verbose_name = _("idea")
        verbose_name_plural = _("ideas")
        # The wall and wrap-up read per session: key points, and the newest of the rest.
        indexes = [
            models.Index(fields=["sessie", "kernpunt", "aangemaakt"], name="idee_sessie_kernpunt"),
            # A table's list in one round, and its count after every capture: only what counts.
            models.Index(
                fields=["tafel", "ronde", "-aangemaakt"],
                condition=Q(verwijderd__isnull=True, samengevoegd_in__isnull=True),
                name="idee_zichtbaar_per_tafel",
            ),
        ]

    def __str__(self) -> str:
        return self.tekst

    def bewerk(self, *, tekst: str, soort: str, prompt: Prompt | None, versie: int) -> None:
        """Save an edit made on `versie`; raises BewerkConflict when the idea moved on since."""
        with transaction.atomic():
            bijgewerkt = Idee.objects.filter(pk=self.pk, versie=versie).update(
                tekst=tekst, soort=soort, prompt=prompt, versie=F("versie") + 1
            )
            if not bijgewerkt:
                raise BewerkConflict
            Sessie.bump(self.sessie_id)
        self.refresh_from_db()

    def zet_kernpunt(self, *, kernpunt: bool) -> None:
        with transaction.atomic():
            Idee.objects.filter(pk=self.pk).update(kernpunt=kernpunt)
            Sessie.bump(self.sessie_id)
        self.kernpunt = kernpunt

    def verwijder(self) -> None:
        """Soft delete, so the host can undo it."""
        with transaction.atomic():
            self.verwijderd = timezone.now()
            self.save(update_fields=["verwijderd"])
            Sessie.bump(self.sessie_id)

    def herstel(self) -> None:
        with transaction.atomic():
            self.verwijderd = None
            self.save(update_fields=["verwijderd"])
            Sessie.bump(self.sessie_id)


class Opkomst(models.Model):
    """How many people sat at one table in one round."""

    tafel = models.ForeignKey(
        Tafel, on_delete=models.CASCADE, related_name="opkomsten", verbose_name=_("table")
    )
    ronde = models.ForeignKey(
        Ronde, on_delete=models.CASCADE, related_name="opkomsten", verbose_name=_("round")
    )
    aantal = models.PositiveSmallIntegerField(_("number of people"))

    class Meta:
        verbose_name = _("head count")
        verbose_name_plural = _("head counts")
        constraints = [
            models.UniqueConstraint(fields=["tafel", "ronde"], name="opkomst_per_tafel_ronde")
        ]

    def __str__(self) -> str:
        return f"{self.tafel} · {self.ronde}: {self.aantal}"

    @classmethod
    def zet(cls, *, tafel: Tafel, ronde: Ronde, aantal: int) -> Opkomst:
        with transaction.atomic():
            opkomst, _ = cls.objects.update_or_create(
                tafel=tafel, ronde=ronde, defaults={"aantal": aantal}
            )
            Sessie.bump(tafel.thematafel.sessie_id)
        return opkomst


class Rolnotitie(Inzending):
    """Someone at a table is willing to take a role; kept only with their consent.

    Optionally for one of the session's workgroups; with an e-mail address it makes them a member
    of it (`thematafels/rollen.py`). Only the host and organisers see the name and how to reach
    them; the retention command erases both (thematafels/privacy.py), the role stays.
    """

    tafel = models.ForeignKey(
        Tafel, on_delete=models.CASCADE, related_name="rolnotities", verbose_name=_("table")
    )
    naam = models.CharField(_("name"), max_length=100)
    rol = models.CharField(_("role"), max_length=150)
    email = models.EmailField(_("e-mail address"), blank=True)
    telefoon = models.CharField(_("phone number"), max_length=30, blank=True)
    werkgroep = models.ForeignKey(
        "sessie.Werkgroep",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="rolnotities",
        verbose_name=_("workgroup"),
    )
    toestemming = models.BooleanField(_("agreed that we keep this name"))
    aangemaakt = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["aangemaakt", "pk"]
        verbose_name = _("offer to take a role")
        verbose_name_plural = _("offers to take a role")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(toestemming=True), name="rolnotitie_alleen_met_toestemming"
            )
        ]

    def __str__(self) -> str:
        return f"{self.naam}: {self.rol}"


class Stembiljet(models.Model):
    """One device's anonymous ballot for the dot vote; its key lives in a cookie."""

    MAX_STIPPEN = 3

    sessie = models.ForeignKey(
        "sessie.Sessie",
        on_delete=models.CASCADE,
        related_name="stembiljetten",
        verbose_name=_("session"),
    )
    sleutel = models.UUIDField(_("ballot key"), unique=True, editable=False)
    aangemaakt = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")

    def __str__(self) -> str:
        return str(self.sleutel)


class Stip(Inzending):
    """One dot on one wrap-up item; a ballot has at most three."""

    biljet = models.ForeignKey(
        Stembiljet, on_delete=models.CASCADE, related_name="stippen", verbose_name=_("ballot")
    )
    idee = models.ForeignKey(
        Idee, on_delete=models.CASCADE, related_name="stippen", verbose_name=_("idea")
    )

    class Meta:
        verbose_name = _("dot")
        verbose_name_plural = _("dots")

    def __str__(self) -> str:
        return f"{self.biljet} → {self.idee_id}"


class Samenvoeging(models.Model):
    """One merge in the wrap-up, kept so that it can be undone: which dots moved along."""

    idee = models.OneToOneField(
        Idee, on_delete=models.CASCADE, related_name="samenvoeging", verbose_name=_("idea")
    )
    in_idee = models.ForeignKey(
        Idee, on_delete=models.CASCADE, related_name="+", verbose_name=_("merged into")
    )
    stippen = models.JSONField(_("dots that moved along"), default=list)
    aangemaakt = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("merge")
        verbose_name_plural = _("merges")

    def __str__(self) -> str:
        return f"{self.idee_id} → {self.in_idee_id}"
