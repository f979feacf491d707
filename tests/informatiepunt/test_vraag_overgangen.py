"""Every step of a question, and who may take it."""

import pytest

from informatiepunt.models import Overgangsfout, Vraag, Vraaglog
from sessie.models import Toegang
from tests.builders import make_sessie, make_toegang, make_user, make_vraag

pytestmark = pytest.mark.django_db


def test_organiser_takes_a_new_question_on_and_the_step_is_logged(sessie, organisator):
    vraag = make_vraag(sessie)
    versie = sessie.versie
    vraag.neem_in_behandeling(actor=organisator, toegewezen_aan=" Team Financiën ")
    vraag.refresh_from_db()
    assert vraag.status == Vraag.Status.IN_BEHANDELING
    assert vraag.toegewezen_aan == "Team Financiën"
    regel = vraag.log.get()
    assert (regel.van_status, regel.naar_status) == ("nieuw", "in_behandeling")
    assert regel.door_gebruiker == organisator
    assert regel.door_label == organisator.username
    sessie.refresh_from_db()
    assert sessie.versie > versie


def test_organiser_answers_a_question_in_progress_and_approves_it(sessie, organisator):
    vraag = make_vraag(sessie, status=Vraag.Status.IN_BEHANDELING)
    vraag.beantwoord(actor=organisator, antwoord="Ja, dat kan.")
    vraag.refresh_from_db()
    assert vraag.status == Vraag.Status.BEANTWOORD
    assert vraag.antwoord == "Ja, dat kan."
    assert vraag.goedgekeurd_door == organisator
    assert vraag.goedgekeurd_op is not None
    assert vraag.log.get().naar_status == "beantwoord"


def test_a_new_question_cannot_be_answered_before_someone_takes_it_on(sessie, organisator):
    vraag = make_vraag(sessie)
    with pytest.raises(Overgangsfout):
        vraag.beantwoord(actor=organisator, antwoord="Ja.")
    assert Vraag.objects.get(pk=vraag.pk).status == Vraag.Status.NIEUW
    assert not Vraaglog.objects.exists()


def test_answered_question_can_be_reopened_and_marked_sent(sessie, organisator):
    vraag = make_vraag(sessie, status=Vraag.Status.BEANTWOORD, antwoord="Ja.")
    vraag.heropen(actor=organisator)
    assert vraag.status == Vraag.Status.IN_BEHANDELING
    vraag.beantwoord(actor=organisator, antwoord="Ja, zeker.")
    vraag.markeer_teruggekoppeld(actor=organisator)
    assert vraag.status == Vraag.Status.TERUGGEKOPPELD
    stappen = [(r.van_status, r.naar_status) for r in vraag.log.all()]
    assert stappen == [
        ("beantwoord", "in_behandeling"),
        ("in_behandeling", "beantwoord"),
        ("beantwoord", "teruggekoppeld"),
    ]


def test_only_answered_questions_can_be_marked_sent(sessie, organisator):
    vraag = make_vraag(sessie, status=Vraag.Status.IN_BEHANDELING)
    with pytest.raises(Overgangsfout):
        vraag.markeer_teruggekoppeld(actor=organisator)


def test_a_sent_question_is_final(sessie, organisator):
    vraag = make_vraag(sessie, status=Vraag.Status.TERUGGEKOPPELD, antwoord="Ja.")
    for stap in (
        lambda: vraag.neem_in_behandeling(actor=organisator, toegewezen_aan="X"),
        lambda: vraag.beantwoord(actor=organisator, antwoord="Nee."),
        lambda: vraag.heropen(actor=organisator),
    ):
        with pytest.raises(Overgangsfout):
            stap()


