"""Every URL, as every kind of visitor: who gets in, no input makes a 500, nothing typed is lost.

Safety nets under the per-view tests. They walk the URL configuration itself, so a new view is
swept without anyone adding it here, and a view without an access check fails the first test.
"""

from __future__ import annotations

import itertools
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import NoReverseMatch, reverse

from informatiepunt.models import Vraag
from sessie.models import Teller, Toegang
from tests.builders import make_aanmelding, make_toegang, make_user, make_vraag
from tests.urlwalk import ONZIN_IN_PAD, VERZONNEN, Voorbeelden, named_views

pytestmark = pytest.mark.django_db

# Every field name the app's forms and views read, each given nonsense.
VELDEN = (  # noqa: SIM905 (a list of 50 one-word strings reads better as words)
    "aantal allergie antwoord broodje buurt categorie code dieet email in_idee kernpunt label"
    " min naam ongedaan organisatie origineel pagina plus prompt q richting rol ronde"
    " ronde_nummer sleutel soort status stemmen tafel tekst telefoon terug tijd toegewezen_aan"
    " toestemming toestemming_contact toestemming_netwerk tot v verborgen versie voorkeur_1"
    " voorkeur_2 vraagsteller website werkgroep werkgroepen wil_antwoord"
    " onderwerp doel contactpersoon open eerste_bijeenkomst"
).split()
ONZIN = ["", "abc", "9" * 30, str(2**63), "²", "١٢", "\x00", "\u202e", "é" * 600]


def _urls(voorbeelden: Voorbeelden) -> list[str]:
    """Each view's URL to things that exist, and with each argument in turn made up."""
    urls = set()
    for naam, params in named_views():
        urls.add(voorbeelden.url(naam, params))
        urls.update(voorbeelden.url(naam, params, **{p: VERZONNEN[p]}) for p in params)
    return sorted(urls)


def _urls_met_onzin(voorbeelden: Voorbeelden) -> list[str]:
    """Each view's URL with each argument in turn made into something worse than made up."""
    urls = set()
    for naam, params in named_views():
        for param in params:
            for onzin in ONZIN_IN_PAD[param]:
                try:
                    urls.add(voorbeelden.url(naam, params, **{param: onzin}))
                except NoReverseMatch:  # a converter refuses it: put it in the path by hand
                    plek = 987654321 if isinstance(VERZONNEN[param], int) else "plekhouder"
                    url = voorbeelden.url(naam, params, **{param: plek})
                    urls.add(url.replace(str(plek), str(onzin)))
    return sorted(urls)


@pytest.fixture
def bezoekers(noord, tafel):
    """A browser for each kind of visitor: anonymous, organiser, and every volunteer role."""
    clients = {"anoniem": Client()}
    organisator = make_user(username="karin")
    noord.organisatoren.add(organisator)
    clients["organisator"] = Client()
    clients["organisator"].force_login(organisator)
    for rol in Toegang.Rol.values:
        _, token = make_toegang(
            noord, rol=rol, tafel=tafel if rol == Toegang.Rol.TAFELHOST else None
        )
        clients[rol] = Client()
        clients[rol].get(f"/toegang/{token}/")
    return clients


# Who gets past each view's access check (the organiser is always among them, except where a
# page is for attendees' own links only). Everything not listed is open to everyone.
ORGANISATOR = "organisator"
TOEGANG = {
    Toegang.Rol.TAFELHOST: (
        "thematafels:vastleggen thematafels:idee_toevoegen thematafels:ideeen_lijst"
        " thematafels:idee_kernpunt thematafels:idee_bewerken thematafels:idee_verwijderen"
        " thematafels:idee_herstellen thematafels:opkomst thematafels:rolnotitie"
    ),
    Toegang.Rol.INFORMATIEPUNT: (
        "informatiepunt:intake informatiepunt:qr informatiepunt:inventaris informatiepunt:vraag"
        " informatiepunt:vraag_dubbel informatiepunt:vraag_verbergen"
    ),
    Toegang.Rol.DEUR: (
        "aanmelden:deur aanmelden:deur_inchecken aanmelden:deur_inloop aanmelden:deur_tellers"
        " aanmelden:deur_code aanmelden:catering aanmelden:deur_inloop_weghalen"
    ),
    ORGANISATOR: (
        "thematafels:afronding thematafels:ideeen_export thematafels:rollen_export"
        " thematafels:afronding_verplaats thematafels:afronding_kernpunt"
        " thematafels:afronding_samenvoegen thematafels:afronding_ontvlechten"
        " informatiepunt:vraag_toewijzen"
        " informatiepunt:vraag_beantwoorden informatiepunt:vraag_heropenen"
        " informatiepunt:terugkoppelen informatiepunt:export wijkavond:organiser_home"
        " wijkavond:organiser_sessie wijkavond:oefenklok aanmelden:aanmeldingen"
        " aanmelden:aanmeldingen_export wijkavond:toegangen wijkavond:toegang_maken"
        " wijkavond:toegang_vernieuwen wijkavond:toegang_intrekken aanmelden:tafelindeling"
        " aanmelden:tafelindeling_maken aanmelden:tafelindeling_nieuwkomers"
        " aanmelden:tafelindeling_verplaatsen aanmelden:tafelindeling_publiceren"
        " aanmelden:tafelindeling_afdrukken aanmelden:tafelindeling_badges"
        " verslag:overzicht verslag:publiceren verslag:download verslag:reeks verslag:reeks_xlsx"
        " verslag:nabericht verslag:nabericht_versturen"
        " verslag:aanvragen verslag:bestand verslag:bestand_download"
        " aanmelden:werkgroepen_organiseren aanmelden:werkgroep_wijzigen"
        " aanmelden:werkgroep_bericht aanmelden:werkgroep_export wijkavond:zaalcheck"
    ),
}
# Opened by a secret in the URL (an attendee's personal link, a volunteer link): not by role.
MET_SLEUTEL = {"sessie:toegang", "wijkavond:logout"}


