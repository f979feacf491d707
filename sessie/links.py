"""Absolute links for what leaves the site: e-mails, printed QR codes, the newcomer's map."""

from django.conf import settings


def absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"
