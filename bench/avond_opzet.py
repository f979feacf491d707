"""Set up simulated evenings for `make bench-avond` and check their rows afterwards.

Run through Django (`python -m bench.avond_opzet opzet|controle …`, settings `bench.settings`):

- `opzet EERSTE AANTAL` makes AANTAL fictitious evenings (seeds EERSTE …), each as the evening
  stands at 19.45: 300 registrations nobody has checked in yet, six tables with their hosts'
  links, a door and an information-point link, some key points to vote on, and 20 personal links;
  it prints what the load generator needs as JSON.
- `controle UITSLAG` reads what the load generator saw accepted and prints, as JSON, how many of
  those rows are missing (lost) or stored more than once (duplicated).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from collections import Counter
from pathlib import Path


def opzet(eerste: int, aantal: int) -> list[dict]:
    from django.utils import timezone

    from aanmelden.models import Aanmelding
    from informatiepunt.models import Vraagcategorie
    from sessie.models import Sessie, Toegang
    from sessie.simulatie import Aantallen, simuleer_avond
    from thematafels.models import Idee, Tafel, Tafeltoegang
    from wijkavond.simulatie import nieuwe_sessie

    avonden = []
    for seed in range(eerste, eerste + aantal):
        Sessie.objects.filter(slug=f"simulatie-{seed}").delete()
        sessie = nieuwe_sessie(seed=seed, deelnemers=300, datum=timezone.localdate())
        simuleer_avond(
            sessie=sessie, seed=seed, aantallen=Aantallen(deelnemers=300, ideeen=60, vragen=10)
        )
        sessie.zet_oefenklok(
            moment=timezone.make_aware(dt.datetime.combine(sessie.datum, dt.time(19, 45)))
        )
        # Every evening has a wrap-up to vote on: at least six key points.
        kernpunten = Idee.objects.zichtbaar().filter(sessie=sessie, kernpunt=True).count()
        if kernpunten < 6:
            extra = Idee.objects.zichtbaar().filter(sessie=sessie, kernpunt=False)
            Idee.objects.filter(
                pk__in=list(extra.order_by("pk").values_list("pk", flat=True)[: 6 - kernpunten])
            ).update(kernpunt=True)
        # The door opens on this run: nobody is in yet.
        Aanmelding.objects.filter(sessie=sessie).update(ingecheckt=None)
        tafels = list(Tafel.objects.filter(thematafel__sessie=sessie).order_by("pk")[:6])
        gasten = list(
            Aanmelding.objects.filter(sessie=sessie)
            .order_by("pk")
            .values_list("pk", "naam", "email")
        )
        mijn = []
        for aanmelding in Aanmelding.objects.filter(sessie=sessie).order_by("-pk")[:20]:
            mijn.append(
                {
                    "token": aanmelding.vernieuw_tokens()["token"],
                    "naam": aanmelding.naam,
                    "email": aanmelding.email,
                }
            )
        avonden.append(
            {
                "slug": sessie.slug,
                "tafels": [t.pk for t in tafels],
                "ronde": sessie.rondes.get(nummer=1).pk,
                "categorie": Vraagcategorie.objects.filter(sessie=sessie).first().pk,
                "hosts": [Tafeltoegang.uitgeven(tafel=t)[1] for t in tafels],
                "deur": Toegang.uitgeven(sessie=sessie, rol=Toegang.Rol.DEUR)[1],
                "informatiepunt": Toegang.uitgeven(sessie=sessie, rol=Toegang.Rol.INFORMATIEPUNT)[
                    1
                ],
                "kernpunten": list(
                    Idee.objects.zichtbaar()
                    .filter(sessie=sessie, kernpunt=True)
                    .values_list("pk", flat=True)[:12]
                ),
                "gasten": [[pk, naam] for pk, naam, _email in gasten],
                "mijn": mijn,
            }
        )
    return avonden


def controle(uitslag: dict[str, list]) -> dict[str, dict[str, int]]:
    """Per kind of write: accepted by the server, missing afterwards, stored more than once."""
    from aanmelden.models import Aanmelding
    from informatiepunt.models import Vraag
    from thematafels.models import Idee, Stip

    def per_sleutel(model, sleutels: list[str], veld: str = "inzendsleutel") -> dict[str, int]:
        gevonden = Counter()
        for begin in range(0, len(sleutels), 500):
            deel = sleutels[begin : begin + 500]
            gevonden.update(
                str(v)
                for v in model.objects.filter(**{f"{veld}__in": deel}).values_list(veld, flat=True)
            )
        return {
            "geaccepteerd": len(sleutels),
            "kwijt": sum(1 for s in sleutels if gevonden[s] == 0),
            "dubbel": sum(1 for s in sleutels if gevonden[s] > 1),
        }

    def per_tekst(model, merken: list[str]) -> dict[str, int]:
        # The mark is in the text itself: a second row with another key would still be found.
        kwijt = dubbel = 0
        for merk in merken:
            n = model.objects.filter(tekst__contains=merk).count()
            kwijt += n == 0
            dubbel += n > 1
        return {"geaccepteerd": len(merken), "kwijt": kwijt, "dubbel": dubbel}

    resultaat = {
        "idee": per_tekst(Idee, sorted(set(uitslag.get("idee", [])))),
        "vraag": per_tekst(Vraag, sorted(set(uitslag.get("vraag", [])))),
        "stip": per_sleutel(Stip, sorted(set(uitslag.get("stip", [])))),
        "aanmelding": per_sleutel(Aanmelding, sorted(set(uitslag.get("aanmelding", [])))),
        "inloop": per_sleutel(Aanmelding, sorted(set(uitslag.get("inloop", [])))),
    }
    ingecheckt = sorted(set(uitslag.get("incheck", [])))
    binnen = set(
        Aanmelding.objects.filter(pk__in=ingecheckt, ingecheckt__isnull=False).values_list(
            "pk", flat=True
        )
    )
    resultaat["incheck"] = {
        "geaccepteerd": len(ingecheckt),
        "kwijt": sum(1 for pk in ingecheckt if pk not in binnen),
        "dubbel": 0,  # a check-in is a moment on the registration: it cannot be stored twice
    }
    return resultaat


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    opdracht, *rest = sys.argv[1:]
    if opdracht == "opzet":
        print(json.dumps(opzet(int(rest[0]), int(rest[1]))))
    elif opdracht == "controle":
        print(json.dumps(controle(json.loads(Path(rest[0]).read_text()))))
    else:
        raise SystemExit(f"unknown command {opdracht!r}")


if __name__ == "__main__":
    main()
