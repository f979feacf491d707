"""The information point in a real browser: intake on a phone (offline too), self-service, axe."""

import re

import pytest
from django.test import Client
from playwright.sync_api import expect

from informatiepunt.models import Vraag
from sessie.models import Toegang
from tests.axe import assert_accessible
from tests.builders import make_categorie, make_sessie, make_toegang, make_user, make_vraag

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TELEFOON = {"width": 360, "height": 740}


@pytest.fixture
def avond(db):
    organisator = make_user()
    sessie = make_sessie(organisator=organisator, informatiepunt="Vragen over de regels.")
    make_categorie(sessie, "Financiering")
    make_categorie(sessie, "Verordening")
    _toegang, token = make_toegang(sessie, Toegang.Rol.INFORMATIEPUNT, label="Infotafel")
    return sessie, organisator, token


def vraag_in(page, tekst):
    veld = page.locator("#id_tekst")
    veld.fill(tekst)
    veld.press("Enter")


def test_staff_take_questions_on_a_phone_and_nothing_is_lost_offline(page, live_server, avond):
    sessie, _organisator, token = avond
    page.set_viewport_size(TELEFOON)
    page.goto(f"{live_server.url}/toegang/{token}/")
    expect(page).to_have_url(re.compile("/informatiepunt/$"))
    lijst = page.locator("#vragen-lijst")

    page.locator("#id_categorie").select_option(label="Financiering")
    page.locator("#id_email").fill("bea@example.invalid")
    page.locator("#id_wil_antwoord").check()
    vraag_in(page, "Wie beslist over het budget?")
    expect(lijst).to_contain_text("Wie beslist over het budget?")
    # Out of sight on a phone, so the form itself confirms.
    expect(page.locator("[data-capture-status]")).to_have_text("Vraag opgeslagen.")
    # Ready for the next asker: nothing of the previous one stays behind.
    expect(page.locator("#id_tekst")).to_have_value("")
    expect(page.locator("#id_tekst")).to_be_focused()
    expect(page.locator("#id_email")).to_have_value("")
    expect(page.locator("#id_wil_antwoord")).not_to_be_checked()
    expect(page.locator("#id_categorie")).to_have_value("")
    eerste = Vraag.objects.get()
    assert (eerste.email, eerste.wil_antwoord) == ("bea@example.invalid", True)
    assert eerste.categorie.naam == "Financiering"

    page.context.set_offline(True)
    vraag_in(page, "Offline vraag een?")
    vraag_in(page, "Offline vraag twee?")
    expect(page.locator("[data-capture-status]")).to_have_text("2 wachten op verbinding")
    assert Vraag.objects.count() == 1

    page.context.set_offline(False)
    expect(lijst).to_contain_text("Offline vraag twee?", timeout=15000)
    expect(lijst).to_contain_text("Offline vraag een?")
    expect(page.locator("[data-capture-status]")).to_have_text("Vraag opgeslagen.")
    assert sorted(Vraag.objects.values_list("tekst", flat=True)) == [
        "Offline vraag een?",
        "Offline vraag twee?",
        "Wie beslist over het budget?",
    ]
    assert set(Vraag.objects.values_list("sessie_id", flat=True)) == {sessie.pk}


def test_the_list_shows_questions_asked_elsewhere_without_reload(page, live_server, avond):
    sessie, _organisator, token = avond
    page.goto(f"{live_server.url}/toegang/{token}/")
    make_vraag(sessie, tekst="Gesteld op een telefoon")
    sessie.bump(sessie.pk)
    expect(page.locator("#vragen-lijst")).to_contain_text("Gesteld op een telefoon", timeout=10000)


def test_a_visitor_asks_a_question_on_their_phone(page, live_server, avond):
    sessie, _organisator, _token = avond
    page.set_viewport_size(TELEFOON)
    page.goto(f"{live_server.url}/s/{sessie.slug}/vraag/")
    page.locator("#id_tekst").fill("Mag mijn vereniging meedoen?")
    page.locator("#id_categorie").select_option(label="Financiering")
    page.locator("#id_email").fill("bea@example.invalid")
    page.locator("#id_wil_antwoord").check()
    page.locator(".zelf-vraag button").click()
    expect(page.locator(".messages")).to_be_visible()
    vraag = Vraag.objects.get()
    assert (vraag.bron, vraag.email, vraag.wil_antwoord) == ("zelf", "bea@example.invalid", True)
    assert vraag.categorie.naam == "Financiering"


@pytest.mark.parametrize("taal", ["nl", "en"])
def test_information_point_pages_have_no_axe_violations(page, live_server, avond, taal):
    sessie, organisator, token = avond
    vraag = make_vraag(sessie, tekst="Wat kost het?", naam="Bea", email="b@example.invalid",
                       wil_antwoord=True, status=Vraag.Status.IN_BEHANDELING)  # fmt: skip
    make_vraag(sessie, tekst="Al beantwoord", antwoord="Ja.", status=Vraag.Status.BEANTWOORD,
               categorie=sessie.vraagcategorieen.first())  # fmt: skip
    page.context.add_cookies([{"name": "django_language", "value": taal, "url": live_server.url}])
    for pad in (f"/s/{sessie.slug}/vraag/", f"/s/{sessie.slug}/antwoorden/"):
        page.goto(live_server.url + pad)
        assert_accessible(page)
    page.goto(f"{live_server.url}/toegang/{token}/")
    assert_accessible(page)
    for pad in ("vragen/", f"vragen/{vraag.pk}/", "qr/"):
        page.goto(f"{live_server.url}/s/{sessie.slug}/informatiepunt/{pad}")
        assert_accessible(page)
    client = Client()
    client.force_login(organisator)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    for pad in ("vragen/", f"vragen/{vraag.pk}/"):
        page.goto(f"{live_server.url}/s/{sessie.slug}/informatiepunt/{pad}")
        assert_accessible(page)
