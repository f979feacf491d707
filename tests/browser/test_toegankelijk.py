"""Accessibility on the night, in real Chromium: what a screen reader hears, where focus goes,
the focus ring, language of parts, error summaries, reflow at 320 px; and an offline queue
that survives a new CSRF token."""

import re

import pytest
from django.conf import settings
from django.middleware.csrf import _get_new_csrf_string
from django.urls import reverse
from playwright.sync_api import expect

from aanmelden.models import Aanmelding
from sessie.models import Toegang
from tests.axe import assert_accessible
from tests.browser.inloggen import inloggen
from tests.builders import make_aanmelding, make_idee, make_toegang, make_user, zet_klok
from thematafels.models import Idee, Stip, Tafeltoegang

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TELEFOON = {"width": 360, "height": 740}
# Every live region of a page: what a screen reader reads out when its content changes.
LIVE = "[aria-live]:not([aria-live=off]), [role=status], [role=alert], [role=log]"
# Texts written into the capture form's status line, one entry per write.
LOG_STATUS = """() => {
    window.statusLog = [];
    const status = document.querySelector("[data-capture-status]");
    new MutationObserver(() => window.statusLog.push(status.textContent))
        .observe(status, {childList: true, characterData: true, subtree: true});
}"""


def open_host_link(page, live_server, tafel):
    _, token = Tafeltoegang.uitgeven(tafel=tafel)
    page.goto(live_server.url + reverse("sessie:toegang", args=[token]))
    expect(page.locator("h1")).to_have_text("Wijkhub")


def htmx_klaar(page, selector: str) -> None:
    """Wait until htmx has taken over `selector`: a key pressed sooner posts the plain form."""
    page.wait_for_function(
        "s => document.querySelector(s) && document.querySelector(s)['htmx-internal-data']",
        arg=selector,
    )


def engels(page, live_server):
    page.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": live_server.url}]
    )


# 7 · the offline queue


def test_a_queued_idea_survives_a_new_csrf_token_and_is_stored_once(
    page, live_server, noord, tafel
):
    """Someone logs in in another tab while offline: the page's token goes stale (403)."""
    open_host_link(page, live_server, tafel)
    page.context.set_offline(True)
    box = page.get_by_label("Wat zei de tafel?")
    box.fill("Bewaard ondanks een nieuw token")
    box.press("Enter")
    status = page.locator("[data-capture-status]")
    expect(status).to_have_text("1 wacht op verbinding")
    page.context.add_cookies(
        [
            {
                "name": settings.CSRF_COOKIE_NAME,
                "value": _get_new_csrf_string(),
                "url": live_server.url,
            }
        ]
    )
    page.context.set_offline(False)
    expect(page.locator("#ideeen")).to_contain_text("Bewaard ondanks een nieuw token", timeout=8000)
    expect(status).not_to_contain_text("Niet opgeslagen")
    expect(status).not_to_contain_text("wacht")
    page.wait_for_timeout(500)
    assert Idee.objects.filter(tekst="Bewaard ondanks een nieuw token").count() == 1
    wachtrij = page.evaluate(
        "Object.keys(localStorage).filter(k => k.startsWith('wijkavond-wachtrij:'))"
        ".map(k => JSON.parse(localStorage.getItem(k)).length)"
    )
    assert sum(wachtrij) == 0

    # The fresh token serves the next capture too, and htmx's buttons (the delete button).
    box.fill("En nog een")
    box.press("Enter")
    expect(page.locator("#ideeen")).to_contain_text("En nog een")
    page.locator(".idee").first.get_by_role("button", name="Verwijderen").click()
    expect(page.get_by_role("button", name="Ongedaan maken")).to_be_visible()


# 11 · live regions


def test_the_programme_announces_a_new_item_and_never_the_ticking(page, live_server, noord):
    page.goto(live_server.url + reverse("programma:programma", args=[noord.slug]))
    countdown = page.locator(".nu-balk .countdown")
    expect(countdown).to_be_visible()
    assert countdown.evaluate(f"el => el.closest('{LIVE}')") is None
    aankondiging = page.locator("#aankondiging")
    expect(aankondiging).to_have_text("")
    zet_klok(noord, "21:20")
    expect(aankondiging).to_contain_text("Plenair deel 2", timeout=8000)


