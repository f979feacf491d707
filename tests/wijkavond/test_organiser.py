import pytest
from django.urls import reverse

from sessie.models import Toegang
from tests.builders import make_sessie, make_toegang, make_user

pytestmark = pytest.mark.django_db


def test_login_page_and_login_lands_on_the_organiser_home(client, organisator):
    assert client.get(reverse("wijkavond:login")).status_code == 200
    response = client.post(
        reverse("wijkavond:login"),
        {"username": organisator.username, "password": "geheim-wachtwoord-1"},
    )
    assert response.status_code == 302
    assert response.url == reverse("wijkavond:organiser_home")


def test_wrong_password_keeps_the_username_and_explains(client, organisator):
    response = client.post(
        reverse("wijkavond:login"), {"username": organisator.username, "password": "fout"}
    )
    assert response.status_code == 200
    assert f'value="{organisator.username}"' in response.text
    assert "juiste gebruikersnaam" in response.text


def test_organiser_pages_need_a_login(client, sessie):
    for url in (
        reverse("wijkavond:organiser_home"),
        reverse("wijkavond:organiser_sessie", args=[sessie.slug]),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("wijkavond:login"))


def test_organiser_home_lists_only_own_sessions(client, organisator, sessie):
    make_sessie(titel="Van een ander")
    client.force_login(organisator)
    response = client.get(reverse("wijkavond:organiser_home"))
    assert list(response.context["sessies"]) == [sessie]


def test_another_organiser_cannot_open_the_session(client, sessie):
    client.force_login(make_user())
    response = client.get(reverse("wijkavond:organiser_sessie", args=[sessie.slug]))
    assert response.status_code == 404


def test_organiser_session_page_shows_the_clock_and_the_screens(client, organisator, sessie):
    client.force_login(organisator)
    response = client.get(reverse("wijkavond:organiser_sessie", args=[sessie.slug]))
    assert response.status_code == 200
    assert "Sessieklok" in response.text
    assert reverse("programma:projector", args=[sessie.slug]) in response.text


def test_setting_the_rehearsal_clock(client, organisator, sessie):
    client.force_login(organisator)
    url = reverse("wijkavond:oefenklok", args=[sessie.slug])
    response = client.post(url, {"tijd": "19:45"})
    assert response.status_code == 302
    sessie.refresh_from_db()
    assert sessie.nu().astimezone().strftime("%H:%M") == "19:45"
    assert sessie.versie == 1


def test_back_to_the_real_clock(client, organisator, sessie):
    client.force_login(organisator)
    url = reverse("wijkavond:oefenklok", args=[sessie.slug])
    client.post(url, {"tijd": "19:45"})
    client.post(url, {"echt": "1"})
    sessie.refresh_from_db()
    assert sessie.klok_verschuiving is None


def test_bad_rehearsal_time_is_explained_and_kept(client, organisator, sessie):
    client.force_login(organisator)
    response = client.post(reverse("wijkavond:oefenklok", args=[sessie.slug]), {"tijd": "25:99"})
    assert response.status_code == 400
    assert 'value="25:99"' in response.text
    assert "Voer een geldige tijd in" in response.text
    sessie.refresh_from_db()
    assert sessie.klok_verschuiving is None


def test_rehearsal_clock_rejects_get_and_strangers(client, organisator, sessie):
    url = reverse("wijkavond:oefenklok", args=[sessie.slug])
    client.force_login(organisator)
    assert client.get(url).status_code == 405
    client.force_login(make_user())
    assert client.post(url, {"tijd": "19:45"}).status_code == 404


ORGANISER_PAGINAS = [
    "wijkavond:organiser_sessie",
    "aanmelden:aanmeldingen",
    "aanmelden:catering",
    "wijkavond:toegangen",
    "informatiepunt:inventaris",
    "thematafels:afronding",
]


@pytest.mark.parametrize("naam", ORGANISER_PAGINAS)
def test_every_organiser_page_links_the_sessions_other_organiser_pages(
    client, organisator, sessie, naam
):
    client.force_login(organisator)
    html = client.get(reverse(naam, args=[sessie.slug])).content.decode()
    nav = html[html.index('class="organiser-nav') :]
    nav = nav[: nav.index("</nav>")]
    for andere in ORGANISER_PAGINAS:
        assert f'href="{reverse(andere, args=[sessie.slug])}"' in nav
    assert nav.count('aria-current="page"') == 1


def test_volunteers_do_not_get_the_organiser_navigation(client, sessie):
    _toegang, token = make_toegang(sessie, Toegang.Rol.DEUR)
    client.get(reverse("sessie:toegang", args=[token]))
    html = client.get(reverse("aanmelden:catering", args=[sessie.slug])).content.decode()
    assert "organiser-nav" not in html
