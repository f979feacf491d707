"""The answer workflow pages (organisers), the public answers page and the export."""

import io

import pytest
import xlsxwriter  # noqa: F401  (the export's writer must be importable)
from django.core import mail

from informatiepunt.models import Vraag
from sessie.models import Sessie
from tests.builders import make_sessie, make_user, make_vraag

pytestmark = pytest.mark.django_db


def vraag_url(vraag, actie=""):
    return f"/s/{vraag.sessie.slug}/informatiepunt/vragen/{vraag.pk}/{actie}"


def test_organiser_assigns_answers_and_sends_feedback_through_the_pages(als_organisator, sessie):
    vraag = make_vraag(sessie, email="a@example.invalid", wil_antwoord=True)
    r = als_organisator.post(vraag_url(vraag, "toewijzen/"), {"toegewezen_aan": "Team Geld"})
    assert r.status_code == 302
    als_organisator.post(vraag_url(vraag, "beantwoorden/"), {"antwoord": "U kunt het aanvragen."})
    vraag.refresh_from_db()
    assert vraag.status == Vraag.Status.BEANTWOORD
    r = als_organisator.post(f"/s/{sessie.slug}/informatiepunt/terugkoppelen/", follow=True)
    assert len(mail.outbox) == 1
    vraag.refresh_from_db()
    assert vraag.status == Vraag.Status.TERUGGEKOPPELD
    html = als_organisator.get(vraag_url(vraag)).content.decode()
    assert "Team Geld" in html and "U kunt het aanvragen." in html


def test_staff_may_not_assign_answer_or_send(medewerker, sessie):
    vraag = make_vraag(sessie)
    for actie, data in (
        ("toewijzen/", {"toegewezen_aan": "X"}),
        ("beantwoorden/", {"antwoord": "Y"}),
    ):
        response = medewerker.post(vraag_url(vraag, actie), data)
        assert response.status_code == 302 and "/inloggen/" in response.url
    assert medewerker.post(f"/s/{sessie.slug}/informatiepunt/terugkoppelen/").status_code == 302
    vraag.refresh_from_db()
    assert vraag.status == Vraag.Status.NIEUW


def test_another_sessions_organiser_gets_404(client, sessie):
    client.force_login(make_user())
    vraag = make_vraag(sessie)
    assert client.post(vraag_url(vraag, "toewijzen/"), {"toegewezen_aan": "X"}).status_code == 404


def test_workflow_steps_are_post_only(als_organisator, sessie):
    vraag = make_vraag(sessie)
    for actie in ("toewijzen/", "beantwoorden/", "heropenen/"):
        assert als_organisator.get(vraag_url(vraag, actie)).status_code == 405


def test_an_empty_answer_is_400(als_organisator, sessie):
    vraag = make_vraag(sessie, status=Vraag.Status.IN_BEHANDELING)
    response = als_organisator.post(vraag_url(vraag, "beantwoorden/"), {"antwoord": ""})
    assert response.status_code == 400
    vraag.refresh_from_db()
    assert vraag.status == Vraag.Status.IN_BEHANDELING


def test_a_step_out_of_order_is_refused_with_a_message(als_organisator, sessie):
    vraag = make_vraag(sessie)
    response = als_organisator.post(
        vraag_url(vraag, "beantwoorden/"), {"antwoord": "Te vroeg"}, follow=True
    )
    assert response.status_code == 200
    vraag.refresh_from_db()
    assert vraag.status == Vraag.Status.NIEUW and vraag.antwoord == ""