def test_the_capture_status_confirms_each_idea_and_counts_only_when_waiting(
    page, live_server, noord, tafel
):
    page.set_viewport_size(TELEFOON)
    open_host_link(page, live_server, tafel)
    page.evaluate(LOG_STATUS)
    box = page.get_by_label("Wat zei de tafel?")
    for tekst in ("Een", "Twee"):
        box.fill(tekst)
        box.press("Enter")
        expect(page.locator("#ideeen")).to_contain_text(tekst)
        page.wait_for_timeout(300)
    geschreven = [t for t in page.evaluate("window.statusLog") if t]
    assert geschreven == ["Idee opgeslagen.", "Idee opgeslagen."]

    page.evaluate("window.statusLog = []")
    page.context.set_offline(True)
    box.fill("Drie")
    box.press("Enter")
    expect(page.locator("[data-capture-status]")).to_have_text("1 wacht op verbinding")
    page.wait_for_timeout(5600)  # a retry
    assert page.evaluate("window.statusLog") == ["1 wacht op verbinding"]
    page.context.set_offline(False)

    # Seen while typing on a phone: right under the box and its button, not below the selects.
    onder_knop = page.get_by_role("button", name="Toevoegen").bounding_box()
    status = page.locator("[data-capture-status]").bounding_box()
    assert 0 <= status["y"] - (onder_knop["y"] + onder_knop["height"]) < 40


def test_the_door_announces_results_and_check_ins_from_a_region_that_stays(
    page, live_server, sessie_deur
):
    token = sessie_deur
    page.goto(f"{live_server.url}/toegang/{token}/")
    aankondiging = page.locator("#aankondiging")
    regio = aankondiging.element_handle()
    page.get_by_label("Naam of organisatie").press_sequentially("bram a")
    expect(aankondiging).to_have_text("1 persoon gevonden")
    page.get_by_role("button", name=re.compile(r"Inchecken\W+Bram Aap")).click()
    expect(aankondiging).to_have_text("Bram Aap is binnen.")
    assert regio.evaluate("el => el.isConnected")
    # Regions that are swapped away are no live regions.
    for selector in ("#resultaten", "#deur-tellers", ".deur-rij"):
        assert page.locator(selector).first.evaluate(f"el => el.closest('{LIVE}')") is None


def test_the_dots_left_are_announced_from_a_region_that_stays(page, live_server, noord, tafel):
    punt = make_idee(tafel, noord.rondes.get(nummer=1), "Een wijkapp", kernpunt=True)
    page.goto(live_server.url + reverse("thematafels:stemmen", args=[noord.slug]))
    regio = page.locator("#aankondiging").element_handle()
    page.locator(f"#plus-{punt.pk}").click()
    expect(page.locator("#aankondiging")).to_have_text("Stippen over: 2 van 3")
    assert regio.evaluate("el => el.isConnected")
    assert page.locator(".stippen-over").evaluate(f"el => el.closest('{LIVE}')") is None


# 12 · focus after actions that replace the pressed button


def test_after_deleting_an_idea_focus_is_on_its_undo_button(page, live_server, noord, tafel):
    idee = make_idee(tafel, noord.rondes.get(nummer=1), "Weg ermee")
    open_host_link(page, live_server, tafel)
    htmx_klaar(page, f"#verwijder-{idee.pk}")
    page.locator(f"#verwijder-{idee.pk}").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Ongedaan maken")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator(f"#idee-{idee.pk}")).to_be_visible()


def test_after_a_check_in_focus_stays_on_that_row(page, live_server, sessie_deur):
    token = sessie_deur
    page.goto(f"{live_server.url}/toegang/{token}/")
    page.get_by_label("Naam of organisatie").press_sequentially("bra")
    knop = page.get_by_role("button", name=re.compile(r"Inchecken\W+Bram Aap"))
    knop.wait_for()
    htmx_klaar(page, ".deur-rij form")
    knop.focus()
    page.keyboard.press("Enter")
    ongedaan = page.get_by_role("button", name=re.compile(r"Ongedaan maken\W+Bram Aap"))
    expect(ongedaan).to_be_focused()
    # The next Tab reaches the next result, not the top of the page.
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name=re.compile(r"Inchecken\W+Bram Beer"))).to_be_focused()
    assert Aanmelding.objects.get(naam="Bram Aap").ingecheckt is not None


