"""Info-point staff take questions: a link or an organiser account, Enter saves, live list."""

import uuid

import pytest

from informatiepunt.models import Vraag
from tests.builders import make_sessie, make_toegang, make_vraag

pytestmark = pytest.mark.django_db


def url(sessie):
    return f"/s/{sessie.slug}/informatiepunt/"


def data(categorie=None, **velden):
    return {"sleutel": str(uuid.uuid4()), "tekst": "Hoe vraag ik budget aan?",
            "categorie": categorie.pk if categorie else "", **velden}  # fmt: skip


def test_anonymous_visitors_are_refused(client, sessie):
    assert client.get(url(sessie)).status_code == 403
    assert client.post(url(sessie), data()).status_code == 403
    assert not Vraag.objects.exists()


def test_a_link_for_another_session_is_refused(client, sessie):
    _t, token = make_toegang(make_sessie(), "informatiepunt")
    client.get(f"/toegang/{token}/")
    assert client.get(url(sessie)).status_code == 403


def test_a_door_link_is_refused(client, sessie):
    _t, token = make_toegang(sessie, "deur")
    client.get(f"/toegang/{token}/")
    assert client.get(url(sessie)).status_code == 403


def test_the_info_point_link_lands_on_the_intake_page(client, sessie):
    _t, token = make_toegang(sessie, "informatiepunt")
    response = client.get(f"/toegang/{token}/")
    assert response.url == url(sessie)


def test_wrong_method_is_405(medewerker, sessie):
    assert medewerker.put(url(sessie)).status_code == 405


def test_full_page_shows_the_capture_form_and_recent_questions(medewerker, sessie):
    make_vraag(sessie, tekst="Wie betaalt de koffie?")
    response = medewerker.get(url(sessie))
    html = response.content.decode()
    assert response.status_code == 200
    assert "data-capture" in html and "data-capture-key" in html
    assert "data-enter-verstuurt" in html
    assert "Wie betaalt de koffie?" in html


def test_organisers_may_take_questions_too(als_organisator, sessie):
    assert als_organisator.get(url(sessie)).status_code == 200


def test_poll_is_204_when_nothing_changed_and_the_list_when_it_did(medewerker, sessie):
    sessie.refresh_from_db()
    poll = {"v": sessie.kernpunten_versie}
    assert medewerker.get(url(sessie), poll, HTTP_HX_REQUEST="true").status_code == 204
    # The wrap-up's dots show nowhere on the information point: its list stands.
    sessie.bump(sessie.pk, stip=True)
    assert medewerker.get(url(sessie), poll, HTTP_HX_REQUEST="true").status_code == 204
    make_vraag(sessie, tekst="Nieuwe vraag?")
    sessie.bump(sessie.pk)
    response = medewerker.get(url(sessie), poll, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert 'id="vragen-lijst"' in response.content.decode()
    assert "<form" not in response.content.decode()


def test_capture_saves_once_per_key_and_answers_with_the_list(medewerker, sessie, categorie):
    payload = data(categorie, vraagsteller="bewoner")
    for _ in range(2):
        response = medewerker.post(url(sessie), payload, HTTP_HX_REQUEST="true")
        assert response.status_code == 200
        assert 'id="vragen-lijst"' in response.content.decode()
    vraag = Vraag.objects.get()
    assert (vraag.categorie, vraag.bron, vraag.vraagsteller) == (
        categorie,
        "informatiepunt",
        "bewoner",
    )
    assert str(vraag.inzendsleutel) == payload["sleutel"]


def test_capture_without_javascript_redirects_back_to_the_form(medewerker, sessie):
    response = medewerker.post(url(sessie), data())
    assert response.status_code == 302
    assert response.url == url(sessie)
    assert Vraag.objects.count() == 1


def test_capture_bumps_the_change_counters(medewerker, sessie):
    voor = (sessie.versie, sessie.kernpunten_versie)
    medewerker.post(url(sessie), data())
    sessie.refresh_from_db()
    assert sessie.versie > voor[0] and sessie.kernpunten_versie > voor[1]


def test_consent_without_address_is_400_with_values_kept(medewerker, sessie):
    payload = data(wil_antwoord="on", naam="Bea Voorbeeld")
    response = medewerker.post(url(sessie), payload)
    html = response.content.decode()
    assert response.status_code == 400
    assert "Hoe vraag ik budget aan?" in html and "Bea Voorbeeld" in html
    assert not Vraag.objects.exists()


def test_address_without_consent_is_refused_in_the_htmx_form_fragment(medewerker, sessie):
    payload = data(email="bea@example.invalid")
    response = medewerker.post(url(sessie), payload, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 400
    assert 'id="intake-form"' in html and "bea@example.invalid" in html
    assert not Vraag.objects.exists()


def test_a_category_of_another_session_is_refused(medewerker, sessie):
    from tests.builders import make_categorie

    vreemd = make_categorie(make_sessie(), "Vreemd")
    assert medewerker.post(url(sessie), data(vreemd)).status_code == 400


def test_the_list_costs_the_same_queries_for_few_and_many_questions(
    medewerker, sessie, django_assert_num_queries
):
    for _ in range(3):
        make_vraag(sessie)
    with django_assert_num_queries(3) as weinig:
        medewerker.get(url(sessie), HTTP_HX_REQUEST="true")
    for _ in range(40):
        make_vraag(sessie)
    with django_assert_num_queries(len(weinig.captured_queries)):
        medewerker.get(url(sessie), HTTP_HX_REQUEST="true")


def test_an_unchanged_poll_is_a_cheap_204(medewerker, sessie, django_assert_num_queries):
    for _ in range(30):
        make_vraag(sessie)
    sessie.refresh_from_db()
    # The session's counter and the volunteer's grant (held in a signed cookie, not a server
    # session): nothing per question.
    with django_assert_num_queries(2):
        response = medewerker.get(
            url(sessie), {"v": sessie.kernpunten_versie}, HTTP_HX_REQUEST="true"
        )
    assert response.status_code == 204
