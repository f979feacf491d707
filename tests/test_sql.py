"""The plain-SQL readers of the hot paths return what the ORM returns, on every database."""

import datetime as dt
import uuid

import pytest
from django.utils import timezone

from aanmelden.models import Aanmelding
from sessie.models import Sessie
from sessie.sql import Columns, insert_new, select
from tests.builders import make_sessie
from thematafels.models import Idee, Ronde, Tafel, Thematafel

pytestmark = pytest.mark.django_db


def velden(instance) -> dict:
    return {f.attname: getattr(instance, f.attname) for f in instance._meta.concrete_fields}


def lees(model, pk):
    (instance,) = select(Columns(model, "x"), "x.id = %s", [pk], order_by="x.id")
    return instance


def test_every_kind_of_column_comes_back_as_the_orm_gives_it():
    sessie = make_sessie(
        broodjes_deadline=timezone.now().replace(microsecond=123456),
        klok_verschuiving=dt.timedelta(hours=-3, seconds=7),
    )
    thema = Thematafel.objects.create(sessie=sessie, nummer=1, naam="Wijkhub", kernvraag="?")
    tafel = Tafel.objects.create(thematafel=thema, naam="Tafel 1")
    ronde = Ronde.objects.create(
        sessie=sessie, nummer=1, start=dt.time(19, 45), eind=dt.time(20, 30)
    )
    idee = Idee.objects.create(
        inzendsleutel=uuid.uuid4(), sessie=sessie, tafel=tafel, ronde=ronde, tekst="Één idee",
        kernpunt=True,
    )  # fmt: skip
    aanmelding = Aanmelding.objects.create(
        inzendsleutel=uuid.uuid4(), sessie=sessie, naam="Eva", email="eva@example.invalid",
        dieet=["halal", "vegetarisch"], toestemming_netwerk=True,
    )  # fmt: skip
    for model, pk in ((Sessie, sessie.pk), (Thematafel, thema.pk), (Tafel, tafel.pk),
                      (Ronde, ronde.pk), (Idee, idee.pk), (Aanmelding, aanmelding.pk)):  # fmt: skip
        gelezen = lees(model, pk)
        assert velden(gelezen) == velden(model.objects.get(pk=pk)), model.__name__
        assert not gelezen._state.adding and gelezen._state.db == "default"


def test_an_instance_read_with_plain_sql_saves_like_any_other():
    sessie = make_sessie()
    gelezen = lees(Sessie, sessie.pk)
    gelezen.titel = "Andere titel"
    gelezen.save(update_fields=["titel"])
    assert Sessie.objects.get(pk=sessie.pk).titel == "Andere titel"


def hashes(teken: str) -> dict:
    return {"token_hash": teken * 64, "incheck_hash": teken * 63 + "0"}


def test_insert_new_saves_what_create_saves_and_refuses_a_second_row_with_the_key():
    sessie = make_sessie()
    sleutel = uuid.uuid4()
    gegevens = {
        "sessie": sessie, "naam": "Eva", "email": "eva@example.invalid", "broodje": "ja",
        "dieet": ["halal"], "toestemming_netwerk": True, "ingecheckt": timezone.now(),
    }  # fmt: skip
    nieuw = Aanmelding(inzendsleutel=sleutel, **hashes("a"), **gegevens)
    assert insert_new(nieuw, unique="inzendsleutel")
    assert nieuw.pk and not nieuw._state.adding
    ter_vergelijking = Aanmelding.objects.create(
        inzendsleutel=uuid.uuid4(), **hashes("b"), **(gegevens | {"sessie": make_sessie()})
    )
    opgeslagen = velden(Aanmelding.objects.get(pk=nieuw.pk))
    gemaakt = velden(Aanmelding.objects.get(pk=ter_vergelijking.pk))
    eigen = {
        "id",
        "sessie_id",
        "inzendsleutel",
        "token_hash",
        "incheck_hash",
        "aangemaakt",
        "gewijzigd",
    }
    assert {k: v for k, v in opgeslagen.items() if k not in eigen} == {
        k: v for k, v in gemaakt.items() if k not in eigen
    }
    assert opgeslagen["inzendsleutel"] == sleutel
    for tijd in ("aangemaakt", "gewijzigd"):
        assert abs(opgeslagen[tijd] - gemaakt[tijd]) < dt.timedelta(seconds=5)

    # A retry: the same key (and the same e-mail address, also unique per session).
    nog_eens = Aanmelding(inzendsleutel=sleutel, **hashes("c"), **gegevens)
    assert not insert_new(nog_eens, unique="inzendsleutel")
    assert nog_eens.pk is None and nog_eens._state.adding
    assert Aanmelding.objects.count() == 2


def test_tel_op_makes_new_counters_at_one_and_adds_one_to_existing_ones():
    from sessie.models import Teller
    from sessie.sql import tel_op

    venster = timezone.now().replace(microsecond=0)
    Teller.objects.create(sleutel="a@1", venster=venster, aantal=4)
    assert tel_op(Teller, [("a@1", venster), ("b@1", venster)]) == {"a@1": 5, "b@1": 1}
    assert tel_op(Teller, [("b@1", venster)]) == {"b@1": 2}
    nieuw = Teller.objects.get(sleutel="b@1")
    assert (nieuw.aantal, nieuw.venster) == (2, venster)
    assert Teller.objects.get(sleutel="a@1").aantal == 5
