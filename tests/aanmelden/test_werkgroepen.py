"""Workgroups: joining (at registration, on a phone), leaving, the call, the organiser's view."""

import uuid

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from aanmelden import aanmeldingen as verbs
from aanmelden import werkgroepen as wg
from aanmelden.models import Aanmelding, Lidmaatschap, Werkgroepbericht, Werkgroepbron
from aanmelden.privacy import alle_gegevens, vergeet_persoonsgegevens
from aanmelden.vcard import tekst, vcards
from sessie.models import Sessie, Werkgroep
from tests.builders import (
    make_aanmelding,
    make_lidmaatschap,
    make_sessie,
    make_user,
    make_werkgroep,
    organiser_client,
)

pytestmark = pytest.mark.django_db

GEHEIM = "geheim@example.invalid"


@pytest.fixture
def sessie():
    return make_sessie()


@pytest.fixture
def groen(sessie):
    return Werkgroep.objects.create(sessie=sessie, naam="Werkgroep Groen", doel="Meer bomen")


@pytest.fixture
def organisator(client, sessie):
    return organiser_client(client, sessie)


def _inschrijven(sessie, werkgroepen, *, email="Anna@Example.invalid", sleutel=None, **extra):
    gegevens = {"naam": "Anna", "email": email, "telefoon": "", "organisatie": ""}
    return wg.inschrijven(
        sessie=sessie,
        sleutel=sleutel or uuid.uuid4(),
        gegevens=gegevens | {"toestemming_contact": False} | extra,
        werkgroepen=werkgroepen,
        herkomst=Lidmaatschap.Herkomst.AVOND,
    )


def _post(client, sessie, **data):
    velden = {"naam": "Anna", "email": "anna@example.invalid", "sleutel": str(uuid.uuid4())}
    return client.post(reverse("aanmelden:werkgroepen", args=[sessie.slug]), velden | data)


# Memberships


def test_the_same_key_twice_makes_one_membership(sessie, groen):
    sleutel = uuid.uuid4()
    _inschrijven(sessie, [groen], sleutel=sleutel)
    tweede = _inschrijven(sessie, [groen], sleutel=sleutel)
    assert tweede.nieuw == 0
    assert groen.lidmaatschappen.count() == 1


def test_the_same_address_in_another_case_makes_one_membership(sessie, groen):
    _inschrijven(sessie, [groen], email="Anna@Example.invalid")
    _inschrijven(sessie, [groen], email="anna@EXAMPLE.invalid")
    assert list(groen.lidmaatschappen.values_list("email", flat=True)) == ["anna@example.invalid"]


def test_a_left_member_may_join_again(sessie, groen):
    eerste = _inschrijven(sessie, [groen]).lidmaatschappen[0]
    wg.afmelden(lidmaatschap=eerste)
    _inschrijven(sessie, [groen])
    assert groen.lidmaatschappen.count() == 2
    assert groen.lidmaatschappen.actief().count() == 1


def test_joining_and_leaving_bump_the_session(sessie, groen):
    versie = Sessie.objects.get(pk=sessie.pk).versie
    lid = _inschrijven(sessie, [groen]).lidmaatschappen[0]
    assert Sessie.objects.get(pk=sessie.pk).versie == versie + 1
    wg.afmelden(lidmaatschap=lid)
    assert Sessie.objects.get(pk=sessie.pk).versie == versie + 2


def test_registration_ticks_become_memberships_and_unticking_leaves(sessie, groen):
    blauw = make_werkgroep(sessie, "Werkgroep Blauw")
    uitkomst = verbs.aanmelden(
        sessie=sessie,
        sleutel=uuid.uuid4(),
        gegevens={"naam": "Bram", "email": "bram@example.invalid"},
        broodje=False,
        werkgroepen=[groen, blauw],
    )
    aanmelding = uitkomst.aanmelding
    leden = Lidmaatschap.objects.actief().filter(aanmelding=aanmelding)
    assert {lid.werkgroep for lid in leden} == {groen, blauw}
    assert {lid.herkomst for lid in leden} == {"aanmelding"}
    verbs.wijzigen(
        aanmelding=aanmelding,
        gegevens={"naam": "Bram B."},
        broodje=False,
        werkgroepen=[blauw],
    )
    actief = Lidmaatschap.objects.actief().filter(aanmelding=aanmelding)
    assert [(lid.werkgroep, lid.naam) for lid in actief] == [(blauw, "Bram B.")]


