"""This app's screens on the newcomer's map (`wijkavond.kaart`)."""

from django.utils.translation import gettext_noop

PAGINAS = [
    ("iedereen", gettext_noop("Registration form"), "aanmelden:aanmelden"),
    (
        "iedereen",
        gettext_noop("Where do I sit? (projector, once the plan is published)"),
        "aanmelden:waar_zit_ik",
    ),
    ("organisatie", gettext_noop("Registrations (organiser)"), "aanmelden:aanmeldingen"),
    ("organisatie", gettext_noop("Table plan (organiser)"), "aanmelden:tafelindeling"),
    ("organisatie", gettext_noop("Catering list (organiser or door)"), "aanmelden:catering"),
]
