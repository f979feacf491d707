"""The door: search, check in (and undo), walk-ins, the QR check-in link; and the caterer."""

import datetime as dt
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from aanmelden.models import Aanmelding
from sessie.models import Toegang
from tests.builders import make_aanmelding, make_sessie, make_toegang, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def sessie():
    return make_sessie(capaciteit=2)


@pytest.fixture
def deur(client, sessie):
    """A browser that opened the door volunteer's link."""
    _toegang, token = make_toegang(sessie, Toegang.Rol.DEUR)
    client.get(reverse("sessie:toegang", kwargs={"token": token}))
    return client


def deur_url(sessie, naam="aanmelden:deur", **kw):
    return reverse(naam, kwargs={"slug": sessie.slug, **kw})


def test_door_link_lands_on_the_door(client, sessie):
    _toegang, token = make_toegang(sessie, Toegang.Rol.DEUR)
    response = client.get(reverse("sessie:toegang", kwargs={"token": token}))
    assert response["Location"] == deur_url(sessie)


def test_door_is_403_without_a_grant_and_with_another_role(client, sessie):
    assert client.get(deur_url(sessie)).status_code == 403
    _toegang, token = make_toegang(sessie, Toegang.Rol.INFORMATIEPUNT)
    client.get(reverse("sessie:toegang", kwargs={"token": token}))
    assert client.get(deur_url(sessie)).status_code == 403


def test_revoked_or_expired_grants_stop_working(client, sessie):
    toegang, token = make_toegang(sessie, Toegang.Rol.DEUR)
    client.get(reverse("sessie:toegang", kwargs={"token": token}))
    toegang.trek_in()
    assert client.get(deur_url(sessie)).status_code == 403
    token = toegang.vernieuw()
    client.get(reverse("sessie:toegang", kwargs={"token": token}))
    assert client.get(deur_url(sessie)).status_code == 200
    Toegang.objects.filter(pk=toegang.pk).update(verloopt=timezone.now() - dt.timedelta(minutes=1))
    assert client.get(deur_url(sessie)).status_code == 403


def test_renewing_a_link_shuts_out_browsers_that_opened_the_old_one(client, sessie):
    """A leaked link is renewed: whoever opened it loses the door, the new link's holder not."""
    toegang, token = make_toegang(sessie, Toegang.Rol.DEUR)
    client.get(reverse("sessie:toegang", kwargs={"token": token}))
    assert client.get(deur_url(sessie)).status_code == 200
    nieuw = toegang.vernieuw()
    assert client.get(deur_url(sessie)).status_code == 403
    client.get(reverse("sessie:toegang", kwargs={"token": nieuw}))
    assert client.get(deur_url(sessie)).status_code == 200


def test_a_tampered_grant_cookie_counts_for_nothing(deur, sessie):
    from sessie.access import GRANT_COOKIE

    waarde = deur.cookies[GRANT_COOKIE].value
    deur.cookies[GRANT_COOKIE] = waarde.replace(waarde[0], "9" if waarde[0] != "9" else "8", 1)
    assert deur.get(deur_url(sessie)).status_code == 403
    deur.cookies[GRANT_COOKIE] = "rommel"
    assert deur.get(deur_url(sessie)).status_code == 403


def test_a_browser_keeps_its_newest_grants(client, sessie):
    """One phone may open many links (door, then info point, …); the oldest fall off at 20."""
    from sessie.access import MAX_GRANTS

    eerste, token = make_toegang(sessie, Toegang.Rol.DEUR)
    client.get(reverse("sessie:toegang", kwargs={"token": token}))
    for _ in range(MAX_GRANTS - 1):
        client.get(reverse("sessie:toegang", kwargs={"token": make_toegang(sessie)[1]}))
    _infopunt, token = make_toegang(sessie, Toegang.Rol.INFORMATIEPUNT)
    client.get(reverse("sessie:toegang", kwargs={"token": token}))
    assert client.get(deur_url(sessie)).status_code == 200
    # The first door link fell off: with the 19 newer ones revoked, the door is closed.
    Toegang.objects.exclude(pk=eerste.pk).update(ingetrokken=timezone.now())
    assert client.get(deur_url(sessie)).status_code == 403


def test_a_grant_for_one_session_does_not_open_another(deur):
    andere = make_sessie()
    assert deur.get(deur_url(andere)).status_code == 403


def test_organisers_may_use_the_door_but_not_another_sessions_organiser(client, sessie):
    organisator = make_user()
    sessie.organisatoren.add(organisator)
    client.force_login(organisator)
    assert client.get(deur_url(sessie)).status_code == 200
    client.force_login(make_user())
    assert client.get(deur_url(sessie)).status_code == 403


