"""SQLite's writers wait in line on a file lock (wijkavond/sqlite), not in SQLite's busy handler."""

import fcntl
import threading

import pytest
from django.db import IntegrityError, OperationalError, connection, connections, transaction

from sessie.models import Teller
from wijkavond.sqlite.base import slot_pad

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "sqlite", reason="the writers' line is SQLite's"),
]

INVOEGEN = f"INSERT INTO {Teller._meta.db_table} (sleutel, venster, aantal) VALUES (%s, %s, 1)"


@pytest.fixture
def verbindingen():
    """Connections of their own, closed afterwards (as two workers' would be)."""
    gemaakt = []

    def maak():
        verbinding = connections.create_connection("default")
        verbinding.ensure_connection()
        gemaakt.append(verbinding)
        return verbinding

    yield maak
    for verbinding in gemaakt:
        verbinding.close()


def slot_vrij() -> bool:
    with slot_pad(connection.settings_dict["NAME"]).open("a+b") as slot:
        try:
            fcntl.flock(slot, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        fcntl.flock(slot, fcntl.LOCK_UN)
        return True


def begin(verbinding) -> None:
    verbinding.set_autocommit(False, force_begin_transaction_with_broken_autocommit=True)


def voeg_in(verbinding, sleutel: str) -> None:
    with verbinding.cursor() as cursor:
        cursor.execute(INVOEGEN, [sleutel, "2026-12-02 19:30:00"])


def test_a_transaction_holds_the_line_from_begin_to_commit(verbindingen):
    a = verbindingen()
    assert slot_vrij()
    begin(a)
    assert not slot_vrij()
    voeg_in(a, "a")
    a.commit()
    a.set_autocommit(True)
    assert slot_vrij()
    assert Teller.objects.filter(sleutel="a").count() == 1


def test_a_write_waits_for_the_open_transaction_and_then_lands_once(verbindingen):
    a, b = verbindingen(), verbindingen()
    begin(a)
    voeg_in(a, "a")
    fouten = []

    def schrijf() -> None:
        try:
            voeg_in(b, "b")
        except Exception as fout:
            fouten.append(fout)

    b.inc_thread_sharing()
    draad = threading.Thread(target=schrijf)
    draad.start()
    draad.join(0.3)
    assert draad.is_alive(), "a second writer waits while a transaction is open"
    a.commit()
    a.set_autocommit(True)
    draad.join(5)
    b.dec_thread_sharing()
    assert not draad.is_alive() and fouten == []
    assert sorted(Teller.objects.values_list("sleutel", flat=True)) == ["a", "b"]
    assert slot_vrij()


def test_reads_do_not_wait_for_a_writer(verbindingen):
    a, b = verbindingen(), verbindingen()
    begin(a)
    voeg_in(a, "a")
    with b.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {Teller._meta.db_table}")
        assert cursor.fetchone() == (0,)  # WAL: the open transaction is not visible yet
    a.rollback()
    a.set_autocommit(True)
    assert slot_vrij()


def test_a_writer_that_waits_too_long_hears_database_is_locked_and_leaves_the_line(verbindingen):
    a, b = verbindingen(), verbindingen()
    begin(a)
    b._wachttijd = 0.05
    with pytest.raises(OperationalError, match="database is locked"):
        voeg_in(b, "b")
    with pytest.raises(OperationalError, match="database is locked"):
        begin(b)
    assert b.get_autocommit()
    a.rollback()
    a.set_autocommit(True)
    assert slot_vrij()
    voeg_in(b, "b")
    assert Teller.objects.filter(sleutel="b").count() == 1


def test_a_failed_write_and_a_rolled_back_transaction_leave_the_line(verbindingen):
    a = verbindingen()
    voeg_in(a, "dubbel")
    with pytest.raises(IntegrityError):
        voeg_in(a, "dubbel")
    assert slot_vrij()
    with pytest.raises(IntegrityError), transaction.atomic():
        Teller.objects.create(sleutel="nieuw", venster="2026-12-02T19:30:00Z")
        Teller.objects.create(sleutel="dubbel", venster="2026-12-02T19:30:00Z")
    assert slot_vrij()
    assert Teller.objects.filter(sleutel="nieuw").count() == 0


def test_a_commit_sent_as_a_statement_also_leaves_the_line(verbindingen):
    a = verbindingen()
    with a.cursor() as cursor:
        cursor.execute("BEGIN IMMEDIATE")
        assert not slot_vrij()
        cursor.execute(INVOEGEN, ["los", "2026-12-02 19:30:00"])
        cursor.execute("COMMIT")
    assert slot_vrij()
    assert Teller.objects.filter(sleutel="los").count() == 1
