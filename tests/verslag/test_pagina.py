"""The organiser's report page, the downloads, publishing, the public report and the series."""

from __future__ import annotations

import io
import zipfile
from unittest import mock

import pytest
from django.test import Client
from django.urls import reverse

from sessie.models import Sessie, Toegang
from tests.builders import make_sessie, make_toegang, make_user, organiser_client
from verslag.models import Publicatie, Traject
from verslag.renderers import FORMATEN, RendererNietBeschikbaar
from verslag.renderers.datasets import DATASETS, OPENBAAR

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisator(client, noord):
    return organiser_client(client, noord, username="karin")


def download_url(sessie, editie="organisator", formaat="pdf"):
    return reverse("verslag:download", args=[sessie.slug, editie, formaat])


# The organiser's page


def test_the_page_lists_every_edition_format_and_data_set(organisator, noord):
    response = organisator.get(reverse("verslag:overzicht", args=[noord.slug]))
    assert response.status_code == 200
    html = response.text
    assert html.count("<h1") == 1
    for editie in ("openbaar", "organisator"):
        for formaat in ("html", "xlsx", "json"):
            assert download_url(noord, editie, formaat) in html
        assert f'name="editie" value="{editie}"' in html
    for formaat in ("pdf", "odt", "docx"):  # made in the background (test_bestand.py)
        assert html.count(f'name="formaat" value="{formaat}"') == 2
    assert html.count(reverse("verslag:aanvragen", args=[noord.slug])) == 2
    for naam in DATASETS:
        assert f"{download_url(noord, 'organisator', 'csv')}?dataset={naam}" in html
    for naam in set(DATASETS) - set(OPENBAAR):
        assert f"{download_url(noord, 'openbaar', 'csv')}?dataset={naam}" not in html
    assert "concept" in html.lower()  # the demo evening is not finished
    assert reverse("verslag:publiceren", args=[noord.slug]) in html


def test_the_page_says_the_report_is_final_once_the_evening_is_finished(organisator, noord):
    noord.status = Sessie.Status.AFGELOPEN
    noord.save()
    html = organisator.get(reverse("verslag:overzicht", args=[noord.slug])).text
    assert "definitieve verslag" in html


def test_the_page_is_linked_from_the_organiser_nav(organisator, noord):
    html = organisator.get(reverse("wijkavond:organiser_sessie", args=[noord.slug])).text
    assert reverse("verslag:overzicht", args=[noord.slug]) in html


@pytest.mark.parametrize("naam", ["verslag:overzicht", "verslag:download", "verslag:publiceren"])
def test_it_is_for_the_sessions_organisers_only(client, noord, tafel, naam):
    kwargs = {"slug": noord.slug}
    if naam == "verslag:download":
        kwargs |= {"editie": "organisator", "formaat": "csv"}
    url = reverse(naam, kwargs=kwargs)
    methode = client.post if naam == "verslag:publiceren" else client.get
    assert methode(url).status_code == 302  # to the login
    ander = make_user(username="ander")
    make_sessie(organisator=ander, slug="ander")
    client.force_login(ander)
    assert methode(url).status_code == 404
    client.logout()
    for rol in Toegang.Rol.values:
        vrijwilliger = Client()
        _, token = make_toegang(
            noord, rol=rol, tafel=tafel if rol == Toegang.Rol.TAFELHOST else None
        )
        vrijwilliger.get(f"/toegang/{token}/")
        methode = vrijwilliger.post if naam == "verslag:publiceren" else vrijwilliger.get
        assert methode(url).status_code == 302, rol
    assert not Publicatie.objects.exists()


# Downloads


@pytest.mark.parametrize("formaat", [f for f in FORMATEN if f != "pdf"])
def test_each_format_downloads_as_an_attachment_that_no_cache_keeps(organisator, noord, formaat):
    response = organisator.get(
        download_url(noord, "openbaar", formaat), {"download": "1"} if formaat == "html" else {}
    )
    assert response.status_code == 200
    assert response["Content-Type"] == FORMATEN[formaat].content_type
    naam = f"verslag-{noord.slug}-openbaar"
    if formaat == "csv":
        naam += "-ideeen"
    assert response["Content-Disposition"] == f'attachment; filename="{naam}.{formaat}"'
    assert "no-store" in response["Cache-Control"]
    if formaat in ("odt", "docx", "xlsx"):
        assert zipfile.ZipFile(io.BytesIO(response.content)).testzip() is None