def test_search_needs_two_letters_and_finds_names_and_organisations(deur, sessie):
    make_aanmelding(sessie, naam="Chaima Fictief")
    make_aanmelding(sessie, naam="Daan Demobuur", organisatie="Chaletclub")
    make_aanmelding(sessie, naam="Geannuleerd Persoon", geannuleerd=timezone.now())
    html = deur.get(deur_url(sessie), {"q": "c"}).content.decode()
    assert "Chaima" not in html
    response = deur.get(deur_url(sessie), {"q": "ch"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html and 'id="resultaten"' in html
    assert "Chaima Fictief" in html and "Daan Demobuur" in html
    assert "Geannuleerd" not in html


def test_search_query_count_is_constant(deur, sessie, django_assert_num_queries):
    for _ in range(5):
        make_aanmelding(sessie, naam="Eva Testbewoner")
    # The session and the volunteer's link (2), then names and organisations (folded in Python)
    # and the matching rows (2); the counts above the list are not part of a search's answer.
    with django_assert_num_queries(4):
        deur.get(deur_url(sessie), {"q": "ev"}, HTTP_HX_REQUEST="true")
    for _ in range(40):
        make_aanmelding(sessie, naam="Eva Testbewoner")
    with django_assert_num_queries(4):
        deur.get(deur_url(sessie), {"q": "ev"}, HTTP_HX_REQUEST="true")


def test_one_tap_check_in_and_undo(deur, sessie):
    aanmelding, _ = make_aanmelding(sessie, naam="Fenna Fictief")
    url = deur_url(sessie, "aanmelden:deur_inchecken", pk=aanmelding.pk)
    response = deur.post(url, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert f'id="persoon-{aanmelding.pk}"' in html and 'hx-swap-oob="true"' in html
    aanmelding.refresh_from_db()
    assert aanmelding.ingecheckt is not None
    response = deur.post(url, {"ongedaan": "1", "q": "fe"})
    assert response.status_code == 302 and response["Location"].endswith("?q=fe")
    aanmelding.refresh_from_db()
    assert aanmelding.ingecheckt is None


def test_check_in_bumps_the_live_counter(deur, sessie):
    aanmelding, _ = make_aanmelding(sessie)
    versie = sessie.versie
    deur.post(deur_url(sessie, "aanmelden:deur_inchecken", pk=aanmelding.pk))
    sessie.refresh_from_db()
    assert sessie.versie > versie


def test_check_in_of_another_sessions_registration_is_404(deur, sessie):
    vreemd, _ = make_aanmelding(make_sessie())
    assert deur.post(deur_url(sessie, "aanmelden:deur_inchecken", pk=vreemd.pk)).status_code == 404


def test_check_in_is_post_only(deur, sessie):
    aanmelding, _ = make_aanmelding(sessie)
    assert (
        deur.get(deur_url(sessie, "aanmelden:deur_inchecken", pk=aanmelding.pk)).status_code == 405
    )


def test_capacity_warns_but_never_blocks(deur, sessie):
    for _ in range(3):
        make_aanmelding(sessie, ingecheckt=timezone.now())
    laatste, _ = make_aanmelding(sessie, naam="Gijs Laat")
    html = deur.get(deur_url(sessie)).content.decode()
    assert "alert-warning" in html
    deur.post(deur_url(sessie, "aanmelden:deur_inchecken", pk=laatste.pk))
    laatste.refresh_from_db()
    assert laatste.ingecheckt is not None


def test_walk_in_needs_only_a_name_and_is_checked_in(deur, sessie):
    sleutel = str(uuid.uuid4())
    url = deur_url(sessie, "aanmelden:deur_inloop")
    response = deur.post(url, {"naam": "Hatice Inloop", "sleutel": sleutel}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="inloop-recent"' in html
    assert "Hatice Inloop is binnen." in html
    deur.post(url, {"naam": "Hatice Inloop", "sleutel": sleutel}, HTTP_HX_REQUEST="true")
    inloop = Aanmelding.objects.get(sessie=sessie)
    assert inloop.inloop and inloop.ingecheckt is not None and inloop.email == ""


def test_walk_in_updates_the_door_numbers_out_of_band(deur, sessie):
    url = deur_url(sessie, "aanmelden:deur_inloop")
    response = deur.post(
        url, {"naam": "Jan Inloop", "sleutel": str(uuid.uuid4())}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert 'id="deur-tellers"' in html and 'hx-swap-oob="true"' in html
    assert "1 inloper" in html


def test_walk_in_without_js_redirects_and_without_name_is_400(deur, sessie):
    url = deur_url(sessie, "aanmelden:deur_inloop")
    response = deur.post(url, {"naam": "Ilse", "sleutel": str(uuid.uuid4())})
    assert response.status_code == 302
    response = deur.post(url, {"naam": "", "sleutel": str(uuid.uuid4())}, HTTP_HX_REQUEST="true")
    assert response.status_code == 400
    assert 'id="inloop-form"' in response.content.decode()


def test_qr_check_in_link_shows_the_person_for_the_door_only(client, deur, sessie):
    _aanmelding, tokens = make_aanmelding(sessie, naam="Jurre Fictief")
    url = deur_url(sessie, "aanmelden:deur_code", code=tokens["incheck"])
    response = deur.get(url)
    assert response.status_code == 200 and "Jurre Fictief" in response.content.decode()
    assert deur.get(deur_url(sessie, "aanmelden:deur_code", code="geraden")).status_code == 404
    client.cookies.clear()
    assert client.get(url).status_code == 403


def test_catering_list_for_door_and_organiser_not_for_the_public(client, deur, sessie):
    make_aanmelding(sessie, naam="Kiki Fictief", broodje="ja", dieet=["halal"])
    response = deur.get(deur_url(sessie, "aanmelden:catering"))
    html = response.content.decode()
    assert response.status_code == 200 and "Kiki Fictief" in html and "Halal" in html
    client.cookies.clear()
    assert client.get(deur_url(sessie, "aanmelden:catering")).status_code == 403


def test_catering_poll_answers_204_when_nothing_changed(deur, sessie):
    sessie.refresh_from_db()
    url = deur_url(sessie, "aanmelden:catering")
    response = deur.get(url, {"v": sessie.versie}, HTTP_HX_REQUEST="true")
    assert response.status_code == 204
    response = deur.get(url, {"v": sessie.versie - 1}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and 'id="catering-lijst"' in response.content.decode()


def test_catering_query_count_is_constant(deur, sessie, django_assert_num_queries):
    for _ in range(3):
        make_aanmelding(sessie, broodje="ja")
    with django_assert_num_queries(4):
        deur.get(deur_url(sessie, "aanmelden:catering"), HTTP_HX_REQUEST="true")
    for _ in range(30):
        make_aanmelding(sessie, broodje="ja")
    with django_assert_num_queries(4):
        deur.get(deur_url(sessie, "aanmelden:catering"), HTTP_HX_REQUEST="true")


def test_door_numbers_poll_answers_204_until_something_changes(deur, sessie):
    url = deur_url(sessie, "aanmelden:deur_tellers")
    sessie.refresh_from_db()
    assert deur.get(url, {"v": sessie.versie}, HTTP_HX_REQUEST="true").status_code == 204
    aanmelding, _ = make_aanmelding(sessie)
    aanmelding.check_in()
    response = deur.get(url, {"v": sessie.versie}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and 'id="deur-tellers"' in response.content.decode()


def test_door_numbers_opened_on_their_own_go_to_the_door_page(deur, sessie):
    response = deur.get(deur_url(sessie, "aanmelden:deur_tellers"))
    assert response.status_code == 302 and response["Location"] == deur_url(
        sessie, "aanmelden:deur"
    )


def test_door_numbers_need_the_door(client, sessie):
    assert client.get(deur_url(sessie, "aanmelden:deur_tellers")).status_code == 403


def test_no_access_page_explains_what_to_do(client, sessie):
    response = client.get(deur_url(sessie))
    assert response.status_code == 403
    assert "<h1>" in response.content.decode()


@pytest.mark.parametrize(
    ("naam", "getypt"),
    [
        ("Zoë de Vries", "Zoe"),
        ("Ayşe Yılmaz", "yilmaz"),
        ("Noël Peters", "noel"),
        ("Mert Çelik", "celik"),
        ("Ece Öztürk", "ozturk"),
        ("IJsbrand Smit", "Ijsbrand"),
        ("Ijsbrand Kok", "IJSBRAND"),
    ],
)
def test_the_door_finds_people_whatever_their_accents_and_case(client, naam, getypt):
    sessie = make_sessie()
    make_aanmelding(sessie, naam=naam)
    make_aanmelding(sessie, naam="Iemand Anders")
    user = make_user()
    sessie.organisatoren.add(user)
    client.force_login(user)
    url = reverse("aanmelden:deur", kwargs={"slug": sessie.slug})
    html = client.get(url, {"q": getypt}).content.decode()
    assert naam in html and "Iemand Anders" not in html