def test_a_registration_adopts_the_membership_its_address_made_on_a_phone(sessie, groen):
    _inschrijven(sessie, [groen], email="bram@example.invalid")
    aanmelding, _ = make_aanmelding(sessie, email="bram@example.invalid")
    verbs.wijzigen(aanmelding=aanmelding, gegevens={}, broodje=False, werkgroepen=[groen])
    assert groen.lidmaatschappen.actief().get().aanmelding == aanmelding


def test_a_registration_ends_no_membership_it_does_not_own(sessie, groen):
    """Anyone can sign up with anyone's address: that must not unsubscribe its owner."""
    lid = _inschrijven(sessie, [groen], email="bram@example.invalid").lidmaatschappen[0]
    verbs.aanmelden(
        sessie=sessie,
        sleutel=uuid.uuid4(),
        gegevens={"naam": "Iemand", "email": "bram@example.invalid"},
        broodje=False,
        werkgroepen=[],
    )
    lid.refresh_from_db()
    assert lid.is_actief and lid.aanmelding is None


# The phone page


def test_sign_up_page_offers_only_open_workgroups(client, sessie, groen):
    make_werkgroep(sessie, "Dichte Groep").__class__.objects.filter(naam="Dichte Groep").update(
        open=False
    )
    html = client.get(reverse("aanmelden:werkgroepen", args=[sessie.slug])).text
    assert "Werkgroep Groen" in html and "Dichte Groep" not in html


def test_signing_up_from_a_phone_joins_and_thanks(client, sessie, groen):
    response = _post(client, sessie, werkgroepen=[groen.pk], toestemming_contact="on")
    assert response.status_code == 302
    assert response["Location"] == reverse("aanmelden:werkgroepen_bedankt", args=[sessie.slug])
    lid = groen.lidmaatschappen.get()
    assert (lid.naam, lid.toestemming_contact, lid.herkomst) == ("Anna", True, "avond")
    assert client.get(response["Location"]).status_code == 200


def test_consent_is_unchecked_by_default(client, sessie, groen):
    html = client.get(reverse("aanmelden:werkgroepen", args=[sessie.slug])).text
    assert 'name="toestemming_contact"' in html
    assert "checked" not in html.split('name="toestemming_contact"')[1].split(">")[0]
    _post(client, sessie, werkgroepen=[groen.pk])
    assert groen.lidmaatschappen.get().toestemming_contact is False


def test_a_closed_workgroup_is_refused_in_dutch_and_keeps_what_was_typed(client, sessie, groen):
    Werkgroep.objects.filter(pk=groen.pk).update(open=False)
    make_werkgroep(sessie, "Werkgroep Open")
    response = _post(client, sessie, werkgroepen=[groen.pk], naam="Anna Typt")
    assert response.status_code == 400
    assert not Lidmaatschap.objects.exists()
    assert "Anna Typt" in response.text
    assert "Werkgroep Groen neemt geen nieuwe leden meer aan." in response.text


def test_bad_input_shows_errors_next_to_the_fields(client, sessie, groen):
    response = _post(client, sessie, email="geen-adres", werkgroepen=[])
    assert response.status_code == 400
    assert "is-invalid" in response.text
    assert not Lidmaatschap.objects.exists()


def test_the_honeypot_turns_bots_away(client, sessie, groen):
    response = _post(client, sessie, werkgroepen=[groen.pk], website="http://spam")
    assert response.status_code == 400
    assert not Lidmaatschap.objects.exists()


def test_sign_up_page_refuses_other_methods(client, sessie):
    url = reverse("aanmelden:werkgroepen", args=[sessie.slug])
    assert client.put(url).status_code == 405


# The call on the projector


def test_the_call_shows_open_workgroups_with_their_count_and_a_qr(client, sessie, groen):
    make_lidmaatschap(groen)
    make_lidmaatschap(groen, afgemeld="2026-01-01T20:00:00Z")
    response = client.get(reverse("aanmelden:werkgroepen_oproep", args=[sessie.slug]))
    assert response.status_code == 200
    assert 'data-leden="1"' in response.text and "Meer bomen" in response.text
    assert "<svg" in response.text and "HX-Request" in response["Vary"]


