"""The admin shows a staff organiser their own sessions only: lists, forms, choices, actions."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from informatiepunt.models import Vraag
from sessie.admin import pad_naar_sessie
from sessie.models import Sessie, Toegang
from tests.builders import (
    admin_actie,
    make_categorie,
    make_sessie,
    make_tafel,
    make_thematafel,
    make_toegang,
    make_user,
    make_vraag,
)
from thematafels.models import Idee, Tafel

pytestmark = pytest.mark.django_db


@pytest.fixture
def noord():
    sessie = make_sessie(titel="Brede sessie Noord", gebied="Noord")
    make_categorie(sessie, "Noordgeld")
    make_vraag(sessie, tekst="Geheime vraag uit Noord?")
    make_thematafel(sessie, naam="Noordtafel")
    return sessie


@pytest.fixture
def zuid():
    sessie = make_sessie(titel="Brede sessie Zuid", gebied="Zuid")
    make_categorie(sessie, "Zuidgeld")
    make_vraag(sessie, tekst="Vraag uit Zuid?")
    return sessie


@pytest.fixture
def jan(client, zuid):
    """A staff user who organises Zuid only, with every admin permission of these models."""
    user = make_user(username="jan", is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label__in=["sessie", "informatiepunt", "thematafels"]
        )
    )
    zuid.organisatoren.add(user)
    client.force_login(user)
    return user


def test_every_model_has_a_way_to_its_session():
    assert pad_naar_sessie(Sessie) == ""
    assert pad_naar_sessie(Vraag) == "sessie"
    assert pad_naar_sessie(Tafel) == "thematafel__sessie"
    assert pad_naar_sessie(Idee) == "sessie"


@pytest.mark.parametrize(
    ("model", "niet", "wel"),
    [
        ("sessie_sessie", "Brede sessie Noord", "Brede sessie Zuid"),
        ("informatiepunt_vraag", "Brede sessie Noord", "Brede sessie Zuid"),
        ("sessie_toegang", "Brede sessie Noord", "Brede sessie Zuid"),
        ("thematafels_thematafel", "Noordtafel", None),
    ],
)
def test_lists_and_their_filters_show_only_own_sessions(client, jan, noord, zuid, model, niet, wel):
    make_toegang(noord)
    make_toegang(zuid)
    response = client.get(reverse(f"admin:{model}_changelist"))
    assert response.status_code == 200
    assert niet not in response.text
    if wel:
        assert wel in response.text


def test_another_districts_question_cannot_be_opened_or_changed(client, jan, noord):
    vraag = noord.vragen.get()
    url = reverse("admin:informatiepunt_vraag_change", args=[vraag.pk])
    assert client.get(url).status_code == 302  # the admin's "does not exist", back to the index
    client.post(url, {"sessie": noord.pk, "tekst": "Overschreven", "bron": vraag.bron})
    vraag.refresh_from_db()
    assert vraag.tekst == "Geheime vraag uit Noord?"


def test_a_question_form_offers_only_own_sessions_and_categories(client, jan, noord, zuid):
    vraag = zuid.vragen.get()
    response = client.get(reverse("admin:informatiepunt_vraag_change", args=[vraag.pk]))
    assert response.status_code == 200
    assert "Zuidgeld" in response.text and "Noordgeld" not in response.text
    assert "Brede sessie Noord" not in response.text


def test_another_districts_door_link_cannot_be_revoked(client, jan, noord, zuid):
    van_noord, _ = make_toegang(noord, Toegang.Rol.DEUR)
    van_zuid, _ = make_toegang(zuid, Toegang.Rol.DEUR)
    admin_actie(client, "sessie_toegang", "intrekken", van_noord, van_zuid)
    van_noord.refresh_from_db()
    van_zuid.refresh_from_db()
    assert van_noord.ingetrokken is None
    assert van_zuid.ingetrokken is not None


def test_a_theme_tables_inline_tables_are_its_own(client, jan, zuid, noord):
    thema = make_thematafel(zuid, naam="Zuidtafel")
    make_tafel(thema, naam="Tafel Z1")
    response = client.get(reverse("admin:thematafels_thematafel_change", args=[thema.pk]))
    assert response.status_code == 200
    assert "Tafel Z1" in response.text
    assert "Brede sessie Noord" not in response.text


def test_it_staff_with_superuser_rights_see_every_district(client, noord, zuid):
    client.force_login(make_user(is_staff=True, is_superuser=True))
    response = client.get(reverse("admin:informatiepunt_vraag_changelist"))
    assert "Brede sessie Noord" in response.text and "Brede sessie Zuid" in response.text
