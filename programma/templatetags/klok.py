import datetime as dt

from django import template

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
