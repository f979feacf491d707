"""This app's screens on the newcomer's map (`wijkavond.kaart`)."""

from django.utils.translation import gettext_noop

PAGINAS = [
    ("iedereen", gettext_noop("Ask a question (visitors, by QR)"), "informatiepunt:vraag_stellen"),
    ("iedereen", gettext_noop("Answers to questions (public)"), "informatiepunt:antwoorden"),
    (
        "organisatie",
        gettext_noop("Question inventory (info point, organiser)"),
        "informatiepunt:inventaris",
    ),
    ("organisatie", gettext_noop("QR sheet for the information point"), "informatiepunt:qr"),
]
