"""The organiser's registrations: list, filters, numbers, chart, exports; and volunteer links."""

import datetime as dt
import io
import random
import re

import pytest
import xlsxwriter  # noqa: F401 - the export's engine must be installed
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from aanmelden.models import Aanmelding
from aanmelden.simulatie import vul
from sessie.models import Toegang
from sessie.privacy import vergeet_oude_sessies
from sessie.simulatie import Aantallen
from tests.builders import (
    make_aanmelding,
    make_sessie,
    make_tafel,
    make_thematafel,
    make_user,
)
from thematafels.models import Tafeltoegang

pytestmark = pytest.mark.django_db


def org_url(sessie, naam="aanmelden:aanmeldingen", **kw):
    return reverse(naam, kwargs={"slug": sessie.slug, **kw})


def test_anonymous_goes_to_login_and_another_organiser_gets_404(client, sessie):
    for url in (org_url(sessie), org_url(sessie, "wijkavond:toegangen")):
        assert client.get(url).status_code == 302
        client.force_login(make_user())
        assert client.get(url).status_code == 404
        client.logout()
    client.force_login(make_user())
    assert (
        client.get(org_url(sessie, "aanmelden:aanmeldingen_export", formaat="csv")).status_code
        == 404
    )


def test_list_counts_by_role_and_table_and_draws_a_chart(ingelogd, sessie):
    tafel = make_thematafel(sessie, naam="Groen")
    make_aanmelding(sessie, naam="Anouk", rol="Bewoner", voorkeur_1=tafel)
    make_aanmelding(sessie, naam="Bram", rol="Bewoner")
    make_aanmelding(sessie, naam="Chaima", rol="Ondernemer", geannuleerd=timezone.now())
    response = ingelogd.get(org_url(sessie))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in html and "grafiek-staaf" in html
    rollen = dict(response.context["per_rol"])
    assert rollen == {"Bewoner": 2}
    assert response.context["per_tafel"][0][1:] == (1, 0)
    assert "Anouk" in html and "Chaima" not in html


