import uuid

import pytest
from django.urls import reverse

from tests.builders import host_client, make_idee, make_user, make_werkgroep
from thematafels import ideeen as domein
from thematafels.models import Idee, Stembiljet, Stip

pytestmark = pytest.mark.django_db


def afronding_url(avond, naam="thematafels:afronding", **kwargs):
    return reverse(naam, kwargs={"slug": avond.sessie.slug, **kwargs})


@pytest.fixture
def kernpunten(avond):
    return [
        make_idee(avond.tafels[0], avond.rondes[0], f"Kernpunt {i}", kernpunt=True, volgorde=i)
        for i in range(1, 4)
    ]


def test_only_organisers_see_the_wrap_up(client, avond):
    assert client.get(afronding_url(avond)).status_code == 302  # to the login page
    client.force_login(make_user())
    assert client.get(afronding_url(avond)).status_code == 404
    host_client(client, avond.sessie, avond.tafels[0])
    assert client.get(afronding_url(avond)).status_code == 404


def test_the_wrap_up_lists_key_points_then_other_ideas_per_theme(client, avond, kernpunten):
    make_idee(avond.tafels[1], avond.rondes[1], "Gewoon idee")
    client.force_login(avond.organisator)
    response = client.get(afronding_url(avond))
    assert response.status_code == 200
    wijkhub = response.context["kolommen"][0]
    assert [k.tekst for k in wijkhub.kernpunten] == ["Kernpunt 1", "Kernpunt 2", "Kernpunt 3"]
    assert [i.tekst for i in wijkhub.ideeen] == ["Gewoon idee"]
    assert "Duplicate of" in response.content.decode() or "Dubbel" in response.content.decode()


@pytest.mark.parametrize("aantal", [10, 300])
def test_the_wrap_up_query_count_is_constant(client, avond, django_assert_num_queries, aantal):
    for i in range(aantal):
        make_idee(avond.tafels[i % 3], avond.rondes[0], f"Idee {i}", kernpunt=i % 5 == 0)
        if i % 10 == 0:
            werkgroep = make_werkgroep(avond.sessie, f"Werkgroep {i}")
            domein.noteer_rol(
                tafel=avond.tafels[i % 3],
                sleutel=uuid.uuid4(),
                naam=f"Naam {i}",
                rol="trekker",
                werkgroep=werkgroep,
            )
    client.force_login(avond.organisator)
    client.get(afronding_url(avond))
    # Ideas, key points and role offers (with their workgroups) each in one query.
    with django_assert_num_queries(8):
        assert client.get(afronding_url(avond)).status_code == 200


def test_moving_a_key_point_up(client, avond, kernpunten):
    client.force_login(avond.organisator)
    url = afronding_url(avond, "thematafels:afronding_verplaats", pk=kernpunten[2].pk)
    assert client.get(url).status_code == 405
    assert client.post(url, {"richting": "omhoog"}).status_code == 302
    volgorde = Idee.objects.filter(kernpunt=True).order_by("volgorde")
    assert [k.tekst for k in volgorde] == ["Kernpunt 1", "Kernpunt 3", "Kernpunt 2"]


def test_merging_a_duplicate_moves_its_dots(client, avond, kernpunten):
    biljet = Stembiljet.objects.create(
        sessie=avond.sessie, sleutel="00000000-0000-4000-8000-000000000001"
    )
    Stip.objects.create(
        inzendsleutel="00000000-0000-4000-8000-000000000002", biljet=biljet, idee=kernpunten[1]
    )
    client.force_login(avond.organisator)
    url = afronding_url(avond, "thematafels:afronding_samenvoegen", pk=kernpunten[1].pk)
    # First a confirmation that names both key points; nothing is merged yet.
    bevestig = client.post(url, {"in_idee": kernpunten[0].pk})
    assert bevestig.status_code == 200
    assert "Kernpunt 1" in bevestig.content.decode() and "Kernpunt 2" in bevestig.content.decode()
    kernpunten[1].refresh_from_db()
    assert kernpunten[1].samengevoegd_in is None
    response = client.post(url, {"in_idee": kernpunten[0].pk, "bevestigd": "1"})
    assert response.status_code == 302
    kernpunten[1].refresh_from_db()
    assert kernpunten[1].samengevoegd_in == kernpunten[0]
    assert Stip.objects.get().idee == kernpunten[0]
    pagina = client.get(response["Location"])
    wijkhub = pagina.context["kolommen"][0]
    assert [k.tekst for k in wijkhub.kernpunten] == ["Kernpunt 1", "Kernpunt 3"]
    # The wrap-up says what happened and offers the undo.
    assert pagina.context["samengevoegd"] == kernpunten[1]
    ongedaan = afronding_url(avond, "thematafels:afronding_ontvlechten", pk=kernpunten[1].pk)
    assert ongedaan in pagina.content.decode()