@pytest.mark.parametrize("stap", ["toewijzen", "beantwoorden", "heropenen", "terugkoppelen"])
def test_info_point_staff_may_not_move_questions_through_the_answer_flow(sessie, toegang, stap):
    status = {"toewijzen": "nieuw", "beantwoorden": "in_behandeling"}.get(stap, "beantwoord")
    vraag = make_vraag(sessie, status=status)
    acties = {
        "toewijzen": lambda: vraag.neem_in_behandeling(actor=toegang, toegewezen_aan="X"),
        "beantwoorden": lambda: vraag.beantwoord(actor=toegang, antwoord="Ja."),
        "heropenen": lambda: vraag.heropen(actor=toegang),
        "terugkoppelen": lambda: vraag.markeer_teruggekoppeld(actor=toegang),
    }
    with pytest.raises(Overgangsfout):
        acties[stap]()
    assert Vraag.objects.get(pk=vraag.pk).status == status


def test_an_organiser_of_another_session_may_not_answer(sessie):
    vreemde = make_user()
    make_sessie(organisator=vreemde)
    vraag = make_vraag(sessie)
    with pytest.raises(Overgangsfout):
        vraag.neem_in_behandeling(actor=vreemde, toegewezen_aan="X")


def test_staff_mark_a_duplicate_and_hide_abuse_with_their_link_label_logged(sessie, toegang):
    origineel = make_vraag(sessie)
    vraag = make_vraag(sessie)
    vraag.markeer_dubbel(van=origineel, actor=toegang)
    vraag.zet_verborgen(verborgen=True, actor=toegang)
    vraag.refresh_from_db()
    assert vraag.dubbel_van == origineel
    assert vraag.verborgen
    assert [(r.actie, r.door_label, r.door_gebruiker) for r in vraag.log.all()] == [
        ("dubbel", "Infotafel", None),
        ("verborgen", "Infotafel", None),
    ]


def test_a_link_for_another_session_or_role_may_not_tidy_questions(sessie):
    vraag = make_vraag(sessie)
    andere, _ = make_toegang(make_sessie(), Toegang.Rol.INFORMATIEPUNT)
    deur, _ = make_toegang(sessie, Toegang.Rol.DEUR)
    for actor in (andere, deur):
        with pytest.raises(Overgangsfout):
            vraag.zet_verborgen(verborgen=True, actor=actor)
        with pytest.raises(Overgangsfout):
            vraag.markeer_dubbel(van=make_vraag(sessie), actor=actor)


def test_duplicates_point_at_the_original_never_at_another_duplicate(sessie, organisator):
    a, b, c = make_vraag(sessie), make_vraag(sessie), make_vraag(sessie)
    b.markeer_dubbel(van=a, actor=organisator)
    c.markeer_dubbel(van=b, actor=organisator)
    assert c.dubbel_van == a
    # Marking the original itself as a duplicate moves its duplicates along.
    d = make_vraag(sessie)
    a.markeer_dubbel(van=d, actor=organisator)
    assert set(d.dubbelen.values_list("pk", flat=True)) == {a.pk, b.pk, c.pk}


def test_a_question_is_never_a_duplicate_of_itself_or_of_another_session(sessie, organisator):
    a, b = make_vraag(sessie), make_vraag(sessie)
    b.markeer_dubbel(van=a, actor=organisator)
    with pytest.raises(Overgangsfout):
        a.markeer_dubbel(van=b, actor=organisator)
    with pytest.raises(Overgangsfout):
        a.markeer_dubbel(van=make_vraag(make_sessie()), actor=organisator)


def test_a_duplicate_is_not_answered_itself(sessie, organisator):
    a, b = make_vraag(sessie), make_vraag(sessie)
    b.markeer_dubbel(van=a, actor=organisator)
    with pytest.raises(Overgangsfout):
        b.neem_in_behandeling(actor=organisator, toegewezen_aan="X")
    b.maak_dubbel_ongedaan(actor=organisator)
    b.neem_in_behandeling(actor=organisator, toegewezen_aan="X")
    assert b.status == Vraag.Status.IN_BEHANDELING


def test_wanting_the_answer_by_mail_needs_an_address(sessie):
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        make_vraag(sessie, wil_antwoord=True, email="")
