"""Small formatting helpers shared by the renderers (times in the current time zone)."""

from __future__ import annotations

from datetime import date, datetime, time

from django.utils import formats, timezone


def tijd(waarde: datetime | time | None) -> str:
    if waarde is None:
        return ""
    if isinstance(waarde, datetime):
        if timezone.is_aware(waarde):
            waarde = timezone.localtime(waarde)
        return waarde.strftime("%H:%M")
    return waarde.strftime("%H:%M")


def tijdstip(waarde: datetime) -> str:
    """Date and time, sortable: 2026-03-12 19:31."""
    if timezone.is_aware(waarde):
        waarde = timezone.localtime(waarde)
    return waarde.strftime("%Y-%m-%d %H:%M")


def tijdvak(start: time | None, eind: time | None) -> str:
    if start is None:
        return ""
    return f"{tijd(start)}–{tijd(eind)}" if eind else tijd(start)


def datum(waarde: date) -> str:
    return formats.date_format(waarde, "l j F Y")
