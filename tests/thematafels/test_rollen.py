"""Role offers at a table, linked to the session's workgroups; seen by organisers, never public."""

import csv
import io
import uuid

import pytest
from django.urls import reverse

from tests.builders import host_client, make_sessie, make_user, make_werkgroep
from thematafels import ideeen as domein
from thematafels.models import Rolnotitie

pytestmark = pytest.mark.django_db


def rollen_url(avond, tafel=None):
    tafel = tafel or avond.tafels[0]
    return reverse(
        "thematafels:rolnotitie", kwargs={"slug": avond.sessie.slug, "tafel_id": tafel.pk}
    )


def vastleg_url(avond):
    return reverse(
        "thematafels:vastleggen", kwargs={"slug": avond.sessie.slug, "tafel_id": avond.tafels[0].pk}
    )


def afronding_url(avond, naam="thematafels:afronding", **kwargs):
    return reverse(naam, kwargs={"slug": avond.sessie.slug, **kwargs})


def aanbod(**extra):
    return {
        "naam": "Anouk",
        "rol": "trekker",
        "email": "anouk@example.invalid",
        "sleutel": str(uuid.uuid4()),
        "toestemming": "on",
    } | extra


@pytest.fixture
def werkgroepen(avond):
    return [
        make_werkgroep(avond.sessie, "Werkgroep Groen"),
        make_werkgroep(avond.sessie, "Wijkhub"),
    ]


def test_without_workgroups_the_form_has_no_workgroup_choice(client, avond):
    host_client(client, avond.sessie, avond.tafels[0])
    html = client.get(vastleg_url(avond)).content.decode()
    assert 'name="werkgroep"' not in html
    client.post(rollen_url(avond), aanbod())
    assert Rolnotitie.objects.get().werkgroep is None


