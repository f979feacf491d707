"""Background work of the information point (Django's tasks framework)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.tasks import task

from informatiepunt.terugkoppeling import stuur_antwoorden
from sessie.models import Sessie


@task
def stuur_terugkoppeling(*, sessie_id: int, gebruiker_id: int) -> int:
    """Send the answers of one session to every asker who asked for them (safe to repeat)."""
    sessie = Sessie.objects.get(pk=sessie_id)
    actor = get_user_model().objects.get(pk=gebruiker_id)
    return stuur_antwoorden(sessie=sessie, actor=actor)
