import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from sessie.models import Toegang
from tests.builders import (
    admin_actie,
    host_client,
    make_aanmelding,
    make_demo,
    make_huisstijl,
    make_sessie,
    make_toegang,
    make_user,
)
from wijkavond.contrast import NIET_TEKST, PROJECTOR_ACHTERGROND, TEKST, WIT, contrast
from wijkavond.management.commands.demo import laad_huisstijlen
from wijkavond.models import Huisstijl, schoon_logo

pytestmark = pytest.mark.django_db

LOGO = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4"><rect width="4"/></svg>'


@pytest.fixture
def beheerder():
    return make_user(is_staff=True, is_superuser=True)


# --- contrast -------------------------------------------------------------------------------


def test_contrast_follows_wcag_relative_luminance():
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#ffffff", "#000000") == pytest.approx(21)
    assert contrast("#1b4f72", "#1b4f72") == pytest.approx(1)
    # WCAG's own borderline examples: #767676 passes on white, #777777 just fails.
    assert contrast("#767676", WIT) == pytest.approx(4.54, abs=0.01)
    assert contrast("#777777", WIT) < 4.5


def test_the_demo_themes_pass_every_contrast_check():
    voorbeeldstad = laad_huisstijlen()
    assert voorbeeldstad.naam == "Gemeente Voorbeeldstad" and voorbeeldstad.actief
    for thema in Huisstijl.objects.all():
        thema.full_clean()
        assert contrast(thema.kleur_primair_tekst, thema.kleur_primair) >= TEKST
        assert contrast(thema.kleur_link, WIT) >= TEKST
        assert contrast(thema.kleur_accent, WIT) >= NIET_TEKST
        assert contrast(thema.kleur_accent, PROJECTOR_ACHTERGROND) >= NIET_TEKST
    assert Huisstijl.objects.count() == 2


def test_the_demo_keeps_a_theme_switched_on_in_the_admin():
    laad_huisstijlen()
    Huisstijl.objects.get(naam="Gemeente Proefdorp").activeer()
    laad_huisstijlen()
    assert Huisstijl.objects.get(actief=True).naam == "Gemeente Proefdorp"


@pytest.mark.parametrize(
    ("veld", "waarde"),
    [
        ("kleur_primair_tekst", "#3a6f92"),  # blue on blue
        ("kleur_link", "#8ab4d8"),  # pale link on white
        ("kleur_accent", "#ffd166"),  # yellow ring: invisible on white
        ("kleur_accent", "#1b4f72"),  # dark ring: invisible on the projector
    ],
)
def test_a_theme_with_too_little_contrast_is_refused_at_that_field(veld, waarde):
    with pytest.raises(ValidationError) as fout:
        make_huisstijl(**{veld: waarde})
    assert list(fout.value.message_dict) == [veld]
    assert "1" in fout.value.message_dict[veld][0]


def test_a_colour_must_be_written_as_hex():
    with pytest.raises(ValidationError) as fout:
        make_huisstijl(kleur_link="red; } body { display: none")
    assert "kleur_link" in fout.value.message_dict


def test_the_admin_refuses_low_contrast_next_to_the_field(client, beheerder):
    client.force_login(beheerder)
    response = client.post(
        reverse("admin:wijkavond_huisstijl_add"),
        {
            "naam": "Gemeente Grijs",
            "kleur_primair": "#cccccc",
            "kleur_primair_tekst": "#ffffff",
            "kleur_link": "#0b5a8a",
            "kleur_accent": "#c76b00",
            "email": "",
            "telefoon": "",
            "logo_svg": "",
        },
    )
    assert response.status_code == 200
    fouten = response.context["adminform"].form.errors
    assert list(fouten) == ["kleur_primair_tekst"]
    assert "Gemeente Grijs" in response.text  # what was typed stays
    assert not Huisstijl.objects.exists()


# --- one active theme -----------------------------------------------------------------------


def test_switching_on_a_theme_in_the_admin_changes_every_page(client, beheerder):
    make_huisstijl(naam="Gemeente Eerst")
    tweede = make_huisstijl(naam="Gemeente Daarna", kleur_primair="#0f6e3c", actief=False)
    assert "Gemeente Eerst" in client.get("/").text
    client.force_login(beheerder)
    response = admin_actie(client, "wijkavond_huisstijl", "activeer", tweede)
    assert response.status_code == 200
    assert list(Huisstijl.objects.filter(actief=True)) == [tweede]
    client.logout()
    pagina = client.get("/").text
    assert "Gemeente Daarna" in pagina and "Gemeente Eerst" not in pagina
    assert "--wa-color-primary: #0f6e3c;" in client.get("/huisstijl.css").text


def test_editing_the_active_theme_shows_at_once(client, beheerder):
    thema = make_huisstijl(naam="Gemeente Oud")
    client.force_login(beheerder)
    client.post(
        reverse("admin:wijkavond_huisstijl_change", args=[thema.pk]),
        {
            "naam": "Gemeente Nieuw",
            "kleur_primair": "#1b4f72",
            "kleur_primair_tekst": "#ffffff",
            "kleur_link": "#0b5a8a",
            "kleur_accent": "#c76b00",
            "email": "wijk@example.invalid",
            "telefoon": "",
            "logo_svg": "",
        },
    )
    pagina = client.get("/").text
    assert "Gemeente Nieuw" in pagina
    assert "mailto:wijk@example.invalid" in pagina


