"""Plain SQL for the few requests that arrive hundreds of times a minute (polls, captures).

The ORM compiles every query anew: 0.2–0.9 ms here, where running it on SQLite takes ~10 µs.
For a hot path, write the statement once with `Columns` and read its rows back as real model
instances, converted by the database backend exactly as the ORM converts them; `insert_new`
saves a captured row the same way. Everywhere else, use the ORM. `tests/test_sql.py` holds
these to what the ORM does, on SQLite and PostgreSQL.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from django.db import connection
from django.db.models import Model


def table(model: type[Model]) -> str:
    return connection.ops.quote_name(model._meta.db_table)


class Columns:
    """All concrete columns of `model` under `alias` in a SELECT, and the instance they make."""

    def __init__(self, model: type[Model], alias: str) -> None:
        self.model = model
        self.alias = alias
        self.fields = model._meta.concrete_fields
        self.attnames = [f.attname for f in self.fields]
        self._converters: dict[tuple[str, str], list] = {}
        self._sql: dict[str, str] = {}

    def __len__(self) -> int:
        return len(self.fields)

    def sql(self) -> str:
        if connection.vendor not in self._sql:
            quote = connection.ops.quote_name
            self._sql[connection.vendor] = ", ".join(
                f"{self.alias}.{quote(f.column)}" for f in self.fields
            )
        return self._sql[connection.vendor]

    def _converters_for_connection(self) -> list:
        key = (connection.alias, connection.vendor)
        if key not in self._converters:
            converters = []
            for field in self.fields:
                column = field.get_col(self.alias)
                found = connection.ops.get_db_converters(column)
                found += column.get_db_converters(connection)
                converters.append((column, found))
            self._converters[key] = converters
        return self._converters[key]

    def instance(self, row: Sequence, start: int = 0) -> Model:
        """The instance held in `row[start:start + len(self)]`."""
        values = []
        for value, (column, converters) in zip(
            row[start : start + len(self)], self._converters_for_connection(), strict=True
        ):
            for convert in converters:
                value = convert(value, column, connection)
            values.append(value)
        return self.model.from_db(connection.alias, self.attnames, values)


def select(columns: Columns, where: str, params: Sequence, *, order_by: str) -> list[Model]:
    """The rows of one table that match `where`, as instances, in `order_by` order."""
    sql = (
        f"SELECT {columns.sql()} FROM {table(columns.model)} {columns.alias}"
        f" WHERE {where} ORDER BY {order_by}"
    )
    return [columns.instance(row) for row in rows(sql, params)]


def insert_new(instance: Model, *, unique: str) -> bool:
    """`instance.save()` for a new row, unless a row with the same `unique` value exists.

    True when inserted (the instance now has its pk); False when the row was already there.
    One statement, no savepoint: `INSERT … ON CONFLICT DO NOTHING RETURNING`. Like
    `QuerySet.create()` it does not validate; unlike it, it sends no model signals (nothing in
    this project listens to them).
    """
    sql, fields, returning = _insert_sql(type(instance), unique, connection.vendor)
    values = [f.get_db_prep_save(f.pre_save(instance, True), connection) for f in fields]
    found = rows(sql, values)
    if not found:
        return False
    for field, value in zip(returning, found[0], strict=True):
        setattr(instance, field.attname, value)
    instance._state.adding = False
    instance._state.db = connection.alias
    return True


@functools.cache
def _insert_sql(model: type[Model], unique: str, vendor: str) -> tuple[str, list, list]:
    meta = model._meta
    if meta.parents:  # a row per table in multi-table inheritance: leave that to the ORM
        raise TypeError(f"insert_new cannot save {model.__name__}: it has a parent model")
    fields = [f for f in meta.local_concrete_fields if not f.db_returning]
    returning = [f for f in meta.local_concrete_fields if f.db_returning]
    quote = connection.ops.quote_name
    sql = (
        f"INSERT INTO {table(model)} ({', '.join(quote(f.column) for f in fields)})"
        f" VALUES ({', '.join(['%s'] * len(fields))})"
        f" ON CONFLICT ({quote(meta.get_field(unique).column)}) DO NOTHING"
        f" RETURNING {', '.join(quote(f.column) for f in returning)}"
    )
    return sql, fields, returning


def tel_op(model: type[Model], rijen: Sequence[tuple[str, object]]) -> dict[str, int]:
    """Add one to each counter `(sleutel, venster)` of `model`, making it at 1 when new; returns
    the new counts by key. One statement for them all (`INSERT … ON CONFLICT DO UPDATE …
    RETURNING`), where the ORM needs a get_or_create and an update per counter: every public
    POST counts three (sessie/ratelimit.py)."""
    quote = connection.ops.quote_name
    naam, aantal = table(model), quote("aantal")
    sql = (
        f"INSERT INTO {naam} ({quote('sleutel')}, {quote('venster')}, {aantal})"
        f" VALUES {', '.join(['(%s, %s, 1)'] * len(rijen))}"
        f" ON CONFLICT ({quote('sleutel')}) DO UPDATE SET {aantal} = {naam}.{aantal} + 1"
        f" RETURNING {quote('sleutel')}, {aantal}"
    )
    veld = model._meta.get_field("venster")
    params = [
        waarde
        for sleutel, venster in rijen
        for waarde in (sleutel, veld.get_db_prep_save(venster, connection))
    ]
    return dict(rows(sql, params))


def rows(sql: str, params: Sequence) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()
