"""A small database-backed rate limit for public POSTs (FACTS.md: django-ratelimit does not fit).

A whole venue may share one IP address, so the per-IP limit is generous and the tight limit is
per browser (its session).
"""

from __future__ import annotations

import datetime as dt
import functools
import random
from collections.abc import Callable

from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from sessie.models import Teller


def hit(*, sleutel: str, venster_seconden: int) -> int:
    """Count one request for `sleutel` in the current window; returns the count so far."""
    nu = timezone.now()
    begin = int(nu.timestamp()) // venster_seconden * venster_seconden
    venster = dt.datetime.fromtimestamp(begin, tz=dt.UTC)
    rij_sleutel = f"{sleutel}@{begin}"
    teller, _ = Teller.objects.get_or_create(sleutel=rij_sleutel, defaults={"venster": venster})
    Teller.objects.filter(pk=teller.pk).update(aantal=F("aantal") + 1)
    if random.random() < 0.01:
        Teller.objects.filter(venster__lt=nu - dt.timedelta(days=1)).delete()
    return teller.aantal + 1


def client_ip(request: HttpRequest) -> str:
    return request.META.get("REMOTE_ADDR", "")


def rate_limit(
    scope: str, *, per_browser: int, per_ip: int, seconds: int = 3600
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Limit POSTs to a view: `per_browser` per session cookie and `per_ip` per address."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if request.method == "POST":
                if not request.session.session_key:
                    request.session.save()
                browser = hit(
                    sleutel=f"{scope}:s:{request.session.session_key}", venster_seconden=seconds
                )
                ip = hit(sleutel=f"{scope}:ip:{client_ip(request)}", venster_seconden=seconds)
                if browser > per_browser or ip > per_ip:
                    return render(request, "sessie/te_veel.html", status=429)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
