"""This app's screens on the newcomer's map (`wijkavond.kaart`)."""

from django.utils.translation import gettext_noop

PAGINAS = [
    ("iedereen", gettext_noop("Idea wall (projector)"), "thematafels:wand"),
    ("iedereen", gettext_noop("Dot vote (phones, QR on the wall)"), "thematafels:stemmen"),
    (
        "organisatie",
        gettext_noop("Wrap-up (organisers, discussion leaders)"),
        "thematafels:afronding",
    ),
]
