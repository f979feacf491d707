"""Background tasks (Django's tasks framework). Mail is sent from here, never from a request.

The default backend runs a task at once (settings TASKS, ImmediateBackend). For a real worker,
install django-tasks-db, set WIJKAVOND_TASKS_BACKEND=django_tasks_db.DatabaseBackend and run
`manage.py db_worker` next to gunicorn: a slow mail server then never slows a registration.
"""

from __future__ import annotations

from django.tasks import task
from django.utils import translation

from aanmelden.models import Aanmelding
from sessie.ratelimit import mail_toegestaan


def _aanmelding(aanmelding_id: int, rijen=None) -> Aanmelding | None:
    """The registration to mail, if it has an address that may have another mail this hour."""
    rijen = Aanmelding.objects.select_related("sessie") if rijen is None else rijen
    aanmelding = rijen.filter(pk=aanmelding_id).first()
    if aanmelding is None or not aanmelding.email or not mail_toegestaan(aanmelding.email):
        return None
    return aanmelding


@task
def stuur_bevestiging(*, aanmelding_id: int, taal: str = "nl", nieuwe_link: bool = False) -> None:
    """The confirmation with the personal link, an .ics file and the check-in QR code.

    The links are made here, not by the request: a real worker stores each task's arguments
    in its queue, and a token is never stored unhashed. The links are the registration's own,
    the same in every mail; only `nieuwe_link` (the person asked for it) makes new ones and
    kills the old.
    """
    from aanmelden.mail import bevestiging

    # The mail repeats every choice: the tables and workgroups come along.
    rijen = Aanmelding.objects.select_related("sessie", "voorkeur_1", "voorkeur_2")
    aanmelding = _aanmelding(aanmelding_id, rijen.prefetch_related("werkgroepen"))
    if aanmelding is None:
        return
    tokens = aanmelding.vernieuw_tokens() if nieuwe_link else aanmelding.links()
    with translation.override(taal):
        bevestiging(aanmelding, nieuwe_link=nieuwe_link, **tokens).send()


@task
def stuur_al_aangemeld(*, aanmelding_id: int, taal: str = "nl") -> None:
    """Someone signed up again with this address: "you are already signed up, here is your
    link". Nothing changes, no link stops working, and the greeting is the stored name."""
    from aanmelden.mail import al_aangemeld

    aanmelding = _aanmelding(aanmelding_id)
    if aanmelding is None:
        return
    with translation.override(taal):
        al_aangemeld(aanmelding, token=aanmelding.extra_link()).send()


@task
def stuur_email_bevestiging(*, aanmelding_id: int, taal: str = "nl") -> None:
    """The link that confirms a changed address, to that address (made here: see above)."""
    from aanmelden.mail import email_bevestigen

    aanmelding = Aanmelding.objects.select_related("sessie").filter(pk=aanmelding_id).first()
    if aanmelding is None or not aanmelding.nieuw_email:
        return
    if not mail_toegestaan(aanmelding.nieuw_email):
        return
    token = aanmelding.vraag_email_bevestiging()
    with translation.override(taal):
        email_bevestigen(aanmelding, token=token).send()


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
    if lid is None or not mail_toegestaan(lid.email):
        return
    with translation.override(taal):
        werkgroep_welkom(lid, afmeld_link=_afmeld_link(lid)).send()
