"""The capture page's idea list stays current across two phones at one table (5 s poll)."""

import re
import uuid

import pytest
from django.urls import reverse

from tests.builders import host_client, make_idee, make_toegang
from thematafels.ideeen import leg_idee_vast

pytestmark = pytest.mark.django_db


def lijst_url(avond, tafel=None, ronde=1):
    tafel = tafel or avond.tafels[0]
    kwargs = {"slug": avond.sessie.slug, "tafel_id": tafel.pk, "ronde": ronde}
    return reverse("thematafels:ideeen_lijst", kwargs=kwargs)


def vastgelegd(avond, tekst: str) -> None:
    """An idea captured at the first table as a phone does (the session's counter moves)."""
    leg_idee_vast(
        tafel=avond.tafels[0],
        ronde=avond.rondes[0],
        sleutel=uuid.uuid4(),
        tekst=tekst,
        soort="idee",
        prompt=None,
    )


def poll(client, url, **extra):
    return client.get(url, HTTP_HX_REQUEST="true", **extra)


def huidige_v(client, avond, ronde=1) -> str:
    """The mark the list polls with now: a fresh list's own poll URL carries it."""
    html = poll(client, lijst_url(avond, ronde=ronde)).content.decode()
    return re.search(r'id="ideeen-live"[^>]*hx-get="[^"]*\?v=(m[0-9a-f]+)"', html).group(1)


def test_the_capture_page_polls_its_list_with_a_mark_of_its_ideas(client, avond):
    host_client(client, avond.sessie, avond.tafels[0])
    url = reverse(
        "thematafels:vastleggen", kwargs={"slug": avond.sessie.slug, "tafel_id": avond.tafels[0].pk}
    )
    html = client.get(url).content.decode()
    live = re.search(r'<div id="ideeen-live"[^>]*>', html).group(0)
    assert f'hx-get="{lijst_url(avond)}?v={huidige_v(client, avond)}"' in live
    assert 'hx-trigger="every 5s, live-refresh"' in live and "data-live-poll" in live
    # Nothing anyone types in is inside the polled region: only the ideas' buttons.
    region = html[html.index('<div id="ideeen-live"') : html.index('<p class="ideeen-leeg')]
    assert 'name="tekst"' not in region and "<textarea" not in region
    assert not re.search(r'<input(?![^>]*type="hidden")', region)


def test_anonymous_and_other_tables_hosts_are_refused(client, avond):
    assert poll(client, lijst_url(avond)).status_code == 403
    host_client(client, avond.sessie, avond.tafels[1])
    assert poll(client, lijst_url(avond)).status_code == 403
    assert poll(client, lijst_url(avond, tafel=avond.tafels[1])).status_code == 200


def test_an_expired_host_link_is_refused(client, avond):
    toegang, token = make_toegang(avond.sessie, rol="tafelhost", tafel=avond.tafels[0])
    client.get(f"/toegang/{token}/")
    toegang.trek_in()
    assert poll(client, lijst_url(avond)).status_code == 403


def test_organisers_may_poll_any_table(client, avond):
    client.force_login(avond.organisator)
    assert poll(client, lijst_url(avond, tafel=avond.tafels[2])).status_code == 200


def test_only_get(client, avond):
    host_client(client, avond.sessie, avond.tafels[0])
    assert client.post(lijst_url(avond), HTTP_HX_REQUEST="true").status_code == 405


def test_nothing_changed_answers_204(client, avond):
    host_client(client, avond.sessie, avond.tafels[0])
    response = poll(client, f"{lijst_url(avond)}?v={huidige_v(client, avond)}")
    assert response.status_code == 204 and response.content == b""


def test_the_halls_dots_leave_the_list_at_204(client, avond):
    """A hundred phones voting must not make every table's list render again."""
    host_client(client, avond.sessie, avond.tafels[0])
    v = huidige_v(client, avond)
    kernpunt = make_idee(avond.tafels[1], avond.rondes[0], "Een kernpunt", kernpunt=True)
    stemmer = type(client)()
    stem = reverse("thematafels:stemmen", kwargs={"slug": avond.sessie.slug})
    stip = {"plus": kernpunt.pk, "sleutel": str(uuid.uuid4())}
    assert stemmer.post(stem, stip).status_code == 302
    assert poll(client, f"{lijst_url(avond)}?v={v}").status_code == 204


