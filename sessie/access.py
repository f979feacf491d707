"""Who may see what. Every view calls one of these; templates never decide access."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from sessie.models import Sessie, Toegang

SESSION_KEY = "wijkavond_toegangen"


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


def remember_toegang(request: HttpRequest, toegang: Toegang) -> None:
    ids = [i for i in request.session.get(SESSION_KEY, []) if i != toegang.pk]
    request.session[SESSION_KEY] = [*ids[-19:], toegang.pk]
    request.session.cycle_key()


def toegang_for(
    request: HttpRequest, sessie: Sessie, *rollen: str, tafel_id: int | None = None
) -> Toegang | None:
    """The valid grant this browser holds for one of `rollen` in `sessie`, if any.

    With `tafel_id`, a table host's grant counts only for that table.
    """
    ids = request.session.get(SESSION_KEY) or []
    if not ids:
        return None
    grants = Toegang.objects.geldig().filter(pk__in=ids, sessie=sessie, rol__in=rollen)
    if tafel_id is not None:
        grants = grants.filter(Q(tafel_id=tafel_id) | ~Q(rol=Toegang.Rol.TAFELHOST))
    return grants.select_related("tafel").first()


def helper_sessie(
    request: HttpRequest, slug: str, *rollen: str, tafel_id: int | None = None
) -> Sessie:
    """A session this browser may help run in one of `rollen`: an organiser, or a volunteer
    holding a valid grant. 404 for an unknown slug, 403 for no (or an expired/revoked) grant."""
    sessie = get_object_or_404(Sessie, slug=slug)
    if sessie.mag_organiseren(request.user):
        return sessie
    if toegang_for(request, sessie, *rollen, tafel_id=tafel_id) is None:
        raise PermissionDenied
    return sessie
