"""The inventory: by topic and status, counts, search, duplicates and hiding; live list."""

import pytest

from informatiepunt.models import Vraag
from tests.builders import make_categorie, make_vraag

pytestmark = pytest.mark.django_db


def url(sessie):
    return f"/s/{sessie.slug}/informatiepunt/vragen/"


def test_anonymous_visitors_are_refused(client, sessie):
    assert client.get(url(sessie)).status_code == 403


def test_wrong_method_is_405(medewerker, sessie):
    assert medewerker.post(url(sessie)).status_code == 405


def test_staff_see_counts_by_status_and_topic_but_no_organiser_tools(medewerker, sessie, categorie):
    make_vraag(sessie, categorie=categorie)
    make_vraag(sessie, categorie=categorie, status=Vraag.Status.BEANTWOORD)
    make_vraag(sessie, verborgen=True, tekst="Scheldwoord")
    html = medewerker.get(url(sessie)).content.decode()
    assert "Financiering: <strong>2</strong>" in html
    assert "Scheldwoord" not in html
    assert "export.csv" not in html


def test_organisers_get_export_and_feedback(als_organisator, sessie):
    make_vraag(sessie, status=Vraag.Status.BEANTWOORD, email="a@example.invalid", wil_antwoord=True)
    html = als_organisator.get(url(sessie)).content.decode()
    assert "export.csv" in html and "export.xlsx" in html
    assert "/informatiepunt/terugkoppelen/" in html


def test_filter_by_topic_status_search_and_hidden(medewerker, sessie, categorie):
    andere = make_categorie(sessie, "Verordening")
    make_vraag(sessie, categorie=categorie, tekst="Over subsidie")
    make_vraag(sessie, categorie=andere, tekst="Over regels", status=Vraag.Status.BEANTWOORD)
    make_vraag(sessie, tekst="Verborgen onzin", verborgen=True)

    def lijst(**params):
        return medewerker.get(url(sessie), params, HTTP_HX_REQUEST="true").content.decode()

    assert "Over subsidie" in lijst(categorie=categorie.pk)
    assert "Over regels" not in lijst(categorie=categorie.pk)
    assert "Over regels" in lijst(status="beantwoord")
    assert "Over subsidie" not in lijst(q="regels")
    assert "Verborgen onzin" in lijst(verborgen="on")
    assert "Over subsidie" in lijst(status="kapot")  # invalid filters are ignored


def test_partial_is_the_list_only_and_204_when_unchanged(medewerker, sessie):
    sessie.refresh_from_db()
    html = medewerker.get(url(sessie), HTTP_HX_REQUEST="true").content.decode()
    assert 'id="inventaris-lijst"' in html and "<form" not in html
    poll = {"v": sessie.kernpunten_versie}
    assert medewerker.get(url(sessie), poll, HTTP_HX_REQUEST="true").status_code == 204
    sessie.bump(sessie.pk, stip=True)  # a dot in the wrap-up: no question changed
    assert medewerker.get(url(sessie), poll, HTTP_HX_REQUEST="true").status_code == 204
    sessie.bump(sessie.pk)
    assert medewerker.get(url(sessie), poll, HTTP_HX_REQUEST="true").status_code == 200


def test_the_list_costs_the_same_queries_for_few_and_many(
    medewerker, sessie, categorie, django_assert_num_queries
):
    make_vraag(sessie, categorie=categorie)
    with django_assert_num_queries(6) as weinig:
        medewerker.get(url(sessie), HTTP_HX_REQUEST="true")
    for n in range(60):
        make_vraag(sessie, categorie=categorie if n % 2 else None)
    with django_assert_num_queries(len(weinig.captured_queries)):
        medewerker.get(url(sessie), HTTP_HX_REQUEST="true")


def vraag_url(vraag, actie=""):
    return f"/s/{vraag.sessie.slug}/informatiepunt/vragen/{vraag.pk}/{actie}"


def test_staff_open_a_question_but_not_of_another_session(medewerker, sessie):
    from tests.builders import make_sessie

    vraag = make_vraag(sessie, naam="Bea")
    assert medewerker.get(vraag_url(vraag)).status_code == 200
    vreemd = make_vraag(make_sessie())
    assert medewerker.get(f"/s/{sessie.slug}/informatiepunt/vragen/{vreemd.pk}/").status_code == 404


def test_staff_mark_a_duplicate_by_number(medewerker, sessie):
    origineel, vraag = make_vraag(sessie), make_vraag(sessie)
    response = medewerker.post(vraag_url(vraag, "dubbel/"), {"origineel": origineel.pk})
    assert response.status_code == 302
    vraag.refresh_from_db()
    assert vraag.dubbel_van == origineel
    medewerker.post(vraag_url(vraag, "dubbel/"), {"ongedaan": "1"})
    vraag.refresh_from_db()
    assert vraag.dubbel_van is None


def test_an_unknown_duplicate_number_is_400_with_value_kept(medewerker, sessie):
    vraag = make_vraag(sessie)
    response = medewerker.post(vraag_url(vraag, "dubbel/"), {"origineel": 987654})
    assert response.status_code == 400
    assert 'value="987654"' in response.content.decode()


def test_staff_hide_and_show_a_question(medewerker, sessie):
    vraag = make_vraag(sessie)
    medewerker.post(vraag_url(vraag, "verbergen/"), {"verborgen": "1"})
    vraag.refresh_from_db()
    assert vraag.verborgen
    medewerker.post(vraag_url(vraag, "verbergen/"), {"verborgen": "0"})
    vraag.refresh_from_db()
    assert not vraag.verborgen


def test_tidying_is_post_only_and_needs_access(client, medewerker, sessie):
    vraag = make_vraag(sessie)
    assert medewerker.get(vraag_url(vraag, "verbergen/")).status_code == 405
    client.logout()
    client.cookies.clear()
    assert client.post(vraag_url(vraag, "verbergen/"), {"verborgen": "1"}).status_code == 403


def test_the_qr_sheet_points_at_the_self_service_form(medewerker, sessie):
    html = medewerker.get(f"/s/{sessie.slug}/informatiepunt/qr/").content.decode()
    assert f"/s/{sessie.slug}/vraag/" in html and "<svg" in html


def test_every_information_point_page_has_one_h1_and_a_language(als_organisator, sessie):
    import re

    vraag = make_vraag(sessie)
    for pad in (
        f"/s/{sessie.slug}/informatiepunt/",
        f"/s/{sessie.slug}/informatiepunt/vragen/",
        f"/s/{sessie.slug}/informatiepunt/vragen/{vraag.pk}/",
        f"/s/{sessie.slug}/informatiepunt/qr/",
        f"/s/{sessie.slug}/vraag/",
        f"/s/{sessie.slug}/antwoorden/",
    ):
        html = als_organisator.get(pad).content.decode()
        assert len(re.findall(r"<h1[ >]", html)) == 1, pad
        assert '<html lang="nl">' in html, pad