def test_three_dots_by_keyboard_keep_focus_on_the_dot_button(page, live_server, noord, tafel):
    punt = make_idee(tafel, noord.rondes.get(nummer=1), "Een wijkapp", kernpunt=True)
    page.goto(live_server.url + reverse("thematafels:stemmen", args=[noord.slug]))
    htmx_klaar(page, "#stemlijst")
    page.locator(f"#plus-{punt.pk}").focus()
    for over in (2, 1, 0):
        page.keyboard.press("Enter")
        expect(page.locator(".stippen-over")).to_contain_text(f"Stippen over: {over} van 3")
        page.wait_for_timeout(300)  # the swap settles before the next key
        expect(page.locator(f"#plus-{punt.pk}")).to_be_focused()
    assert Stip.objects.filter(idee=punt).count() == 3
    # A fourth is refused with its reason (a 400 that htmx swaps in), focus still in place.
    page.keyboard.press("Enter")
    expect(page.locator("#stemlijst [role=alert]")).to_be_visible()
    expect(page.locator(f"#plus-{punt.pk}")).to_be_focused()
    assert Stip.objects.filter(idee=punt).count() == 3


# 13 · focus ring


FOCUS_RING = """el => {
    const s = getComputedStyle(el);
    return {style: s.outlineStyle, width: parseFloat(s.outlineWidth), color: s.outlineColor,
            shadow: s.boxShadow, border: s.borderColor};
}"""


def _luminance(rgb: str) -> float:
    r, g, b = (int(x) / 255 for x in re.findall(r"[\d.]+", rgb)[:3])
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def _contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_one_strong_focus_ring_on_fields_and_buttons(page, live_server, noord):
    page.goto(live_server.url + reverse("informatiepunt:vraag_stellen", args=[noord.slug]))
    for selector in ("#id_tekst", "button.btn-primary"):
        page.locator(selector).focus()
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Tab")
        page.wait_for_timeout(400)  # Bootstrap's transition
        ring = page.locator(selector).evaluate(FOCUS_RING)
        assert ring["style"] == "solid" and ring["width"] >= 2, (selector, ring)
        # No faint glow over it: at most the white gap between the ring and the control.
        assert ring["shadow"] in ("none", "") or ring["shadow"].startswith("rgb(255, 255, 255)")
        assert _contrast(ring["color"], "rgb(255, 255, 255)") >= 3, (selector, ring)
        if selector == "#id_tekst":  # the field's own border does not fade on focus
            assert _contrast(ring["border"], "rgb(255, 255, 255)") >= 3, ring


def test_the_focused_button_is_not_under_the_door_pages_sticky_bar(page, live_server, sessie_deur):
    token = sessie_deur
    page.set_viewport_size(TELEFOON)
    page.goto(f"{live_server.url}/toegang/{token}/")
    page.get_by_label("Naam of organisatie").press_sequentially("br")
    knop = page.get_by_role("button", name=re.compile(r"Inchecken\W+Bram Beer"))
    knop.wait_for()
    # Scrolled so that the button sits just under the top edge, where the sticky counts are.
    knop.evaluate(
        "el => window.scrollBy({top: el.getBoundingClientRect().top - 8, behavior: 'instant'})"
    )
    # Shift+Tab from the next row's button (in view, so focusing it does not scroll).
    page.get_by_role("button", name=re.compile(r"Inchecken\W+Bram Zee 0")).focus()
    page.keyboard.press("Shift+Tab")
    expect(knop).to_be_focused()
    bedekt = page.evaluate(
        """() => {
            const knop = document.activeElement.getBoundingClientRect();
            const balk = document.querySelector(".deur-tellers").getBoundingClientRect();
            return balk.bottom > knop.top && balk.top < knop.bottom;
        }"""
    )
    assert not bedekt


# 14 · language of parts


def test_dutch_content_on_english_pages_is_marked_dutch(page, live_server, noord, tafel):
    make_idee(tafel, noord.rondes.get(nummer=1), "Een buurtapp", kernpunt=True)
    engels(page, live_server)
    page.goto(live_server.url + reverse("programma:programma", args=[noord.slug]))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    onderdeel = page.get_by_text("Plenair deel 2").first
    assert onderdeel.evaluate("el => el.closest('[lang]').lang") == "nl"
    taal = "el => el.closest('[lang]').lang"
    assert page.get_by_text("Programme", exact=True).evaluate(taal) == "en"
    page.goto(live_server.url + reverse("thematafels:wand", args=[noord.slug]))
    assert page.get_by_text("Een buurtapp").first.evaluate(taal) == "nl"
    assert page.get_by_text("Wijkhub").first.evaluate(taal) == "nl"
    page.goto(live_server.url + noord.get_absolute_url())
    assert (
        page.locator(".sessie-doelen, main").first.evaluate(
            "el => [...el.querySelectorAll('[lang=nl]')].length"
        )
        > 0
    )


