"""A table host's role offer for a workgroup makes the person a member (issue 17.10, issue 12)."""

import uuid

import pytest
from django.core.management import call_command
from django.urls import reverse

from aanmelden import aanmeldingen as verbs
from aanmelden.models import Lidmaatschap
from tests.builders import host_client, make_aanmelding, make_lidmaatschap, make_werkgroep
from thematafels import ideeen as domein
from thematafels.models import Rolnotitie

pytestmark = pytest.mark.django_db


@pytest.fixture
def groen(avond):
    return make_werkgroep(avond.sessie, "Werkgroep Groen")


def noteer(avond, werkgroep, *, email="Fenna@Example.invalid", sleutel=None, telefoon="0612345678"):
    return domein.noteer_rol(
        tafel=avond.tafels[0],
        sleutel=sleutel or uuid.uuid4(),
        naam="Fenna Fictief",
        rol="trekker",
        email=email,
        telefoon=telefoon,
        werkgroep=werkgroep,
    )


def test_an_offer_for_a_workgroup_makes_a_member_with_consent_and_a_welcome(
    avond, groen, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        noteer(avond, groen)
    lid = groen.lidmaatschappen.actief().get()
    assert (lid.naam, lid.email, lid.telefoon) == (
        "Fenna Fictief",
        "fenna@example.invalid",
        "0612345678",
    )
    assert lid.herkomst == Lidmaatschap.Herkomst.ROLAANBOD and lid.toestemming_contact
    assert [m.to for m in mailoutbox] == [["fenna@example.invalid"]]
    assert "/werkgroep/afmelden/" in mailoutbox[0].body


def test_a_retried_offer_makes_one_member_and_one_mail(
    avond, groen, mailoutbox, django_capture_on_commit_callbacks
):
    sleutel = uuid.uuid4()
    with django_capture_on_commit_callbacks(execute=True):
        noteer(avond, groen, sleutel=sleutel)
        noteer(avond, groen, sleutel=sleutel)
    assert Rolnotitie.objects.count() == 1
    assert groen.lidmaatschappen.count() == 1 and len(mailoutbox) == 1


def test_without_a_workgroup_or_an_address_nobody_becomes_a_member(avond, groen):
    noteer(avond, None)
    noteer(avond, groen, email="")
    assert not Lidmaatschap.objects.exists()
    assert Rolnotitie.objects.count() == 2


def test_an_address_already_in_the_workgroup_keeps_its_one_membership(avond, groen):
    aanmelding = verbs.aanmelden(
        sessie=avond.sessie,
        sleutel=uuid.uuid4(),
        gegevens={"naam": "Fenna", "email": "fenna@example.invalid"},
        broodje=False,
        werkgroepen=[groen],
    ).aanmelding
    noteer(avond, groen, email="FENNA@example.INVALID")
    lid = groen.lidmaatschappen.actief().get()
    assert lid.aanmelding == aanmelding and lid.herkomst == Lidmaatschap.Herkomst.AANMELDING


def test_a_registration_that_ticks_the_workgroup_later_adopts_the_membership(avond, groen):
    noteer(avond, groen)
    aanmelding, _ = make_aanmelding(avond.sessie, email="fenna@example.invalid")
    verbs.wijzigen(aanmelding=aanmelding, gegevens={}, broodje=False, werkgroepen=[groen])
    lid = groen.lidmaatschappen.actief().get()
    assert lid.aanmelding == aanmelding and lid.herkomst == Lidmaatschap.Herkomst.ROLAANBOD


def test_a_left_member_who_offers_again_is_a_member_again(avond, groen):
    oud = make_lidmaatschap(groen, email="fenna@example.invalid")
    from aanmelden import werkgroepen as wg

    wg.afmelden(lidmaatschap=oud)
    noteer(avond, groen)
    assert groen.lidmaatschappen.actief().get().herkomst == Lidmaatschap.Herkomst.ROLAANBOD


def test_the_host_form_makes_the_member_who_shows_on_the_organisers_list_and_export(
    client, avond, groen
):
    host_client(client, avond.sessie, avond.tafels[0])
    data = {
        "naam": "Anouk",
        "rol": "trekker",
        "email": "anouk@example.invalid",
        "telefoon": "06 87654321",
        "werkgroep": groen.pk,
        "sleutel": str(uuid.uuid4()),
        "toestemming": "on",
    }
    assert client.post(reverse("thematafels:rolnotitie", args=[avond.sessie.slug,
                                                               avond.tafels[0].pk]), data,
                       HTTP_HX_REQUEST="true").status_code == 200  # fmt: skip
    client.force_login(avond.organisator)
    html = client.get(reverse("aanmelden:werkgroepen_organiseren", args=[avond.sessie.slug])).text
    assert "Anouk" in html and "anouk@example.invalid" in html and "06 87654321" in html
    assert "Rolaanbod aan een tafel" in html
    csv = client.get(
        reverse("aanmelden:werkgroep_export", args=[avond.sessie.slug, groen.pk, "csv"])
    ).text
    assert "anouk@example.invalid" in csv and "06 87654321" in csv


def test_a_failing_follower_undoes_the_offer_too(avond, groen, monkeypatch):
    from aanmelden import werkgroepen as wg

    def kapot(**_kwargs):
        raise RuntimeError("database weg")

    monkeypatch.setattr(wg, "inschrijven", kapot)
    with pytest.raises(RuntimeError):
        noteer(avond, groen)
    assert not Rolnotitie.objects.exists()


def test_retention_erases_the_contact_details_of_role_offers(avond, groen, settings):
    import datetime as dt

    noteer(avond, groen)
    avond.sessie.datum = dt.date(2020, 1, 1)
    avond.sessie.save(update_fields=["datum"])
    call_command("vergeet", stdout=None)
    notitie = Rolnotitie.objects.get()
    assert (notitie.naam, notitie.email, notitie.telefoon) == ("", "", "")
    lid = Lidmaatschap.objects.get()
    assert (lid.naam, lid.email, lid.telefoon) == ("", "", "")
