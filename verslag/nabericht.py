"""The thank-you mail after the evening: who gets it, what it says, and sending it once.

It goes to everyone who came — checked in at the door, or walked in — who left an e-mail
address and agreed to be contacted after the evening. It thanks them, links the public report
when it is published, names the workgroups they are in and links the information point's
answers. The organiser sees the recipients' count and a preview first (`verslag/views.py`).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from aanmelden.models import Aanmelding, Lidmaatschap
from aanmelden.werkgroepen import afmeld_code
from sessie.links import absolute
from sessie.models import Sessie, Werkgroep
from verslag.models import Nabericht, Naberichtontvanger, Publicatie


def gekomen(sessie: Sessie) -> QuerySet[Aanmelding]:
    """Everyone who came: checked in at the door, or a walk-in (checked in as they are added)."""
    return Aanmelding.objects.actief().filter(
        Q(ingecheckt__isnull=False) | Q(inloop=True), sessie=sessie
    )


def ontvangers(sessie: Sessie) -> QuerySet[Aanmelding]:
    """Who came, with an address, and may be contacted after the evening."""
    return gekomen(sessie).filter(toestemming_contact=True).exclude(email="").order_by("naam", "pk")


def nog_te_sturen(sessie: Sessie) -> QuerySet[Aanmelding]:
    verstuurd = Naberichtontvanger.objects.filter(nabericht__sessie=sessie)
    return ontvangers(sessie).exclude(pk__in=verstuurd.values("aanmelding_id"))


def mag_versturen(sessie: Sessie) -> bool:
    """Not before the evening's day: nobody has come yet (a rehearsal clock changes nothing)."""
    return timezone.localdate() >= sessie.datum


@dataclass(frozen=True)
class Lidmaatschapregel:
    werkgroep: Werkgroep
    afmeld_link: str


class Werkgroepen:
    """Every active membership of the session, looked up per person by registration or by
    address (one query for all recipients: a phone sign-up has no registration)."""

    def __init__(self, sessie: Sessie):
        self.per_aanmelding: dict[int, list[Lidmaatschap]] = defaultdict(list)
        self.per_adres: dict[str, list[Lidmaatschap]] = defaultdict(list)
        leden = (
            Lidmaatschap.objects.actief()
            .filter(werkgroep__sessie=sessie)
            .select_related("werkgroep")
            .order_by("werkgroep__volgorde", "werkgroep__naam", "pk")
        )
        for lid in leden:
            if lid.aanmelding_id:
                self.per_aanmelding[lid.aanmelding_id].append(lid)
            if lid.email:
                self.per_adres[lid.email.lower()].append(lid)

    def van(self, aanmelding: Aanmelding) -> list[Lidmaatschapregel]:
        gezien: set[int] = set()
        regels = []
        adres = aanmelding.email.lower()
        for lid in [*self.per_aanmelding[aanmelding.pk], *self.per_adres[adres]]:
            if lid.pk in gezien:
                continue
            gezien.add(lid.pk)
            link = absolute(
                reverse("aanmelden:werkgroep_afmelden", kwargs={"signed": afmeld_code(lid)})
            )
            regels.append(Lidmaatschapregel(lid.werkgroep, link))
        return regels


@dataclass(frozen=True)
class Links:
    verslag: str
    antwoorden: str

    @classmethod
    def van(cls, sessie: Sessie) -> Links:
        verslag = ""
        if Publicatie.is_gepubliceerd(sessie):
            verslag = absolute(reverse("verslag:openbaar", kwargs={"slug": sessie.slug}))
        antwoorden = absolute(reverse("informatiepunt:antwoorden", kwargs={"slug": sessie.slug}))
        return cls(verslag=verslag, antwoorden=antwoorden)


def bericht(
    sessie: Sessie, aanmelding: Aanmelding, *, links: Links, werkgroepen: list[Lidmaatschapregel]
) -> EmailMessage:
    """One person's mail, in the active language."""
    tekst = render_to_string(
        "verslag/mail/nabericht.txt",
        {
            "sessie": sessie,
            "naam": aanmelding.naam,
            "links": links,
            "werkgroepen": werkgroepen,
        },
    )
    onderwerp = _("Thank you for coming: %(titel)s") % {"titel": sessie.titel}
    return EmailMessage(subject=onderwerp, body=tekst, to=[aanmelding.email])


def voorbeeld(sessie: Sessie) -> EmailMessage:
    """The mail as the first recipient would get it; a stand-in name when there is nobody yet."""
    links = Links.van(sessie)
    eerste = ontvangers(sessie).first()
    if eerste is None:
        eerste = Aanmelding(sessie=sessie, naam=_("(name)"), email="")
        return bericht(sessie, eerste, links=links, werkgroepen=[])
    return bericht(sessie, eerste, links=links, werkgroepen=Werkgroepen(sessie).van(eerste))


def versturen(*, sessie: Sessie, door) -> int:
    """Send the mail to everyone who has not had it yet (a background task); returns how many.

    Clicking again sends only to people who have not had it (someone checked in late).
    """
    from verslag.tasks import stuur_nabericht

    if not mag_versturen(sessie):
        raise ValueError("The evening has not been held yet.")
    with transaction.atomic():
        Nabericht.objects.get_or_create(sessie=sessie, defaults={"door": door})
        aantal = nog_te_sturen(sessie).count()
        if aantal:
            taal = get_language()
            transaction.on_commit(lambda: stuur_nabericht.enqueue(sessie_id=sessie.pk, taal=taal))
    return aantal


def stuur_alle(*, sessie: Sessie) -> int:
    """The task's work: claim each person, then mail them; a failed mail gives the claim back.

    Claiming first means that two runs at once (a retry beside a slow first run) never both
    mail one person: the unique constraint lets one of them have the claim.
    """
    nabericht = Nabericht.objects.filter(sessie=sessie).first()
    if nabericht is None:
        return 0
    links = Links.van(sessie)
    werkgroepen = Werkgroepen(sessie)
    verstuurd = 0
    for aanmelding in nog_te_sturen(sessie):
        with transaction.atomic():
            _claim, nieuw = Naberichtontvanger.objects.get_or_create(
                nabericht=nabericht, aanmelding=aanmelding
            )
        if not nieuw:
            continue
        try:
            bericht(sessie, aanmelding, links=links, werkgroepen=werkgroepen.van(aanmelding)).send()
        except Exception:
            Naberichtontvanger.objects.filter(pk=_claim.pk).delete()
            raise
        verstuurd += 1
    return verstuurd


def verstuurd_op(sessie: Sessie) -> dt.datetime | None:
    nabericht = Nabericht.objects.filter(sessie=sessie).first()
    return nabericht.aangemaakt if nabericht else None
