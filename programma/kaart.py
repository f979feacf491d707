"""This app's screens on the newcomer's map (`wijkavond.kaart`)."""

from django.utils.translation import gettext_noop

PAGINAS = [
    ("iedereen", gettext_noop("Programme (live)"), "programma:programma"),
    ("iedereen", gettext_noop("Projector"), "programma:projector"),
]