def test_the_call_polls_a_fragment_and_answers_204_when_nothing_changed(client, sessie, groen):
    url = reverse("aanmelden:werkgroepen_oproep", args=[sessie.slug])
    sessie.refresh_from_db()
    headers = {"HX-Request": "true"}
    assert client.get(url, {"v": sessie.versie}, headers=headers).status_code == 204
    _inschrijven(sessie, [groen])
    deel = client.get(url, {"v": sessie.versie}, headers=headers)
    assert deel.status_code == 200 and 'data-leden="1"' in deel.text
    assert "<h1" not in deel.text


def test_the_call_query_count_does_not_grow_with_workgroups(
    client, sessie, groen, django_assert_num_queries
):
    for i in range(5):
        groep = make_werkgroep(sessie, f"Groep {i}")
        make_lidmaatschap(groep)
        Werkgroepbron.objects.create(werkgroep=groep)
    with django_assert_num_queries(3):
        client.get(reverse("aanmelden:werkgroepen_oproep", args=[sessie.slug]))


# Leaving


def test_the_leave_link_asks_first_then_leaves(client, sessie, groen):
    lid = make_lidmaatschap(groen)
    url = reverse("aanmelden:werkgroep_afmelden", args=[wg.afmeld_code(lid)])
    assert "Werkgroep Groen" in client.get(url).text
    lid.refresh_from_db()
    assert lid.is_actief
    assert client.post(url).status_code == 302
    lid.refresh_from_db()
    assert not lid.is_actief
    assert client.post(url).status_code == 302  # twice is once


def test_a_forged_leave_link_finds_nothing(client, sessie, groen):
    lid = make_lidmaatschap(groen)
    code = wg.afmeld_code(lid)[:-2] + "xx"
    assert client.get(reverse("aanmelden:werkgroep_afmelden", args=[code])).status_code == 404


def test_leaving_from_the_personal_page_unticks_the_registration(client, sessie, groen):
    uitkomst = verbs.aanmelden(
        sessie=sessie,
        sleutel=uuid.uuid4(),
        gegevens={"naam": "Bram", "email": "bram@example.invalid"},
        broodje=False,
        werkgroepen=[groen],
    )
    token = uitkomst.aanmelding.vernieuw_tokens()["token"]
    mijn = client.get(reverse("aanmelden:mijn", args=[token])).text
    assert "Your workgroups" in mijn or "Uw werkgroepen" in mijn
    lid = groen.lidmaatschappen.get()
    response = client.post(
        reverse("aanmelden:werkgroep_afmelden", args=[wg.afmeld_code(lid)]), {"terug": token}
    )
    assert response["Location"] == reverse("aanmelden:mijn", args=[token])
    assert not Aanmelding.objects.get(pk=uitkomst.aanmelding.pk).werkgroepen.exists()


# The organiser


def test_organiser_page_shows_contact_details_only_with_consent(
    organisator, sessie, groen, django_assert_num_queries
):
    make_lidmaatschap(groen, naam="Wel Toestemming", email="wel@example.invalid",
                      telefoon="0611111111", toestemming_contact=True)  # fmt: skip
    make_lidmaatschap(groen, naam="Geen Toestemming", email=GEHEIM, telefoon="0622222222")
    for i in range(3):
        groep = make_werkgroep(sessie, f"Groep {i}")
        make_lidmaatschap(groep)
        Werkgroepbron.objects.create(werkgroep=groep)
    url = reverse("aanmelden:werkgroepen_organiseren", args=[sessie.slug])
    with django_assert_num_queries(10):
        html = organisator.get(url).text
    assert "Wel Toestemming" in html and "wel@example.invalid" in html and "0611111111" in html
    assert "Geen Toestemming" in html
    assert GEHEIM not in html and "0622222222" not in html


def test_organiser_pages_are_for_organisers_only(client, sessie, groen):
    client.force_login(make_user(username="iemand"))
    for naam, args in (
        ("aanmelden:werkgroepen_organiseren", [sessie.slug]),
        ("aanmelden:werkgroep_wijzigen", [sessie.slug, groen.pk]),
        ("aanmelden:werkgroep_export", [sessie.slug, groen.pk, "csv"]),
    ):
        assert client.get(reverse(naam, args=args)).status_code == 404
    bericht = reverse("aanmelden:werkgroep_bericht", args=[sessie.slug, groen.pk])
    assert client.post(bericht, {"onderwerp": "x", "tekst": "y"}).status_code == 404