def test_a_merge_can_be_undone_with_its_dots(client, avond, kernpunten):
    biljet = Stembiljet.objects.create(
        sessie=avond.sessie, sleutel="00000000-0000-4000-8000-000000000001"
    )
    stip = Stip.objects.create(
        inzendsleutel="00000000-0000-4000-8000-000000000002", biljet=biljet, idee=kernpunten[1]
    )
    eigen = Stip.objects.create(
        inzendsleutel="00000000-0000-4000-8000-000000000003", biljet=biljet, idee=kernpunten[0]
    )
    domein.voeg_samen(idee=kernpunten[1], in_idee=kernpunten[0])
    client.force_login(avond.organisator)
    url = afronding_url(avond, "thematafels:afronding_ontvlechten", pk=kernpunten[1].pk)
    assert client.get(url).status_code == 405
    assert client.post(url).status_code == 302
    kernpunten[1].refresh_from_db()
    assert kernpunten[1].samengevoegd_in is None
    stip.refresh_from_db()
    eigen.refresh_from_db()
    assert stip.idee == kernpunten[1] and eigen.idee == kernpunten[0]


def test_merged_ideas_stay_in_the_export_marked_as_merged(client, avond, kernpunten):
    domein.voeg_samen(idee=kernpunten[1], in_idee=kernpunten[0])
    client.force_login(avond.organisator)
    csv = client.get(afronding_url(avond, "thematafels:ideeen_export", formaat="csv"))
    regels = csv.content.decode("utf-8-sig").splitlines()
    assert any(
        r.startswith("Wijkhub") and "Kernpunt 2" in r and r.endswith(";Kernpunt 1") for r in regels
    )


def test_merging_into_another_theme_is_refused(client, avond, kernpunten):
    ander = make_idee(avond.tafels[2], avond.rondes[0], "Ander thema", kernpunt=True)
    client.force_login(avond.organisator)
    url = afronding_url(avond, "thematafels:afronding_samenvoegen", pk=kernpunten[1].pk)
    client.post(url, {"in_idee": ander.pk})
    kernpunten[1].refresh_from_db()
    assert kernpunten[1].samengevoegd_in is None


def test_starring_from_the_wrap_up_puts_it_last(client, avond, kernpunten):
    idee = make_idee(avond.tafels[1], avond.rondes[0], "Erbij")
    client.force_login(avond.organisator)
    client.post(
        afronding_url(avond, "thematafels:afronding_kernpunt", pk=idee.pk), {"kernpunt": "1"}
    )
    idee.refresh_from_db()
    assert idee.kernpunt and idee.volgorde == 4


def test_organisers_edit_from_the_wrap_up_and_return_to_it(client, avond, kernpunten):
    client.force_login(avond.organisator)
    url = reverse(
        "thematafels:idee_bewerken",
        kwargs={"slug": avond.sessie.slug, "tafel_id": avond.tafels[0].pk, "pk": kernpunten[0].pk},
    )
    response = client.post(
        url + "?terug=afronding", {"tekst": "Strakker", "soort": "idee", "versie": 1}
    )
    assert response["Location"] == afronding_url(avond)


def test_only_organisers_export_the_ideas(client, avond):
    url = afronding_url(avond, "thematafels:ideeen_export", formaat="csv")
    assert client.get(url).status_code == 302
    client.force_login(make_user())
    assert client.get(url).status_code == 404


def test_the_csv_export_has_every_visible_idea_and_neutralises_formulas(client, avond, kernpunten):
    make_idee(avond.tafels[2], avond.rondes[1], "=HYPERLINK(1)")
    make_idee(avond.tafels[2], avond.rondes[1], "Weg", verwijderd="2026-01-01T00:00Z")
    client.force_login(avond.organisator)
    response = client.get(afronding_url(avond, "thematafels:ideeen_export", formaat="csv"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    regels = response.content.decode("utf-8-sig").splitlines()
    assert regels[0] == "Thema;Tafel;Ronde;Soort;Denk aan;Tekst;Kernpunt;Stippen;Samengevoegd in"
    assert len(regels) == 5
    assert "Wijkhub;Tafel 1A;1;Idee;;Kernpunt 1;★;0;" in regels
    assert any(";'=HYPERLINK(1);" in r for r in regels)
    assert (
        client.post(afronding_url(avond, "thematafels:ideeen_export", formaat="csv")).status_code
        == 405
    )


def test_the_xlsx_export(client, avond, kernpunten):
    client.force_login(avond.organisator)
    response = client.get(afronding_url(avond, "thematafels:ideeen_export", formaat="xlsx"))
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.xlsx"')
    assert response.content[:2] == b"PK"
