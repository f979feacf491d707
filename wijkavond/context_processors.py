from django.conf import settings
from django.http import HttpRequest

from wijkavond.models import actieve_stijl


def organisatie(request: HttpRequest) -> dict:
    """Who runs the site, for every page's header and footer: the active theme, else settings."""
    stijl = actieve_stijl()
    if stijl is None:
        return {"organisatie": settings.ORGANISATIE, "huisstijl": None}
    return {
        "organisatie": settings.ORGANISATIE
        | {"naam": stijl.naam, "email": stijl.email, "telefoon": stijl.telefoon},
        "huisstijl": stijl,
    }
