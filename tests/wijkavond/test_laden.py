import datetime as dt

import pytest
from django.core.management import call_command

from sessie.models import Sessie, Toegang
from tests.builders import make_demo
from wijkavond.kloon import kloon_sessie

pytestmark = pytest.mark.django_db


def test_demo_evening_has_everything_from_the_seed():
    sessie = make_demo(datum=dt.date(2026, 12, 1))
    assert sessie.titel == "Brede sessie Noord"
    assert sessie.locatie == "Koningkerk"
    assert sessie.adres == "Kloppersingel 57"
    assert "Karin Nab" in sessie.gespreksleiders and "Kashif Amin" in sessie.gespreksleiders
    assert len(sessie.doelen_lijst) == 4
    programma = list(sessie.programma.all())
    assert [(f"{o.start:%H.%M}", f"{o.eind:%H.%M}") for o in programma] == [
        ("18.30", "19.00"),
        ("19.00", "19.30"),
        ("19.30", "19.40"),
        ("19.40", "21.10"),
        ("21.10", "21.15"),
        ("21.15", "21.30"),
        ("21.30", "22.00"),
    ]
    assert len(programma[1].punten_lijst) == 3
    themas = list(sessie.thematafels.prefetch_related("prompts", "tafels"))
    assert [t.naam for t in themas] == ["Wijkhub", "Wijksamenwerking", "Wijkstem"]
    assert "fysieke plek" in [p.tekst for p in themas[0].prompts.all()]
    assert len(themas[1].vragen_lijst) == 3
    assert all(t.tafels.count() == 1 for t in themas)
    rondes = list(sessie.rondes.all())
    assert [(f"{r.start:%H.%M}", f"{r.eind:%H.%M}") for r in rondes] == [
        ("19.40", "20.25"),
        ("20.25", "21.10"),
    ]
    categorieen = [c.naam for c in sessie.vraagcategorieen.all()]
    assert {"Verordening", "Financiering", "Overgang 2023 naar 2024"} <= set(categorieen)
    assert "verordening" in sessie.informatiepunt


def test_loading_twice_changes_nothing():
    eerste = make_demo()
    tellingen = (
        eerste.programma.count(),
        eerste.thematafels.count(),
        eerste.rondes.count(),
        eerste.vraagcategorieen.count(),
    )
    tweede = make_demo()
    assert tweede.pk == eerste.pk
    assert Sessie.objects.count() == 1
    assert tellingen == (
        tweede.programma.count(),
        tweede.thematafels.count(),
        tweede.rondes.count(),
        tweede.vraagcategorieen.count(),
    )


def test_clone_copies_the_evening_as_a_draft():
    bron = make_demo()
    kopie = kloon_sessie(bron=bron, titel="Brede sessie Zuid", datum=dt.date(2027, 1, 5))
    assert kopie.slug == "brede-sessie-zuid"
    assert kopie.status == Sessie.Status.CONCEPT
    assert kopie.programma.count() == 7
    assert kopie.thematafels.count() == 3
    assert kopie.rondes.count() == 2
    assert kopie.vraagcategorieen.count() == bron.vraagcategorieen.count()
    assert kopie.toegangen.count() == 0
    assert bron.thematafels.count() == 3


def test_demo_command_prints_a_map_with_a_link_per_role(capsys):
    call_command("demo")
    out = capsys.readouterr().out
    for label in (
        "Openbare sessiepagina",
        "Programma (live)",
        "Projector",
        "Inloggen organisator",
        "Deur",
        "Informatiepunt",
        "Tafelhost",
    ):
        assert label in out
    assert "organisator / wijkavond-demo" in out
    sessie = Sessie.objects.get(slug="brede-sessie-noord")
    assert sessie.klok_verschuiving is not None
    assert sessie.toegangen.geldig().filter(rol=Toegang.Rol.TAFELHOST).count() == 3


def test_demo_command_twice_replaces_the_volunteer_links(capsys):
    call_command("demo")
    call_command("demo")
    sessie = Sessie.objects.get(slug="brede-sessie-noord")
    assert sessie.toegangen.geldig().count() == 5
    assert sessie.toegangen.count() == 10


def test_simulated_evening_is_a_new_fictitious_session(capsys):
    call_command("simuleer", "--deelnemers", "300", "--ideeen", "0", "--vragen", "0", "--seed", "7")
    sessie = Sessie.objects.get(slug="simulatie-7")
    assert "fictief" in sessie.titel
    # 300 people over 3 themes at 12 seats a table.
    assert all(t.tafels.count() == 9 for t in sessie.thematafels.all())
