"""This app's screens on the newcomer's map (`wijkavond.kaart`)."""

from django.utils.translation import gettext_noop

PAGINAS = [
    ("iedereen", gettext_noop("Registration form"), "aanmelden:aanmelden"),
    ("organisatie", gettext_noop("Registrations (organiser)"), "aanmelden:aanmeldingen"),
    ("organisatie", gettext_noop("Catering list (organiser or door)"), "aanmelden:catering"),
]
