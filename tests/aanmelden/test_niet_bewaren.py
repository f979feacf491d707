"""Pages with people's names are never stored by a cache or the browser's back-forward cache."""

import pytest
from django.urls import reverse

from sessie.models import Toegang
from tests.builders import make_aanmelding, make_sessie, make_toegang, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def sessie():
    return make_sessie()


def test_the_organisers_registration_list_is_no_store(client, sessie):
    organisator = make_user()
    sessie.organisatoren.add(organisator)
    make_aanmelding(sessie, naam="Zwaantje Geheim")
    client.force_login(organisator)
    response = client.get(reverse("aanmelden:aanmeldingen", kwargs={"slug": sessie.slug}))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("naam", ["aanmelden:deur", "aanmelden:catering"])
def test_the_door_and_catering_lists_are_no_store(client, sessie, naam):
    _, token = make_toegang(sessie, Toegang.Rol.DEUR)
    client.get(f"/toegang/{token}/")
    response = client.get(reverse(naam, kwargs={"slug": sessie.slug}))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("naam", ["aanmelden:mijn", "aanmelden:mijn_verwijderen"])
def test_personal_pages_are_no_store(client, sessie, naam):
    _, tokens = make_aanmelding(sessie)
    response = client.get(reverse(naam, kwargs={"token": tokens["token"]}))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
