"""Plain SQL for the few requests that arrive hundreds of times a minute (polls, captures).

The ORM compiles every query anew: 0.2–0.9 ms here, where running it on SQLite takes ~10 µs.
For a hot path, write the statement once with `Columns` and read its rows back as real model
instances, converted by the database backend exactly as the ORM converts them. Everywhere
else, use the ORM. `tests/test_sql.py` holds these readers to what the ORM returns.
"""

from __future__ import annotations

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

    def __len__(self) -> int:
        return len(self.fields)

    def sql(self) -> str:
        quote = connection.ops.quote_name
        return ", ".join(f"{self.alias}.{quote(f.column)}" for f in self.fields)

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


def rows(sql: str, params: Sequence) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()
