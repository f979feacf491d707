"""Three dots stay three: one phone taps eight times at once (SQLite and PostgreSQL)."""

import contextlib
import uuid

import pytest

from tests.aanmelden.test_wachtlijst_race import tegelijk
from tests.builders import make_idee
from thematafels import ideeen
from thematafels.models import Stembiljet, Stip

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("biljet_bestaat", [True, False])
def test_eight_dots_at_once_on_one_ballot_store_exactly_three(avond, biljet_bestaat):
    idee = make_idee(avond.tafels[0], avond.rondes[0], "Buurthuis", kernpunt=True)
    biljet_sleutel = uuid.uuid4()
    if biljet_bestaat:
        Stembiljet.objects.create(sessie=avond.sessie, sleutel=biljet_sleutel)

    def stip(i: int) -> None:
        # "You have used all your dots" is what the other five should hear.
        with contextlib.suppress(ideeen.StemFout):
            ideeen.zet_stip(
                sessie=avond.sessie,
                biljet_sleutel=biljet_sleutel,
                idee=idee,
                sleutel=uuid.uuid4(),
                erbij=True,
            )

    assert tegelijk(stip, 8) == []
    assert Stembiljet.objects.filter(sleutel=biljet_sleutel).count() == 1
    assert Stip.objects.filter(biljet__sleutel=biljet_sleutel).count() == Stembiljet.MAX_STIPPEN
