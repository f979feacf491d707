"""Simulated registrations for `sessie.simulatie.simuleer_avond`."""

from __future__ import annotations

import datetime as dt
import random
import uuid

from django.db import transaction

from aanmelden.models import Aanmelding, Lidmaatschap
from sessie.models import Sessie
from sessie.simulatie import Aantallen, fictief_email, fictieve_naam


def vul(*, sessie: Sessie, rng: random.Random, aantallen: Aantallen) -> None:
    """Simulated registrations: fictitious names, e-mails @example.invalid, signed up over the
    three weeks before the evening; about half of them already checked in at the door."""
    themas = list(sessie.thematafels.all())
    werkgroepen = list(sessie.werkgroepen.all())
    rollen = sessie.rollen_lijst or [""]
    diëten = [code for code, _label in Aanmelding.Dieet.choices]
    begin = sessie.op_tijd(dt.time(9, 0)) - dt.timedelta(days=21)
    rijen, gekozen = [], []
    for n in range(aantallen.deelnemers):
        naam = fictieve_naam(rng)
        keuze = rng.sample(themas, 2) if len(themas) >= 2 else [None, None]
        wil_broodje = rng.random() < 0.7
        moment = begin + dt.timedelta(minutes=rng.randrange(21 * 24 * 60))
        rijen.append(
            Aanmelding(
                sessie=sessie,
                # Keys and hashes are random, not drawn from rng: two runs of one seed may share
                # a database (their content is the same, their unique keys are not).
                inzendsleutel=uuid.uuid4(),
                naam=naam,
                email=fictief_email(naam, n),
                rol=rng.choice(rollen),
                broodje=Aanmelding.Broodje.JA if wil_broodje else Aanmelding.Broodje.GEEN,
                broodje_sinds=moment if wil_broodje else None,
                dieet=[rng.choice(diëten)] if wil_broodje and rng.random() < 0.3 else [],
                voorkeur_1=keuze[0],
                voorkeur_2=keuze[1],
                toestemming_contact=rng.random() < 0.6,
                toestemming_netwerk=rng.random() < 0.4,
                **Aanmelding.nieuwe_tokens()[0],
                ingecheckt=sessie.op_tijd(dt.time(19, 0)) if rng.random() < 0.5 else None,
            )
        )
        gekozen.append((moment, rng.sample(werkgroepen, min(len(werkgroepen), rng.randrange(2)))))
    # Sandwiches first come, first served, like the real form (aanmelden/aanmeldingen.py).
    wachtrij = sorted((a for a in rijen if a.broodje_sinds), key=lambda a: a.broodje_sinds)
    for aanmelding in wachtrij[sessie.broodjes :] if sessie.broodjes is not None else []:
        aanmelding.broodje = Aanmelding.Broodje.WACHTLIJST
    with transaction.atomic():
        aanmeldingen = Aanmelding.objects.bulk_create(rijen)
        for aanmelding, (moment, _groepen) in zip(aanmeldingen, gekozen, strict=True):
            aanmelding.aangemaakt = moment
        # auto_now_add fills "now" on insert: the simulated moments go in afterwards.
        Aanmelding.objects.bulk_update(aanmeldingen, ["aangemaakt"])
        Koppeling = Aanmelding.werkgroepen.through
        Koppeling.objects.bulk_create(
            Koppeling(aanmelding_id=a.pk, werkgroep_id=w.pk)
            for a, (_moment, groepen) in zip(aanmeldingen, gekozen, strict=True)
            for w in groepen
        )
        # Each tick is a membership too, as the real form makes (aanmelden/werkgroepen.py).
        Lidmaatschap.objects.bulk_create(
            Lidmaatschap(
                inzendsleutel=uuid.uuid4(),
                werkgroep=w,
                aanmelding=a,
                naam=a.naam,
                email=a.email,
                toestemming_contact=a.toestemming_contact,
                herkomst=Lidmaatschap.Herkomst.AANMELDING,
            )
            for a, (_moment, groepen) in zip(aanmeldingen, gekozen, strict=True)
            for w in groepen
        )