def test_filters_and_htmx_partial(ingelogd, sessie):
    make_aanmelding(sessie, naam="Anouk", rol="Bewoner", broodje="ja")
    make_aanmelding(sessie, naam="Bram", rol="Ondernemer")
    make_aanmelding(sessie, naam="Chaima", geannuleerd=timezone.now())
    response = ingelogd.get(org_url(sessie), {"rol": "Ondernemer"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "<html" not in html and "Bram" in html and "Anouk" not in html
    html = ingelogd.get(org_url(sessie), {"broodje": "ja"}).content.decode()
    assert "Anouk" in html and "Bram" not in html
    html = ingelogd.get(org_url(sessie), {"status": "geannuleerd"}).content.decode()
    assert "Chaima" in html and "Anouk" not in html


def test_list_query_count_does_not_grow(ingelogd, sessie, django_assert_num_queries):
    tafel = make_thematafel(sessie)
    for _ in range(3):
        make_aanmelding(sessie, voorkeur_1=tafel)
    with django_assert_num_queries(13) as vooraf:
        ingelogd.get(org_url(sessie))
    for _ in range(30):
        make_aanmelding(sessie, voorkeur_1=tafel)
    with django_assert_num_queries(len(vooraf.captured_queries)):
        ingelogd.get(org_url(sessie))


def test_csv_export_neutralises_formulas(ingelogd, sessie):
    make_aanmelding(sessie, naam='=HYPERLINK("http://x")', organisatie="+31 club")
    response = ingelogd.get(org_url(sessie, "aanmelden:aanmeldingen_export", formaat="csv"))
    tekst = response.content.decode("utf-8-sig")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert "'=HYPERLINK" in tekst and "'+31 club" in tekst


def test_xlsx_export_is_a_workbook(ingelogd, sessie):
    make_aanmelding(sessie, naam="Anouk")
    response = ingelogd.get(org_url(sessie, "aanmelden:aanmeldingen_export", formaat="xlsx"))
    assert response.status_code == 200
    assert response.content[:2] == b"PK"
    assert "aanmeldingen-" in response["Content-Disposition"]


def test_unknown_export_format_is_404(ingelogd, sessie):
    assert (
        ingelogd.get(org_url(sessie, "aanmelden:aanmeldingen_export", formaat="pdf")).status_code
        == 404
    )


# Volunteer links -----------------------------------------------------------------------------


def test_make_a_link_shows_it_once_with_a_qr(ingelogd, sessie):
    response = ingelogd.post(
        org_url(sessie, "wijkavond:toegang_maken"), {"rol": "deur", "label": "Voordeur"}
    )
    assert response.status_code == 302
    toegang = Toegang.objects.get()
    link = re.compile(r"/toegang/[\w-]{40,}/")
    html = ingelogd.get(org_url(sessie, "wijkavond:toegangen")).content.decode()
    assert link.search(html) and "<svg" in html
    assert Toegang.vind(link.search(html).group(0).split("/")[2]) == toegang
    html = ingelogd.get(org_url(sessie, "wijkavond:toegangen")).content.decode()
    assert not link.search(html)
    assert toegang.label == "Voordeur"
    assert not Tafeltoegang.objects.filter(toegang=toegang).exists()


def test_a_table_host_link_needs_a_table(ingelogd, sessie):
    response = ingelogd.post(
        org_url(sessie, "wijkavond:toegang_maken"), {"rol": "tafelhost", "label": "Host"}
    )
    assert response.status_code == 400
    assert 'value="Host"' in response.content.decode()
    tafel = make_tafel(make_thematafel(sessie))
    response = ingelogd.post(
        org_url(sessie, "wijkavond:toegang_maken"), {"rol": "tafelhost", "tafel": tafel.pk}
    )
    assert response.status_code == 302
    assert Toegang.objects.get().tafeltoegang.tafel == tafel


def test_a_table_of_another_session_is_refused(ingelogd, sessie):
    vreemd = make_tafel(make_thematafel(make_sessie()))
    response = ingelogd.post(
        org_url(sessie, "wijkavond:toegang_maken"), {"rol": "tafelhost", "tafel": vreemd.pk}
    )
    assert response.status_code == 400


def test_renew_and_revoke(ingelogd, sessie, client):
    toegang, token = Toegang.uitgeven(sessie=sessie, rol="deur")
    ingelogd.post(org_url(sessie, "wijkavond:toegang_vernieuwen", pk=toegang.pk))
    assert Toegang.vind(token) is None
    ingelogd.post(org_url(sessie, "wijkavond:toegang_intrekken", pk=toegang.pk))
    toegang.refresh_from_db()
    assert toegang.ingetrokken is not None
    assert (
        ingelogd.get(org_url(sessie, "wijkavond:toegang_intrekken", pk=toegang.pk)).status_code
        == 405
    )


def test_another_sessions_link_cannot_be_revoked(ingelogd, sessie):
    toegang, _ = Toegang.uitgeven(sessie=make_sessie(), rol="deur")
    assert (
        ingelogd.post(org_url(sessie, "wijkavond:toegang_intrekken", pk=toegang.pk)).status_code
        == 404
    )


def test_organiser_page_links_registration_screens(ingelogd, sessie):
    html = ingelogd.get(org_url(sessie, "wijkavond:organiser_sessie")).content.decode()
    assert org_url(sessie, "aanmelden:aanmelden") in html and org_url(sessie) in html


# Retention and simulation ----------------------------------------------------------------------


def test_retention_erases_personal_data_of_old_sessions_and_keeps_counts():
    oud = make_sessie(datum=timezone.localdate() - dt.timedelta(days=100))
    nieuw = make_sessie()
    a, tokens = make_aanmelding(oud, telefoon="0612345678", rol="Bewoner", broodje="ja")
    b, _ = make_aanmelding(nieuw)
    uit = io.StringIO()
    call_command("vergeet", stdout=uit)
    a.refresh_from_db()
    b.refresh_from_db()
    assert a.naam == a.email == a.telefoon == ""
    # Role, neighbourhood and diet together can point at one person: they go too (issue 15).
    assert a.rol == "" and a.broodje == "ja"
    assert Aanmelding.vind(tokens["token"]) is None
    assert b.naam != ""
    assert "1 registrations" in uit.getvalue()
    morgen = timezone.localdate() + dt.timedelta(days=1)
    # only the new one is left to erase
    assert vergeet_oude_sessies(ouder_dan=morgen)["registrations"] == 1


def test_simulation_is_deterministic_and_fictitious():
    een, twee = make_sessie(), make_sessie()
    for s in (een, twee):
        make_thematafel(s)
        make_thematafel(s)
        vul(sessie=s, rng=random.Random("7-sessie"), aantallen=Aantallen(deelnemers=15))
    namen = list(een.aanmeldingen.values_list("naam", "email", "broodje"))
    assert namen == list(twee.aanmeldingen.values_list("naam", "email", "broodje"))
    assert len(namen) == 15
    assert all(email.endswith("@example.invalid") for _n, email, _b in namen)


def test_simulation_respects_the_number_of_sandwiches():
    sessie = make_sessie(broodjes=3)
    vul(sessie=sessie, rng=random.Random("1-sessie"), aantallen=Aantallen(deelnemers=20))
    assert sessie.aanmeldingen.filter(broodje=Aanmelding.Broodje.JA).count() == 3
    assert sessie.aanmeldingen.filter(broodje=Aanmelding.Broodje.WACHTLIJST).exists()
