"""Logging an organiser in, in the browser: through a test client's session, or the login form."""

from django.conf import settings
from django.test import Client


def inloggen(page, live_server, user, taal: str | None = None) -> None:
    """`page` logged in as `user` (a test client's session cookie); in `taal`, when given."""
    client = Client()
    client.force_login(user)
    cookies = [
        {
            "name": settings.SESSION_COOKIE_NAME,
            "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
            "url": live_server.url,
        }
    ]
    if taal is not None:
        cookies.append(
            {"name": settings.LANGUAGE_COOKIE_NAME, "value": taal, "url": live_server.url}
        )
    page.context.add_cookies(cookies)


def inloggen_met_formulier(page, gebruikersnaam: str, wachtwoord="geheim-wachtwoord-1") -> None:
    """Fill in the login form the page shows and send it with Enter."""
    page.locator("#id_username").fill(gebruikersnaam)
    page.locator("#id_password").fill(wachtwoord)
    page.locator("#id_password").press("Enter")