def test_public_answers_show_approved_answers_by_topic_and_no_personal_data(
    client, sessie, categorie
):
    make_vraag(
        sessie, categorie=categorie, tekst="Hoe werkt het budget?", antwoord="Zo werkt het.",
        status=Vraag.Status.BEANTWOORD, naam="Geheime Naam", email="geheim@example.invalid",
        wil_antwoord=True, vraagsteller="ondernemer", toegewezen_aan="Ambtenaar Jansen",
    )  # fmt: skip
    make_vraag(sessie, tekst="Nog niet beantwoord?", status=Vraag.Status.IN_BEHANDELING)
    make_vraag(sessie, tekst="Verborgen?", status=Vraag.Status.BEANTWOORD, verborgen=True)
    response = client.get(f"/s/{sessie.slug}/antwoorden/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Financiering" in html and "Hoe werkt het budget?" in html and "Zo werkt het." in html
    for privé in (
        "Geheime Naam",
        "geheim@example.invalid",
        "Ambtenaar Jansen",
        "Nog niet",
        "Verborgen?",
    ):
        assert privé not in html
    # No asker's address anywhere in the page's content (the footer's contact is the site's own).
    assert "@" not in html.split("<main", 1)[1].split("</main>", 1)[0]


def test_public_answers_of_a_draft_session_are_404(client):
    assert (
        client.get(f"/s/{make_sessie(status=Sessie.Status.CONCEPT).slug}/antwoorden/").status_code
        == 404
    )


def test_public_answers_cost_the_same_queries_for_few_and_many(
    client, sessie, categorie, django_assert_num_queries
):
    make_vraag(sessie, categorie=categorie, status=Vraag.Status.BEANTWOORD, antwoord="A")
    with django_assert_num_queries(2) as weinig:
        client.get(f"/s/{sessie.slug}/antwoorden/")
    for _ in range(30):
        make_vraag(sessie, categorie=categorie, status=Vraag.Status.BEANTWOORD, antwoord="A")
    with django_assert_num_queries(len(weinig.captured_queries)):
        client.get(f"/s/{sessie.slug}/antwoorden/")


def test_the_session_page_links_to_asking_and_answers(client, sessie, categorie):
    html = client.get(f"/s/{sessie.slug}/").content.decode()
    assert f"/s/{sessie.slug}/vraag/" in html and f"/s/{sessie.slug}/antwoorden/" in html


def test_export_csv_neutralises_formulas_and_shows_addresses_only_with_consent(
    als_organisator, sessie
):
    make_vraag(
        sessie,
        tekst='=HYPERLINK("http://evil")',
        naam="Met",
        email="met@example.invalid",
        wil_antwoord=True,
    )
    make_vraag(sessie, tekst="Gewoon", email="", naam="Zonder")
    response = als_organisator.get(f"/s/{sessie.slug}/informatiepunt/export.csv")
    tekst = response.content.decode("utf-8-sig")
    assert response["Content-Type"].startswith("text/csv")
    assert "'=HYPERLINK" in tekst
    assert "met@example.invalid" in tekst
    assert "Zonder" not in tekst


def test_export_xlsx_is_a_spreadsheet(als_organisator, sessie):
    make_vraag(sessie)
    response = als_organisator.get(f"/s/{sessie.slug}/informatiepunt/export.xlsx")
    assert response.status_code == 200
    assert io.BytesIO(response.content).read(2) == b"PK"


def test_export_is_for_organisers_only(medewerker, sessie):
    response = medewerker.get(f"/s/{sessie.slug}/informatiepunt/export.csv")
    assert response.status_code == 302
    assert "/inloggen/" in response.url


def test_unknown_export_format_is_404(als_organisator, sessie):
    assert als_organisator.get(f"/s/{sessie.slug}/informatiepunt/export.pdf").status_code == 404


def test_questions_without_a_topic_come_last(client, sessie, categorie):
    make_vraag(sessie, tekst="Zonder onderwerp?", antwoord="A", status=Vraag.Status.BEANTWOORD)
    make_vraag(
        sessie, categorie=categorie, tekst="Met onderwerp?", antwoord="B",
        status=Vraag.Status.BEANTWOORD,
    )  # fmt: skip
    html = client.get(f"/s/{sessie.slug}/antwoorden/").content.decode()
    assert html.index("Met onderwerp?") < html.index("Zonder onderwerp?")


def test_the_organiser_publishes_the_question_in_their_own_words(als_organisator, sessie, client):
    vraag = make_vraag(sessie, tekst="Ik ben Jan de Wit, 0612345678: krijgt mijn buurt geld?")
    als_organisator.post(vraag_url(vraag, "toewijzen/"), {"toegewezen_aan": "Team Geld"})
    formulier = als_organisator.get(vraag_url(vraag)).content.decode()
    assert "0612345678" in formulier  # the box starts with the asker's words, to edit
    als_organisator.post(
        vraag_url(vraag, "beantwoorden/"),
        {"openbare_tekst": "Krijgt een buurt geld?", "antwoord": "Ja, via het wijkbudget."},
    )
    vraag.refresh_from_db()
    assert vraag.openbare_tekst == "Krijgt een buurt geld?"
    assert "0612345678" in vraag.tekst  # the inventory keeps the original
    openbaar = client.get(f"/s/{sessie.slug}/antwoorden/").content.decode()
    assert "Krijgt een buurt geld?" in openbaar
    assert "0612345678" not in openbaar and "Jan de Wit" not in openbaar