def _binnen(response) -> bool | None:
    """Did the visitor get past the access check? None: the method was wrong, ask with POST."""
    if response.status_code == 405:
        return None
    if response.status_code in (403, 404):
        return False
    return not (
        response.status_code == 302
        and response["Location"].startswith(resolve_url(settings.LOGIN_URL))
    )


def test_every_view_lets_in_exactly_who_may_see_it(noord, bezoekers):
    voorbeelden = Voorbeelden(noord)
    verwacht = {
        naam: {rol, ORGANISATOR} for rol, namen in TOEGANG.items() for naam in namen.split()
    }
    gezien = {}
    for naam, url in voorbeelden.urls():
        if naam in MET_SLEUTEL:
            continue
        gezien[naam] = set()
        for wie, client in bezoekers.items():
            binnen = _binnen(client.get(url))
            if binnen is None:
                binnen = _binnen(client.post(url, {}))
            if binnen:
                gezien[naam].add(wie)
        verwacht.setdefault(naam, set(bezoekers))
    assert gezien == verwacht


def test_no_personal_data_on_any_page_a_visitor_can_open(client, noord, tafel):
    """Attendees, askers and volunteers for a role are named only where their job needs it."""
    import uuid

    from thematafels import ideeen

    make_aanmelding(
        noord, naam="Zwaantje Geheim", email="zwaantje@example.invalid", telefoon="0612345678"
    )
    vraag = make_vraag(noord, naam="Vraagsteller Verborgen", email="vraag@example.invalid")
    vraag.antwoord, vraag.status = "Zo werkt het.", Vraag.Status.BEANTWOORD
    vraag.save()
    ideeen.noteer_rol(tafel=tafel, sleutel=uuid.uuid4(), naam="Rolnemer Onzichtbaar", rol="x")
    voorbeelden = Voorbeelden(noord)
    persoonlijk = ("Zwaantje", "zwaantje@", "0612345678", "Vraagsteller", "vraag@", "Rolnemer")
    antwoorden = client.get(reverse("informatiepunt:antwoorden", args=[noord.slug])).text
    assert "Zo werkt het." in antwoorden  # the question is public, its asker is not
    for naam, url in voorbeelden.urls():
        response = client.get(url)
        if response.status_code == 200:
            gevonden = [p for p in persoonlijk if p in response.content.decode(errors="ignore")]
            assert not gevonden, (naam, gevonden)


def test_no_view_takes_a_post_without_the_csrf_token(noord):
    """Every POST, htmx or not, as a visitor or an organiser, needs the token."""
    organisator = make_user(username="csrf")
    noord.organisatoren.add(organisator)
    for ingelogd in (False, True):
        client = Client(enforce_csrf_checks=True)
        if ingelogd:
            client.force_login(organisator)
        for naam, url in Voorbeelden(noord).urls():
            for headers in ({}, {"HX-Request": "true"}):
                status = client.post(url, {"tekst": "x"}, headers=headers).status_code
                assert status == 403, (naam, ingelogd, status)