def test_only_one_theme_is_ever_active():
    eerste = make_huisstijl()
    tweede = make_huisstijl()
    eerste.refresh_from_db()
    assert not eerste.actief and tweede.actief


# --- the stylesheet, the logo and the frame ---------------------------------------------------


def test_the_stylesheet_holds_the_themes_tokens_as_css(client):
    thema = make_huisstijl(kleur_accent="#007a87")
    response = client.get("/huisstijl.css")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/css")
    assert "--wa-color-focus: #007a87;" in response.text
    assert "--wa-color-link: #0b5a8a;" in response.text
    # Linked with the theme's version, from our own origin: the CSP's style-src 'self' allows it.
    pagina = client.get("/")
    assert f'href="/huisstijl.css?v={thema.stijl.versie}"' in pagina.text
    assert "style-src 'self'" in pagina["Content-Security-Policy"]
    assert "<style" not in pagina.text and " style=" not in pagina.text


def test_without_a_theme_settings_and_the_sites_colours_stand_in(client, settings):
    pagina = client.get("/").text
    assert settings.ORGANISATIE["naam"] in pagina
    assert 'href="/huisstijl.css"' in pagina
    assert 'src="/huisstijl/logo.svg"' in pagina
    assert "--wa-color-primary: #1b4f72;" in client.get("/huisstijl.css").text
    # The site's own mark stands in for a logo.
    logo = client.get("/huisstijl/logo.svg")
    assert logo.status_code == 200 and logo.content.decode().startswith("<svg")


def test_the_logo_is_served_sandboxed_and_shown_in_the_header(client):
    thema = make_huisstijl(logo_svg=LOGO)
    response = client.get("/huisstijl/logo.svg")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert "sandbox" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response.content.decode() == LOGO
    kop = client.get("/").text.split("</header>")[0]
    assert f'src="/huisstijl/logo.svg?v={thema.stijl.versie}" alt=""' in kop
    assert f"<span>{thema.naam}</span>" in kop


@pytest.mark.parametrize(
    "svg",
    [
        '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
        '<svg xmlns="http://www.w3.org/2000/svg"><image href="https://example.com/x.png"/></svg>',
        '<!DOCTYPE svg [<!ENTITY a "b">]><svg xmlns="http://www.w3.org/2000/svg"/>',
        "<html><body>no svg</body></html>",
        "<svg",
    ],
)
def test_a_logo_that_could_run_or_fetch_anything_is_refused(svg):
    with pytest.raises(ValueError):
        schoon_logo(svg)
    with pytest.raises(ValidationError) as fout:
        make_huisstijl(logo_svg=svg)
    assert list(fout.value.message_dict) == ["logo_svg"]


def test_the_header_names_the_session_on_its_pages(client):
    make_huisstijl(naam="Gemeente Voorbeeldstad")
    sessie = make_demo()
    kop = client.get(sessie.get_absolute_url()).text.split("</header>")[0]
    assert "Gemeente Voorbeeldstad" in kop
    assert f'<span class="site-sessie" lang="nl">{sessie.titel}</span>' in kop
    assert "site-sessie" not in client.get("/").text


def test_a_theme_costs_no_query_once_in_memory(client, django_assert_num_queries):
    make_huisstijl()
    client.get("/privacy/")
    with django_assert_num_queries(0):
        assert client.get("/privacy/").status_code == 200


# --- no organiser login on volunteers' and attendees' phones ----------------------------------

LOGIN = 'href="/inloggen/"'


def test_public_pages_offer_the_organiser_login(client):
    assert LOGIN in client.get("/").text


@pytest.mark.parametrize(
    ("rol", "pagina"),
    [(Toegang.Rol.DEUR, "aanmelden:deur"), (Toegang.Rol.INFORMATIEPUNT, "informatiepunt:intake")],
    ids=["door", "intake"],
)
def test_the_volunteers_page_shows_no_organiser_login(client, rol, pagina):
    sessie = make_sessie()
    _toegang, token = make_toegang(sessie, rol)
    client.get(reverse("sessie:toegang", kwargs={"token": token}))
    response = client.get(reverse(pagina, kwargs={"slug": sessie.slug}))
    assert response.status_code == 200
    assert LOGIN not in response.text


def test_the_capture_page_shows_no_organiser_login(client):
    sessie = make_demo()
    tafel = sessie.thematafels.first().tafels.first()
    host_client(client, sessie, tafel)
    response = client.get(
        reverse("thematafels:vastleggen", kwargs={"slug": sessie.slug, "tafel_id": tafel.pk})
    )
    assert response.status_code == 200
    assert LOGIN not in response.text


def test_registration_and_the_personal_page_show_no_organiser_login(client):
    sessie = make_sessie()
    response = client.get(reverse("aanmelden:aanmelden", kwargs={"slug": sessie.slug}))
    assert response.status_code == 200
    assert LOGIN not in response.text
    _aanmelding, tokens = make_aanmelding(sessie)
    response = client.get(reverse("aanmelden:mijn", kwargs={"token": tokens["token"]}))
    assert response.status_code == 200
    assert LOGIN not in response.text
