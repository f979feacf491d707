"""The hall check: the hall's screens at its resolution, and how far away they are read."""

import pytest
from django.urls import reverse

from tests.builders import make_sessie, make_user
from wijkavond.zaal import TEKSTEN, schatting

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisator():
    return make_user(username="olga")


def url(sessie, **params):
    from urllib.parse import urlencode

    pad = reverse("wijkavond:zaalcheck", args=[sessie.slug])
    return f"{pad}?{urlencode(params)}" if params else pad


def test_the_estimate_follows_the_1_to_200_rule():
    # 46 px on a 3 m wide 1920 px image: 7.2 cm letters, capitals 5.0 cm, read to 10 m.
    regels = {
        r.tekst.selector: r
        for r in schatting(breedte_m=3, afstand_m=10, breed_px=1920, hoog_px=1080)
    }
    ideeen = regels[".wand-ideeen li"]
    assert ideeen.px == pytest.approx(46.08)
    assert ideeen.hoofdletter_cm == pytest.approx(46.08 * 0.7 * 3 / 1920 * 100)
    assert ideeen.tot_m == pytest.approx(ideeen.hoofdletter_cm / 100 * 200)
    assert ideeen.leesbaar and ideeen.boogminuten == pytest.approx(17.3, abs=0.1)
    # Half the image width halves every distance: the wall's ideas no longer reach 10 m.
    smal = {
        r.tekst.selector: r
        for r in schatting(breedte_m=1.5, afstand_m=10, breed_px=1920, hoog_px=1080)
    }
    assert not smal[".wand-ideeen li"].leesbaar
    assert smal[".wand-ideeen li"].tot_m == pytest.approx(ideeen.tot_m / 2)


def test_text_is_sized_by_the_smaller_of_width_and_height_and_never_below_its_floor():
    ideeen = next(t for t in TEKSTEN if t.selector == ".wand-ideeen li")
    assert ideeen.px(1920, 1080) == pytest.approx(46.08)  # 2.4 vw
    assert ideeen.px(1920, 600) == pytest.approx(25.8)  # 4.3 vh: a wide, low image
    assert ideeen.px(360, 740) == pytest.approx(17.6)  # 1.1 rem on a phone


def test_anonymous_visitors_are_sent_to_log_in(client, sessie):
    response = client.get(url(sessie))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wijkavond:login"))


def test_another_sessions_organiser_gets_404(client, sessie):
    client.force_login(make_user(username="ander"))
    make_sessie(organisator=make_user(username="derde"))
    assert client.get(url(sessie)).status_code == 404


def test_it_rejects_post(client, sessie, organisator):
    client.force_login(organisator)
    assert client.post(url(sessie)).status_code == 405


def test_the_page_shows_the_estimate_and_the_screens_at_the_halls_resolution(
    client, sessie, organisator, django_assert_num_queries
):
    client.force_login(organisator)
    # Session, user, the session's organisers check; nothing per text.
    with django_assert_num_queries(4):
        response = client.get(url(sessie, breedte="2,5", afstand="12", resolutie="1280x800"))
    assert response.status_code == 200
    html = response.text
    assert "Op 12 m van een scherm van 2,5 m breed, bij 1280 × 800 pixels" in html
    assert html.count('class="is-leesbaar"') + html.count('class="is-te-klein"') == len(TEKSTEN)
    assert "1/200" in html
    projector = reverse("programma:projector", args=[sessie.slug])
    wand = reverse("thematafels:wand", args=[sessie.slug])
    assert f'<iframe src="{projector}" width="1280" height="800"' in html
    assert f'<iframe src="{wand}" width="1280" height="800"' in html
    assert 'aria-current="page">Zaalcheck</a>' in html


def test_it_starts_with_a_3_m_image_seen_from_10_m(client, sessie, organisator):
    client.force_login(organisator)
    html = client.get(url(sessie)).text
    assert 'value="3"' in html and 'value="10"' in html
    assert "Op 10 m van een scherm van 3 m breed, bij 1920 × 1080 pixels" in html


@pytest.mark.parametrize(
    ("params", "veld"),
    [
        ({"breedte": "veel", "afstand": "10", "resolutie": "1920x1080"}, "breedte"),
        ({"breedte": "3", "afstand": "-4", "resolutie": "1920x1080"}, "afstand"),
        ({"breedte": "3", "afstand": "10", "resolutie": "8k"}, "resolutie"),
        ({"breedte": "1e400", "afstand": "10", "resolutie": "1920x1080"}, "breedte"),
        ({"onzin": "1"}, "breedte"),
    ],
)
def test_bad_input_gets_a_dutch_error_next_to_the_field_and_keeps_what_was_typed(
    client, sessie, organisator, params, veld
):
    client.force_login(organisator)
    response = client.get(url(sessie, **params))
    assert response.status_code == 400
    html = response.text
    assert f'id="id_{veld}_fout"' in html
    assert 'aria-invalid="true"' in html
    for waarde in params.values():
        if waarde not in ("8k", "1"):
            assert f'value="{waarde}"' in html
    assert "<iframe" not in html


def test_the_projector_and_the_wall_may_be_framed_by_this_site_only(client, sessie, organisator):
    for naam in ("programma:projector", "thematafels:wand"):
        response = client.get(reverse(naam, args=[sessie.slug]))
        assert response["X-Frame-Options"] == "SAMEORIGIN"
        assert "frame-ancestors 'self'" in response["Content-Security-Policy"]
    # Every other page stays unframeable.
    client.force_login(organisator)
    response = client.get(url(sessie))
    assert response["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
