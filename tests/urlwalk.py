"""Every named view in the URL configuration, with an example URL for each (safety nets)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from django.http import HttpResponse
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from aanmelden.models import Tafelplan
from aanmelden.werkgroepen import afmeld_code
from sessie.models import Sessie, Toegang
from tests.builders import make_aanmelding, make_idee, make_lidmaatschap, make_vraag
from verslag.models import Publicatie, Traject, Verslagbestand

# An argument no object has, for each kind of URL argument.
VERZONNEN = {"slug": "bestaat-niet", "tafel_id": 999999, "ronde": 99, "pk": 999999,
             "token": "onzin", "code": "onzin", "formaat": "exe", "editie": "onzin",
             "traject": "bestaat-niet", "signed": "onzin:ook-onzin",
             "bevestiging": "onzin"}  # fmt: skip
# Worse arguments: integers past 64 bits (SQLite cannot bind them), other scripts' digits, empty
# and very long parts. Those the converters refuse are put into the URL by hand.
ONZIN_IN_PAD = {
    "slug": ["x" * 300, "٣", ""], "tafel_id": [2**63, 2**64, "²", ""], "ronde": [2**63, 2**64, "٣"],
    "pk": [2**63, 2**64, "²", ""], "token": ["x" * 1000, "٣", ""], "code": ["x" * 1000, "٣"],
    "formaat": ["x" * 300, ""], "editie": ["x" * 300, ""], "traject": ["x" * 300, "٣"],
    "signed": ["x" * 1000, "٣", ""], "bevestiging": ["x" * 1000, "٣", ""],
}  # fmt: skip


def named_views(entries=None, namespace: str = "", route: str = "") -> Iterator[tuple[str, list]]:
    """(namespaced name, argument names) of every named view, admin aside (Django's own)."""
    for entry in get_resolver().url_patterns if entries is None else entries:
        full = route + str(entry.pattern)
        if isinstance(entry, URLResolver):
            if entry.app_name != "admin":
                ns = f"{entry.namespace}:" if entry.namespace else namespace
                yield from named_views(entry.url_patterns, ns, full)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", re.findall(r"<(?:\w+:)?(\w+)>", full)


class Voorbeelden:
    """One of everything a URL can point at in `sessie`, and each view's URL to it."""

    def __init__(self, sessie: Sessie):
        tafel = sessie.thematafels.get(nummer=1).tafels.first()
        idee = make_idee(tafel, sessie.rondes.get(nummer=1), "Een idee")
        vraag = make_vraag(sessie)
        aanmelding, tokens = make_aanmelding(
            sessie, toestemming_netwerk=True, nieuw_email="wachtend@example.invalid"
        )
        bevestiging = aanmelding.vraag_email_bevestiging()  # a changed address's link
        inloper, _ = make_aanmelding(sessie, inloop=True, email="")
        werkgroep = sessie.werkgroepen.first()
        lid = make_lidmaatschap(werkgroep)
        toegang, _ = Toegang.uitgeven(sessie=sessie, rol=Toegang.Rol.DEUR)
        # A published (empty) table plan, so that "waar zit ik?" is a page and not a 404.
        Tafelplan.objects.update_or_create(
            sessie=sessie, defaults={"bron": "aanwezig", "gepubliceerd": timezone.now()}
        )
        # The public report is public once published; the series holds this session.
        Publicatie.publiceer(sessie=sessie, door=None)
        traject, _ = Traject.objects.get_or_create(
            slug=f"reeks-{sessie.slug}", defaults={"naam": "Reeks", "gemeente": "Gemeente"}
        )
        traject.sessies.add(sessie)
        bestand = Verslagbestand.objects.create(sessie=sessie, editie="openbaar", formaat="pdf")
        bestand.klaar(b"%PDF-1.7")
        self.waarden = dict(
            slug=sessie.slug, tafel_id=tafel.pk, ronde=1, token=tokens["token"],
            code=tokens["incheck"], formaat="csv", editie="openbaar", traject=traject.slug,
            signed=afmeld_code(lid), bevestiging=bevestiging,
        )  # fmt: skip
        # What `pk` means, by the view's name.
        self.pks = {
            "thematafels": idee.pk,
            "informatiepunt": vraag.pk,
            "aanmelden:deur_inloop_weghalen": inloper.pk,
            "aanmelden:deur": aanmelding.pk,
            "aanmelden:werkgroep": werkgroep.pk,
            "wijkavond:toegang": toegang.pk,
            "verslag:bestand": bestand.pk,
        }

    def kwargs(self, naam: str, params: list) -> dict:
        pk = next((v for k, v in self.pks.items() if naam.startswith(k)), None)
        return {p: pk if p == "pk" else self.waarden[p] for p in params}

    def url(self, naam: str, params: list, **anders) -> str:
        return reverse(naam, kwargs=self.kwargs(naam, params) | anders)

    def urls(self) -> Iterator[tuple[str, str]]:
        """(name, URL) of every view, pointing at things that exist."""
        for naam, params in named_views():
            yield naam, self.url(naam, params)

    def paginas(self, client) -> Iterator[tuple[str, HttpResponse]]:
        """(URL, response) of every HTML page `client` can open (signing out aside)."""
        for naam, url in self.urls():
            if naam == "wijkavond:logout":
                continue
            response = client.get(url)
            if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
                yield url, response
