"""The confirmation mail repeats what was chosen: sandwich, diet, theme tables, workgroups."""

import pytest
from django.core import mail

from aanmelden.models import Aanmelding
from aanmelden.tasks import stuur_bevestiging
from tests.builders import make_aanmelding, make_sessie, make_thematafel, make_werkgroep

pytestmark = pytest.mark.django_db


def test_the_mail_repeats_every_choice(django_assert_max_num_queries):
    sessie = make_sessie()
    wijkhub = make_thematafel(sessie, naam="Wijkhub")
    wijkstem = make_thematafel(sessie, naam="Wijkstem")
    groen = make_werkgroep(sessie, "Werkgroep Groen")
    aanmelding, _ = make_aanmelding(
        sessie,
        broodje=Aanmelding.Broodje.JA,
        dieet=["halal", "glutenvrij"],
        allergie="noten",
        voorkeur_1=wijkhub,
        voorkeur_2=wijkstem,
    )
    aanmelding.werkgroepen.add(groen)
    with django_assert_max_num_queries(6):
        stuur_bevestiging.call(aanmelding_id=aanmelding.pk)
    (bericht,) = mail.outbox
    body = bericht.body
    keuzes = body[body.index("Wat u hebt gekozen") :]
    assert "Broodje: ja" in keuzes
    assert "Wensen voor eten: Halal, Glutenvrij" in keuzes and "Allergie: noten" in keuzes
    assert "Thematafels: Wijkhub, Wijkstem" in keuzes
    assert "Werkgroepen: Werkgroep Groen" in keuzes


def test_without_choices_the_mail_says_so_plainly():
    aanmelding, _ = make_aanmelding(make_sessie())
    stuur_bevestiging.call(aanmelding_id=aanmelding.pk)
    keuzes = mail.outbox[0].body[mail.outbox[0].body.index("Wat u hebt gekozen") :]
    assert "Broodje: nee" in keuzes
    assert (
        "Wensen voor eten" not in keuzes
        and "Thematafels" not in keuzes
        and "Werkgroepen" not in keuzes
    )


def test_the_mail_says_the_qr_is_on_the_personal_page_too():
    aanmelding, _ = make_aanmelding(make_sessie())
    stuur_bevestiging.call(aanmelding_id=aanmelding.pk)
    assert "persoonlijke pagina" in mail.outbox[0].body
