"""The report built from the database: both editions of a simulated evening, in every format."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from aanmelden.models import Aanmelding
from informatiepunt.models import Vraag
from sessie.models import Sessie
from sessie.simulatie import Aantallen, simuleer_avond
from tests.builders import make_aanmelding, make_werkgroep
from tests.verslag.lezen import tekst, zonder_wit
from thematafels.models import Idee
from thematafels.models import Opkomst as Hoofdtelling
from verslag.bouw import bouw_verslag
from verslag.renderers import (
    FORMATEN,
    RendererNietBeschikbaar,
    dataset_namen,
    render_csv,
    render_html,
)
from wijkavond.simulatie import nieuwe_sessie

pytestmark = pytest.mark.django_db

DATUM = dt.date(2026, 3, 12)


def gesimuleerd(seed: int = 1, *, deelnemers: int = 40, ideeen: int = 60, vragen: int = 15):
    sessie = nieuwe_sessie(seed=seed, deelnemers=deelnemers, datum=DATUM)
    simuleer_avond(
        sessie=sessie,
        seed=seed,
        aantallen=Aantallen(deelnemers=deelnemers, ideeen=ideeen, vragen=vragen),
    )
    return sessie


@pytest.fixture
def avond():
    """A simulated evening plus one attendee with a phone, in a workgroup, who consented."""
    sessie = gesimuleerd()
    werkgroep = sessie.werkgroepen.first() or make_werkgroep(sessie)
    aanmelding, _ = make_aanmelding(
        sessie,
        naam="Zwaantje Vertrouwelijk",
        email="zwaantje.vertrouwelijk@example.invalid",
        telefoon="06-99887766",
        organisatie="Stichting Geheim",
        toestemming_contact=True,
    )
    aanmelding.werkgroepen.add(werkgroep)
    make_aanmelding(
        sessie,
        naam="Kees Zondertoestemming",
        email="kees.zt@example.invalid",
        telefoon="06-11223344",
    )
    return sessie


def persoonsgegevens(sessie: Sessie) -> list[str]:
    """Every attendee's name, e-mail and phone, and every asker's name and e-mail."""
    uit = []
    for a in Aanmelding.objects.filter(sessie=sessie):
        uit += [a.naam, a.email, a.telefoon]
    for v in Vraag.objects.filter(sessie=sessie):
        uit += [v.naam, v.email]
    return [x for x in uit if x]


def alle_formaten(verslag):
    """(label, format, bytes) of every format and every CSV data set of `verslag`."""
    for fmt, formaat in FORMATEN.items():
        if fmt == "csv":
            for naam in dataset_namen(verslag):
                yield f"csv:{naam}", "csv", render_csv(verslag, naam)
            continue
        try:
            yield fmt, fmt, formaat.renderer(verslag)
        except RendererNietBeschikbaar:
            continue


def test_the_public_edition_holds_no_personal_data_in_any_format(avond):
    verslag = bouw_verslag(sessie=avond, editie="openbaar")
    assert verslag.openbaar and not verslag.deelnemers
    verboden = persoonsgegevens(avond)
    assert "Zwaantje Vertrouwelijk" in verboden and len(verboden) > 80
    for label, fmt, data in alle_formaten(verslag):
        inhoud = tekst(fmt, data)
        plat = zonder_wit(inhoud)
        gevonden = [p for p in verboden if p in inhoud or zonder_wit(p) in plat]
        assert not gevonden, (label, gevonden[:5])


def test_the_organiser_edition_has_every_idea_and_question_and_only_consenting_contacts(avond):
    verslag = bouw_verslag(sessie=avond, editie="organisator")
    ideeen = [i.tekst for i in Idee.objects.zichtbaar().filter(sessie=avond)]
    vragen = [
        v.tekst for v in Vraag.objects.zichtbaar().filter(sessie=avond, dubbel_van__isnull=True)
    ]
    assert len(ideeen) > 30 and len(vragen) > 5
    contacten = {c.naam for c in verslag.deelnemers}
    assert "Zwaantje Vertrouwelijk" in contacten
    assert "Kees Zondertoestemming" not in contacten
    assert contacten == set(
        Aanmelding.objects.filter(
            sessie=avond, toestemming_contact=True, geannuleerd__isnull=True
        ).values_list("naam", flat=True)
    )
    for label, fmt, data in alle_formaten(verslag):
        if label.startswith("csv:") and label not in ("csv:ideeen", "csv:vragen"):
            continue
        plat = zonder_wit(tekst(fmt, data))
        if label != "csv:vragen":
            missend = [i for i in ideeen if zonder_wit(i) not in plat]
            assert not missend, (label, missend[:3])
        if label != "csv:ideeen":
            missend = [v for v in vragen if zonder_wit(v) not in plat]
            assert not missend, (label, missend[:3])
        if not label.startswith("csv:"):
            assert zonder_wit("06-99887766") in plat, label
            assert zonder_wit("06-11223344") not in plat, label


def test_counts_and_key_points_come_from_the_evening(avond):
    verslag = bouw_verslag(sessie=avond, editie="openbaar")
    actief = avond.aanmeldingen.actief()
    assert verslag.opkomst.aangemeld == actief.count()
    assert verslag.opkomst.ingecheckt == actief.filter(ingecheckt__isnull=False).count()
    assert sum(r.aantal for r in verslag.opkomst.per_rol) == actief.count()
    assert verslag.aantal_ideeen == Idee.objects.zichtbaar().filter(sessie=avond).count()
    assert [t.naam for t in verslag.themas] == list(
        avond.thematafels.order_by("nummer").values_list("naam", flat=True)
    )
    for thema in verslag.themas:
        verwacht = list(
            Idee.objects.zichtbaar()
            .filter(tafel__thematafel__sessie=avond, tafel__thematafel__nummer=thema.nummer)
            .filter(kernpunt=True)
            .order_by("volgorde", "aangemaakt", "pk")
            .values_list("tekst", flat=True)
        )
        assert [k.tekst for k in thema.kernpunten] == verwacht
    koppen = Hoofdtelling.objects.filter(ronde__sessie=avond)
    assert verslag.rotatie.voorkeuren_gehonoreerd is None  # who sat where is not kept
    assert [(r.ronde, t.tafel, t.aantal) for r in verslag.rotatie.rondes for t in r.tafels] == [
        (k.ronde.nummer, k.tafel.naam, k.aantal)
        for k in koppen.order_by("ronde__nummer", "tafel__thematafel__nummer", "tafel__naam")
    ]
    with translation.override("en"):
        html = render_html(verslag).decode()
    assert "Rotation" in html and "table preferences" not in html
    assert verslag.concept  # the simulated evening is not over yet
    avond.status = Sessie.Status.AFGELOPEN
    assert not bouw_verslag(sessie=avond, editie="openbaar").concept
    assert verslag.antwoorden_url.endswith(f"/s/{avond.slug}/antwoorden/")


def test_preference_figures_come_from_the_table_plan(avond):
    from aanmelden.indeling import cijfers_van, maak_plan

    maak_plan(sessie=avond, bron="aangemeld")
    plan = cijfers_van(sessie=avond)
    assert plan.pct_eerste is not None and plan.geplaatst == plan.deelnemers
    verslag = bouw_verslag(sessie=avond, editie="openbaar")
    assert verslag.rotatie.voorkeuren_gehonoreerd == pytest.approx(plan.pct_eerste)
    assert verslag.rotatie.beide_gehonoreerd == pytest.approx(plan.pct_beide)
    # The table hosts' head counts stay the sizes: they are what happened.
    koppen = Hoofdtelling.objects.filter(ronde__sessie=avond)
    assert sum(t.aantal for r in verslag.rotatie.rondes for t in r.tafels) == sum(
        koppen.values_list("aantal", flat=True)
    )
    with translation.override("en"):
        html = render_html(verslag).decode()
    procent = f"{plan.pct_eerste:.0f}%"
    assert f"{procent} of the people with a table preference sat at their first choice" in html


def test_without_head_counts_the_sizes_are_the_plans_seats(avond):
    from aanmelden.indeling import maak_plan
    from aanmelden.models import Plaatsing

    maak_plan(sessie=avond, bron="aangemeld")
    Hoofdtelling.objects.filter(ronde__sessie=avond).delete()
    verslag = bouw_verslag(sessie=avond, editie="openbaar")
    gezien = {(r.ronde, t.tafel): t.aantal for r in verslag.rotatie.rondes for t in r.tafels}
    stoelen = Plaatsing.objects.filter(aanmelding__sessie=avond)
    verwacht = {}
    for ronde, tafel in stoelen.values_list("ronde__nummer", "tafel__naam"):
        verwacht[ronde, tafel] = verwacht.get((ronde, tafel), 0) + 1
    assert gezien == verwacht and sum(gezien.values()) == stoelen.count()


def test_no_plan_and_no_head_counts_no_rotation_section(avond):
    Hoofdtelling.objects.filter(ronde__sessie=avond).delete()
    assert bouw_verslag(sessie=avond, editie="openbaar").rotatie is None


def test_hidden_and_duplicate_questions_and_unapproved_answers_stay_out(avond):
    vragen = list(avond.vragen.order_by("pk")[:3])
    verborgen, dubbel, open_ = vragen
    Vraag.objects.filter(pk=verborgen.pk).update(verborgen=True, tekst="Verborgen vraag xyz")
    Vraag.objects.filter(pk=dubbel.pk).update(dubbel_van=open_, tekst="Dubbele vraag xyz")
    Vraag.objects.filter(pk=open_.pk).update(
        status=Vraag.Status.IN_BEHANDELING, antwoord="Nog niet goedgekeurd xyz"
    )
    verslag = bouw_verslag(sessie=avond, editie="organisator")
    alles = [(q.tekst, q.antwoord) for c in verslag.vragen for q in c.vragen]
    assert not [t for t, a in alles if "xyz" in t or "xyz" in a]


def test_a_question_appears_in_the_organisers_public_wording(avond):
    vraag = avond.vragen.filter(verborgen=False, dubbel_van__isnull=True).first()
    Vraag.objects.filter(pk=vraag.pk).update(
        tekst="Ik ben Jan, 0612345678: is er geld?", openbare_tekst="Is er geld voor de wijk?"
    )
    verslag = bouw_verslag(sessie=avond, editie="openbaar")
    teksten = [q.tekst for c in verslag.vragen for q in c.vragen]
    assert "Is er geld voor de wijk?" in teksten
    assert not [t for t in teksten if "0612345678" in t]


@pytest.mark.parametrize("editie,extra", [("openbaar", 0), ("organisator", 2)])
def test_the_number_of_queries_does_not_grow_with_the_evening(
    django_assert_num_queries, editie, extra
):
    klein = gesimuleerd(2, deelnemers=10, ideeen=8, vragen=3)
    groot = gesimuleerd(3, deelnemers=120, ideeen=200, vragen=40)
    for sessie in (klein, groot):
        sessie = Sessie.objects.get(pk=sessie.pk)
        with django_assert_num_queries(10 + extra):
            bouw_verslag(sessie=sessie, editie=editie)
