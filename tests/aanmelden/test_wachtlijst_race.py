"""No oversubscription: many people ask for the last sandwiches at the same moment."""

import threading
import uuid

import pytest
from django.db import connection

from aanmelden import aanmeldingen as verbs
from aanmelden.models import Aanmelding
from tests.builders import make_aanmelding, make_sessie

pytestmark = pytest.mark.django_db(transaction=True)

DRUKTE = 12


def tegelijk(werk, aantal: int) -> list[BaseException]:
    """Run `werk(i)` in `aantal` threads that start together; returns their exceptions."""
    start = threading.Barrier(aantal)
    fouten: list[BaseException] = []

    def draad(i: int) -> None:
        try:
            start.wait()
            werk(i)
        except BaseException as fout:
            fouten.append(fout)
        finally:
            connection.close()

    draden = [threading.Thread(target=draad, args=(i,)) for i in range(aantal)]
    for d in draden:
        d.start()
    for d in draden:
        d.join()
    return fouten


def test_concurrent_registrations_never_hand_out_more_sandwiches_than_there_are():
    sessie = make_sessie(broodjes=3)

    def meld_aan(i: int) -> None:
        verbs.aanmelden(
            sessie=sessie,
            sleutel=uuid.uuid4(),
            gegevens={"naam": f"Persoon {i}", "email": f"p{i}@example.invalid"},
            broodje=True,
            werkgroepen=[],
        )

    assert tegelijk(meld_aan, DRUKTE) == []
    rijen = Aanmelding.objects.filter(sessie=sessie)
    assert rijen.count() == DRUKTE
    assert rijen.filter(broodje=Aanmelding.Broodje.JA).count() == 3
    assert rijen.filter(broodje=Aanmelding.Broodje.WACHTLIJST).count() == DRUKTE - 3


def test_concurrent_cancellations_promote_exactly_as_many_as_were_freed():
    sessie = make_sessie(broodjes=4)
    met = [make_aanmelding(sessie, broodje="ja")[0] for _ in range(4)]
    for _ in range(6):
        make_aanmelding(sessie, broodje="wachtlijst")

    def annuleer(i: int) -> None:
        verbs.annuleren(aanmelding=Aanmelding.objects.get(pk=met[i].pk))

    assert tegelijk(annuleer, 4) == []
    actief = Aanmelding.objects.actief().filter(sessie=sessie)
    assert actief.filter(broodje=Aanmelding.Broodje.JA).count() == 4
    assert actief.filter(broodje=Aanmelding.Broodje.WACHTLIJST).count() == 2


def test_the_same_email_at_the_same_moment_makes_one_registration():
    sessie = make_sessie()

    def meld_aan(i: int) -> None:
        verbs.aanmelden(
            sessie=sessie,
            sleutel=uuid.uuid4(),
            gegevens={"naam": "Dubbel", "email": "dubbel@example.invalid"},
            broodje=False,
            werkgroepen=[],
        )

    assert tegelijk(meld_aan, 6) == []
    assert Aanmelding.objects.filter(sessie=sessie).count() == 1


def test_the_same_address_joining_a_workgroup_from_many_phones_makes_one_membership():
    from aanmelden import werkgroepen as wg
    from aanmelden.models import Lidmaatschap
    from tests.builders import make_werkgroep

    sessie = make_sessie()
    groep = make_werkgroep(sessie)

    def word_lid(i: int) -> None:
        wg.inschrijven(
            sessie=sessie,
            sleutel=uuid.uuid4(),
            gegevens={"naam": "Dubbel", "email": f"{'DUBBEL' if i % 2 else 'dubbel'}@x.invalid",
                      "telefoon": "", "organisatie": "", "toestemming_contact": False},
            werkgroepen=[groep],
            herkomst=Lidmaatschap.Herkomst.AVOND,
        )  # fmt: skip

    assert tegelijk(word_lid, DRUKTE) == []
    assert Lidmaatschap.objects.filter(werkgroep=groep).count() == 1
