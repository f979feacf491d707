"""Background tasks of the follow-up (Django's tasks framework; see aanmelden/tasks.py)."""

from __future__ import annotations

from django.tasks import task
from django.utils import translation

from sessie.models import Sessie


@task
def stuur_nabericht(*, sessie_id: int, taal: str = "nl") -> None:
    """The thank-you mail to everyone who came and has not had it yet (verslag/nabericht.py)."""
    from verslag.nabericht import stuur_alle

    sessie = Sessie.objects.filter(pk=sessie_id).first()
    if sessie is None:
        return
    with translation.override(taal):
        stuur_alle(sessie=sessie)