def test_after_another_phones_capture_the_list_and_count_come_back(client, avond):
    host_client(client, avond.sessie, avond.tafels[0])
    v = huidige_v(client, avond)
    make_idee(avond.tafels[0], avond.rondes[0], "Van de andere telefoon")
    make_idee(avond.tafels[0], avond.rondes[1], "Andere ronde")
    make_idee(avond.tafels[1], avond.rondes[0], "Andere tafel")
    avond.sessie.bump(avond.sessie.pk)
    response = poll(client, f"{lijst_url(avond)}?v={v}")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="ideeen-live"')
    assert "Van de andere telefoon" in html
    assert "Andere ronde" not in html and "Andere tafel" not in html
    assert 'id="ideeen-teller" hx-swap-oob="true"' in html
    # The fresh fragment polls on from the new counter; the capture form is not in it.
    assert f"?v={huidige_v(client, avond)}" in html
    assert 'name="tekst"' not in html and "vastleg-form" not in html


def test_a_capture_at_another_table_leaves_this_list_at_204(client, avond):
    """Six hosts capture all evening: one table's idea must not make the other five lists
    render again (they followed the session's counter until now)."""
    make_idee(avond.tafels[0], avond.rondes[0], "Al op de lijst")
    host_client(client, avond.sessie, avond.tafels[0])
    v = huidige_v(client, avond)
    idee = make_idee(avond.tafels[1], avond.rondes[0], "Aan een andere tafel")
    idee.zet_kernpunt(kernpunt=True)  # moves the session's counters
    make_idee(avond.tafels[0], avond.rondes[1], "Deze tafel, de volgende ronde")
    assert poll(client, f"{lijst_url(avond)}?v={v}").status_code == 204


def test_every_change_this_list_shows_brings_it_back(client, avond):
    prompt = avond.themas[0].prompts.create(tekst="Wat is nodig?")
    idee = make_idee(avond.tafels[0], avond.rondes[0], "Een buurthuis", prompt=prompt)
    host_client(client, avond.sessie, avond.tafels[0])

    def na(verandering, te_zien: str) -> None:
        v = huidige_v(client, avond)
        verandering()
        response = poll(client, f"{lijst_url(avond)}?v={v}")
        assert response.status_code == 200 and te_zien in response.content.decode()

    na(lambda: idee.zet_kernpunt(kernpunt=True), "is-kernpunt")
    na(
        lambda: idee.bewerk(tekst="Een groot buurthuis", soort=idee.soort, prompt=prompt, versie=1),
        "Een groot buurthuis",
    )

    def prompt_hernoemd() -> None:  # as the admin saves a theme's prompts (LiveAdminMixin)
        avond.themas[0].prompts.update(tekst="Wat ontbreekt?")
        avond.sessie.bump(avond.sessie.pk, programma=True)

    na(prompt_hernoemd, "Wat ontbreekt?")
    na(lambda: vastgelegd(avond, "Nog een"), "Nog een")


def test_deleted_ideas_leave_the_list(client, avond):
    host_client(client, avond.sessie, avond.tafels[0])
    idee = make_idee(avond.tafels[0], avond.rondes[0], "Weg ermee")
    v = huidige_v(client, avond)
    idee.verwijder()
    assert "Weg ermee" not in poll(client, f"{lijst_url(avond)}?v={v}").content.decode()


def test_the_second_rounds_list(client, avond):
    host_client(client, avond.sessie, avond.tafels[0])
    make_idee(avond.tafels[0], avond.rondes[1], "Ronde twee")
    html = poll(client, lijst_url(avond, ronde=2)).content.decode()
    assert "Ronde twee" in html


def test_an_unknown_round_is_404(client, avond):
    host_client(client, avond.sessie, avond.tafels[0])
    assert poll(client, lijst_url(avond, ronde=9)).status_code == 404


def test_without_htmx_the_url_leads_back_to_the_capture_page(client, avond):
    host_client(client, avond.sessie, avond.tafels[0])
    response = client.get(lijst_url(avond, ronde=2))
    assert response.status_code == 302
    assert response["Location"].endswith(f"/tafel/{avond.tafels[0].pk}/?ronde=2")


