"""The table plan's verbs (aanmelden/indeling.py): make, seat newcomers, move, publish."""

import pytest
from django.utils import timezone, translation

from aanmelden import indeling
from aanmelden.indeling import IndelingFout
from aanmelden.models import Aanmelding, Plaatsing, Tafelplan
from sessie.models import Sessie
from sessie.simulatie import Aantallen, simuleer_avond
from tests.builders import make_aanmelding, make_ronde, make_sessie, make_tafel, make_thematafel

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _in_english():
    """The messages below are the English msgids, whatever the Dutch catalogue says."""
    with translation.override("en"):
        yield


def themas(sessie):
    return list(sessie.thematafels.order_by("nummer"))


def aanwezig(sessie, naam, *voorkeuren, **velden):
    voorkeur = dict(zip(("voorkeur_1", "voorkeur_2"), voorkeuren, strict=False))
    aanmelding, _ = make_aanmelding(
        sessie, naam=naam, ingecheckt=timezone.now(), **voorkeur, **velden
    )
    return aanmelding


def stoelen(aanmelding):
    return dict(
        Plaatsing.objects.filter(aanmelding=aanmelding).values_list("ronde__nummer", "tafel_id")
    )


def test_a_plan_from_the_demos_check_ins(noord):
    simuleer_avond(sessie=noord, seed=7, aantallen=Aantallen(deelnemers=36, ideeen=0, vragen=0))
    binnen = Aanmelding.objects.filter(sessie=noord, ingecheckt__isnull=False)
    assert binnen.count() > 5
    versie = Sessie.objects.get(pk=noord.pk).versie
    plan = indeling.maak_plan(sessie=noord, bron="aanwezig")
    assert not plan.niet_geplaatst
    # Everyone checked in has a seat in both rounds, nobody else has one.
    assert Plaatsing.objects.count() == 2 * binnen.count()
    assert set(Plaatsing.objects.values_list("aanmelding", flat=True)) == set(
        binnen.values_list("pk", flat=True)
    )
    for aanmelding in binnen:
        tafels = Plaatsing.objects.filter(aanmelding=aanmelding).values_list(
            "tafel__thematafel", flat=True
        )
        assert len(set(tafels)) == 2  # never a theme twice
    assert Sessie.objects.get(pk=noord.pk).versie > versie
    cijfers = indeling.cijfers_van(sessie=noord)
    assert cijfers.geplaatst == binnen.count()
    assert cijfers.pct_eerste == 100.0


def test_before_the_evening_the_plan_takes_every_active_registration(noord):
    wijkhub, samen, stem = themas(noord)
    make_aanmelding(noord, voorkeur_1=wijkhub, voorkeur_2=stem)
    make_aanmelding(noord, voorkeur_1=samen)
    make_aanmelding(noord, geannuleerd=timezone.now())
    indeling.maak_plan(sessie=noord, bron="aangemeld")
    assert Plaatsing.objects.values("aanmelding").distinct().count() == 2
    assert Tafelplan.objects.get(sessie=noord).bron == "aangemeld"


def test_remaking_replaces_an_unpublished_plan_and_refuses_a_published_one(noord):
    aanwezig(noord, "Anouk de Vries")
    indeling.maak_plan(sessie=noord, bron="aanwezig")
    indeling.maak_plan(sessie=noord, bron="aanwezig")
    assert Plaatsing.objects.count() == 2
    indeling.publiceer(sessie=noord)
    with pytest.raises(IndelingFout, match="published"):
        indeling.maak_plan(sessie=noord, bron="aanwezig")
    indeling.publiceer(sessie=noord, publiceren=False)
    indeling.maak_plan(sessie=noord, bron="aangemeld")


@pytest.mark.parametrize(
    "opzet, boodschap",
    [
        ("geen_rondes", "no rounds"),
        ("geen_tafels", "no tables"),
        ("capaciteit_0", "capacity above 0"),
        ("niemand", "Nobody is checked in"),
    ],
)
def test_a_session_that_cannot_have_a_plan_says_why(opzet, boodschap):
    sessie = make_sessie()
    if opzet != "geen_rondes":
        make_ronde(sessie, 1, "19:40", "20:25")
    if opzet != "geen_tafels":
        make_tafel(make_thematafel(sessie), capaciteit=0 if opzet == "capaciteit_0" else 10)
    if opzet != "niemand":
        aanwezig(sessie, "Bram")
    with pytest.raises(IndelingFout, match=boodschap):
        indeling.maak_plan(sessie=sessie, bron="aanwezig")
    assert not Plaatsing.objects.exists()
    with pytest.raises(IndelingFout):
        indeling.maak_plan(sessie=sessie, bron="iedereen")


def test_more_people_than_seats_places_who_fits_and_says_who_not(noord):
    for tafel in noord.thematafels.all():
        tafel.tafels.update(capaciteit=2)
    mensen = [aanwezig(noord, f"Persoon {i}") for i in range(8)]
    plan = indeling.maak_plan(sessie=noord, bron="aanwezig")
    # Six seats a round for eight people: every seat is taken, and who lacks one is listed.
    assert plan.niet_geplaatst
    assert Plaatsing.objects.count() == 12
    assert "plaatsen te weinig" in plan.melding
    overzicht = indeling.overzicht(sessie=noord)
    assert len(overzicht.zonder_plaats) == len(plan.niet_geplaatst)
    assert {m.pk for m in overzicht.zonder_plaats} <= {m.pk for m in mensen}
    assert "plaatsen te weinig" in overzicht.tafelplan.melding