def test_organiser_makes_and_changes_a_workgroup(organisator, sessie):
    url = reverse("aanmelden:werkgroepen_organiseren", args=[sessie.slug])
    response = organisator.post(url, {"naam": "Nieuwe Groep", "doel": "Samen", "open": "on"})
    assert response.status_code == 302
    nieuw = Werkgroep.objects.get(naam="Nieuwe Groep")
    assert nieuw.sessie == sessie and nieuw.open
    wijzig = reverse("aanmelden:werkgroep_wijzigen", args=[sessie.slug, nieuw.pk])
    assert organisator.get(wijzig).status_code == 200
    organisator.post(wijzig, {"naam": "Nieuwe Groep", "eerste_bijeenkomst": "2027-01-15"})
    nieuw.refresh_from_db()
    assert not nieuw.open and str(nieuw.eerste_bijeenkomst) == "2027-01-15"
    fout = organisator.post(wijzig, {"naam": "", "contactpersoon": "Ria Getypt"})
    assert fout.status_code == 400 and "Ria Getypt" in fout.text


def test_exports_respect_consent(organisator, sessie, groen):
    make_lidmaatschap(groen, naam="Wel, Toestemming; ja", email="wel@example.invalid",
                      toestemming_contact=True)  # fmt: skip
    make_lidmaatschap(groen, naam="Geen Toestemming", email=GEHEIM)
    csv = organisator.get(
        reverse("aanmelden:werkgroep_export", args=[sessie.slug, groen.pk, "csv"])
    )
    assert "wel@example.invalid" in csv.text and "Geen Toestemming" in csv.text
    assert GEHEIM not in csv.text
    vcf = organisator.get(
        reverse("aanmelden:werkgroep_export", args=[sessie.slug, groen.pk, "vcf"])
    )
    assert vcf["Content-Type"] == "text/vcard"
    assert "FN:Wel\\, Toestemming\\; ja\r\n" in vcf.text
    assert "Geen Toestemming" not in vcf.text and GEHEIM not in vcf.text
    xlsx = reverse("aanmelden:werkgroep_export", args=[sessie.slug, groen.pk, "xlsx"])
    assert organisator.get(xlsx).status_code == 200
    exe = reverse("aanmelden:werkgroep_export", args=[sessie.slug, groen.pk, "exe"])
    assert organisator.get(exe).status_code == 404


def test_vcard_escapes_and_folds_per_rfc_6350():
    assert tekst("a\\b,c;d\ne") == "a\\\\b\\,c\\;d\\ne"
    lid = Lidmaatschap(naam="É" * 60, email="x@example.invalid", toestemming_contact=True,
                       werkgroep=Werkgroep(naam="W"))  # fmt: skip
    for regel in vcards([lid]).split("\r\n"):
        assert len(regel.encode()) <= 75


def test_a_message_goes_to_every_member_once_with_a_leave_link(
    organisator, sessie, groen, django_capture_on_commit_callbacks
):
    make_lidmaatschap(groen, email="een@example.invalid")
    make_lidmaatschap(groen, email="twee@example.invalid")
    make_lidmaatschap(groen, email="weg@example.invalid", afgemeld="2026-01-01T20:00:00Z")
    url = reverse("aanmelden:werkgroep_bericht", args=[sessie.slug, groen.pk])
    data = {"sleutel": str(uuid.uuid4()), "onderwerp": "Eerste keer", "tekst": "Tot dinsdag"}
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert organisator.post(url, data).status_code == 302
        assert organisator.post(url, data).status_code == 302  # a retry sends nothing again
    assert sorted(m.to[0] for m in mail.outbox) == ["een@example.invalid", "twee@example.invalid"]
    assert all("/werkgroep/afmelden/" in m.body and "Tot dinsdag" in m.body for m in mail.outbox)
    assert Werkgroepbericht.objects.get().verstuurd_aan.count() == 2


def test_a_message_without_text_is_refused_and_keeps_the_subject(organisator, sessie, groen):
    url = reverse("aanmelden:werkgroep_bericht", args=[sessie.slug, groen.pk])
    response = organisator.post(url, {"sleutel": str(uuid.uuid4()), "onderwerp": "Mijn Kop"})
    assert response.status_code == 400 and "Mijn Kop" in response.text
    assert organisator.get(url).status_code == 405


