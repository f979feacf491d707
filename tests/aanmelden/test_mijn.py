"""The personal page behind the link in the confirmation e-mail."""

import json

import pytest
from django.core import mail
from django.urls import reverse

from aanmelden.models import Aanmelding
from tests.builders import make_aanmelding, make_sessie, make_werkgroep

pytestmark = pytest.mark.django_db


@pytest.fixture
def persoon():
    sessie = make_sessie(broodjes=1)
    aanmelding, tokens = make_aanmelding(
        sessie, naam="Bram Voorbeeld", broodje="ja", organisatie="Buurtclub"
    )
    return aanmelding, tokens["token"]


def test_personal_page_shows_the_registration_and_is_never_cached(client, persoon):
    _aanmelding, token = persoon
    response = client.get(reverse("aanmelden:mijn", kwargs={"token": token}))
    assert response.status_code == 200
    assert "Bram Voorbeeld" in response.content.decode()
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


@pytest.mark.parametrize("token", ["x", "a" * 43, "a" * 101])
def test_guessed_tokens_find_nothing(client, persoon, token):
    for naam in ("aanmelden:mijn", "aanmelden:mijn_gegevens", "aanmelden:mijn_verwijderen"):
        assert client.get(reverse(naam, kwargs={"token": token})).status_code == 404
    assert (
        client.post(reverse("aanmelden:mijn_annuleren", kwargs={"token": token})).status_code == 404
    )


def test_the_door_code_is_not_a_personal_link(client):
    _aanmelding, tokens = make_aanmelding(make_sessie())
    assert (
        client.get(reverse("aanmelden:mijn", kwargs={"token": tokens["incheck"]})).status_code
        == 404
    )


def test_change_saves_and_redirects(client, persoon):
    aanmelding, token = persoon
    groep = make_werkgroep(aanmelding.sessie)
    data = {
        "naam": "Bram V.",
        "email": aanmelding.email,
        "broodje": "on",
        "dieet": ["vegetarisch"],
        "werkgroepen": [groep.pk],
    }
    response = client.post(reverse("aanmelden:mijn_wijzigen", kwargs={"token": token}), data)
    assert response.status_code == 302
    aanmelding.refresh_from_db()
    assert aanmelding.naam == "Bram V." and aanmelding.dieet == ["vegetarisch"]
    assert aanmelding.broodje == Aanmelding.Broodje.JA
    assert list(aanmelding.werkgroepen.all()) == [groep]


def test_change_with_errors_is_400_and_keeps_values(client, persoon):
    _aanmelding, token = persoon
    data = {"naam": "", "email": "kapot", "organisatie": "Nieuwe club"}
    response = client.post(reverse("aanmelden:mijn_wijzigen", kwargs={"token": token}), data)
    assert response.status_code == 400
    assert 'value="Nieuwe club"' in response.content.decode()


def test_cancel_frees_the_sandwich_for_the_waiting_list(
    client, persoon, django_capture_on_commit_callbacks
):
    aanmelding, token = persoon
    wachtend, _ = make_aanmelding(
        aanmelding.sessie, broodje="wachtlijst", email="w@example.invalid"
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("aanmelden:mijn_annuleren", kwargs={"token": token}))
    assert response.status_code == 302
    aanmelding.refresh_from_db()
    wachtend.refresh_from_db()
    assert aanmelding.geannuleerd is not None
    assert wachtend.broodje == Aanmelding.Broodje.JA
    assert mail.outbox[0].to == ["w@example.invalid"]
    # and back again
    client.post(reverse("aanmelden:mijn_annuleren", kwargs={"token": token}), {"terug": "1"})
    aanmelding.refresh_from_db()
    assert aanmelding.is_actief


def test_download_my_data_is_json_of_everything_we_keep(client, persoon):
    _aanmelding, token = persoon
    response = client.get(reverse("aanmelden:mijn_gegevens", kwargs={"token": token}))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert data["naam"] == "Bram Voorbeeld" and data["organisatie"] == "Buurtclub"


def test_delete_my_data_asks_first_then_erases(client, persoon):
    aanmelding, token = persoon
    pagina = reverse("aanmelden:mijn_verwijderen", kwargs={"token": token})
    assert client.get(pagina).status_code == 200
    assert Aanmelding.objects.filter(pk=aanmelding.pk).exists()
    response = client.post(pagina)
    assert response.status_code == 302
    assert not Aanmelding.objects.filter(pk=aanmelding.pk).exists()
    assert client.get(reverse("aanmelden:mijn", kwargs={"token": token})).status_code == 404


def test_wrong_methods_are_405(client, persoon):
    _aanmelding, token = persoon
    assert client.post(reverse("aanmelden:mijn", kwargs={"token": token})).status_code == 405
    assert (
        client.get(reverse("aanmelden:mijn_wijzigen", kwargs={"token": token})).status_code == 405
    )
    assert (
        client.get(reverse("aanmelden:mijn_annuleren", kwargs={"token": token})).status_code == 405
    )


def test_changing_to_an_address_someone_else_uses_is_400_not_500(client, persoon):
    aanmelding, token = persoon
    make_aanmelding(aanmelding.sessie, email="bezet@example.invalid")
    data = {"naam": "Bram", "email": "Bezet@example.invalid"}
    response = client.post(reverse("aanmelden:mijn_wijzigen", kwargs={"token": token}), data)
    assert response.status_code == 400
    assert 'id="error_1_id_email"' in response.content.decode()
