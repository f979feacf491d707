import datetime as dt

import pytest
from django.utils import timezone

from sessie.models import Sessie, Toegang, hash_token
from tests.builders import make_sessie, make_tafel, make_thematafel, make_toegang, zet_klok

pytestmark = pytest.mark.django_db


def test_rehearsal_clock_runs_the_session_at_another_time():
    sessie = make_sessie()
    zet_klok(sessie, "19:45")
    verwacht = timezone.make_aware(dt.datetime.combine(sessie.datum, dt.time(19, 45)))
    assert abs((sessie.nu() - verwacht).total_seconds()) < 5


def test_rehearsal_clock_bumps_the_change_counter():
    sessie = make_sessie()
    zet_klok(sessie, "20:00")
    assert sessie.versie == 1
    sessie.zet_oefenklok(moment=None)
    sessie.refresh_from_db()
    assert sessie.klok_verschuiving is None
    assert sessie.versie == 2


def test_bump_counts_up():
    sessie = make_sessie()
    Sessie.bump(sessie.pk)
    Sessie.bump(sessie.pk)
    sessie.refresh_from_db()
    assert sessie.versie == 2


def test_goals_are_one_per_line():
    sessie = make_sessie(doelen="- netwerk opbouwen;\n\n- ideeën ophalen")
    assert sessie.doelen_lijst == ["netwerk opbouwen", "ideeën ophalen"]


def test_toegang_stores_only_a_hash_of_the_token():
    toegang, token = make_toegang(make_sessie())
    assert len(token) >= 40
    assert toegang.token_hash == hash_token(token)
    assert token not in toegang.token_hash
    assert Toegang.vind(token) == toegang


def test_toegang_expires_the_morning_after_the_evening():
    sessie = make_sessie()
    toegang, _ = make_toegang(sessie)
    assert toegang.verloopt.date() == sessie.datum + dt.timedelta(days=1)


def test_expired_revoked_and_guessed_tokens_find_nothing():
    sessie = make_sessie()
    verlopen, token1 = make_toegang(sessie)
    verlopen.verloopt = timezone.now() - dt.timedelta(minutes=1)
    verlopen.save()
    ingetrokken, token2 = make_toegang(sessie)
    ingetrokken.trek_in()
    assert Toegang.vind(token1) is None
    assert Toegang.vind(token2) is None
    assert Toegang.vind("geraden") is None
    assert Toegang.vind("x" * 500) is None


def test_renewing_a_link_stops_the_old_one():
    toegang, oud = make_toegang(make_sessie())
    nieuw = toegang.vernieuw()
    assert Toegang.vind(oud) is None
    assert Toegang.vind(nieuw) == toegang


def test_a_table_host_link_without_a_table_opens_no_table(client):
    sessie = make_sessie()
    tafel = make_tafel(make_thematafel(sessie))
    _, token = make_toegang(sessie, rol=Toegang.Rol.TAFELHOST)
    client.get(f"/toegang/{token}/")
    assert client.get(f"/s/{sessie.slug}/tafel/{tafel.pk}/").status_code == 403


def test_only_a_table_hosts_link_has_a_table():
    sessie = make_sessie()
    tafel = make_tafel(make_thematafel(sessie))
    toegang, _ = make_toegang(sessie, rol=Toegang.Rol.TAFELHOST, tafel=tafel)
    assert toegang.rol == Toegang.Rol.TAFELHOST and toegang.tafeltoegang.tafel == tafel
    with pytest.raises(AssertionError):
        make_toegang(sessie, rol=Toegang.Rol.DEUR, tafel=tafel)


def test_a_table_host_link_is_labelled_with_table_and_theme():
    sessie = make_sessie()
    tafel = make_tafel(make_thematafel(sessie, naam="Wijkhub"), naam="Tafel 1B")
    toegang, _ = make_toegang(sessie, rol=Toegang.Rol.TAFELHOST, tafel=tafel)
    assert toegang.label == "Tafel 1B · Wijkhub"


def test_a_table_host_link_with_a_note_still_names_its_table():
    sessie = make_sessie()
    tafel = make_tafel(make_thematafel(sessie, naam="Wijkstem"), naam="Tafel 2A")
    toegang, _ = make_toegang(sessie, rol=Toegang.Rol.TAFELHOST, tafel=tafel, label="Mariska")
    assert toegang.label == "Tafel 2A · Wijkstem — Mariska"
