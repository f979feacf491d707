"""A small database-backed rate limit for public POSTs (FACTS.md: django-ratelimit does not fit).

A whole venue shares one address behind its NAT, so limits are counted twice: tightly per
browser (a random id in a cookie) and generously per address, with a short per-minute limit on
the address too, so a client that throws its cookies away is still stopped within seconds. Each
count is a sliding window (this window and the previous one, weighted by how much of it still
lies within the last `seconds`), so a burst at the turn of the hour is not counted twice over.
Addresses and browser ids are stored only as keyed hashes (`_vingerafdruk`); the client's
address comes from the proxy only when `settings.TRUSTED_PROXIES` says how many sit in front.
"""

from __future__ import annotations

import datetime as dt
import functools
import ipaddress
import random
import secrets
from collections.abc import Callable

from django import forms
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext

from sessie.models import Teller
from sessie.sql import tel_op

BROWSER_COOKIE = "wijkavond_browser"
BROWSER_COOKIE_AGE = 60 * 60 * 24 * 30
TOO_MANY = 429
# Counters older than this count for nothing; the retention run (`manage.py vergeet`) deletes them,
# and so does one counted request in OPRUIMKANS, where no retention run is scheduled.
TELLER_BEWAREN = dt.timedelta(days=1)
OPRUIMKANS = 0.01


def _nu() -> dt.datetime:
    return timezone.now()


def hit(*, sleutel: str, venster_seconden: int) -> float:
    """Count one request for `sleutel`; returns the count over the last `venster_seconden`."""
    return hits([(sleutel, venster_seconden)])[0]


