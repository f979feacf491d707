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
def stuur_bevestiging(
    *, aanmelding_id: int, opnieuw: bool = False, taal: str = "nl", nieuwe_link: bool = False
) -> None:
    """The confirmation with the personal link, an .ics file and the check-in QR code.

    The links are made here, not by the request: a real worker stores each task's arguments
    in its queue, and a token is never stored unhashed. A mail sent again carries the same
    links as the first; only `nieuwe_link` (the person asked for it) makes new ones and kills
    the old.
    """
    from aanmelden.mail import bevestiging

    aanmelding = (
        Aanmelding.objects.select_related("sessie", "voorkeur_1", "voorkeur_2")
        .prefetch_related("werkgroepen")
        .filter(pk=aanmelding_id)
        .first()
    )
    if aanmelding is None or not aanmelding.email:
        return
    tokens = aanmelding.vernieuw_tokens() if nieuwe_link else aanmelding.links()
    with translation.override(taal):
        bevestiging(aanmelding, opnieuw=opnieuw, nieuwe_link=nieuwe_link, **tokens).send()


@task
def stuur_broodje_vrij(*, aanmelding_id: int, taal: str = "nl") -> None:
    """Someone cancelled: the first person on the waiting list gets their sandwich."""
    from aanmelden.mail import broodje_vrij

    aanmelding = Aanmelding.objects.select_related("sessie").filter(pk=aanmelding_id).first()
    if aanmelding is None or not aanmelding.email:
        return
    with translation.override(taal):
        broodje_vrij(aanmelding).send()


@task
def stuur_werkgroepbericht(*, bericht_id: int, taal: str = "nl") -> None:
    """The organiser's message to every active member of a workgroup, each with a leave link.

    Members already mailed are recorded (`Werkgroepbericht.verstuurd_aan`): a task that runs
    twice, or resumes after a crash, mails nobody twice.
    """
    from aanmelden.mail import werkgroepbericht
    from aanmelden.models import Werkgroepbericht
    from aanmelden.werkgroepen import leden

    bericht = Werkgroepbericht.objects.select_related("werkgroep").filter(pk=bericht_id).first()
    if bericht is None:
        return
    with translation.override(taal):
        for lid in leden(bericht.werkgroep).exclude(pk__in=bericht.verstuurd_aan.all()):
            werkgroepbericht(bericht, lid, afmeld_link=_afmeld_link(lid)).send()
            bericht.verstuurd_aan.add(lid)


def _afmeld_link(lid) -> str:
    from django.urls import reverse

    from aanmelden.werkgroepen import afmeld_code
    from sessie.links import absolute

    return absolute(reverse("aanmelden:werkgroep_afmelden", kwargs={"signed": afmeld_code(lid)}))


@task
def stuur_werkgroep_welkom(*, lidmaatschap_id: int, taal: str = "nl") -> None:
    """Joined on a phone: a welcome with the leave link (someone else's address? one tap)."""
    from aanmelden.mail import werkgroep_welkom
    from aanmelden.models import Lidmaatschap

    lid = Lidmaatschap.objects.select_related("werkgroep__sessie").filter(pk=lidmaatschap_id)
    lid = lid.filter(afgemeld__isnull=True).exclude(email="").first()
    if lid is None:
        return
    with translation.override(taal):
        werkgroep_welkom(lid, afmeld_link=_afmeld_link(lid)).send()
