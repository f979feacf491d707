import datetime as dt
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from sessie.models import Toegang
from tests.builders import host_client, make_idee, make_toegang, zet_klok
from thematafels.models import Idee, Opkomst, Rolnotitie, Soort

pytestmark = pytest.mark.django_db


def url(avond, naam="thematafels:vastleggen", tafel=None, **kwargs):
    tafel = tafel or avond.tafels[0]
    return reverse(naam, kwargs={"slug": avond.sessie.slug, "tafel_id": tafel.pk, **kwargs})


def nieuw(avond, tekst="Een buurtapp", ronde=None, sleutel=None, **extra):
    return {
        "tekst": tekst,
        "ronde": (ronde or avond.rondes[0]).pk,
        "sleutel": str(sleutel or uuid.uuid4()),
        "soort": "",
        "prompt": "",
        **extra,
    }


# Access


def test_the_host_link_lands_on_its_tables_capture_page(client, avond):
    _, token = make_toegang(avond.sessie, rol="tafelhost", tafel=avond.tafels[0])
    response = client.get(f"/toegang/{token}/", follow=True)
    assert response.redirect_chain[-1][0] == url(avond)
    assert response.status_code == 200
    assert "Wijkhub" in response.content.decode()


def test_anonymous_visitors_are_refused(client, avond):
    assert client.get(url(avond)).status_code == 403
    assert client.post(url(avond, "thematafels:idee_toevoegen"), nieuw(avond)).status_code == 403
    assert not Idee.objects.exists()


def test_another_tables_host_is_refused(client, avond):
    host_client(client, avond.sessie, avond.tafels[1])
    response = client.get(url(avond))
    assert response.status_code == 403
    assert "Geen toegang" in response.content.decode()
    assert client.post(url(avond, "thematafels:idee_toevoegen"), nieuw(avond)).status_code == 403
    idee = make_idee(avond.tafels[0], avond.rondes[0])
    for naam in ("idee_kernpunt", "idee_verwijderen", "idee_bewerken"):
        response = client.post(url(avond, f"thematafels:{naam}", pk=idee.pk), {"kernpunt": "1"})
        assert response.status_code == 403
    idee.refresh_from_db()
    assert not idee.kernpunt and idee.verwijderd is None


def test_a_revoked_expired_or_renewed_host_link_stops_working(client, avond):
    toegang, token = make_toegang(avond.sessie, rol="tafelhost", tafel=avond.tafels[0])
    client.get(f"/toegang/{token}/")
    assert client.get(url(avond)).status_code == 200
    toegang.trek_in()
    assert client.get(url(avond)).status_code == 403
    token = toegang.vernieuw()
    assert client.get(url(avond)).status_code == 403, "the old link's browser is shut out"
    client.get(f"/toegang/{token}/")
    assert client.post(url(avond, "thematafels:idee_toevoegen"), nieuw(avond)).status_code == 302
    Toegang.objects.filter(pk=toegang.pk).update(verloopt=timezone.now() - dt.timedelta(seconds=1))
    assert client.post(url(avond, "thematafels:idee_toevoegen"), nieuw(avond)).status_code == 403
    assert Idee.objects.count() == 1


def test_a_host_with_links_for_several_tables_may_use_each(client, avond):
    """A volunteer who hosts two tables in turn (or swaps phones) opens both links."""
    host_client(client, avond.sessie, avond.tafels[1])
    host_client(client, avond.sessie, avond.tafels[0])
    assert client.get(url(avond)).status_code == 200
    assert client.get(url(avond, tafel=avond.tafels[1])).status_code == 200
    assert client.get(url(avond, tafel=avond.tafels[2])).status_code == 403


def test_a_host_cannot_touch_another_tables_idea_through_its_own_url(client, avond):
    host_client(client, avond.sessie, avond.tafels[0])
    vreemd = make_idee(avond.tafels[1], avond.rondes[0])
    response = client.post(url(avond, "thematafels:idee_verwijderen", pk=vreemd.pk))
    assert response.status_code == 404


