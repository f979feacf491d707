"""The newcomer's map: one line per role, `label: URL`, so nobody reads code to find a screen.

`make run` prints it (manage.py demo) and the organiser's session page shows it. This is a
composing module: when an app adds a screen, it adds its line here.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from sessie.models import Sessie


@dataclass(frozen=True)
class Regel:
    label: str
    url: str


# (label, url name) of pages that take the session's slug.
SESSIE_PAGINAS: list[tuple[str, str]] = [
    # Everyone
    (gettext_noop("Public session page"), "sessie:detail"),
    (gettext_noop("Registration form"), "sessie:aanmelden"),
    (gettext_noop("Programme (live)"), "programma:programma"),
    (gettext_noop("Projector"), "programma:projector"),
    (gettext_noop("Ask a question (visitors, by QR)"), "informatiepunt:vraag_stellen"),
    (gettext_noop("Answers to questions (public)"), "informatiepunt:antwoorden"),
    (gettext_noop("Idea wall (projector)"), "thematafels:wand"),
    (gettext_noop("Dot vote (phones, QR on the wall)"), "thematafels:stemmen"),
    # Organisers (and, where it says so, volunteers)
    (gettext_noop("Organiser"), "sessie:organiser_sessie"),
    (gettext_noop("Wrap-up (organisers, discussion leaders)"), "thematafels:afronding"),
    (gettext_noop("Registrations (organiser)"), "sessie:aanmeldingen"),
    (gettext_noop("Catering list (organiser or door)"), "sessie:catering"),
    (gettext_noop("Volunteer links (organiser)"), "sessie:toegangen"),
    (gettext_noop("Question inventory (info point, organiser)"), "informatiepunt:inventaris"),
    (gettext_noop("QR sheet for the information point"), "informatiepunt:qr"),
]


def absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def newcomer_map(sessie: Sessie, *, tokens: dict[int, str]) -> list[Regel]:
    """Every screen of `sessie`; volunteer links only where their token is known (just made)."""
    regels = [
        Regel(_(label), absolute(reverse(name, kwargs={"slug": sessie.slug})))
        for label, name in SESSIE_PAGINAS
    ]
    regels.append(Regel(_("Organiser login"), absolute(reverse("sessie:login"))))
    for toegang in sessie.toegangen.geldig().select_related("tafel"):
        if toegang.pk in tokens:
            url = absolute(reverse("sessie:toegang", kwargs={"token": tokens[toegang.pk]}))
            label = toegang.get_rol_display()
            if toegang.label:
                label = f"{label} — {toegang.label}"
            regels.append(Regel(label, url))
    return regels
