"""Plain builders for tests: `make_*` returns a saved object with sensible defaults."""

from __future__ import annotations

import datetime as dt
import itertools
import uuid

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from aanmelden.models import Aanmelding, Lidmaatschap
from informatiepunt.models import Vraagcategorie
from programma.models import Programmaonderdeel
from sessie.models import Sessie, Toegang, Werkgroep
from thematafels.models import Idee, Prompt, Ronde, Tafel, Tafeltoegang, Thematafel
from wijkavond.laden import DEMO_PATH, laad_sessie, lees
from wijkavond.models import Huisstijl

_teller = itertools.count(1)


def make_user(*, username: str | None = None, password: str = "geheim-wachtwoord-1", **extra):
    username = username or f"gebruiker{next(_teller)}"
    return get_user_model().objects.create_user(username=username, password=password, **extra)


def make_sessie(*, organisator=None, **velden) -> Sessie:
    n = next(_teller)
    defaults = {
        "titel": f"Wijkavond {n}",
        "slug": f"wijkavond-{n}",
        "gebied": "Testwijk",
        "datum": timezone.localdate(),
        "locatie": "Buurthuis",
        "adres": "Dorpsstraat 1",
        "status": Sessie.Status.GEPUBLICEERD,
    }
    sessie = Sessie.objects.create(**(defaults | velden))
    if organisator is not None:
        sessie.organisatoren.add(organisator)
    return sessie


def make_onderdeel(sessie: Sessie, start: str, eind: str, **velden) -> Programmaonderdeel:
    return Programmaonderdeel.objects.create(
        sessie=sessie,
        start=dt.time.fromisoformat(start),
        eind=dt.time.fromisoformat(eind),
        soort=velden.pop("soort", Programmaonderdeel.Soort.PLENAIR),
        titel=velden.pop("titel", f"Onderdeel {start}"),
        **velden,
    )


def make_thematafel(sessie: Sessie, *, nummer: int | None = None, **velden) -> Thematafel:
    nummer = nummer or sessie.thematafels.count() + 1
    thema = Thematafel.objects.create(
        sessie=sessie,
        nummer=nummer,
        naam=velden.pop("naam", f"Thema {nummer}"),
        kernvraag=velden.pop("kernvraag", "Wat is nodig?"),
        **velden,
    )
    Prompt.objects.create(thematafel=thema, tekst="organisatie")
    return thema


def make_tafel(thematafel: Thematafel, **velden) -> Tafel:
    return Tafel.objects.create(
        thematafel=thematafel, naam=velden.pop("naam", f"Tafel {thematafel.nummer}A"), **velden
    )


def make_ronde(sessie: Sessie, nummer: int, start: str, eind: str) -> Ronde:
    return Ronde.objects.create(
        sessie=sessie,
        nummer=nummer,
        start=dt.time.fromisoformat(start),
        eind=dt.time.fromisoformat(eind),
    )


def make_categorie(sessie: Sessie, naam: str = "Financiering") -> Vraagcategorie:
    return Vraagcategorie.objects.create(sessie=sessie, naam=naam)


def make_toegang(
    sessie: Sessie, rol: str = Toegang.Rol.DEUR, *, tafel: Tafel | None = None, **velden
) -> tuple[Toegang, str]:
    """A volunteer link; with `tafel`, a table host's link for that table."""
    if tafel is not None:
        assert rol == Toegang.Rol.TAFELHOST, "only a table host's link has a table"
        return Tafeltoegang.uitgeven(tafel=tafel, **velden)
    return Toegang.uitgeven(sessie=sessie, rol=rol, **velden)


def make_demo(*, datum: dt.date | None = None) -> Sessie:
    """The demo evening as `make run` loads it (without the simulated crowd)."""
    return laad_sessie(lees(DEMO_PATH), datum=datum or timezone.localdate())


def zet_klok(sessie: Sessie, tijd: str) -> None:
    """Run the session clock as if it were `tijd` on the evening itself."""
    moment = timezone.make_aware(dt.datetime.combine(sessie.datum, dt.time.fromisoformat(tijd)))
    sessie.zet_oefenklok(moment=moment)
    sessie.refresh_from_db()


def make_vraag(sessie: Sessie, **velden):
    """A question as the information point takes it (import here: the app is optional)."""
    import uuid

    from informatiepunt.models import Vraag

    defaults = {"tekst": f"Vraag {next(_teller)}?", "inzendsleutel": uuid.uuid4()}
    return Vraag.objects.create(sessie=sessie, **(defaults | velden))


def make_aanmelding(sessie: Sessie, **velden) -> tuple[Aanmelding, dict[str, str]]:
    """A registration and its raw tokens ({"token": personal link, "incheck": door code})."""
    n = next(_teller)
    hashes, tokens = Aanmelding.nieuwe_tokens()
    defaults = {"naam": f"Deelnemer {n}", "email": f"deelnemer{n}@example.invalid"}
    aanmelding = Aanmelding.objects.create(
        sessie=sessie, inzendsleutel=uuid.uuid4(), **(defaults | velden), **hashes
    )
    return aanmelding, tokens


def make_werkgroep(sessie: Sessie, naam: str = "Werkgroep Groen") -> Werkgroep:
    return Werkgroep.objects.create(sessie=sessie, naam=naam)


def make_lidmaatschap(werkgroep: Werkgroep, **velden) -> Lidmaatschap:
    n = next(_teller)
    defaults = {
        "naam": f"Lid {n}",
        "email": f"lid{n}@example.invalid",
        "herkomst": Lidmaatschap.Herkomst.AVOND,
        "inzendsleutel": uuid.uuid4(),
    }
    return Lidmaatschap.objects.create(werkgroep=werkgroep, **(defaults | velden))


def make_idee(tafel: Tafel, ronde: Ronde, tekst: str = "Een buurtapp", **velden) -> Idee:
    return Idee.objects.create(
        inzendsleutel=velden.pop("inzendsleutel", uuid.uuid4()),
        sessie_id=ronde.sessie_id,
        tafel=tafel,
        ronde=ronde,
        tekst=tekst,
        **velden,
    )


def host_client(client, sessie: Sessie, tafel: Tafel):
    """`client` holding a table host's link for `tafel` (opened once, as a host would)."""
    _, token = Tafeltoegang.uitgeven(tafel=tafel)
    client.get(f"/toegang/{token}/")
    return client


def organiser_client(client, sessie: Sessie, **gebruiker):
    """`client` logged in as a new organiser of `sessie`; the user is `client.user`."""
    user = make_user(**gebruiker)
    sessie.organisatoren.add(user)
    client.force_login(user)
    client.user = user
    return client


def admin_actie(client, model: str, actie: str, *rijen):
    """The admin's `actie` on `rijen` from the change list of `model` ("app_model"), as the
    page posts it; the response after the redirect."""
    url = reverse(f"admin:{model}_changelist")
    return client.post(
        url, {"action": actie, "_selected_action": [r.pk for r in rijen]}, follow=True
    )


def make_huisstijl(*, actief: bool = True, **velden) -> Huisstijl:
    """A theme that passes the contrast checks; switched on (as the admin's action would)."""
    defaults = {
        "naam": f"Gemeente Testdorp {next(_teller)}",
        "kleur_primair": "#1b4f72",
        "kleur_primair_tekst": "#ffffff",
        "kleur_link": "#0b5a8a",
        "kleur_accent": "#c76b00",
    }
    huisstijl = Huisstijl(**(defaults | velden))
    huisstijl.full_clean()
    huisstijl.save()
    if actief:
        huisstijl.activeer()
    return huisstijl
