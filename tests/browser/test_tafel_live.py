"""Two phones at one table stay in step; role offers with a workgroup pass axe."""

import uuid

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.axe import assert_accessible
from tests.browser.inloggen import inloggen_met_formulier
from tests.builders import make_user, make_werkgroep
from thematafels import ideeen as domein
from thematafels.models import Tafeltoegang

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TELEFOON = {"width": 360, "height": 740}


def test_a_second_phone_sees_the_others_idea_while_its_own_text_stays(
    page, live_server, noord, tafel
):
    _, token = Tafeltoegang.uitgeven(tafel=tafel)
    link = live_server.url + reverse("sessie:toegang", args=[token])
    page.set_viewport_size(TELEFOON)
    page.goto(link)
    andere = page.context.browser.new_context(viewport=TELEFOON)
    tweede = andere.new_page()
    tweede.goto(link)
    expect(tweede.locator(".ideeen-leeg")).to_be_visible()
    eigen_box = tweede.get_by_label("Wat zei de tafel?")
    eigen_box.fill("Half getypt op telefoon twee")

    box = page.get_by_label("Wat zei de tafel?")
    box.fill("Van telefoon een")
    box.press("Enter")
    expect(page.locator("#ideeen")).to_contain_text("Van telefoon een")

    expect(tweede.locator("#ideeen-live")).to_contain_text("Van telefoon een", timeout=6500)
    expect(tweede.locator("#ideeen-kop")).to_have_text("Ronde 1: 1 idee")
    expect(tweede.locator(".ideeen-leeg")).to_be_hidden()
    expect(eigen_box).to_have_value("Half getypt op telefoon twee")
    expect(eigen_box).to_be_focused()

    # And back: what the second phone adds reaches the first, the first's list is not doubled.
    eigen_box.press("Enter")
    expect(page.locator("#ideeen-live")).to_contain_text(
        "Half getypt op telefoon twee", timeout=6500
    )
    expect(page.locator("#ideeen-live .idee")).to_have_count(2)
    andere.close()


def test_a_keyboard_users_focus_survives_the_list_refresh(page, live_server, noord, tafel):
    """Another phone's capture at this table refreshes the list: focus stays on the same button."""
    ronde = noord.rondes.get(nummer=1)
    idee = domein.leg_idee_vast(
        tafel=tafel, ronde=ronde, sleutel=uuid.uuid4(), tekst="Hier", soort="idee", prompt=None
    )[0]
    _, token = Tafeltoegang.uitgeven(tafel=tafel)
    page.goto(live_server.url + reverse("sessie:toegang", args=[token]))
    page.locator(f"#verwijder-{idee.pk}").focus()
    oud = page.locator("#ideeen-live").element_handle()
    domein.leg_idee_vast(
        tafel=tafel, ronde=ronde, sleutel=uuid.uuid4(), tekst="Ook hier", soort="idee", prompt=None
    )
    page.evaluate("htmx.trigger('#ideeen-live', 'live-refresh')")
    page.wait_for_function("old => !old.isConnected", arg=oud)
    expect(page.locator("#ideeen-live")).to_contain_text("Ook hier")
    expect(page.locator(f"#verwijder-{idee.pk}")).to_be_focused()


def test_an_idea_brought_by_both_the_capture_and_the_poll_shows_once(
    page, live_server, noord, tafel
):
    _, token = Tafeltoegang.uitgeven(tafel=tafel)
    page.goto(live_server.url + reverse("sessie:toegang", args=[token]))
    box = page.get_by_label("Wat zei de tafel?")
    box.fill("Een keer graag")
    box.press("Enter")
    expect(page.locator("#ideeen-live .idee")).to_have_count(1)
    # What a late capture answer does after the poll already showed the idea.
    page.evaluate(
        """() => {
            const li = document.querySelector(".idee-lijst > li.idee");
            document.querySelector("#idee-anker").after(li.cloneNode(true));
            document.body.dispatchEvent(new CustomEvent("capture:sent", {bubbles: true}));
        }"""
    )
    expect(page.locator("#ideeen-live .idee")).to_have_count(1)


@pytest.mark.parametrize("taal", ["nl", "en"])
def test_role_offers_with_a_workgroup_have_no_axe_violations(page, live_server, noord, tafel, taal):
    werkgroep = noord.werkgroepen.first() or make_werkgroep(noord, "Werkgroep Wijkhub")
    domein.noteer_rol(
        tafel=tafel, sleutel=uuid.uuid4(), naam="Fenna Fictief", rol="trekker", werkgroep=werkgroep
    )
    page.context.add_cookies([{"name": "django_language", "value": taal, "url": live_server.url}])
    _, token = Tafeltoegang.uitgeven(tafel=tafel)
    page.set_viewport_size(TELEFOON)
    page.goto(live_server.url + reverse("sessie:toegang", args=[token]))
    page.locator("#rollen summary").click()
    expect(page.locator("#rollen select[name=werkgroep]")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert_accessible(page)

    noord.organisatoren.add(make_user(username="karin"))
    page.goto(live_server.url + reverse("thematafels:afronding", args=[noord.slug]))
    inloggen_met_formulier(page, "karin")
    page.wait_for_url("**/afronding/")
    expect(page.locator(".afronding-rollen").first).to_contain_text("Fenna Fictief")
    assert_accessible(page)