def test_the_host_chooses_one_of_the_sessions_workgroups(client, avond, werkgroepen):
    make_werkgroep(make_sessie(), "Werkgroep Elders")
    host_client(client, avond.sessie, avond.tafels[0])
    html = client.get(vastleg_url(avond)).content.decode()
    assert 'name="werkgroep"' in html and "Werkgroep Groen" in html
    assert "Werkgroep Elders" not in html
    response = client.post(
        rollen_url(avond), aanbod() | {"werkgroep": werkgroepen[0].pk}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert "Anouk: trekker · Werkgroep Groen" in response.content.decode()
    assert Rolnotitie.objects.get().werkgroep == werkgroepen[0]


def test_a_workgroup_is_optional(client, avond, werkgroepen):
    host_client(client, avond.sessie, avond.tafels[0])
    response = client.post(rollen_url(avond), aanbod() | {"werkgroep": ""})
    assert response.status_code == 302
    assert Rolnotitie.objects.get().werkgroep is None


def test_another_sessions_workgroup_is_refused_and_typed_values_stay(client, avond, werkgroepen):
    elders = make_werkgroep(make_sessie(), "Werkgroep Elders")
    host_client(client, avond.sessie, avond.tafels[0])
    response = client.post(rollen_url(avond), aanbod() | {"werkgroep": elders.pk})
    assert response.status_code == 400
    form = response.context["rol_form"]
    assert "werkgroep" in form.errors
    assert form["naam"].value() == "Anouk" and form["rol"].value() == "trekker"
    assert not Rolnotitie.objects.exists()


def test_the_domain_verb_refuses_another_sessions_workgroup(avond):
    with pytest.raises(ValueError):
        domein.noteer_rol(
            tafel=avond.tafels[0],
            sleutel=uuid.uuid4(),
            naam="Anouk",
            rol="trekker",
            werkgroep=make_werkgroep(make_sessie()),
        )


def test_another_tables_host_cannot_note_a_role(client, avond, werkgroepen):
    host_client(client, avond.sessie, avond.tafels[1])
    assert client.post(rollen_url(avond), aanbod()).status_code == 403
    assert client.get(rollen_url(avond)).status_code in (403, 405)
    assert not Rolnotitie.objects.exists()


def noteer(avond, werkgroep=None, naam="Fenna Fictief", tafel=None):
    return domein.noteer_rol(
        tafel=tafel or avond.tafels[0],
        sleutel=uuid.uuid4(),
        naam=naam,
        rol="contactpersoon",
        email="fenna@example.invalid" if werkgroep else "",
        telefoon="06 12345678",
        werkgroep=werkgroep,
    )


def test_the_wrap_up_lists_role_offers_per_theme_with_their_workgroup(client, avond, werkgroepen):
    noteer(avond, werkgroepen[1])
    noteer(avond, naam="Gijs Oefenaar", tafel=avond.tafels[2])
    client.force_login(avond.organisator)
    response = client.get(afronding_url(avond))
    wijkhub, wijkstem = response.context["kolommen"]
    assert [n.naam for n in wijkhub.rollen] == ["Fenna Fictief"]
    assert [n.naam for n in wijkstem.rollen] == ["Gijs Oefenaar"]
    html = response.content.decode()
    assert "Fenna Fictief" in html and "Wijkhub" in html


def test_role_offers_never_reach_the_presentation_or_public_pages(client, avond, werkgroepen):
    noteer(avond, werkgroepen[0])
    client.force_login(avond.organisator)
    assert (
        "Fenna Fictief" not in client.get(afronding_url(avond) + "?presenteren=1").content.decode()
    )
    client.logout()
    for naam in ("thematafels:wand", "thematafels:stemmen", "wijkavond:detail"):
        response = client.get(reverse(naam, kwargs={"slug": avond.sessie.slug}))
        assert response.status_code == 200
        assert "Fenna Fictief" not in response.content.decode()
    assert client.get(afronding_url(avond)).status_code == 302


def test_only_organisers_export_role_offers(client, avond):
    url = afronding_url(avond, "thematafels:rollen_export", formaat="csv")
    assert client.get(url).status_code == 302
    client.force_login(make_user())
    assert client.get(url).status_code == 404
    client.force_login(avond.organisator)
    assert client.post(url).status_code == 405


def test_the_role_offer_export_has_names_workgroups_and_neutralises_formulas(
    client, avond, werkgroepen
):
    noteer(avond, werkgroepen[0])
    noteer(avond, naam="=HYPERLINK(1)")
    client.force_login(avond.organisator)
    response = client.get(afronding_url(avond, "thematafels:rollen_export", formaat="csv"))
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith("rollen-" + avond.sessie.slug + '.csv"')
    rijen = list(csv.reader(io.StringIO(response.content.decode().lstrip("\ufeff")), delimiter=";"))
    assert rijen[0][:7] == ["Thema", "Tafel", "Naam", "E-mailadres", "Telefoon", "Rol", "Werkgroep"]
    assert rijen[1][:7] == [
        "Wijkhub",
        "Tafel 1A",
        "Fenna Fictief",
        "fenna@example.invalid",
        "06 12345678",
        "contactpersoon",
        "Werkgroep Groen",
    ]
    assert rijen[2][2] == "'=HYPERLINK(1)" and rijen[2][6] == ""
    xlsx = client.get(afronding_url(avond, "thematafels:rollen_export", formaat="xlsx"))
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"


def test_the_ideas_export_for_the_report_holds_no_names(client, avond):
    noteer(avond)
    client.force_login(avond.organisator)
    response = client.get(afronding_url(avond, "thematafels:ideeen_export", formaat="csv"))
    assert "Fenna Fictief" not in response.content.decode()


def test_a_deleted_workgroup_leaves_the_offer(avond, werkgroepen):
    notitie = noteer(avond, werkgroepen[0])
    werkgroepen[0].delete()
    notitie.refresh_from_db()
    assert notitie.werkgroep is None and notitie.naam == "Fenna Fictief"


def test_the_simulation_notes_fictitious_role_offers_some_with_a_workgroup(avond, werkgroepen):
    import random

    from sessie.simulatie import ACHTERNAMEN, Aantallen
    from thematafels.simulatie import vul

    vul(sessie=avond.sessie, rng=random.Random("3-thematafels"), aantallen=Aantallen(ideeen=10))
    notities = list(Rolnotitie.objects.all())
    assert {n.tafel_id for n in notities} == {t.pk for t in avond.tafels}
    assert all(n.naam.split()[-1] in ACHTERNAMEN for n in notities)
    assert all(n.werkgroep is None or n.werkgroep in werkgroepen for n in notities)


# A way to reach them


def test_the_form_asks_for_an_address_and_a_phone_number(client, avond):
    host_client(client, avond.sessie, avond.tafels[0])
    html = client.get(vastleg_url(avond)).content.decode()
    assert 'name="email"' in html and 'type="email"' in html
    assert 'name="telefoon"' in html and 'type="tel"' in html


def test_an_offer_without_any_way_to_reach_them_is_refused_in_dutch(client, avond):
    host_client(client, avond.sessie, avond.tafels[0])
    response = client.post(rollen_url(avond), aanbod(email=""), HTTP_HX_REQUEST="true")
    assert response.status_code == 400
    form = response.context["rol_form"]
    assert form.errors["telefoon"] == [
        "Schrijf een e-mailadres of een telefoonnummer op om deze persoon te bereiken."
    ]
    assert 'value="Anouk"' in response.content.decode()
    assert not Rolnotitie.objects.exists()


def test_a_phone_number_alone_is_enough_without_a_workgroup(client, avond):
    host_client(client, avond.sessie, avond.tafels[0])
    response = client.post(rollen_url(avond), aanbod(email="", telefoon=" +31 6 1234-5678 "))
    assert response.status_code == 302
    notitie = Rolnotitie.objects.get()
    assert (notitie.email, notitie.telefoon) == ("", "+31 6 1234-5678")


@pytest.mark.parametrize(
    ("veld", "waarde"),
    [
        ("email", "anouk@"),
        ("email", "x" * 250 + "@example.invalid"),
        ("telefoon", "bel me maar"),
        ("telefoon", "123"),
        ("telefoon", "06 1234 5678 ext. 9"),
        ("telefoon", "0" * 31),
    ],
)
def test_a_bad_address_or_phone_number_gets_an_error_next_to_it(client, avond, veld, waarde):
    host_client(client, avond.sessie, avond.tafels[0])
    response = client.post(rollen_url(avond), aanbod(**{veld: waarde}))
    assert response.status_code == 400
    assert list(response.context["rol_form"].errors) == [veld]
    assert not Rolnotitie.objects.exists()


def test_joining_a_workgroup_needs_an_address(client, avond, werkgroepen):
    host_client(client, avond.sessie, avond.tafels[0])
    data = aanbod(email="", telefoon="0612345678", werkgroep=werkgroepen[0].pk)
    response = client.post(rollen_url(avond), data)
    assert response.status_code == 400
    assert response.context["rol_form"].errors["email"] == [
        "Om mee te doen met een werkgroep is een e-mailadres nodig: "
        "het nieuws van de werkgroep gaat per e-mail."
    ]
    assert not Rolnotitie.objects.exists()


def test_the_address_is_kept_in_lower_case(client, avond):
    host_client(client, avond.sessie, avond.tafels[0])
    client.post(rollen_url(avond), aanbod(email="Anouk@Example.INVALID"))
    assert Rolnotitie.objects.get().email == "anouk@example.invalid"


def test_the_host_page_does_not_repeat_the_contact_details(client, avond):
    host_client(client, avond.sessie, avond.tafels[0])
    response = client.post(rollen_url(avond), aanbod(telefoon="0612345678"), HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "Anouk: trekker" in html
    assert "anouk@example.invalid" not in html.split("<form")[0]
    assert "0612345678" not in html.split("<form")[0]
