"""The door's walk-ins against duplicates: a suggestion for a known name, undoing a walk-in,
and cancelled people found and let in again."""

import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from aanmelden.models import Aanmelding
from sessie.models import Toegang
from tests.builders import make_aanmelding, make_sessie, make_toegang

pytestmark = pytest.mark.django_db


@pytest.fixture
def sessie():
    return make_sessie()


@pytest.fixture
def deur(client, sessie):
    _toegang, token = make_toegang(sessie, Toegang.Rol.DEUR)
    client.get(reverse("sessie:toegang", kwargs={"token": token}))
    return client


def url(sessie, naam, **kw):
    return reverse(f"aanmelden:{naam}", kwargs={"slug": sessie.slug, **kw})


def inloop(deur, sessie, naam, **extra):
    gegevens = {"naam": naam, "sleutel": str(uuid.uuid4()), **extra}
    return deur.post(url(sessie, "deur_inloop"), gegevens, HTTP_HX_REQUEST="true")


def test_a_walk_in_with_a_registered_name_gets_a_suggestion_instead(deur, sessie):
    zoe, _ = make_aanmelding(sessie, naam="Zoë de Vries", broodje="ja")
    response = inloop(deur, sessie, "zoe  DE vries")
    html = response.content.decode()
    assert response.status_code == 400
    assert "Bedoelt u Zoë de Vries, aangemeld?" in html
    # A check-in button for the registered person, and the typed name kept for "add anyway".
    assert url(sessie, "deur_inchecken", pk=zoe.pk) in html
    assert 'value="zoe  DE vries"' in html
    assert Aanmelding.objects.filter(inloop=True).count() == 0


def test_the_suggestion_names_cancelled_and_checked_in_people_as_such(deur, sessie):
    make_aanmelding(sessie, naam="Ayşe Yılmaz", geannuleerd=timezone.now())
    make_aanmelding(sessie, naam="Noël Peters", ingecheckt=timezone.now())
    html = inloop(deur, sessie, "ayse yilmaz").content.decode()
    assert "Bedoelt u Ayşe Yılmaz, afgemeld?" in html
    html = inloop(deur, sessie, "Noel Peters").content.decode()
    assert "Bedoelt u Noël Peters, al binnen?" in html


def test_add_anyway_adds_the_walk_in_once_confirmed_for_that_name(deur, sessie):
    make_aanmelding(sessie, naam="Zoë de Vries")
    html = inloop(deur, sessie, "Zoe de Vries").content.decode()
    assert 'name="toch" value="zoe de vries"' in html
    # Confirmation for another name does not count.
    assert inloop(deur, sessie, "Zoë de Vries", toch="iemand anders").status_code == 400
    response = inloop(deur, sessie, "Zoe de Vries", toch="zoe de vries")
    assert response.status_code == 200
    assert Aanmelding.objects.get(inloop=True).naam == "Zoe de Vries"


def test_a_different_name_is_added_at_once(deur, sessie):
    make_aanmelding(sessie, naam="Zoë de Vries")
    assert inloop(deur, sessie, "Zoë Jansen").status_code == 200


def test_the_suggestion_without_javascript_is_the_whole_page(deur, sessie):
    make_aanmelding(sessie, naam="Mert Çelik")
    gegevens = {"naam": "mert celik", "sleutel": str(uuid.uuid4())}
    response = deur.post(url(sessie, "deur_inloop"), gegevens)
    html = response.content.decode()
    assert response.status_code == 400 and "<html" in html and "Bedoelt u Mert Çelik" in html


def test_the_door_removes_a_walk_in_after_confirming(deur, sessie):
    inloop(deur, sessie, "Per Ongeluk")
    persoon = Aanmelding.objects.get(naam="Per Ongeluk")
    versie = Aanmelding.objects.get().sessie.versie
    weg = url(sessie, "deur_inloop_weghalen", pk=persoon.pk)
    response = deur.post(weg, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200 and 'id="inloop-recent"' in html
    assert "Per Ongeluk weghalen?" in html
    assert Aanmelding.objects.filter(pk=persoon.pk).exists()
    response = deur.post(weg, {"zeker": "1"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Per Ongeluk is weggehaald." in html and 'hx-swap-oob="true"' in html
    assert not Aanmelding.objects.filter(pk=persoon.pk).exists()
    sessie.refresh_from_db()
    assert sessie.versie > versie


def test_removing_a_walk_in_without_javascript_redirects(deur, sessie):
    inloop(deur, sessie, "Per Ongeluk")
    persoon = Aanmelding.objects.get()
    weg = url(sessie, "deur_inloop_weghalen", pk=persoon.pk)
    response = deur.post(weg)
    assert response.status_code == 200 and "<html" in response.content.decode()
    response = deur.post(weg, {"zeker": "1"})
    assert response.status_code == 302 and not Aanmelding.objects.exists()


def test_only_walk_ins_of_this_session_can_be_removed_and_only_by_the_door(client, deur, sessie):
    aangemeld, _ = make_aanmelding(sessie)
    vreemd, _ = make_aanmelding(make_sessie(), inloop=True)
    for pk in (aangemeld.pk, vreemd.pk):
        weg = url(sessie, "deur_inloop_weghalen", pk=pk)
        assert deur.post(weg, {"zeker": "1"}).status_code == 404
    inloop(deur, sessie, "Per Ongeluk")
    weg = url(sessie, "deur_inloop_weghalen", pk=Aanmelding.objects.get(naam="Per Ongeluk").pk)
    assert deur.get(weg).status_code == 405
    client.cookies.clear()
    assert client.post(weg, {"zeker": "1"}).status_code == 403
    assert Aanmelding.objects.filter(sessie=sessie, inloop=True).count() == 1


def test_the_door_finds_cancelled_people_and_lets_them_in_again(deur, sessie):
    weg, _ = make_aanmelding(sessie, naam="Ece Öztürk", geannuleerd=timezone.now())
    html = deur.get(url(sessie, "deur"), {"q": "ozturk"}, HTTP_HX_REQUEST="true").content.decode()
    assert "Ece Öztürk" in html and "Afgemeld" in html and "Weer aanwezig" in html
    response = deur.post(url(sessie, "deur_inchecken", pk=weg.pk), HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and "Binnen sinds" in response.content.decode()
    weg.refresh_from_db()
    assert weg.is_actief and weg.ingecheckt is not None


def test_a_suggested_person_checked_in_swaps_their_own_row(deur, sessie):
    zoe, _ = make_aanmelding(sessie, naam="Zoë de Vries")
    html = inloop(deur, sessie, "zoe de vries").content.decode()
    assert f'id="voorstel-{zoe.pk}"' in html
    response = deur.post(
        url(sessie, "deur_inchecken", pk=zoe.pk), {"rij": "voorstel"}, HTTP_HX_REQUEST="true"
    )
    assert f'id="voorstel-{zoe.pk}"' in response.content.decode()
    # Anything else for the row's id falls back to the search list's.
    response = deur.post(
        url(sessie, "deur_inchecken", pk=zoe.pk), {"rij": "<x>"}, HTTP_HX_REQUEST="true"
    )
    assert f'id="persoon-{zoe.pk}"' in response.content.decode()
