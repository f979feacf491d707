import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from sessie.models import Sessie
from tests.builders import admin_actie, make_demo, make_sessie, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def beheerder():
    return make_user(is_staff=True, is_superuser=True)


def test_session_admin_shows_every_inline(client, beheerder):
    sessie = make_demo()
    client.force_login(beheerder)
    response = client.get(reverse("admin:sessie_sessie_change", args=[sessie.pk]))
    assert response.status_code == 200
    for inline in ("programma-", "thematafels-", "rondes-", "vraagcategorieen-"):
        assert f'id="{inline}' in response.text or f'name="{inline}' in response.text
    assert "Kloppersingel 57" in response.text


def test_theme_table_admin_has_prompts_and_tables(client, beheerder):
    thema = make_demo().thematafels.first()
    client.force_login(beheerder)
    response = client.get(reverse("admin:thematafels_thematafel_change", args=[thema.pk]))
    assert response.status_code == 200
    assert "fysieke plek" in response.text
    assert "Tafel 1A" in response.text


def test_clone_action_makes_a_draft_for_another_district(client, beheerder):
    sessie = make_demo()
    client.force_login(beheerder)
    response = admin_actie(client, "sessie_sessie", "kloon", sessie)
    assert response.status_code == 200
    kopie = Sessie.objects.exclude(pk=sessie.pk).get()
    assert kopie.status == Sessie.Status.CONCEPT
    assert kopie.titel == "Kopie van Brede sessie Noord"
    assert kopie.thematafels.count() == 3
    assert "1 sessie gekopieerd als concept." in response.text


def test_saving_in_the_admin_refreshes_live_screens(client, beheerder):
    sessie = make_sessie()
    client.force_login(beheerder)
    url = reverse("admin:sessie_sessie_change", args=[sessie.pk])
    context = client.get(url).context
    form = context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k != "organisatoren"}
    data.update(datum=sessie.datum.isoformat(), titel="Nieuwe titel")
    for inline in context["inline_admin_formsets"]:
        prefix = inline.formset.prefix
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    sessie.refresh_from_db()
    assert sessie.titel == "Nieuwe titel"
    assert sessie.versie == 1


def test_staff_organisers_see_only_their_own_sessions(client):
    organisator = make_user(is_staff=True)
    organisator.user_permissions.add(*Permission.objects.filter(codename__endswith="_sessie"))
    eigen = make_sessie(organisator=organisator, titel="Eigen avond")
    make_sessie(titel="Andermans avond")
    client.force_login(organisator)
    response = client.get(reverse("admin:sessie_sessie_changelist"))
    assert "Eigen avond" in response.text
    assert "Andermans avond" not in response.text
    assert eigen.titel in response.text