def test_a_table_of_another_session_is_not_found(client, avond):
    from tests.builders import make_sessie

    ander = make_sessie()
    host_client(client, avond.sessie, avond.tafels[0])
    response = client.get(
        reverse(
            "thematafels:vastleggen", kwargs={"slug": ander.slug, "tafel_id": avond.tafels[0].pk}
        )
    )
    assert response.status_code == 404


def test_an_organiser_may_capture_for_any_table(client, avond):
    client.force_login(avond.organisator)
    assert client.get(url(avond, tafel=avond.tafels[2])).status_code == 200


def test_wrong_methods_are_refused(client, avond):
    host_client(client, avond.sessie, avond.tafels[0])
    assert client.post(url(avond)).status_code == 405
    assert client.get(url(avond, "thematafels:idee_toevoegen")).status_code == 405
    assert client.get(url(avond, "thematafels:opkomst")).status_code == 405


# The page


def test_the_page_shows_theme_prompts_current_round_and_the_capture_form(client, avond):
    host_client(client, avond.sessie, avond.tafels[0])
    html = client.get(url(avond)).content.decode()
    assert "Wat is nodig?" in html
    assert "organisatie" in html
    assert 'aria-current="page">Ronde 1<' in html or 'aria-current="page">Round 1<' in html
    assert "data-capture" in html and "data-capture-key" in html
    assert "data-msg-wachten" in html
    assert "data-countdown" in html


def test_the_round_follows_the_session_clock_and_the_host_can_switch(client, avond):
    host_client(client, avond.sessie, avond.tafels[0])
    zet_klok(avond.sessie, "20:30")
    response = client.get(url(avond))
    assert response.context["ronde"] == avond.rondes[1]
    response = client.get(url(avond) + "?ronde=1")
    assert response.context["ronde"] == avond.rondes[0]
    assert not response.context["is_huidig"]


def test_round_two_shows_what_the_previous_group_said(client, avond):
    make_idee(avond.tafels[0], avond.rondes[0], "Vaste plek in het buurthuis", kernpunt=True)
    make_idee(avond.tafels[0], avond.rondes[0], "Nog een idee")
    make_idee(avond.tafels[1], avond.rondes[0], "Van de andere tafel", kernpunt=True)
    zet_klok(avond.sessie, "20:30")
    host_client(client, avond.sessie, avond.tafels[0])
    response = client.get(url(avond))
    overdracht = response.context["overdracht"]
    assert overdracht.aantal == 2
    assert [i.tekst for i in overdracht.kernpunten] == ["Vaste plek in het buurthuis"]
    html = response.content.decode()
    assert "overdracht-kop" in html and "Van de andere tafel" not in html


def test_without_key_points_the_hand_over_passes_on_the_latest_ideas(client, avond):
    for i in range(7):
        make_idee(avond.tafels[0], avond.rondes[0], f"Idee {i}")
    zet_klok(avond.sessie, "20:30")
    host_client(client, avond.sessie, avond.tafels[0])
    response = client.get(url(avond))
    overdracht = response.context["overdracht"]
    assert overdracht.kernpunten == []
    assert [i.tekst for i in overdracht.laatste] == [f"Idee {i}" for i in range(6, 1, -1)]
    assert "De nieuwste ideeën" in response.content.decode()


def test_round_one_has_no_hand_over(client, avond):
    host_client(client, avond.sessie, avond.tafels[0])
    assert client.get(url(avond)).context["overdracht"] is None


# Capturing


