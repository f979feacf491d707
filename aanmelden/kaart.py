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
    ("iedereen", gettext_noop("Join a workgroup (phones, via QR)"), "aanmelden:werkgroepen"),
    (
        "iedereen",
        gettext_noop("Call to join workgroups (projector)"),
        "aanmelden:werkgroepen_oproep",
    ),
    ("organisatie", gettext_noop("Workgroups (organiser)"), "aanmelden:werkgroepen_organiseren"),
    ("organisatie", gettext_noop("Catering list (organiser or door)"), "aanmelden:catering"),
]
