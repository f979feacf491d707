"""The newcomer's map: one line per screen, `label: URL`, so nobody reads code to find a screen.

`make run` prints it (manage.py demo) and the organiser's session page shows it. Each app lists
its own screens in a `kaart.py` (`PAGINAS`: (for whom, label, URL name) of pages that take the
session's slug); this module discovers them in INSTALLED_APPS order, public screens first.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from django.apps import apps
from django.urls import reverse
from django.utils.module_loading import module_has_submodule
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from sessie.links import absolute
from sessie.models import Sessie

IEDEREEN, ORGANISATIE = "iedereen", "organisatie"

PAGINAS: list[tuple[str, str, str]] = [
    (IEDEREEN, gettext_noop("Public session page"), "wijkavond:detail"),
    (ORGANISATIE, gettext_noop("Organiser"), "wijkavond:organiser_sessie"),
    (ORGANISATIE, gettext_noop("Volunteer links (organiser)"), "wijkavond:toegangen"),
    (
        ORGANISATIE,
        gettext_noop("Hall check: the screens at the hall's size"),
        "wijkavond:zaalcheck",
    ),
]


@dataclass(frozen=True)
class Regel:
    label: str
    url: str


def paginas() -> list[tuple[str, str, str]]:
    """Every app's screens: this app's own first, then each app's `kaart.PAGINAS`."""
    gevonden = []
    for config in apps.get_app_configs():
        if config.name != "wijkavond" and module_has_submodule(config.module, "kaart"):
            gevonden += importlib.import_module(f"{config.name}.kaart").PAGINAS
    alles = PAGINAS[:1] + gevonden + PAGINAS[1:]
    return [p for p in alles if p[0] == IEDEREEN] + [p for p in alles if p[0] != IEDEREEN]


def newcomer_map(sessie: Sessie, *, tokens: dict[int, str]) -> list[Regel]:
    """Every screen of `sessie`; volunteer links only where their token is known (just made)."""
    regels = [
        Regel(_(label), absolute(reverse(name, kwargs={"slug": sessie.slug})))
        for _voor, label, name in paginas()
    ]
    regels.append(Regel(_("Organiser login"), absolute(reverse("wijkavond:login"))))
    for toegang in sessie.toegangen.geldig():
        if toegang.pk in tokens:
            url = absolute(reverse("sessie:toegang", kwargs={"token": tokens[toegang.pk]}))
            label = toegang.get_rol_display()
            if toegang.label:
                label = f"{label} — {toegang.label}"
            regels.append(Regel(label, url))
    return regels
