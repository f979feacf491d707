"""Background tasks (Django's tasks framework). Mail is sent from here, never from a request.

The default backend runs a task at once (settings TASKS, ImmediateBackend). For a real worker,
install django-tasks-db, set WIJKAVOND_TASKS_BACKEND=django_tasks_db.DatabaseBackend and run
`manage.py db_worker` next to gunicorn: a slow mail server then never slows a registration.
"""

from __future__ import annotations

from django.tasks import task
from django.utils import translation

from aanmelden.models import Aanmelding


@task
def stuur_bevestiging(*, aanmelding_id: int, opnieuw: bool = False, taal: str = "nl") -> None:
    """The confirmation with the personal link, an .ics file and the check-in QR code.

    The links are made here, not by the request: a real worker stores each task's arguments
    in its queue, and a token is never stored unhashed. Making them renews them, so the
    newest mail's links are the ones that work.
    """
    from aanmelden.mail import bevestiging

    aanmelding = Aanmelding.objects.select_related("sessie").filter(pk=aanmelding_id).first()
    if aanmelding is None or not aanmelding.email:
        return
    tokens = aanmelding.vernieuw_tokens()
    with translation.override(taal):
        bevestiging(aanmelding, opnieuw=opnieuw, **tokens).send()


@task
def stuur_broodje_vrij(*, aanmelding_id: int, taal: str = "nl") -> None:
    """Someone cancelled: the first person on the waiting list gets their sandwich."""
    from aanmelden.mail import broodje_vrij

    aanmelding = Aanmelding.objects.select_related("sessie").filter(pk=aanmelding_id).first()
    if aanmelding is None or not aanmelding.email:
        return
    with translation.override(taal):
        broodje_vrij(aanmelding).send()