@pytest.mark.parametrize("taal", ["nl", "en"])
def test_each_language_button_is_named_in_its_own_language(page, live_server, noord, taal):
    if taal == "en":
        engels(page, live_server)
    page.goto(live_server.url + reverse("programma:programma", args=[noord.slug]))
    nederlands = page.get_by_role("button", name="Nederlands")
    english = page.get_by_role("button", name="English")
    expect(nederlands).to_have_attribute("lang", "nl")
    expect(english).to_have_attribute("lang", "en")


# 15 · errors


def test_a_refused_form_opens_with_a_linked_error_summary(page, live_server, noord):
    page.goto(live_server.url + reverse("aanmelden:aanmelden", args=[noord.slug]))
    titel = page.title()
    page.locator("form.aanmeldformulier button").last.click()
    samenvatting = page.locator(".foutoverzicht")
    expect(samenvatting).to_be_focused()
    expect(samenvatting).to_have_attribute("role", "alert")
    assert page.title() == "Fout: " + titel
    link = samenvatting.locator("a[href='#id_naam']")
    expect(link).to_be_visible()
    link.click()
    expect(page.locator("#id_naam")).to_be_focused()
    assert_accessible(page)


def test_asking_a_question_shows_dutch_errors_and_no_browser_bubbles(page, live_server, noord):
    page.goto(live_server.url + reverse("informatiepunt:vraag_stellen", args=[noord.slug]))
    expect(page.locator("form.zelf-vraag")).to_have_attribute("novalidate", "")
    page.get_by_role("button", name="Vraag versturen").click()
    samenvatting = page.locator(".foutoverzicht")
    expect(samenvatting).to_be_focused()
    expect(samenvatting.locator("a[href='#id_tekst']")).to_be_visible()
    expect(page.locator("#id_tekst")).to_have_attribute("aria-invalid", "true")


def test_a_wrong_password_is_announced(page, live_server):
    make_user(username="karin")
    page.goto(live_server.url + reverse("wijkavond:login"))
    page.locator("#id_username").fill("karin")
    page.locator("#id_password").fill("verkeerd")
    page.locator("#id_password").press("Enter")
    samenvatting = page.locator(".foutoverzicht")
    expect(samenvatting).to_have_attribute("role", "alert")
    expect(samenvatting).to_be_focused()
    assert page.title().startswith("Fout: ")


def test_an_htmx_form_shows_its_refusal(page, live_server, noord, tafel):
    """htmx 2 swaps no 4xx by default; the project swaps 400 (a form with its errors)."""
    open_host_link(page, live_server, tafel)
    page.locator("#rollen summary").click()
    # Spaces pass the browser's check of a required field; the server refuses them.
    page.locator("#rollen input[name=naam]").fill("   ")
    page.locator("#rollen input[name=rol]").fill("   ")
    page.locator("#rollen input[name=toestemming]").check()
    page.locator("#rollen button[type=submit]").click()
    samenvatting = page.locator("#rollen .foutoverzicht")
    expect(samenvatting).to_be_focused()
    expect(samenvatting.locator("a[href='#rol_naam']")).to_be_visible()


# 16 · reflow at 320 px


def test_the_wall_and_the_wrap_up_do_not_scroll_sideways_at_320_px(page, live_server, noord, tafel):
    lang = "Een-heel-lang-woord-zonder-spaties" * 3
    make_idee(tafel, noord.rondes.get(nummer=1), lang, kernpunt=True)
    organisator = make_user(username="karin")
    noord.organisatoren.add(organisator)
    inloggen(page, live_server, organisator, taal="nl")
    page.set_viewport_size({"width": 320, "height": 640})
    for url in (
        reverse("thematafels:wand", args=[noord.slug]),
        reverse("thematafels:afronding", args=[noord.slug]),
    ):
        page.goto(live_server.url + url)
        breed = page.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        assert breed[0] <= breed[1], (url, breed)


@pytest.fixture
def sessie_deur(noord):
    make_aanmelding(noord, naam="Bram Aap")
    make_aanmelding(noord, naam="Bram Beer")
    for n in range(14):
        make_aanmelding(noord, naam=f"Bram Zee {n}")
    _toegang, token = make_toegang(noord, Toegang.Rol.DEUR)
    return token
