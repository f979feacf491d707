"""Login brute force: five wrong passwords lock that user name from that address, not elsewhere."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.builders import make_user

pytestmark = pytest.mark.django_db

WACHTWOORD = "een-lang-goed-wachtwoord-42"


@pytest.fixture
def karin():
    return make_user(username="karin", password=WACHTWOORD)


def log_in(client, wachtwoord, username="karin"):
    return client.post(reverse("wijkavond:login"), {"username": username, "password": wachtwoord})


def ingelogd(client) -> bool:
    return "_auth_user_id" in client.session


def test_the_right_password_logs_in(karin):
    client = Client(REMOTE_ADDR="203.0.113.1")
    assert log_in(client, WACHTWOORD).status_code == 302
    assert ingelogd(client)


def test_after_five_wrong_passwords_even_the_right_one_is_refused(karin):
    aanvaller = Client(REMOTE_ADDR="203.0.113.66")
    for _ in range(5):
        log_in(aanvaller, "raden")
    response = log_in(aanvaller, WACHTWOORD)
    assert response.status_code == 429
    assert not ingelogd(aanvaller)
    html = response.content.decode()
    assert html.count("<h1") == 1 and "15" in html
    assert 'lang="' in html  # the site's own layout, not a bare text


def test_the_real_organiser_on_another_address_still_logs_in(karin):
    aanvaller = Client(REMOTE_ADDR="203.0.113.66")
    for _ in range(6):
        log_in(aanvaller, "raden")
    organisator = Client(REMOTE_ADDR="198.51.100.20")
    assert log_in(organisator, WACHTWOORD).status_code == 302
    assert ingelogd(organisator)


def test_another_user_name_from_the_same_address_is_not_locked(karin):
    make_user(username="piet", password=WACHTWOORD)
    client = Client(REMOTE_ADDR="203.0.113.66")
    for _ in range(5):
        log_in(client, "raden", username="piet")
    assert log_in(client, WACHTWOORD).status_code == 302
