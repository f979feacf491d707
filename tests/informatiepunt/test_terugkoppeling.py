"""One e-mail per asker with all their answers; never twice; never without consent."""

import pytest
from django.core import mail

from informatiepunt.models import Vraag
from informatiepunt.tasks import stuur_terugkoppeling
from informatiepunt.terugkoppeling import stuur_antwoorden
from tests.builders import make_vraag

pytestmark = pytest.mark.django_db


def beantwoorde(sessie, **velden):
    return make_vraag(sessie, status=Vraag.Status.BEANTWOORD, antwoord="Het antwoord.", **velden)


def test_one_mail_per_asker_with_all_their_answers(sessie, organisator):
    beantwoorde(sessie, tekst="Vraag een?", email="a@example.invalid", wil_antwoord=True)
    beantwoorde(sessie, tekst="Vraag twee?", email="A@Example.invalid", wil_antwoord=True)
    beantwoorde(sessie, tekst="Vraag drie?", email="b@example.invalid", wil_antwoord=True)
    verstuurd = stuur_antwoorden(sessie=sessie, actor=organisator)
    assert verstuurd == 2
    assert len(mail.outbox) == 2
    naar_a = next(m for m in mail.outbox if m.to[0].lower() == "a@example.invalid")
    assert "Vraag een?" in naar_a.body and "Vraag twee?" in naar_a.body
    assert "Vraag drie?" not in naar_a.body
    assert sessie.titel in naar_a.subject


def test_sending_twice_mails_nobody_twice(sessie, organisator):
    beantwoorde(sessie, email="a@example.invalid", wil_antwoord=True)
    stuur_terugkoppeling.enqueue(sessie_id=sessie.pk, gebruiker_id=organisator.pk)
    stuur_terugkoppeling.enqueue(sessie_id=sessie.pk, gebruiker_id=organisator.pk)
    assert len(mail.outbox) == 1


def test_a_later_answer_goes_out_in_a_later_run_only_to_whom_it_concerns(sessie, organisator):
    beantwoorde(sessie, email="a@example.invalid", wil_antwoord=True)
    later = make_vraag(
        sessie, status=Vraag.Status.IN_BEHANDELING, email="a@example.invalid", wil_antwoord=True
    )
    stuur_antwoorden(sessie=sessie, actor=organisator)
    later.beantwoord(actor=organisator, antwoord="Later antwoord.")
    stuur_antwoorden(sessie=sessie, actor=organisator)
    assert len(mail.outbox) == 2
    assert "Later antwoord." in mail.outbox[1].body
    assert "Het antwoord." not in mail.outbox[1].body


def test_askers_without_consent_hidden_or_unanswered_questions_get_no_mail(sessie, organisator):
    beantwoorde(sessie, email="", wil_antwoord=False, naam="Zonder Toestemming")
    beantwoorde(sessie, email="verborgen@example.invalid", wil_antwoord=True, verborgen=True)
    make_vraag(
        sessie, status=Vraag.Status.IN_BEHANDELING, email="wacht@example.invalid", wil_antwoord=True
    )
    assert stuur_antwoorden(sessie=sessie, actor=organisator) == 0
    assert mail.outbox == []


def test_duplicates_share_the_answer_with_every_asker(sessie, organisator):
    origineel = make_vraag(sessie, email="eerste@example.invalid", wil_antwoord=True)
    dubbel = make_vraag(
        sessie, tekst="Zelfde vraag?", email="tweede@example.invalid", wil_antwoord=True
    )
    dubbel.markeer_dubbel(van=origineel, actor=organisator)
    origineel.neem_in_behandeling(actor=organisator, toegewezen_aan="Team")
    origineel.beantwoord(actor=organisator, antwoord="Eén antwoord voor iedereen.")
    stuur_antwoorden(sessie=sessie, actor=organisator)
    assert sorted(m.to[0] for m in mail.outbox) == [
        "eerste@example.invalid",
        "tweede@example.invalid",
    ]
    assert all("Eén antwoord voor iedereen." in m.body for m in mail.outbox)
    assert (
        "Zelfde vraag?" in next(m for m in mail.outbox if m.to == ["tweede@example.invalid"]).body
    )


def test_after_sending_answered_questions_are_marked_sent_and_logged(sessie, organisator):
    vraag = beantwoorde(sessie, email="a@example.invalid", wil_antwoord=True)
    zonder_mail = beantwoorde(sessie)
    stuur_antwoorden(sessie=sessie, actor=organisator)
    vraag.refresh_from_db()
    zonder_mail.refresh_from_db()
    assert vraag.teruggekoppeld_op is not None
    assert vraag.status == zonder_mail.status == Vraag.Status.TERUGGEKOPPELD
    assert list(vraag.log.values_list("actie", flat=True)) == ["gemaild", "status"]


def test_a_failing_mail_server_leaves_the_asker_waiting_for_the_next_run(
    sessie, organisator, settings
):
    vraag = beantwoorde(sessie, email="a@example.invalid", wil_antwoord=True)
    settings.MAILERS = {"default": {"BACKEND": "tests.informatiepunt.kapotte_mail.Backend"}}
    with pytest.raises(ConnectionError):
        stuur_antwoorden(sessie=sessie, actor=organisator)
    vraag.refresh_from_db()
    assert vraag.teruggekoppeld_op is None
