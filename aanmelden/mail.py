"""The e-mails of registration: plain text in B1 Dutch, with an .ics file and a QR code."""

from __future__ import annotations

import datetime as dt
import io

import segno
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from aanmelden.models import EMAIL_BEVESTIGEN_BINNEN, Aanmelding
from sessie.links import absolute
from sessie.models import Sessie


def tijden(sessie: Sessie) -> tuple[dt.datetime, dt.datetime]:
    """Start and end of the evening from its programme (19.00–22.00 when it has none)."""
    onderdelen = list(sessie.programma.all())
    start = onderdelen[0].start if onderdelen else dt.time(19, 0)
    eind = max((o.eind for o in onderdelen), default=dt.time(22, 0))
    return sessie.op_tijd(start), sessie.op_tijd(eind)


def _ics_tekst(waarde: str) -> str:
    return waarde.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def ics(sessie: Sessie, *, uid: str, url: str) -> str:
    """A calendar file (RFC 5545) that every phone's calendar understands."""
    start, eind = tijden(sessie)
    utc = "%Y%m%dT%H%M%SZ"
    regels = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Wijkavond//NL",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:{uid}",
        f"DTSTAMP:{timezone.now().astimezone(dt.UTC):{utc}}",
        f"DTSTART:{start.astimezone(dt.UTC):{utc}}",
        f"DTEND:{eind.astimezone(dt.UTC):{utc}}",
        f"SUMMARY:{_ics_tekst(sessie.titel)}",
        f"LOCATION:{_ics_tekst(sessie.volledig_adres)}",
        f"DESCRIPTION:{_ics_tekst(url)}",
        f"URL:{url}",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "\r\n".join(regels) + "\r\n"


def qr_png(url: str) -> bytes:
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=8, border=3)
    return buffer.getvalue()


def bevestiging(
    aanmelding: Aanmelding, *, token: str, incheck: str, nieuwe_link: bool = False
) -> EmailMessage:
    sessie = aanmelding.sessie
    link = absolute(reverse("aanmelden:mijn", kwargs={"token": token}))
    incheck_link = absolute(
        reverse("aanmelden:deur_code", kwargs={"slug": sessie.slug, "code": incheck})
    )
    start, eind = tijden(sessie)
    tekst = render_to_string(
        "aanmelden/mail/bevestiging.txt",
        {
            "aanmelding": aanmelding,
            "sessie": sessie,
            "start": timezone.localtime(start),
            "eind": timezone.localtime(eind),
            "link": link,
            "nieuwe_link": nieuwe_link,
        },
    )
    onderwerp = _("Your registration: %(titel)s") % {"titel": sessie.titel}
    bericht = EmailMessage(subject=onderwerp, body=tekst, to=[aanmelding.email])
    bericht.attach(
        "wijkavond.ics",
        ics(
            sessie,
            uid=f"aanmelding-{aanmelding.pk}@wijkavond",
            url=absolute(sessie.get_absolute_url()),
        ),
        "text/calendar",
    )
    bericht.attach("inchecken.png", qr_png(incheck_link), "image/png")
    return bericht


def al_aangemeld(aanmelding: Aanmelding, *, token: str) -> EmailMessage:
    """To an address signed up already: its link again (greeting with the stored name)."""
    sessie = aanmelding.sessie
    link = absolute(reverse("aanmelden:mijn", kwargs={"token": token}))
    tekst = render_to_string(
        "aanmelden/mail/al_aangemeld.txt",
        {"aanmelding": aanmelding, "sessie": sessie, "link": link},
    )
    onderwerp = _("You are already signed up: %(titel)s") % {"titel": sessie.titel}
    return EmailMessage(subject=onderwerp, body=tekst, to=[aanmelding.email])


def email_bevestigen(aanmelding: Aanmelding, *, token: str) -> EmailMessage:
    """To a changed address: click to confirm it (no typed text: it may be anyone's)."""
    sessie = aanmelding.sessie
    link = absolute(reverse("aanmelden:email_bevestigen", kwargs={"bevestiging": token}))
    tekst = render_to_string(
        "aanmelden/mail/email_bevestigen.txt",
        {
            "sessie": sessie,
            "link": link,
            "uren": int(EMAIL_BEVESTIGEN_BINNEN.total_seconds() // 3600),
        },
    )
    onderwerp = _("Confirm your e-mail address: %(titel)s") % {"titel": sessie.titel}
    return EmailMessage(subject=onderwerp, body=tekst, to=[aanmelding.nieuw_email])


def broodje_vrij(aanmelding: Aanmelding) -> EmailMessage:
    sessie = aanmelding.sessie
    tekst = render_to_string(
        "aanmelden/mail/broodje_vrij.txt", {"aanmelding": aanmelding, "sessie": sessie}
    )
    onderwerp = _("Good news: there is a sandwich for you at %(titel)s") % {"titel": sessie.titel}
    return EmailMessage(subject=onderwerp, body=tekst, to=[aanmelding.email])


def werkgroepbericht(bericht, lidmaatschap, *, afmeld_link: str) -> EmailMessage:
    """The organiser's message to one member, with their one-tap leave link."""
    werkgroep = bericht.werkgroep
    tekst = render_to_string(
        "aanmelden/mail/werkgroepbericht.txt",
        {
            "bericht": bericht,
            "werkgroep": werkgroep,
            "lid": lidmaatschap,
            "afmeld_link": afmeld_link,
        },
    )
    onderwerp = f"{werkgroep.naam}: {bericht.onderwerp}"
    return EmailMessage(subject=onderwerp, body=tekst, to=[lidmaatschap.email])


def werkgroep_welkom(lidmaatschap, *, afmeld_link: str) -> EmailMessage:
    """Joined from a phone: what the workgroup is, and how to leave it."""
    werkgroep = lidmaatschap.werkgroep
    tekst = render_to_string(
        "aanmelden/mail/werkgroep_welkom.txt",
        {"lid": lidmaatschap, "werkgroep": werkgroep, "afmeld_link": afmeld_link},
    )
    onderwerp = _("You joined %(werkgroep)s") % {"werkgroep": werkgroep.naam}
    return EmailMessage(subject=onderwerp, body=tekst, to=[lidmaatschap.email])
