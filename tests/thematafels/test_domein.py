import random
import uuid

import pytest
from django.core.management import call_command

from sessie.simulatie import Aantallen
from tests.builders import make_idee, zet_klok
from thematafels import ideeen as domein
from thematafels import simulatie
from thematafels.models import BewerkConflict, Idee, Opkomst

pytestmark = pytest.mark.django_db


def test_a_retry_with_the_same_key_returns_the_first_idea(avond):
    sleutel = uuid.uuid4()
    velden = {"tafel": avond.tafels[0], "ronde": avond.rondes[0], "soort": "idee", "prompt": None}
    eerste, nieuw = domein.leg_idee_vast(sleutel=sleutel, tekst="Eén", **velden)
    tweede, opnieuw = domein.leg_idee_vast(sleutel=sleutel, tekst="Eén", **velden)
    assert nieuw and not opnieuw and eerste.pk == tweede.pk
    assert Idee.objects.count() == 1


def test_the_count_after_a_capture_counts_what_the_orm_counts(avond):
    """`aantal_ideeen` is plain SQL: it agrees with `zichtbaar()` (deleted, merged, elsewhere)."""
    tafel, ronde = avond.tafels[0], avond.rondes[0]
    ideeen = [make_idee(tafel, ronde, f"Idee {i}") for i in range(5)]
    make_idee(tafel, avond.rondes[1])
    make_idee(avond.tafels[1], ronde)
    ideeen[0].verwijder()
    Idee.objects.filter(pk=ideeen[1].pk).update(samengevoegd_in=ideeen[2])
    verwacht = Idee.objects.zichtbaar().filter(tafel=tafel, ronde=ronde).count()
    assert domein.aantal_ideeen(tafel, ronde) == verwacht == 3


def test_the_rounds_come_in_order_as_the_orm_gives_them(avond):
    assert domein.rondes(avond.sessie) == list(avond.sessie.rondes.all()) == avond.rondes


def test_an_edit_on_an_old_version_raises_a_conflict(avond):
    idee = make_idee(avond.tafels[0], avond.rondes[0], "Oud")
    kopie = Idee.objects.get(pk=idee.pk)
    idee.bewerk(tekst="Eerst", soort="idee", prompt=None, versie=1)
    with pytest.raises(BewerkConflict):
        kopie.bewerk(tekst="Later", soort="idee", prompt=None, versie=kopie.versie)
    assert Idee.objects.get(pk=idee.pk).tekst == "Eerst"


@pytest.mark.parametrize(
    ("tijd", "nummer"), [("18:00", 1), ("19:45", 1), ("20:25", 2), ("21:00", 2), ("23:00", 2)]
)
def test_the_current_round_follows_the_clock(avond, tijd, nummer):
    zet_klok(avond.sessie, tijd)
    assert domein.huidige_ronde(avond.sessie, avond.rondes).nummer == nummer


def test_merged_and_deleted_ideas_are_not_visible(avond):
    doel = make_idee(avond.tafels[0], avond.rondes[0], "Doel", kernpunt=True)
    dubbel = make_idee(avond.tafels[1], avond.rondes[0], "Dubbel", kernpunt=True)
    weg = make_idee(avond.tafels[0], avond.rondes[0], "Weg")
    domein.voeg_samen(idee=dubbel, in_idee=doel)
    weg.verwijder()
    assert list(Idee.objects.zichtbaar()) == [doel]
    weg.herstel()
    assert Idee.objects.zichtbaar().count() == 2


def test_the_simulation_is_deterministic_and_fills_tables_and_rounds(avond):
    aantallen = Aantallen(deelnemers=30, ideeen=50, vragen=0)
    simulatie.vul(sessie=avond.sessie, rng=random.Random(1), aantallen=aantallen)
    eerste = list(Idee.objects.order_by("pk").values_list("tekst", "tafel_id", "ronde_id"))
    Idee.objects.all().delete()
    simulatie.vul(sessie=avond.sessie, rng=random.Random(1), aantallen=aantallen)
    tweede = list(Idee.objects.order_by("pk").values_list("tekst", "tafel_id", "ronde_id"))
    assert eerste == tweede and len(eerste) == 50
    assert {t for _, t, _ in eerste} == {t.pk for t in avond.tafels}
    assert {r for _, _, r in eerste} == {r.pk for r in avond.rondes}
    assert Idee.objects.filter(kernpunt=True).exists()
    assert Opkomst.objects.count() == 6
    # A table does not say the same thing twice (180 sentences to choose from).
    assert len({(tekst, tafel) for tekst, tafel, _ in eerste}) == 50


def test_the_demo_map_lists_the_wall_wrap_up_vote_and_every_table_host(capsys):
    call_command("demo")
    out = capsys.readouterr().out
    for label in ("Ideeënwand (projector)", "Afronding", "Stippen stemmen"):
        assert label in out
    assert out.count("/toegang/") >= 5
    assert Idee.objects.exists()