def test_capturing_an_idea_answers_with_just_the_new_idea_and_the_count(client, avond):
    host_client(client, avond.sessie, avond.tafels[0])
    versie = avond.sessie.versie
    response = client.post(
        url(avond, "thematafels:idee_toevoegen"),
        nieuw(avond, "Een wijkapp", soort="zorg", prompt=avond.themas[0].prompts.first().pk),
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.strip().startswith('<li id="idee-anker" hidden></li>') and "Een wijkapp" in html
    assert '<span id="ideeen-teller" hx-swap-oob="true">' in html
    idee = Idee.objects.get()
    assert (idee.tafel, idee.ronde, idee.soort) == (avond.tafels[0], avond.rondes[0], "zorg")
    assert idee.prompt.tekst == "organisatie"
    avond.sessie.refresh_from_db()
    assert avond.sessie.versie > versie


def test_the_same_key_twice_makes_one_idea(client, avond):
    host_client(client, avond.sessie, avond.tafels[0])
    data = nieuw(avond, "Eén keer graag")
    for _ in range(3):
        response = client.post(
            url(avond, "thematafels:idee_toevoegen"), data, HTTP_HX_REQUEST="true"
        )
        assert response.status_code == 200
    assert Idee.objects.count() == 1


def test_a_retry_tells_the_screens_again(client, avond):
    """Insert and counter are two statements: a retry after a crash between them heals it."""
    host_client(client, avond.sessie, avond.tafels[0])
    data = nieuw(avond, "Nog een keer")
    client.post(url(avond, "thematafels:idee_toevoegen"), data, HTTP_HX_REQUEST="true")
    avond.sessie.refresh_from_db()
    versie = avond.sessie.versie
    client.post(url(avond, "thematafels:idee_toevoegen"), data, HTTP_HX_REQUEST="true")
    avond.sessie.refresh_from_db()
    assert avond.sessie.versie > versie and Idee.objects.count() == 1


def test_an_empty_kind_means_idea(client, avond):
    host_client(client, avond.sessie, avond.tafels[0])
    client.post(url(avond, "thematafels:idee_toevoegen"), nieuw(avond))
    assert Idee.objects.get().soort == Soort.IDEE


def test_without_javascript_capturing_redirects_back_to_the_round(client, avond):
    host_client(client, avond.sessie, avond.tafels[0])
    response = client.post(
        url(avond, "thematafels:idee_toevoegen"), nieuw(avond, ronde=avond.rondes[1])
    )
    assert response.status_code == 302
    assert response["Location"] == url(avond) + "?ronde=2"


def test_bad_input_is_refused_with_400_and_keeps_the_values(client, avond):
    host_client(client, avond.sessie, avond.tafels[0])
    data = nieuw(avond, "", soort="vraag")
    response = client.post(url(avond, "thematafels:idee_toevoegen"), data)
    assert response.status_code == 400
    assert response.context["form"]["soort"].value() == "vraag"
    response = client.post(
        url(avond, "thematafels:idee_toevoegen"), nieuw(avond, "x" * 501), HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 400
    assert response.content.decode().strip().startswith('<div id="idee-fouten"')
    assert not Idee.objects.exists()


def test_a_round_of_another_session_is_refused(client, avond):
    from tests.builders import make_ronde, make_sessie

    vreemd = make_ronde(make_sessie(), 1, "19:00", "20:00")
    host_client(client, avond.sessie, avond.tafels[0])
    data = nieuw(avond, ronde=vreemd)
    assert client.post(url(avond, "thematafels:idee_toevoegen"), data).status_code == 400


def test_a_prompt_of_another_theme_is_refused_and_the_form_keeps_its_choices(client, avond):
    eigen = avond.themas[0].prompts.create(tekst="Geld")
    vreemd = avond.themas[1].prompts.create(tekst="Ruimte")
    host_client(client, avond.sessie, avond.tafels[0])
    response = client.post(
        url(avond, "thematafels:idee_toevoegen"), nieuw(avond, "Een idee", prompt=vreemd.pk)
    )
    assert response.status_code == 400 and not Idee.objects.exists()
    html = response.content.decode()
    assert f'<option value="{eigen.pk}">Geld</option>' in html and "Ruimte" not in html
    assert 'value="Een idee"' in html
    client.post(url(avond, "thematafels:idee_toevoegen"), nieuw(avond, prompt=eigen.pk))
    assert Idee.objects.get().prompt == eigen


# Key point, delete, undo, edit


def test_starring_a_key_point(client, avond):
    host_client(client, avond.sessie, avond.tafels[0])
    idee = make_idee(avond.tafels[0], avond.rondes[0])
    response = client.post(
        url(avond, "thematafels:idee_kernpunt", pk=idee.pk),
        {"kernpunt": "1"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200 and 'aria-pressed="true"' in response.content.decode()
    idee.refresh_from_db()
    assert idee.kernpunt
    client.post(url(avond, "thematafels:idee_kernpunt", pk=idee.pk), {"kernpunt": "0"})
    idee.refresh_from_db()
    assert not idee.kernpunt


def test_delete_offers_undo_and_undo_restores(client, avond):
    host_client(client, avond.sessie, avond.tafels[0])
    idee = make_idee(avond.tafels[0], avond.rondes[0], "Weg ermee")
    response = client.post(
        url(avond, "thematafels:idee_verwijderen", pk=idee.pk), HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert "idee_herstellen" not in html and f"/idee/{idee.pk}/herstellen/" in html
    assert response.context["ideeen"] == []
    idee.refresh_from_db()
    assert idee.verwijderd is not None
    client.post(url(avond, "thematafels:idee_herstellen", pk=idee.pk))
    idee.refresh_from_db()
    assert idee.verwijderd is None


def test_delete_without_javascript_redirects_with_the_undo(client, avond):
    host_client(client, avond.sessie, avond.tafels[0])
    idee = make_idee(avond.tafels[0], avond.rondes[0], "Weg ermee")
    response = client.post(url(avond, "thematafels:idee_verwijderen", pk=idee.pk), follow=True)
    assert response.context["ongedaan"] == idee


def test_editing_saves_and_raises_the_version(client, avond):
    geld = avond.themas[0].prompts.create(tekst="Geld")
    ruimte = avond.themas[0].prompts.create(tekst="Ruimte")
    host_client(client, avond.sessie, avond.tafels[0])
    idee = make_idee(avond.tafels[0], avond.rondes[0], "Oud", prompt=geld)
    bewerk = url(avond, "thematafels:idee_bewerken", pk=idee.pk)
    pagina = client.get(bewerk)
    assert pagina.status_code == 200
    assert f'<option value="{geld.pk}" selected>Geld</option>' in pagina.text
    data = {"tekst": "Nieuw", "soort": "actie", "prompt": ruimte.pk, "versie": 1}
    response = client.post(bewerk, data)
    assert response.status_code == 302
    idee.refresh_from_db()
    assert (idee.tekst, idee.soort, idee.prompt, idee.versie) == ("Nieuw", "actie", ruimte, 2)


def test_a_stale_edit_is_a_conflict_and_never_overwrites(client, avond):
    host_client(client, avond.sessie, avond.tafels[0])
    idee = make_idee(avond.tafels[0], avond.rondes[0], "Oud")
    bewerk = url(avond, "thematafels:idee_bewerken", pk=idee.pk)
    # The second device saves first.
    client.post(bewerk, {"tekst": "Van telefoon twee", "soort": "idee", "versie": 1})
    response = client.post(bewerk, {"tekst": "Van telefoon een", "soort": "idee", "versie": 1})
    assert response.status_code == 409
    assert response.context["conflict"]
    html = response.content.decode()
    assert "Van telefoon twee" in html and "Van telefoon een" in html
    idee.refresh_from_db()
    assert idee.tekst == "Van telefoon twee"
    # Saving again, knowingly, on the newest version works.
    assert response.context["form"]["versie"].value() == 2
    client.post(bewerk, {"tekst": "Van telefoon een", "soort": "idee", "versie": 2})
    idee.refresh_from_db()
    assert idee.tekst == "Van telefoon een"


def test_an_empty_edit_is_refused_with_400(client, avond):
    host_client(client, avond.sessie, avond.tafels[0])
    idee = make_idee(avond.tafels[0], avond.rondes[0], "Oud")
    response = client.post(
        url(avond, "thematafels:idee_bewerken", pk=idee.pk),
        {"tekst": "", "soort": "zorg", "versie": 1},
    )
    assert response.status_code == 400
    assert response.context["form"]["soort"].value() == "zorg"


# Head count and role offers


def test_head_count_per_round(client, avond):
    host_client(client, avond.sessie, avond.tafels[0])
    opkomst = url(avond, "thematafels:opkomst")
    response = client.post(
        opkomst, {"aantal": 9, "ronde": avond.rondes[1].pk}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200 and 'id="opkomst"' in response.content.decode()
    client.post(opkomst, {"aantal": 11, "ronde": avond.rondes[1].pk})
    assert Opkomst.objects.get().aantal == 11
    response = client.post(opkomst, {"aantal": -1, "ronde": avond.rondes[1].pk})
    assert response.status_code == 400


def test_role_offers_need_consent(client, avond):
    host_client(client, avond.sessie, avond.tafels[0])
    rollen = url(avond, "thematafels:rolnotitie")
    data = {
        "naam": "Anouk",
        "rol": "trekker",
        "telefoon": "0612345678",
        "sleutel": str(uuid.uuid4()),
    }
    response = client.post(rollen, data)
    assert response.status_code == 400
    assert response.context["rol_form"]["naam"].value() == "Anouk"
    assert not Rolnotitie.objects.exists()
    response = client.post(rollen, data | {"toestemming": "on"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and "Anouk" in response.content.decode()
    client.post(rollen, data | {"toestemming": "on"})
    assert Rolnotitie.objects.count() == 1


@pytest.fixture(params=[1, 40])
def host_bij_ideeen(request, client, avond):
    """The first table's host, at a table that already holds 1 or 40 ideas (the query counts
    must not grow with them)."""
    for i in range(request.param):
        make_idee(
            avond.tafels[0], avond.rondes[0], f"Idee {i}", prompt=avond.themas[0].prompts.first()
        )
    return host_client(client, avond.sessie, avond.tafels[0])


def test_capturing_costs_a_constant_number_of_queries(
    host_bij_ideeen, avond, django_assert_num_queries
):
    # Table + theme + session + grant, rounds, prompts, insert, counter, count.
    with django_assert_num_queries(6):
        response = host_bij_ideeen.post(
            url(avond, "thematafels:idee_toevoegen"), nieuw(avond), HTTP_HX_REQUEST="true"
        )
    assert response.status_code == 200


def test_the_capture_page_costs_a_constant_number_of_queries(
    host_bij_ideeen, avond, django_assert_num_queries
):
    # The workgroup choice of the role-offer form costs one query; who is expected at the
    # table (the published table plan, registered by aanmelden) one more.
    with django_assert_num_queries(8):
        assert host_bij_ideeen.get(url(avond)).status_code == 200


def _balk_na_ronde_1(client, avond, vraag: str):
    """The host's poll of the round bar (`vraag`: its query) at 20.26, once round 1 is over."""
    host_client(client, avond.sessie, avond.tafels[0])
    zet_klok(avond.sessie, "20:26")
    response = client.get(url(avond) + vraag, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.strip().startswith('<div id="ronde-balk"')
    return response, html


def test_when_the_round_ends_the_round_bar_offers_the_next_round(client, avond):
    _response, html = _balk_na_ronde_1(client, avond, "?ronde=1")
    assert 'href="?ronde=2"' in html
    assert "<form" not in html


def test_after_the_round_ends_an_open_page_moves_to_the_new_round_without_the_text_box(
    client, avond
):
    response, html = _balk_na_ronde_1(client, avond, "?wissel=1")
    assert "text-danger-emphasis" not in html  # no "not the current round"
    for deel in ("rondes", "idee-ronde", "overdracht", "ideeen", "opkomst", "verwacht"):
        assert f'id="{deel}"' in html
    assert html.count('hx-swap-oob="true"') == 6
    assert 'name="tekst"' not in html
    assert response["HX-Replace-Url"].endswith("?ronde=2")


def test_while_the_round_runs_the_page_asks_for_the_bar_only(client, avond):
    host_client(client, avond.sessie, avond.tafels[0])
    response = client.get(url(avond) + "?wissel=1", HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert html.strip().startswith('<div id="ronde-balk"') and "hx-swap-oob" not in html
    assert 'hx-get="?wissel=1"' in html
