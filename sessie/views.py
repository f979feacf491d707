from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from sessie.access import LANDING, remember_toegang
from sessie.models import Toegang


@require_GET
def toegang_openen(request: HttpRequest, token: str) -> HttpResponse:
    """A volunteer's link: remember the grant in this browser and go to the job."""
    toegang = Toegang.vind(token)
    if toegang is None:
        return render(request, "sessie/toegang_ongeldig.html", status=404)
    landing = LANDING.get(toegang.rol)
    url = landing(toegang) if landing else None
    response = redirect(url or toegang.sessie)
    remember_toegang(request, response, toegang)
    return response