def test_the_pdf_downloads(organisator, noord, geheim):
    response = organisator.get(download_url(noord, "organisator", "pdf"))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    assert response["Content-Disposition"].endswith('.pdf"')


def test_without_weasyprint_the_page_says_so_and_the_print_view_remains(organisator, noord):
    fout = RendererNietBeschikbaar("De PDF kan op deze server niet worden gemaakt.")
    with mock.patch("verslag.renderers.pdf._weasyprint", side_effect=fout):
        response = organisator.get(download_url(noord, "organisator", "pdf"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("verslag:overzicht", args=[noord.slug])
    assert "De PDF kan op deze server niet worden gemaakt." in response.text
    assert download_url(noord, "organisator", "html") in response.text


def test_the_html_edition_opens_in_the_browser_with_its_own_style_policy(organisator, noord):
    response = organisator.get(download_url(noord, "organisator", "html"))
    assert response.status_code == 200
    assert "Content-Disposition" not in response
    assert response.text.count("<h1") == 1
    policy = response["Content-Security-Policy"]
    assert "style-src 'unsafe-inline'" in policy and "script-src 'none'" in policy


def test_the_organiser_edition_has_consenting_contacts_and_the_public_one_none(
    organisator, noord, geheim
):
    organisatie = organisator.get(download_url(noord, "organisator", "html")).text
    openbaar = organisator.get(download_url(noord, "openbaar", "html")).text
    assert "Zwaantje Geheim" in organisatie and "0612345678" in organisatie
    assert "Een buurtkamer in de bibliotheek" in openbaar
    assert "Zwaantje" not in openbaar and "0612345678" not in openbaar


@pytest.mark.parametrize(
    "editie,formaat,query",
    [
        ("geheim", "pdf", {}),
        ("organisator", "exe", {}),
        ("openbaar", "csv", {"dataset": "deelnemers"}),  # personal data: organiser edition only
        ("organisator", "csv", {"dataset": "onzin"}),
    ],
)
def test_a_bad_edition_format_or_data_set_is_not_found(organisator, noord, editie, formaat, query):
    assert organisator.get(download_url(noord, editie, formaat), query).status_code == 404


def test_the_csv_data_set_is_chosen_by_name(organisator, noord, geheim):
    response = organisator.get(download_url(noord, "organisator", "csv"), {"dataset": "deelnemers"})
    assert response["Content-Disposition"].endswith('-deelnemers.csv"')
    assert "Zwaantje Geheim" in response.content.decode("utf-8-sig")


def test_downloads_reject_a_post(organisator, noord):
    assert organisator.post(download_url(noord, "openbaar", "json")).status_code == 405


# Publishing and the public report


def test_before_publishing_the_public_report_is_not_found(client, noord, geheim):
    assert client.get(reverse("verslag:openbaar", args=[noord.slug])).status_code == 404
    detail = client.get(reverse("wijkavond:detail", args=[noord.slug])).text
    assert reverse("verslag:openbaar", args=[noord.slug]) not in detail


def test_publishing_links_the_public_report_from_the_session_page(organisator, noord, geheim):
    response = organisator.post(reverse("verslag:publiceren", args=[noord.slug]))
    assert response.status_code == 302
    publicatie = Publicatie.objects.get(sessie=noord)
    assert publicatie.door.username == "karin"
    bezoeker = Client()
    detail = bezoeker.get(reverse("wijkavond:detail", args=[noord.slug])).text
    assert reverse("verslag:openbaar", args=[noord.slug]) in detail
    openbaar = bezoeker.get(reverse("verslag:openbaar", args=[noord.slug]))
    assert openbaar.status_code == 200
    assert "Een buurtkamer in de bibliotheek" in openbaar.text
    assert "Zwaantje" not in openbaar.text and "zwaantje@" not in openbaar.text
    assert openbaar.text.count("<h1") == 1


def test_publishing_again_moves_the_moment(organisator, noord):
    url = reverse("verslag:publiceren", args=[noord.slug])
    organisator.post(url)
    eerste = Publicatie.objects.get().gepubliceerd_op
    organisator.post(url)
    assert Publicatie.objects.count() == 1
    assert Publicatie.objects.get().gepubliceerd_op >= eerste


def test_publishing_rejects_a_get(organisator, noord):
    assert organisator.get(reverse("verslag:publiceren", args=[noord.slug])).status_code == 405
    assert not Publicatie.objects.exists()


def test_a_published_report_of_a_draft_session_stays_hidden_from_the_public(client, noord):
    noord.status = Sessie.Status.CONCEPT
    noord.save()
    Publicatie.publiceer(sessie=noord, door=None)
    assert client.get(reverse("verslag:openbaar", args=[noord.slug])).status_code == 404


# The series


@pytest.fixture
def reeks(noord, geheim):
    tweede = make_sessie(slug="zuid", titel="Brede sessie Zuid", gebied="Zuid")
    traject = Traject.objects.create(naam="Brede sessies", gemeente="Voorbeeldstad", slug="brede")
    traject.sessies.add(noord, tweede)
    return traject


def test_the_series_shows_each_theme_across_the_districts(organisator, noord, reeks):
    response = organisator.get(reverse("verslag:reeks", args=[reeks.slug]))
    assert response.status_code == 200
    html = response.text
    assert html.count("<h1") == 1
    for thema in noord.thematafels.all():
        assert thema.naam in html
    assert "Noord" in html and "Zuid" in html
    assert "Zwaantje" not in html


def test_the_series_downloads_as_xlsx(organisator, noord, reeks):
    response = organisator.get(reverse("verslag:reeks_xlsx", args=[reeks.slug]))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    inhoud = zipfile.ZipFile(io.BytesIO(response.content))
    strings = inhoud.read("xl/sharedStrings.xml").decode()
    assert noord.thematafels.first().naam in strings and "Zuid" in strings
    assert len([n for n in inhoud.namelist() if n.startswith("xl/worksheets/sheet")]) == 3


def test_the_series_is_for_organisers_of_its_evenings(client, reeks):
    url = reverse("verslag:reeks", args=[reeks.slug])
    assert client.get(url).status_code == 302
    client.force_login(make_user(username="buitenstaander"))
    assert client.get(url).status_code == 404
    assert client.get(reverse("verslag:reeks", args=["bestaat-niet"])).status_code == 404


def test_the_series_puts_each_districts_key_points_side_by_side(django_assert_num_queries):
    from tests.verslag.test_bouw import gesimuleerd
    from thematafels.models import Idee
    from verslag.reeks import bouw_reeks

    noord, zuid = gesimuleerd(4, deelnemers=20, ideeen=30), gesimuleerd(5, deelnemers=30)
    traject = Traject.objects.create(naam="Reeks", gemeente="Simulatiestad", slug="reeks")
    traject.sessies.add(noord, zuid)
    with django_assert_num_queries(5):
        reeks = bouw_reeks(traject)
    assert [a.titel for a in reeks.avonden] == [noord.titel, zuid.titel]
    for thema in reeks.themas:
        for sessie, punten in zip((noord, zuid), thema.kernpunten, strict=True):
            verwacht = Idee.objects.zichtbaar().filter(
                sessie=sessie, kernpunt=True, tafel__thematafel__naam=thema.naam
            )
            assert {k.tekst for k in punten} == set(verwacht.values_list("tekst", flat=True))
        assert thema.aantallen == tuple(
            Idee.objects.zichtbaar().filter(sessie=s, tafel__thematafel__naam=thema.naam).count()
            for s in (noord, zuid)
        )
    assert sum(sum(c.aantallen) for c in reeks.categorieen) > 0
