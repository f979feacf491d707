"""`make run`'s set-up: the demo evening, a modest simulated crowd, volunteer links, the map."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import gettext as _

from sessie.models import Sessie, Toegang
from sessie.simulatie import Aantallen, simuleer_avond
from thematafels.models import Tafeltoegang
from wijkavond.kaart import newcomer_map
from wijkavond.laden import DEMO_PATH, laad_sessie, lees
from wijkavond.models import Huisstijl, vergeet_stijl

DEMO_USER = "organisator"
DEMO_PASSWORD = "wijkavond-demo"
# A modest crowd: one table per theme, so that no screen a newcomer opens is empty.
DEMO_DRUKTE = Aantallen(deelnemers=36, ideeen=90, vragen=15)
# The demo's municipality and a second one to switch to in the admin; placeholder logos.
DEMO_HUISSTIJLEN = [
    {
        "naam": "Gemeente Voorbeeldstad",
        "logo": "logo-voorbeeldstad.svg",
        "kleur_primair": "#1b4f72",
        "kleur_primair_tekst": "#ffffff",
        "kleur_link": "#0b5a8a",
        "kleur_accent": "#c76b00",
        "email": "participatie@example.invalid",
        "telefoon": "14 020",
    },
    {
        "naam": "Gemeente Proefdorp",
        "logo": "logo-proefdorp.svg",
        "kleur_primair": "#0f6e3c",
        "kleur_primair_tekst": "#ffffff",
        "kleur_link": "#0f6e3c",
        "kleur_accent": "#007a87",
        "email": "wijken@example.invalid",
        "telefoon": "14 0999",
    },
]


class Command(BaseCommand):
    help = "Load the demo evening with a simulated crowd and print every screen's link."

    def add_arguments(self, parser):
        parser.add_argument(
            "--tijd",
            default="19:45",
            type=dt.time.fromisoformat,
            help="Rehearsal clock: the evening runs as if it were this time now.",
        )

    def handle(self, *args, tijd: dt.time, **options):
        data = lees(DEMO_PATH)
        nieuw = not Sessie.objects.filter(slug=data["slug"]).exists()
        sessie = laad_sessie(data, datum=timezone.localdate())
        User = get_user_model()
        user, created = User.objects.get_or_create(
            username=DEMO_USER, defaults={"is_staff": True, "is_superuser": True}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        sessie.organisatoren.add(user)
        laad_huisstijlen()
        if nieuw:
            simuleer_avond(sessie=sessie, seed=2023, aantallen=DEMO_DRUKTE)
        sessie.zet_oefenklok(moment=timezone.make_aware(dt.datetime.combine(sessie.datum, tijd)))

        # Links are shown once: each run replaces the demo's volunteer links with new ones.
        for toegang in sessie.toegangen.geldig():
            toegang.trek_in()
        tokens = {}
        for thema in sessie.thematafels.prefetch_related("tafels"):
            for tafel in thema.tafels.all():
                toegang, token = Tafeltoegang.uitgeven(tafel=tafel)
                tokens[toegang.pk] = token
        for rol in (Toegang.Rol.DEUR, Toegang.Rol.INFORMATIEPUNT):
            toegang, token = Toegang.uitgeven(sessie=sessie, rol=rol)
            tokens[toegang.pk] = token

        self.stdout.write(
            self.style.SUCCESS("\n" + _("%(titel)s: demo ready.") % {"titel": sessie})
        )
        self.stdout.write(
            _("The session clock runs as if it were %(tijd)s now.") % {"tijd": f"{tijd:%H.%M}"}
        )
        for regel in newcomer_map(sessie, tokens=tokens):
            self.stdout.write(f"  {regel.label}: {regel.url}")
        self.stdout.write("  " + _("Organiser credentials") + f": {DEMO_USER} / {DEMO_PASSWORD}\n")


def laad_huisstijlen() -> Huisstijl:
    """Create or update the demo's themes; Voorbeeldstad is switched on unless one already is."""
    themas = []
    for gegevens in DEMO_HUISSTIJLEN:
        velden = dict(gegevens)
        velden["logo_svg"] = (DEMO_PATH.parent / velden.pop("logo")).read_text()
        huisstijl, _created = Huisstijl.objects.get_or_create(naam=velden["naam"], defaults=velden)
        for veld, waarde in velden.items():
            setattr(huisstijl, veld, waarde)
        huisstijl.full_clean()
        huisstijl.save()
        themas.append(huisstijl)
    if not Huisstijl.objects.filter(actief=True).exists():
        themas[0].activeer()
    vergeet_stijl()
    return themas[0]
