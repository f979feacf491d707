"""Every page's footer, the accessibility statement, the privacy page and the error pages."""

import pytest
from django.template.loader import render_to_string
from django.test import override_settings

from tests.builders import make_sessie

pytestmark = pytest.mark.django_db


def test_every_page_has_a_footer_with_privacy_accessibility_and_contact(client, settings):
    settings.ORGANISATIE = {**settings.ORGANISATIE, "naam": "Gemeente Haarlem", "email": "p@h.nl"}
    sessie = make_sessie()
    for url in ("/", f"/s/{sessie.slug}/", f"/s/{sessie.slug}/aanmelden/", "/privacy/"):
        html = client.get(url).content.decode()
        assert "Gemeente Haarlem" in html, url
        assert 'href="/privacy/"' in html and 'href="/toegankelijkheid/"' in html, url
        assert 'href="mailto:p@h.nl"' in html, url


def test_the_accessibility_statement_says_its_real_status(client):
    html = client.get("/toegankelijkheid/").content.decode()
    assert "<h1>Toegankelijkheidsverklaring</h1>" in html
    assert "voldoet gedeeltelijk" in html
    assert "Nationale ombudsman" in html
    assert client.post("/toegankelijkheid/").status_code == 405


def test_the_privacy_page_names_the_controller_basis_officer_processors_and_the_ap(
    client, settings
):
    settings.ORGANISATIE = {
        **settings.ORGANISATIE,
        "naam": "Gemeente Haarlem",
        "fg_email": "fg@haarlem.example",
        "cateraar": "Broodje Noord",
    }
    html = client.get("/privacy/").content.decode()
    for stuk in (
        "Gemeente Haarlem",
        "fg@haarlem.example",
        "Broodje Noord",
        "publieke taak",
        "Autoriteit Persoonsgegevens",
    ):
        assert stuk in html, stuk


@override_settings(DEBUG=False)
def test_an_old_personal_link_says_in_dutch_what_to_do(client):
    response = client.get("/mijn/dit-is-geen-geldige-link/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Deze link werkt niet" in html and "nieuwste e-mail" in html


def test_the_server_error_page_needs_no_request():
    html = render_to_string("500.html")
    assert "Er ging iets mis" in html