@pytest.mark.parametrize("aantal", [1, 200])
def test_an_unchanged_poll_costs_two_queries(client, avond, django_assert_num_queries, aantal):
    for i in range(aantal):
        make_idee(avond.tafels[0], avond.rondes[0], f"Idee {i}")
    host_client(client, avond.sessie, avond.tafels[0])
    url = f"{lijst_url(avond)}?v={huidige_v(client, avond)}"
    # The table with its session and the host's link, in one statement; what the list shows of
    # this round's ideas, for the mark: then 204.
    with django_assert_num_queries(2):
        assert poll(client, url).status_code == 204
    # From then on the mark stands in this process's memory while the session's counter does.
    with django_assert_num_queries(1):
        assert poll(client, url).status_code == 204


def test_the_kept_mark_follows_the_sessions_counter(client, avond):
    """The mark is kept per process: a change the list shows, in another process, moves the
    counter with it; the wrap-up's dots do not, so the list stays at 204 without reading."""
    host_client(client, avond.sessie, avond.tafels[0])
    v = huidige_v(client, avond)
    assert poll(client, f"{lijst_url(avond)}?v={v}").status_code == 204  # kept from here on
    vastgelegd(avond, "Elders vastgelegd")  # another phone's capture, in another process
    response = poll(client, f"{lijst_url(avond)}?v={v}")
    assert response.status_code == 200 and "Elders vastgelegd" in response.text
    nieuw = huidige_v(client, avond)
    kernpunt = make_idee(avond.tafels[1], avond.rondes[0], "Stemmen", kernpunt=True)
    stem = reverse("thematafels:stemmen", kwargs={"slug": avond.sessie.slug})
    stip = {"plus": kernpunt.pk, "sleutel": str(uuid.uuid4())}
    assert type(client)().post(stem, stip).status_code == 302
    assert poll(client, f"{lijst_url(avond)}?v={nieuw}").status_code == 204
    # Without a mark, or with one for a round that is not there, never a 204.
    assert poll(client, lijst_url(avond, ronde=9) + "?v=").status_code == 404
    assert poll(client, lijst_url(avond, ronde=9) + "?v=None").status_code == 404


@pytest.mark.parametrize("aantal", [1, 200])
def test_a_changed_poll_costs_a_constant_number_of_queries(
    client, avond, django_assert_num_queries, aantal
):
    prompt = avond.themas[0].prompts.create(tekst="Geld")
    for i in range(aantal):
        make_idee(avond.tafels[0], avond.rondes[0], f"Idee {i}", prompt=prompt)
    host_client(client, avond.sessie, avond.tafels[0])
    # Table with its session and link, the mark's rows, round, ideas with their prompts.
    with django_assert_num_queries(4):
        response = poll(client, f"{lijst_url(avond)}?v=0")
    assert response.status_code == 200
    assert len(re.findall(r'<li id="idee-\d+"', response.content.decode())) == aantal


def test_over_church_wifi_a_browser_gets_the_list_compressed(client, avond):
    import gzip

    for i in range(20):
        make_idee(avond.tafels[0], avond.rondes[0], f"Idee nummer {i} van deze tafel")
    host_client(client, avond.sessie, avond.tafels[0])
    plain = poll(client, f"{lijst_url(avond)}?v=0")
    packed = poll(client, f"{lijst_url(avond)}?v=0", HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert packed["Content-Encoding"] == "gzip" and "Accept-Encoding" in packed["Vary"]
    assert len(packed.content) * 5 < len(plain.content)
    html = gzip.decompress(packed.content).decode()
    assert len(re.findall(r'<li id="idee-\d+"', html)) == 20
    # An unchanged poll stays an empty 204.
    assert poll(client, f"{lijst_url(avond)}?v={huidige_v(client, avond)}").status_code == 204


def test_an_answer_that_fits_one_packet_is_not_compressed(client, avond):
    host_client(client, avond.sessie, avond.tafels[0])
    response = client.post(
        reverse(
            "thematafels:idee_toevoegen",
            kwargs={"slug": avond.sessie.slug, "tafel_id": avond.tafels[0].pk},
        ),
        {"tekst": "Kort", "ronde": avond.rondes[0].pk, "sleutel": uuid.uuid4()},
        HTTP_HX_REQUEST="true",
        HTTP_ACCEPT_ENCODING="gzip",
    )
    assert response.status_code == 200 and not response.has_header("Content-Encoding")
    assert len(response.content) < 1400 and "Kort" in response.text
