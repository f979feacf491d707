"""Who may see what. Every view calls one of these; templates never decide access."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse

from sessie.models import Sessie, Toegang

# The grants a volunteer's browser holds live in one signed cookie, not in a server session:
# a table host's capture then needs no session row, only the grant's own (one query). Each
# entry is "pk.fingerprint.expiry"; the fingerprint is part of the token's hash, so renewing a
# link shuts out every browser that opened the old one, and revoking works at once in the DB.
GRANT_COOKIE = "wijkavond_toegang"
GRANT_SALT = "wijkavond.toegang"
MAX_GRANTS = 20

# Where a volunteer lands after opening their link, per role: the app that owns the job
# registers its page here (`AppConfig.ready`); None means the session's public page.
LANDING: dict[str, Callable[[Toegang], str | None]] = {}


def land_op(rol: str, url_name: str) -> None:
    """Volunteers of `rol` land on `url_name`, a page that takes only the session's slug."""
    LANDING[rol] = lambda toegang: reverse(url_name, kwargs={"slug": toegang.sessie.slug})


def public_sessie(request: HttpRequest, slug: str) -> Sessie:
    """A session anyone may see: published or finished; drafts only for their organisers."""
    sessie = get_object_or_404(Sessie, slug=slug)
    if not sessie.is_openbaar and not sessie.mag_organiseren(request.user):
        raise Http404
    return sessie


def organiser_sessie(request: HttpRequest, slug: str) -> Sessie:
    """A session the logged-in user organises; 404 otherwise, so slugs do not leak."""
    sessie = get_object_or_404(Sessie, slug=slug)
    if not sessie.mag_organiseren(request.user):
        raise Http404
    return sessie


def _held_entries(request: HttpRequest) -> list[tuple[int, str, int]]:
    raw = request.get_signed_cookie(GRANT_COOKIE, default="", salt=GRANT_SALT)
    now = time.time()
    entries = []
    for entry in raw.split(",") if raw else ():
        pk, _, rest = entry.partition(".")
        fingerprint, _, expiry = rest.partition(".")
        if (pk + expiry).isascii() and pk.isdigit() and expiry.isdigit() and int(expiry) > now:
            entries.append((int(pk), fingerprint, int(expiry)))
    return entries


def held_grants(request: HttpRequest) -> dict[int, str]:
    """The grants this browser holds: {pk: fingerprint of the link it was opened with}."""
    return {pk: fingerprint for pk, fingerprint, _ in _held_entries(request)}


def remember_toegang(request: HttpRequest, response: HttpResponse, toegang: Toegang) -> None:
    """Let this browser use `toegang` from now on (it keeps its other grants)."""
    entries = [e for e in _held_entries(request) if e[0] != toegang.pk]
    nieuw = (toegang.pk, toegang.fingerprint, int(toegang.verloopt.timestamp()))
    entries = [*entries[-(MAX_GRANTS - 1) :], nieuw]
    response.set_signed_cookie(
        GRANT_COOKIE,
        ",".join(f"{pk}.{fingerprint}.{expiry}" for pk, fingerprint, expiry in entries),
        salt=GRANT_SALT,
        max_age=max(1, max(expiry for _, _, expiry in entries) - int(time.time())),
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def toegang_for(request: HttpRequest, sessie: Sessie, *rollen: str) -> Toegang | None:
    """The valid grant this browser holds for one of `rollen` in `sessie`, if any."""
    held = held_grants(request)
    if not held:
        return None
    grants = Toegang.objects.geldig().filter(pk__in=held, sessie=sessie, rol__in=rollen)
    return next((g for g in grants if g.fingerprint == held[g.pk]), None)


@dataclass(frozen=True)
class Helper:
    """Who is helping run a session: an organiser (their user) or a volunteer (their grant)."""

    sessie: Sessie
    user: AbstractBaseUser | None = None
    toegang: Toegang | None = None

    @property
    def is_organiser(self) -> bool:
        return self.toegang is None

    @property
    def actor(self) -> AbstractBaseUser | Toegang:
        """Who did it, for logs: the organiser's user or the volunteer's link."""
        return self.toegang or self.user


def helper(request: HttpRequest, slug: str, *rollen: str) -> Helper:
    """The one access check of every role-checked view: the session and who is working.

    An organiser of the session, or a volunteer holding a valid grant for one of `rollen`.
    404 for an unknown slug, 403 for no (or an expired, renewed or revoked) grant.
    """
    sessie = get_object_or_404(Sessie, slug=slug)
    if sessie.mag_organiseren(request.user):
        return Helper(sessie=sessie, user=request.user)
    toegang = toegang_for(request, sessie, *rollen)
    if toegang is None:
        raise PermissionDenied
    return Helper(sessie=sessie, toegang=toegang)