def test_hostile_text_is_escaped(client, organisator, sessie):
    groep = make_werkgroep(sessie, "<script>alert(1)</script>")
    make_lidmaatschap(groep, naam="<img src=x onerror=alert(1)>")
    for url in (
        reverse("aanmelden:werkgroepen_oproep", args=[sessie.slug]),
        reverse("aanmelden:werkgroepen_organiseren", args=[sessie.slug]),
    ):
        html = organisator.get(url).text
        assert "<script>alert" not in html and "<img src=x" not in html


# The network list


def test_network_list_shows_only_those_who_opted_in(client, sessie, groen):
    _ik, tokens = make_aanmelding(sessie, toestemming_netwerk=True)
    make_aanmelding(sessie, naam="Netwerker Nel", organisatie="Buurthuis", rol="bewoner",
                    toestemming_netwerk=True)  # fmt: skip
    make_aanmelding(sessie, naam="Stille Sam")
    url = reverse("aanmelden:mijn_netwerk", args=[tokens["token"]])
    response = client.get(url)
    assert "Netwerker Nel" in response.text and "Buurthuis" in response.text
    assert "Stille Sam" not in response.text
    assert '<meta name="robots" content="noindex">' in response.text
    Aanmelding.objects.filter(naam="Netwerker Nel").update(toestemming_netwerk=False)
    assert "Netwerker Nel" not in client.get(url).text


def test_network_list_shows_interests_and_the_tables_of_a_published_plan(
    client, noord, django_assert_num_queries
):
    from aanmelden import indeling

    wijkhub, wijkstem = noord.thematafels.order_by("nummer")[:2]
    _ik, tokens = make_aanmelding(noord, toestemming_netwerk=True, ingecheckt=timezone.now())
    for i in range(3):
        make_aanmelding(
            noord,
            naam=f"Netwerker {i}",
            toestemming_netwerk=True,
            voorkeur_1=wijkhub,
            voorkeur_2=wijkstem,
            ingecheckt=timezone.now(),
        )
    indeling.maak_plan(sessie=noord, bron="aanwezig")
    url = reverse("aanmelden:mijn_netwerk", args=[tokens["token"]])
    html = client.get(url).text
    assert f"Interesses: {wijkhub.naam}, {wijkstem.naam}" in html
    assert "Zat aan" not in html  # the plan is not published yet
    indeling.publiceer(sessie=noord, publiceren=True)
    ik = Aanmelding.objects.get(pk=_ik.pk)
    with django_assert_num_queries(3):
        mensen = wg.netwerk(ik)
    assert all(len(p.tafels) == noord.rondes.count() for p in mensen)
    html = client.get(url).text
    assert "Zat aan: " + mensen[0].tafels[0] in html


def test_network_list_is_404_for_people_who_did_not_opt_in(client, sessie):
    _, tokens = make_aanmelding(sessie)
    assert client.get(reverse("aanmelden:mijn_netwerk", args=[tokens["token"]])).status_code == 404
    assert client.get(reverse("aanmelden:mijn_netwerk", args=["onzin"])).status_code == 404


# Privacy


def test_retention_erases_members_names_and_keeps_the_counts(sessie, groen):
    make_lidmaatschap(groen, naam="Oud Lid", telefoon="0633333333", toestemming_contact=True)
    aantallen = vergeet_persoonsgegevens(sessies=Sessie.objects.filter(pk=sessie.pk))
    assert aantallen["workgroup memberships"] == 1
    lid = groen.lidmaatschappen.get()
    assert (lid.naam, lid.email, lid.telefoon, lid.toestemming_contact) == ("", "", "", False)
    assert (
        vergeet_persoonsgegevens(sessies=Sessie.objects.filter(pk=sessie.pk))[
            "workgroup memberships"
        ]
        == 0
    )


def test_own_data_download_and_delete_cover_the_registrations_own_memberships(sessie, groen):
    aanmelding, _ = make_aanmelding(sessie, email="bram@example.invalid")
    make_lidmaatschap(groen, email="bram@example.invalid", naam="Bram", aanmelding=aanmelding)
    # The same address on a phone, not the registration's: sharing an address proves nothing.
    los = make_lidmaatschap(make_werkgroep(sessie, "Blauw"), email="Bram@example.invalid")
    gegevens = alle_gegevens(aanmelding=aanmelding)
    assert [lid["werkgroep"] for lid in gegevens["werkgroep_lidmaatschappen"]] == [
        "Werkgroep Groen"
    ]
    verbs.verwijderen(aanmelding=aanmelding)
    assert list(Lidmaatschap.objects.all()) == [los]


