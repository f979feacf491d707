"""Every page, walked from the URL configuration (as an organiser, who sees the most): ids are
unique, no two landmarks of a kind share a name, and no form is a live region."""

from collections import Counter

import pytest
from django.utils import timezone
from lxml import html

from tests.builders import make_user
from tests.urlwalk import Voorbeelden
from thematafels.models import Idee

LANDMARKS = {"nav": "navigation", "aside": "complementary", "section": "region", "form": "form"}


def _naam(element, dom) -> str | None:
    if element.get("aria-label"):
        return element.get("aria-label").strip()
    if element.get("aria-labelledby"):
        delen = [dom.get_element_by_id(i, None) for i in element.get("aria-labelledby").split()]
        return " ".join(d.text_content().strip() for d in delen if d is not None)
    return None


def _fouten(dom) -> list[str]:
    fouten = []
    ids = Counter(e.get("id") for e in dom.iter() if isinstance(e.tag, str) and e.get("id"))
    fouten += [f"id {i!r} {n}×" for i, n in ids.items() if n > 1]
    namen = Counter()
    for element in dom.iter(*LANDMARKS):
        naam = _naam(element, dom)
        # A section or form is a landmark only when it has a name; nav and aside always are.
        if naam is not None or element.tag in ("nav", "aside"):
            namen[LANDMARKS[element.tag], naam] += 1
    fouten += [f"{soort} named {naam!r} {n}×" for (soort, naam), n in namen.items() if n > 1]
    fouten += [
        f"role=status on <form action={f.get('action')!r}>"
        for f in dom.iter("form")
        if f.get("role") in ("status", "alert", "log")
    ]
    return fouten


@pytest.mark.django_db
def test_no_page_repeats_an_id_or_a_landmark_name_or_makes_a_form_a_live_region(client, noord):
    organisator = make_user(username="karin")
    noord.organisatoren.add(organisator)
    client.force_login(organisator)
    voorbeelden = Voorbeelden(noord)
    # The table host's page with a deleted idea (its undo form) beside the other forms.
    tafel = noord.thematafels.get(nummer=1).tafels.first()
    Idee.objects.filter(pk=voorbeelden.pks["thematafels"]).update(verwijderd=timezone.now())
    extra = [f"/s/{noord.slug}/tafel/{tafel.pk}/?ongedaan={voorbeelden.pks['thematafels']}"]
    paginas = list(voorbeelden.paginas(client))
    assert len(paginas) > 25
    fouten = {}
    for url, response in paginas + [(u, client.get(u)) for u in extra]:
        if problemen := _fouten(html.document_fromstring(response.content)):
            fouten[url] = problemen
    assert fouten == {}
