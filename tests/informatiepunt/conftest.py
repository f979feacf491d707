import pytest

from sessie.models import Toegang
from tests.builders import make_categorie, make_toegang


@pytest.fixture
def categorie(sessie):
    return make_categorie(sessie, "Financiering")


@pytest.fixture
def toegang(sessie):
    toegang, _token = make_toegang(sessie, Toegang.Rol.INFORMATIEPUNT, label="Infotafel")
    return toegang


@pytest.fixture
def medewerker(client, sessie):
    """A browser holding the session's information-point link."""
    _toegang, token = make_toegang(sessie, Toegang.Rol.INFORMATIEPUNT, label="Infotafel")
    client.get(f"/toegang/{token}/")
    return client


@pytest.fixture
def als_organisator(ingelogd):
    return ingelogd
