"""Personal data of the information point: askers' names and e-mail addresses (sessie.privacy).

The question, its category, status and answer stay: anonymous content for the report and the
public answers page.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from informatiepunt.models import Vraag, Vraaglog
from sessie.models import Sessie

_ANONIEM = {"naam": "", "email": "", "wil_antwoord": False}


def vergeet_persoonsgegevens(*, sessies: QuerySet[Sessie]) -> dict[str, int]:
    vragen = Vraag.objects.filter(sessie__in=sessies).filter(~Q(naam="") | ~Q(email=""))
    # Who handled a question: the assignee, the approving organiser, and every log entry's
    # actor (a name, or a volunteer link's label) and note (the assignee again).
    behandeld = Vraag.objects.filter(sessie__in=sessies).filter(
        ~Q(toegewezen_aan="") | Q(goedgekeurd_door__isnull=False)
    )
    log = Vraaglog.objects.filter(vraag__sessie__in=sessies).filter(
        ~Q(door_label="") | Q(door_gebruiker__isnull=False) | ~Q(notitie="")
    )
    return {
        "questions": vragen.update(**_ANONIEM),
        "question handlers": behandeld.update(toegewezen_aan="", goedgekeurd_door=None),
        "question log entries": log.update(door_label="", door_gebruiker=None, notitie=""),
    }
