"""Feedback: every asker who asked for it gets one e-mail with all their answered questions.

Idempotent: a question's `teruggekoppeld_op` is claimed in the same transaction that sends the
mail, so a second run (or two at once) never mails anyone the same answer twice.
"""

from __future__ import annotations

from collections import defaultdict

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from informatiepunt.models import Vraag, Vraaglog
from sessie.models import Sessie

KLAAR = [Vraag.Status.BEANTWOORD, Vraag.Status.TERUGGEKOPPELD]


def wachtende_askers(sessie: Sessie) -> dict[str, list[Vraag]]:
    """Questions whose asker wants the answer, has not had it yet, and whose answer is ready."""
    vragen = (
        Vraag.objects.filter(
            sessie=sessie, wil_antwoord=True, verborgen=False, teruggekoppeld_op__isnull=True
        )
        .exclude(email="")
        .filter(
            Q(dubbel_van__isnull=True, status__in=KLAAR)
            | Q(dubbel_van__status__in=KLAAR, dubbel_van__verborgen=False)
        )
        .select_related("dubbel_van", "categorie", "dubbel_van__categorie")
        .order_by("aangemaakt", "pk")
    )
    per_adres: dict[str, list[Vraag]] = defaultdict(list)
    for vraag in vragen:
        per_adres[vraag.email.strip().lower()].append(vraag)
    return dict(per_adres)


def _bericht(*, sessie: Sessie, adres: str, vragen: list[Vraag]) -> EmailMessage:
    with translation.override(settings.LANGUAGE_CODE):
        onderwerp = _("Answers to your questions: %(sessie)s") % {"sessie": sessie.titel}
        tekst = render_to_string(
            "informatiepunt/mail_antwoorden.txt",
            {"sessie": sessie, "vragen": vragen, "site_url": settings.SITE_URL},
        )
    return EmailMessage(subject=onderwerp, body=tekst, to=[adres])


def stuur_antwoorden(*, sessie: Sessie, actor) -> int:
    """Mail every waiting asker once; returns how many e-mails were sent."""
    verstuurd = 0
    for adres, vragen in wachtende_askers(sessie).items():
        ids = [vraag.pk for vraag in vragen]
        with transaction.atomic():
            nu = timezone.now()
            geclaimd = Vraag.objects.filter(pk__in=ids, teruggekoppeld_op__isnull=True).update(
                teruggekoppeld_op=nu
            )
            if geclaimd != len(ids):
                # Another run is mailing this asker right now; it will finish the job.
                transaction.set_rollback(True)
                continue
            # If sending fails, the claim rolls back and a later run tries again.
            _bericht(sessie=sessie, adres=adres, vragen=vragen).send()
            Vraaglog.objects.bulk_create(
                Vraaglog(
                    vraag=vraag,
                    actie=Vraaglog.Actie.GEMAILD,
                    van_status=vraag.status,
                    naar_status=vraag.status,
                    door_gebruiker=actor,
                    door_label=actor.get_username(),
                    op=nu,
                )
                for vraag in vragen
            )
        verstuurd += 1
    # An answered question whose askers all have it (by mail or on the public page) is done.
    for vraag in Vraag.objects.filter(
        sessie=sessie, status=Vraag.Status.BEANTWOORD, dubbel_van__isnull=True
    ).select_related("sessie"):
        vraag.markeer_teruggekoppeld(actor=actor)
    return verstuurd
