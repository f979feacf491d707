"""SQLite whose writers wait in line instead of in SQLite's busy handler.

SQLite lets one connection write at a time. The others wait in its busy handler, which sleeps
1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50, 100 ms between tries, whether or not the lock came free
in the meantime: under load a worker slept tens of milliseconds for a lock that was free after
two, and every request behind it in that worker's queue waited too. Here every write first
takes an exclusive lock on a file beside the database (`<name>-schrijvers`), trying again within
a millisecond of its release. SQLite's own lock and busy handler stay underneath, for writers
that do not come this way (a migration in another process, the sqlite3 shell).

What counts as a write: a transaction (`atomic` begins one with BEGIN IMMEDIATE, settings.py),
and outside one any statement that is not a SELECT, PRAGMA or EXPLAIN.
"""

from __future__ import annotations

import fcntl
import time
from contextlib import contextmanager
from pathlib import Path

from django.db import OperationalError
from django.db.backends.sqlite3 import base, creation

LEZEND = ("SELECT", "PRAGMA", "EXPLAIN")
# How long a writer tries before it gives up as SQLite would ("database is locked").
STANDAARD_WACHTTIJD = 20.0
# Between tries: from 0.1 ms, doubling up to 1 ms.
EERSTE_PAUZE, LANGSTE_PAUZE = 0.0001, 0.001


def slot_pad(naam) -> Path:
    return Path(f"{naam}-schrijvers")


class DatabaseCreation(creation.DatabaseCreation):
    def _destroy_test_db(self, test_database_name, verbosity):
        super()._destroy_test_db(test_database_name, verbosity)
        if not self.is_in_memory_db(test_database_name):
            slot_pad(test_database_name).unlink(missing_ok=True)  # nobody uses it any more


class DatabaseWrapper(base.DatabaseWrapper):
    creation_class = DatabaseCreation

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._slot = None
        self._slot_vast = False

    def get_new_connection(self, conn_params):
        verbinding = super().get_new_connection(conn_params)
        if not self.is_in_memory_db():
            # One open file per connection: flock holds between them, in one process too.
            self._slot = slot_pad(self.settings_dict["NAME"]).open("a+b")
        self._wachttijd = float(conn_params.get("timeout", STANDAARD_WACHTTIJD))
        return verbinding

    def create_cursor(self, name=None):
        cursor = self.connection.cursor(factory=_Cursor)
        cursor.wrapper = self
        return cursor

    def neem_slot(self) -> None:
        """Take the writers' lock unless this connection holds it already."""
        if self._slot is None or self._slot_vast:
            return
        pauze, tot = EERSTE_PAUZE, time.monotonic() + self._wachttijd
        while True:
            try:
                fcntl.flock(self._slot, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > tot:
                    raise OperationalError("database is locked") from None
                time.sleep(pauze)
                pauze = min(pauze * 2, LANGSTE_PAUZE)
        self._slot_vast = True

    def geef_slot(self) -> None:
        if self._slot_vast:
            self._slot_vast = False
            fcntl.flock(self._slot, fcntl.LOCK_UN)

    def _start_transaction_under_autocommit(self):
        # Held until COMMIT or ROLLBACK; a BEGIN that fails lets go at once (_Cursor.execute).
        self.neem_slot()
        super()._start_transaction_under_autocommit()

    def _commit(self):
        try:
            return super()._commit()
        finally:
            self.geef_slot_buiten_transactie()

    def _rollback(self):
        try:
            return super()._rollback()
        finally:
            self.geef_slot_buiten_transactie()

    def geef_slot_buiten_transactie(self) -> None:
        # A failed COMMIT leaves the transaction open (and the lock rightly held) until rollback.
        if self.connection is None or not self.connection.in_transaction:
            self.geef_slot()

    def _close(self):
        try:
            return super()._close()
        finally:
            self.geef_slot()
            if self._slot is not None:
                self._slot.close()
                self._slot = None


class _Cursor(base.SQLiteCursorWrapper):
    wrapper: DatabaseWrapper

    def _los_schrijven(self, query: str) -> bool:
        """A write of its own: not inside a transaction, and not a read."""
        return (
            not self.wrapper._slot_vast
            and not self.connection.in_transaction
            and not query.lstrip()[:7].upper().startswith(LEZEND)
        )

    @contextmanager
    def _in_de_rij(self, query: str):
        """Around one statement: in line first if it writes on its own; afterwards, outside a
        transaction nobody holds the line (also after a COMMIT sent as a statement)."""
        if self._los_schrijven(query):
            self.wrapper.neem_slot()
        try:
            yield
        finally:
            self.wrapper.geef_slot_buiten_transactie()

    def execute(self, query, params=None):
        with self._in_de_rij(query):
            return super().execute(query, params)

    def executemany(self, query, param_list):
        with self._in_de_rij(query):
            return super().executemany(query, param_list)
