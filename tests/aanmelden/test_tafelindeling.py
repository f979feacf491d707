"""The table plan's pages: the organiser's screen and its actions, print sheets, "waar zit ik?",
the personal page, the door's walk-ins and the table host's list of who is expected."""

import re
import uuid

import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.urls import reverse
from django.utils import timezone, translation

from aanmelden import indeling
from aanmelden.models import Aanmelding, Plaatsing, Tafelplan
from sessie.models import Sessie, Toegang
from tests.builders import host_client, make_aanmelding, make_toegang, make_user, organiser_client

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _in_english(client):
    """The texts below are the English msgids, whatever the Dutch catalogue says."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def organisator(client, noord):
    return organiser_client(client, noord)


def url(sessie, naam="aanmelden:tafelindeling"):
    return reverse(naam, kwargs={"slug": sessie.slug})


def binnen(sessie, aantal=6, **velden):
    themas = list(sessie.thematafels.order_by("nummer"))
    mensen = []
    for i in range(aantal):
        aanmelding, _ = make_aanmelding(
            sessie,
            naam=velden.pop("naam", f"Persoon{i} Achternaam{i}"),
            ingecheckt=timezone.now(),
            voorkeur_1=themas[i % 3],
            voorkeur_2=themas[(i + 1) % 3],
            **velden,
        )
        mensen.append(aanmelding)
    return mensen


ACTIES = [
    "aanmelden:tafelindeling_maken",
    "aanmelden:tafelindeling_nieuwkomers",
    "aanmelden:tafelindeling_verplaatsen",
    "aanmelden:tafelindeling_publiceren",
]
PAGINAS = [
    "aanmelden:tafelindeling",
    "aanmelden:tafelindeling_afdrukken",
    "aanmelden:tafelindeling_badges",
]


@pytest.mark.parametrize("naam", PAGINAS + ACTIES)
def test_only_the_organiser_gets_in(client, noord, naam):
    response = client.get(url(noord, naam)) if naam in PAGINAS else client.post(url(noord, naam))
    assert response.status_code == 302
    assert response["Location"].startswith(resolve_url(settings.LOGIN_URL))
    # A volunteer at the door is no organiser, nor an organiser of another session.
    client.force_login(make_user())
    _, token = make_toegang(noord, Toegang.Rol.DEUR)
    client.get(reverse("sessie:toegang", kwargs={"token": token}))
    response = client.get(url(noord, naam)) if naam in PAGINAS else client.post(url(noord, naam))
    assert response.status_code == 404


@pytest.mark.parametrize("naam", ACTIES)
def test_actions_refuse_get(organisator, noord, naam):
    assert organisator.get(url(noord, naam)).status_code == 405


@pytest.mark.parametrize("naam", PAGINAS)
def test_pages_refuse_post(organisator, noord, naam):
    assert organisator.post(url(noord, naam)).status_code == 405


def test_without_a_plan_the_page_offers_to_make_one(organisator, noord):
    response = organisator.get(url(noord))
    assert response.status_code == 200
    html = response.text
    assert html.count("<h1") == 1
    assert "There is no plan yet." in html
    # At the evening itself the choice starts at those checked in.
    assert re.search(r'<input[^>]*value="aanwezig"[^>]*checked', html)


def test_making_publishing_and_the_figures(organisator, noord):
    mensen = binnen(noord)
    response = organisator.post(url(noord, "aanmelden:tafelindeling_maken"), {"bron": "aanwezig"})
    assert response.status_code == 302
    assert Plaatsing.objects.count() == 2 * len(mensen)
    html = organisator.get(url(noord)).text
    assert "Both preferences" in html and "100%" in html
    assert mensen[0].naam in html
    assert "Not published" in html
    organisator.post(url(noord, "aanmelden:tafelindeling_publiceren"))
    assert Tafelplan.objects.get(sessie=noord).gepubliceerd is not None
    html = organisator.get(url(noord)).text
    assert "Withdraw the plan" in html and reverse("aanmelden:waar_zit_ik", args=[noord.slug])
    # Published: making it again is refused, the plan stays.
    response = organisator.post(url(noord, "aanmelden:tafelindeling_maken"), {"bron": "aanwezig"})
    assert response.status_code == 400
    assert "withdraw" in response.text
    organisator.post(url(noord, "aanmelden:tafelindeling_publiceren"), {"intrekken": "1"})
    assert Tafelplan.objects.get(sessie=noord).gepubliceerd is None


@pytest.mark.parametrize("bron", ["", "iedereen", "\x00"])
def test_making_a_plan_with_bad_input_says_why(organisator, noord, bron):
    response = organisator.post(url(noord, "aanmelden:tafelindeling_maken"), {"bron": bron})
    assert response.status_code == 400
    assert 'role="alert"' in response.text
    assert not Tafelplan.objects.exists()


def test_making_a_plan_with_nobody_checked_in_says_so(organisator, noord):
    response = organisator.post(url(noord, "aanmelden:tafelindeling_maken"), {"bron": "aanwezig"})
    assert response.status_code == 400
    assert "Nobody is checked in yet" in response.text


def test_a_refused_move_shows_the_reason_next_to_the_field_and_keeps_the_choice(organisator, noord):
    persoon = binnen(noord, 1)[0]
    indeling.maak_plan(sessie=noord, bron="aanwezig")
    ronde1, ronde2 = noord.rondes.order_by("nummer")
    eerste = Plaatsing.objects.get(aanmelding=persoon, ronde=ronde1).tafel
    data = {"persoon": persoon.pk, "ronde": ronde2.pk, "tafel": eerste.pk}
    response = organisator.post(url(noord, "aanmelden:tafelindeling_verplaatsen"), data)
    assert response.status_code == 400
    html = response.text
    assert "al bij dit thema" in html and persoon.naam in html
    assert 'id="id_tafel-fout"' in html
    assert f'<option value="{eerste.pk}" selected>' in html
    assert f'<option value="{persoon.pk}" selected>' in html
    # With htmx, only the plan's region comes back (a 400, which the project's htmx swaps).
    response = organisator.post(
        url(noord, "aanmelden:tafelindeling_verplaatsen"), data, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 400
    assert response.text.strip().startswith('<div id="indeling">')
    assert "al bij dit thema" in response.text
    assert Plaatsing.objects.get(aanmelding=persoon, ronde=ronde2).tafel != eerste


def test_an_allowed_move_moves(organisator, noord):
    persoon = binnen(noord, 1)[0]
    indeling.maak_plan(sessie=noord, bron="aanwezig")
    ronde2 = noord.rondes.get(nummer=2)
    bezet = {p.tafel_id for p in Plaatsing.objects.filter(aanmelding=persoon)}
    vrij = next(t for t in indeling._tafels(noord) if t.pk not in bezet)
    data = {"persoon": persoon.pk, "ronde": ronde2.pk, "tafel": vrij.pk}
    response = organisator.post(
        url(noord, "aanmelden:tafelindeling_verplaatsen"), data, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200 and "Moved." in response.text
    assert Plaatsing.objects.get(aanmelding=persoon, ronde=ronde2).tafel == vrij
    response = organisator.post(url(noord, "aanmelden:tafelindeling_verplaatsen"), data)
    assert response.status_code == 302


@pytest.mark.parametrize("waarde", ["", "abc", "999999", "\x00"])
def test_a_move_with_nonsense_is_refused(organisator, noord, waarde):
    binnen(noord, 1)
    indeling.maak_plan(sessie=noord, bron="aanwezig")
    data = {"persoon": waarde, "ronde": waarde, "tafel": waarde}
    response = organisator.post(url(noord, "aanmelden:tafelindeling_verplaatsen"), data)
    assert response.status_code == 400


def test_newcomers_from_the_page(organisator, noord):
    binnen(noord, 3)
    response = organisator.post(url(noord, "aanmelden:tafelindeling_nieuwkomers"))
    assert response.status_code == 400 and "no plan" in response.text
    indeling.maak_plan(sessie=noord, bron="aanwezig")
    laat = binnen(noord, 1, naam="Laatkomer Xander")[0]
    response = organisator.post(url(noord, "aanmelden:tafelindeling_nieuwkomers"), follow=True)
    assert "1 newcomer has a seat now." in response.text
    assert Plaatsing.objects.filter(aanmelding=laat).count() == 2


def test_publishing_without_a_plan_says_so(organisator, noord):
    response = organisator.post(url(noord, "aanmelden:tafelindeling_publiceren"))
    assert response.status_code == 400


@pytest.mark.parametrize("aantal", [3, 30])
def test_the_organisers_page_costs_a_constant_number_of_queries(
    organisator, noord, django_assert_num_queries, aantal
):
    binnen(noord, aantal)
    indeling.maak_plan(sessie=noord, bron="aanwezig")
    # Session, organiser check, plan, rounds, tables, people, their seats; the auth session
    # and user.
    with django_assert_num_queries(9):
        assert organisator.get(url(noord)).status_code == 200


def test_print_sheets_one_per_table_per_round(organisator, noord):
    mensen = binnen(noord, 4)
    indeling.maak_plan(sessie=noord, bron="aanwezig")
    html = organisator.get(url(noord, "aanmelden:tafelindeling_afdrukken")).text
    assert html.count('class="tafelblad"') == 3 * 2
    assert all(m.naam in html for m in mensen)


def test_badges_show_the_organisation_only_with_consent(organisator, noord):
    binnen(noord, 1, naam="Mila Met", organisatie="Buurtkracht", toestemming_netwerk=True)
    binnen(noord, 1, naam="Zeno Zonder", organisatie="Geheimclub", toestemming_netwerk=False)
    indeling.maak_plan(sessie=noord, bron="aanwezig")
    response = organisator.get(url(noord, "aanmelden:tafelindeling_badges"))
    html = response.text
    assert "Mila Met" in html and "Zeno Zonder" in html
    assert "Buurtkracht" in html and "Geheimclub" not in html
    assert html.count('class="badge-kaart"') == 2
    assert "<svg" in html  # the programme's QR
    # Never a personal link: nobody's token is on the sheet.
    assert "/mijn/" not in html


def test_waar_zit_ik_is_404_until_published_and_then_shows_short_names_only(client, noord):
    binnen(
        noord,
        1,
        naam="Anouk de Vries",
        email="anouk@example.invalid",
        telefoon="0612345678",
        organisatie="Buurtkracht",
    )
    waar = url(noord, "aanmelden:waar_zit_ik")
    assert client.get(waar).status_code == 404
    indeling.maak_plan(sessie=noord, bron="aanwezig")
    assert client.get(waar).status_code == 404
    indeling.publiceer(sessie=noord)
    response = client.get(waar)
    assert response.status_code == 200
    html = response.text
    assert "Anouk V." in html
    for prive in ("Vries", "anouk@", "0612345678", "Buurtkracht"):
        assert prive not in html
    assert "waar-zit-ik.js" in html and "<script>" not in html
    assert "HX-Request" in response["Vary"]
    fragment = client.get(waar, HTTP_HX_REQUEST="true")
    assert fragment.text.strip().startswith('<div id="waar-lijst"')


def test_waar_zit_ik_answers_204_while_nothing_changes(client, noord):
    binnen(noord, 2)
    indeling.maak_plan(sessie=noord, bron="aanwezig")
    indeling.publiceer(sessie=noord)
    versie = Sessie.objects.get(pk=noord.pk).versie
    from sessie.live import poll_url

    poll = poll_url(url(noord, "aanmelden:waar_zit_ik"), sessie=Sessie.objects.get(pk=noord.pk))
    assert client.get(poll, HTTP_HX_REQUEST="true").status_code == 204
    Sessie.bump(noord.pk)
    assert Sessie.objects.get(pk=noord.pk).versie == versie + 1
    assert client.get(poll, HTTP_HX_REQUEST="true").status_code == 200


def test_the_personal_page_shows_both_tables_once_published(client, noord):
    aanmelding, tokens = make_aanmelding(noord, ingecheckt=timezone.now())
    mijn = reverse("aanmelden:mijn", kwargs={"token": tokens["token"]})
    indeling.maak_plan(sessie=noord, bron="aanwezig")
    assert "Your tables" not in client.get(mijn).text
    indeling.publiceer(sessie=noord)
    html = client.get(mijn).text
    assert "Your tables" in html
    for plaatsing in Plaatsing.objects.filter(aanmelding=aanmelding).select_related(
        "tafel__thematafel"
    ):
        assert f"<strong>{plaatsing.tafel.naam}</strong> {plaatsing.tafel.thematafel.naam}" in html


def test_a_walk_in_after_publishing_is_placed_at_the_door(client, noord):
    binnen(noord, 4)
    indeling.maak_plan(sessie=noord, bron="aanwezig")
    _, token = make_toegang(noord, Toegang.Rol.DEUR)
    client.get(reverse("sessie:toegang", kwargs={"token": token}))
    inloop = reverse("aanmelden:deur_inloop", kwargs={"slug": noord.slug})
    # Not yet published: a walk-in waits for the organiser's "place newcomers".
    client.post(inloop, {"naam": "Vroege Inloper", "sleutel": str(uuid.uuid4())})
    assert not Plaatsing.objects.filter(aanmelding__naam="Vroege Inloper").exists()
    indeling.publiceer(sessie=noord)
    voor = set(Plaatsing.objects.values_list("aanmelding", "ronde", "tafel"))
    response = client.post(
        inloop, {"naam": "Late Inloper", "sleutel": str(uuid.uuid4())}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    late = Aanmelding.objects.get(naam="Late Inloper")
    stoelen = Plaatsing.objects.filter(aanmelding=late).select_related("tafel__thematafel")
    assert stoelen.count() == 2
    for p in stoelen:
        assert f"<strong>{p.tafel.naam}</strong> {p.tafel.thematafel.naam}" in response.text
    # Nobody else moved (the early walk-in got a seat too, at the same time).
    assert voor <= set(Plaatsing.objects.values_list("aanmelding", "ronde", "tafel"))
    # Without JavaScript: the message after the redirect names the tables too.
    response = client.post(
        inloop, {"naam": "Derde Inloper", "sleutel": str(uuid.uuid4())}, follow=True
    )
    derde = Aanmelding.objects.get(naam="Derde Inloper")
    assert Plaatsing.objects.filter(aanmelding=derde).count() == 2
    assert "Round 1" in response.text


def test_the_table_host_sees_who_is_expected_once_published(client, noord, tafel):
    mensen = binnen(noord, 6)
    indeling.maak_plan(sessie=noord, bron="aanwezig")
    host_client(client, noord, tafel)
    vastleggen = reverse("thematafels:vastleggen", args=[noord.slug, tafel.pk])
    assert "Expected at this table" not in client.get(vastleggen + "?ronde=1").text
    indeling.publiceer(sessie=noord)
    html = client.get(vastleggen + "?ronde=1").text
    ronde1 = noord.rondes.get(nummer=1)
    hier = [
        indeling.korte_naam(m.naam)
        for m in mensen
        if Plaatsing.objects.filter(aanmelding=m, ronde=ronde1, tafel=tafel).exists()
    ]
    assert hier
    assert "Expected at this table" in html
    assert f"({len(hier)})" in html
    assert all(naam in html for naam in hier)