def test_no_url_answers_nonsense_with_a_server_error(noord, bezoekers):
    """Each field given each kind of nonsense, as GET and POST, with and without htmx.

    A visitor turned away by a view as GET and as POST (forbidden, not found, or sent to the
    login page) is not sent the rest of the nonsense: nothing of it would reach a form, and a
    view that read the form before turning people away meets all of it from a visitor it lets
    in, at the URL of a thing that exists."""
    urls = _urls(Voorbeelden(noord))
    assert len(urls) > 60
    fouten = []
    eerst = [("get", False, ONZIN[0]), ("post", False, ONZIN[0])]
    verzoeken = eerst + [
        (methode, htmx, onzin)
        for onzin in ONZIN
        for methode, htmx in (("get", True), ("post", False), ("post", True))
        if (methode, htmx, onzin) not in eerst
    ]
    for (wie, client), url in itertools.product(bezoekers.items(), urls):
        geweigerd = 0
        for methode, htmx, onzin in verzoeken:
            if geweigerd == len(eerst):
                break
            Teller.objects.all().delete()  # rate limits would hide what a view does with it
            headers = {"HX-Request": "true"} if htmx else {}
            try:
                response = getattr(client, methode)(
                    url, dict.fromkeys(VELDEN, onzin), headers=headers
                )
            except Exception as fout:  # listed below, all of them
                fouten.append(f"{wie} {methode.upper()} {url} {onzin!r}: {fout!r}")
                continue
            if response.status_code >= 500:
                fouten.append(f"{wie} {methode.upper()} {url} {onzin!r}: {response.status_code}")
            geweigerd += _binnen(response) is False
    assert not fouten, "\n".join(fouten[:40])


def test_no_url_answers_nonsense_in_its_path_with_a_server_error(noord, bezoekers):
    """Huge numbers, other scripts' digits, empty and very long parts, as GET and POST."""
    urls = _urls_met_onzin(Voorbeelden(noord))
    fouten = []
    for (wie, client), url in itertools.product(bezoekers.items(), urls):
        for methode in ("get", "post"):
            Teller.objects.all().delete()
            try:
                status = getattr(client, methode)(url).status_code
            except Exception as fout:  # listed below, all of them
                fouten.append(f"{wie} {methode.upper()} {url}: {fout!r}")
                continue
            if status >= 500:
                fouten.append(f"{wie} {methode.upper()} {url}: {status}")
    assert not fouten, "\n".join(fouten[:40])


class _Formulieren(HTMLParser):
    """What each form on a page shows in its typed-in fields: {action: {name: value}}."""

    TYPED = {"text", "email", "tel", "search", "number", "url", "date", "time"}

    def __init__(self, url: str):
        super().__init__()
        self.url, self.formulieren, self._form, self._textarea = url, {}, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._form = self.formulieren.setdefault(
                (attrs.get("hx-post") or attrs.get("action") or self.url).split("?")[0], {}
            )
        elif self._form is not None and attrs.get("name"):
            if tag == "input" and attrs.get("type", "text") in self.TYPED:
                self._form[attrs["name"]] = attrs.get("value", "")
            elif tag == "textarea":
                self._textarea = attrs["name"]
                self._form[self._textarea] = ""

    def handle_data(self, data):
        if self._textarea:
            self._form[self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self._textarea:
            # HTML drops the newline right after <textarea>.
            self._form[self._textarea] = self._form[self._textarea].removeprefix("\n")
            self._textarea = None
        elif tag == "form":
            self._form = None


def test_a_refused_form_keeps_everything_that_was_typed(noord, bezoekers):
    """Post "abc" in every field: a form that comes back with errors still shows it all."""
    gecontroleerd = set()
    for (wie, client), (naam, url) in itertools.product(
        bezoekers.items(), list(Voorbeelden(noord).urls())
    ):
        if naam == "wijkavond:logout":
            continue
        Teller.objects.all().delete()
        response = client.post(url, dict.fromkeys(VELDEN, "abc"))
        if response.status_code not in (400, 409):
            continue
        parser = _Formulieren(url)
        parser.feed(response.text)
        velden = parser.formulieren.get(url, {})
        verloren = {k: v for k, v in velden.items() if k in VELDEN and v != "abc"}
        assert not verloren, (wie, url, verloren)
        if velden:
            gecontroleerd.add(naam)
    assert len(gecontroleerd) >= 8, gecontroleerd


def test_every_url_that_answers_a_fragment_or_a_page_varies_on_hx_request(noord, bezoekers):
    """A cache (or the browser's back button) must never hand a fragment to a page load."""
    organisator = bezoekers[ORGANISATOR]
    gevonden = []
    for naam, url in Voorbeelden(noord).urls():
        pagina = organisator.get(url)
        fragment = organisator.get(url, headers={"HX-Request": "true"})
        if pagina.status_code != 200 or fragment.status_code != 200:
            continue
        if (b"<html" in pagina.content) == (b"<html" in fragment.content):
            continue  # the same page either way
        gevonden.append(naam)
        for response in (pagina, fragment):
            assert "HX-Request" in response.get("Vary", ""), naam
    assert "thematafels:wand" in gevonden and "aanmelden:deur" in gevonden