# Where a workgroup grew from


def test_a_workgroup_made_from_a_key_point_shows_its_table_and_key_point(organisator, noord):
    from thematafels.models import Idee

    noord.organisatoren.add(make_user(username="noord-org"))
    organisator.force_login(noord.organisatoren.last())
    tafel = noord.thematafels.get(nummer=1).tafels.first()
    idee = Idee.objects.create(
        inzendsleutel=uuid.uuid4(), sessie=noord, tafel=tafel, ronde=noord.rondes.get(nummer=1),
        tekst="Een buurtkamer in de kerk", kernpunt=True,
    )  # fmt: skip
    url = reverse("aanmelden:werkgroepen_organiseren", args=[noord.slug])
    voorgevuld = organisator.get(url, {"kernpunt": idee.pk}).text
    assert 'value="Een buurtkamer in de kerk"' in voorgevuld
    assert organisator.get(url, {"kernpunt": "²"}).status_code == 200
    response = organisator.post(url, {
        "naam": "Werkgroep Buurtkamer", "open": "on",
        "thematafel": tafel.thematafel_id, "kernpunten": [idee.pk],
    })  # fmt: skip
    assert response.status_code == 302
    groep = Werkgroep.objects.get(naam="Werkgroep Buurtkamer")
    assert list(groep.bron.kernpunten.all()) == [idee]
    oproep = organisator.get(reverse("aanmelden:werkgroepen_oproep", args=[noord.slug])).text
    assert tafel.thematafel.naam in oproep and "Een buurtkamer in de kerk" in oproep


def test_an_unchanged_poll_of_the_call_is_204_in_one_query(
    client, sessie, groen, django_assert_num_queries
):
    sessie.status = Sessie.Status.GEPUBLICEERD
    sessie.save()
    url = reverse("aanmelden:werkgroepen_oproep", args=[sessie.slug])
    with django_assert_num_queries(1):
        response = client.get(url, {"v": sessie.versie}, headers={"HX-Request": "true"})
    assert response.status_code == 204


def test_simulated_ticks_are_memberships(sessie, groen):
    import random

    from aanmelden.simulatie import vul
    from sessie.simulatie import Aantallen

    vul(sessie=sessie, rng=random.Random("w"), aantallen=Aantallen(deelnemers=30))
    ticks = Aanmelding.werkgroepen.through.objects.filter(werkgroep=groen).count()
    assert ticks > 0 and groen.lidmaatschappen.actief().count() == ticks


def test_joining_from_a_phone_mails_a_welcome_with_the_leave_link_once(
    client, sessie, groen, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    sleutel = str(uuid.uuid4())
    with django_capture_on_commit_callbacks(execute=True):
        _post(client, sessie, werkgroepen=[groen.pk], sleutel=sleutel)
        _post(client, sessie, werkgroepen=[groen.pk], sleutel=sleutel)
    assert [m.to for m in mail.outbox] == [["anna@example.invalid"]]
    # The code is signed with the moment it was made: read it from the mail, not made again.
    begin = reverse("aanmelden:werkgroep_afmelden", args=["CODE"]).split("CODE")[0]
    code = mail.outbox[0].body.split(begin, 1)[1].split("/", 1)[0]
    assert wg.uit_afmeld_code(code) == groen.lidmaatschappen.get()
    assert "Meer bomen" in mail.outbox[0].body


def test_a_welcome_holds_no_typed_name_and_one_address_gets_a_bounded_number(
    sessie, settings, django_capture_on_commit_callbacks
):
    """Anyone can type anyone's address on the phone page: our words only, and not too often."""
    from django.test import Client

    settings.MAILS_PER_ADRES = 2
    groepen = [Werkgroep.objects.create(sessie=sessie, naam=f"Groep {i}") for i in range(4)]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        for i, groep in enumerate(groepen):
            telefoon = Client(REMOTE_ADDR=f"203.0.113.{i + 1}")
            _post(telefoon, sessie, naam="Bel 0900-NEP", werkgroepen=[groep.pk])
    assert [m.to for m in mail.outbox] == [["anna@example.invalid"]] * 2
    assert all("0900" not in m.body for m in mail.outbox)
