from django.conf import settings
from django.http import HttpRequest


def organisatie(request: HttpRequest) -> dict:
    """Who runs the site, for every page's footer."""
    return {"organisatie": settings.ORGANISATIE}