def hits(tellingen: list[tuple[str, int]]) -> list[float]:
    """Count one request for each `(sleutel, venster_seconden)`; returns each one's count over
    its last `venster_seconden`, in two statements however many there are.

    Sliding window from two fixed ones: all of this window's count, and the previous window's
    count weighted by the part of it that still lies within the last `venster_seconden`.
    """
    nu = _nu()
    seconden = nu.timestamp()
    begins = [int(seconden) // v * v for _s, v in tellingen]
    nieuw = tel_op(
        Teller,
        [
            (f"{s}@{begin}", dt.datetime.fromtimestamp(begin, tz=dt.UTC))
            for (s, _v), begin in zip(tellingen, begins, strict=True)
        ],
    )
    vorige_sleutels = [f"{s}@{begin - v}" for (s, v), begin in zip(tellingen, begins, strict=True)]
    vorige = dict(
        Teller.objects.filter(sleutel__in=vorige_sleutels).values_list("sleutel", "aantal")
    )
    if random.random() < OPRUIMKANS:
        Teller.objects.filter(venster__lt=nu - TELLER_BEWAREN).delete()
    return [
        nieuw[f"{s}@{begin}"] + vorige.get(oud, 0) * (1 - (seconden - begin) / v)
        for (s, v), begin, oud in zip(tellingen, begins, vorige_sleutels, strict=True)
    ]


def mail_toegestaan(adres: str) -> bool:
    """Count one mail to `adres`: False when it had `settings.MAILS_PER_ADRES` in the last hour.

    Whoever fills in a public form chooses the address; this bounds what they can send there,
    whatever browser or address they send from.
    """
    sleutel = f"mail:{_vingerafdruk(adres.strip().lower())}"
    return hit(sleutel=sleutel, venster_seconden=3600) <= settings.MAILS_PER_ADRES


def client_ip(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, or the one our own trusted proxies saw.

    With `settings.TRUSTED_PROXIES` = n > 0, each of our n proxies appended the address it was
    called from to X-Forwarded-For, so the n-th entry from the right is the client; anything to
    its left the client may have written itself. With 0 (the default) the header is ignored.
    """
    adres = request.META.get("REMOTE_ADDR", "")
    hops = settings.TRUSTED_PROXIES
    if hops > 0:
        doorgestuurd = [
            a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()
        ]
        if len(doorgestuurd) >= hops and _geldig(doorgestuurd[-hops]):
            adres = doorgestuurd[-hops]
    return adres


def _geldig(adres: str) -> bool:
    try:
        ipaddress.ip_address(adres)
    except ValueError:
        return False
    return True


def _adres_sleutel(adres: str) -> str:
    """What counts as one address: an IPv4 address, or an IPv6 /64 (one household's prefix)."""
    try:
        ip = ipaddress.ip_address(adres)
    except ValueError:
        return adres[:100]
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def _vingerafdruk(waarde: str) -> str:
    """A keyed hash: the counters never hold an address or a browser's id itself."""
    return salted_hmac("sessie.ratelimit", waarde, algorithm="sha256").hexdigest()[:32]


def _browser_id(request: HttpRequest) -> tuple[str, bool]:
    """(this browser's id, whether it is new); a browser without cookies is new every time."""
    bestaand = request.COOKIES.get(BROWSER_COOKIE, "")
    if 16 <= len(bestaand) <= 64 and bestaand.isascii() and bestaand.isalnum():
        return bestaand, False
    return secrets.token_hex(16), True


def too_many(request: HttpRequest) -> bool:
    """Was this POST refused by its view's rate limit? The view then saves nothing.

    Under `rate_limit(..., count_in_view=True)` the first call counts the POST: a view that asks
    inside its own transaction writes the count and what it saves in one go."""
    tel = getattr(request, "_tel_nog", None)
    if tel is not None:
        request._tel_nog = None
        tel()
    return getattr(request, "_te_veel", False)


def refuse(request: HttpRequest, form: forms.Form | None = None) -> bool:
    """True when this POST is over its limit; `form` then says so and keeps what was typed."""
    if not too_many(request):
        return False
    if form is not None:
        form.add_error(None, message())
    return True


def message() -> str:
    return gettext(
        "You sent this form very often in a short time. Please wait a minute and send it again."
    )


def rate_limit(
    scope: str,
    *,
    per_browser: int,
    per_address: int,
    per_address_minute: int,
    seconds: int = 3600,
    count_in_view: bool = False,
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Limit POSTs to a view: `per_browser` and `per_address` per `seconds`, and a burst limit
    of `per_address_minute` per address per minute.

    A refused POST still reaches the view, marked (`refuse`/`too_many`): the view shows the
    form again with what was typed and a message, and answers 429. Each POST is counted before
    the view, or with `count_in_view` when the view first asks (`refuse`), so that it can count
    inside its own transaction; a view that never asks is counted after it.
    """

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            browser, nieuw = _browser_id(request)
            if request.method == "POST":
                adres = _vingerafdruk(_adres_sleutel(client_ip(request)))
                tellingen = (
                    (f"{scope}:b:{_vingerafdruk(browser)}", seconds, per_browser),
                    (f"{scope}:a:{adres}", seconds, per_address),
                    (f"{scope}:am:{adres}", 60, per_address_minute),
                )

                def tel() -> None:
                    tellen = hits([(s, v) for s, v, _grens in tellingen])  # each counts, always
                    request._te_veel = any(
                        n > grens for n, (_s, _v, grens) in zip(tellen, tellingen, strict=True)
                    )

                request._tel_nog = tel
                if not count_in_view:
                    too_many(request)
            try:
                response = view(request, *args, **kwargs)
            except Exception:
                too_many(request)  # a view that turned it away or failed before asking: counted
                raise
            if too_many(request) and response.status_code < 500:
                response.status_code = TOO_MANY
            if nieuw:
                response.set_cookie(
                    BROWSER_COOKIE,
                    browser,
                    max_age=BROWSER_COOKIE_AGE,
                    secure=settings.SESSION_COOKIE_SECURE,
                    httponly=True,
                    samesite="Lax",
                )
            return response

        return wrapped

    return decorator
