import datetime as dt
import math

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def duur(value: dt.timedelta | None) -> str:
    """A countdown as the projector shows it: 1:05:09, 12:34 or 0:09."""
    if value is None:
        return ""
    seconds = max(0, int(value.total_seconds()))
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{seconds:02d}"
    return f"{minutes}:{seconds:02d}"


@register.filter
def minuten(value: dt.timedelta | None) -> int:
    """Whole minutes until something starts, rounded up: a wait reads "over 20 min", not as a
    clock time ("19:58"). klok.js keeps it up to date the same way (`data-minuten`)."""
    if value is None:
        return 0
    return max(0, math.ceil(value.total_seconds() / 60))


@register.filter
def uur(value: dt.time | dt.datetime | None) -> str:
    """19.45: how Dutch programmes write clock times (cheaper than the `time` filter)."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value)
    return f"{value:%H.%M}"


@register.filter
def uur_iso(value: dt.time | None) -> str:
    """19:45, for the machine-readable datetime attribute of <time>."""
    return f"{value:%H:%M}" if value is not None else ""