def test_everyone_the_same_theme_or_one_theme_only_still_gets_a_plan():
    sessie = make_sessie()
    make_ronde(sessie, 1, "19:40", "20:25")
    make_ronde(sessie, 2, "20:25", "21:10")
    thema = make_thematafel(sessie)
    make_tafel(thema, capaciteit=10)
    for i in range(3):
        aanwezig(sessie, f"Persoon {i}", thema)
    plan = indeling.maak_plan(sessie=sessie, bron="aanwezig")
    # One theme for two rounds: nobody may sit at it twice, so round 2 has no seat.
    assert len(plan.niet_geplaatst) == 3
    assert "thema's voor 2 rondes" in plan.melding
    assert Plaatsing.objects.count() == 3


def test_walk_ins_are_placed_without_anyone_else_moving(noord):
    wijkhub, samen, stem = themas(noord)
    eerst = [aanwezig(noord, f"Vroeg {i}", wijkhub, samen) for i in range(10)]
    indeling.maak_plan(sessie=noord, bron="aanwezig")
    indeling.publiceer(sessie=noord)
    voor = {a.pk: stoelen(a) for a in eerst}
    laat = [aanwezig(noord, f"Laat {i}", wijkhub, stem, inloop=True) for i in range(3)]
    geplaatst = indeling.plaats_nieuwkomers(sessie=noord)
    assert sorted(geplaatst) == sorted(a.pk for a in laat)
    assert {a.pk: stoelen(a) for a in eerst} == voor
    for aanmelding in laat:
        assert set(stoelen(aanmelding)) == {1, 2}
    assert indeling.plaats_nieuwkomers(sessie=noord) == []


def test_a_walk_in_after_round_one_began_gets_both_rounds(noord):
    aanwezig(noord, "Vroeg")
    indeling.maak_plan(sessie=noord, bron="aanwezig")
    from tests.builders import zet_klok

    zet_klok(noord, "20:00")
    laat = aanwezig(noord, "Laat", inloop=True)
    indeling.plaats_nieuwkomers(sessie=noord)
    assert set(stoelen(laat)) == {1, 2}


def test_a_cancelled_persons_seats_are_freed_for_newcomers(noord):
    for tafel in noord.thematafels.all():
        tafel.tafels.update(capaciteit=1)
    mensen = [aanwezig(noord, f"Persoon {i}") for i in range(3)]
    indeling.maak_plan(sessie=noord, bron="aanwezig")
    mensen[0].geannuleerd = timezone.now()
    mensen[0].save()
    laat = aanwezig(noord, "Laat")
    assert indeling.plaats_nieuwkomers(sessie=noord) == [laat.pk]
    assert not stoelen(mensen[0])


def test_no_newcomers_without_a_plan(noord):
    with pytest.raises(IndelingFout, match="no plan"):
        indeling.plaats_nieuwkomers(sessie=noord)


def test_a_hand_move_that_breaks_a_rule_is_refused_with_the_reason(noord):
    wijkhub, samen, stem = themas(noord)
    anouk = aanwezig(noord, "Anouk de Vries", wijkhub, samen)
    indeling.maak_plan(sessie=noord, bron="aanwezig")
    ronde1, ronde2 = noord.rondes.order_by("nummer")
    tafel_ronde1 = Plaatsing.objects.get(aanmelding=anouk, ronde=ronde1).tafel
    # The same theme in round 2 as in round 1: refused, with her name, nothing changed.
    voor = stoelen(anouk)
    with pytest.raises(IndelingFout, match="Anouk de Vries zit in ronde 1 al bij dit thema"):
        indeling.verplaats(sessie=noord, aanmelding=anouk, ronde=ronde2, tafel=tafel_ronde1)
    assert stoelen(anouk) == voor
    # A full table.
    volle = stem.tafels.first()
    volle.capaciteit = 0
    volle.save()
    with pytest.raises(IndelingFout, match="vol"):
        indeling.verplaats(sessie=noord, aanmelding=anouk, ronde=ronde2, tafel=volle)
    # An allowed move.
    vrij = next(
        t for t in (wijkhub.tafels.first(), samen.tafels.first()) if t.pk != tafel_ronde1.pk
    )
    versie = Sessie.objects.get(pk=noord.pk).versie
    indeling.verplaats(sessie=noord, aanmelding=anouk, ronde=ronde2, tafel=vrij)
    assert stoelen(anouk)[2] == vrij.pk
    assert Sessie.objects.get(pk=noord.pk).versie > versie


def test_short_names_show_the_first_name_and_an_initial():
    assert indeling.korte_naam("Anouk de Vries") == "Anouk V."
    assert indeling.korte_naam("  Bram  ") == "Bram"
    assert indeling.korte_naam("") == ""
