"""This app's screens on the newcomer's map (`wijkavond.kaart`)."""

from django.utils.translation import gettext_noop

PAGINAS = [
    ("iedereen", gettext_noop("Follow-up report (public, once published)"), "verslag:openbaar"),
    ("organisatie", gettext_noop("Follow-up report: downloads (organiser)"), "verslag:overzicht"),
    (
        "organisatie",
        gettext_noop("Thank-you mail after the evening (organiser)"),
        "verslag:nabericht",
    ),
]
