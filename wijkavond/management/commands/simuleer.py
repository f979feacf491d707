import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from sessie.models import Sessie
from sessie.simulatie import Aantallen, simuleer_avond
from wijkavond.simulatie import nieuwe_sessie


class Command(BaseCommand):
    help = (
        "Fill a session (or a new fictitious one) with a simulated evening, deterministic per seed."
    )

    def add_arguments(self, parser):
        parser.add_argument("--sessie", help="Slug of an existing session; default: a new one.")
        parser.add_argument("--deelnemers", type=int, default=300)
        parser.add_argument("--ideeen", type=int, default=1000)
        parser.add_argument("--vragen", type=int, default=200)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--klok",
            type=dt.time.fromisoformat,
            default=None,
            help="Rehearsal clock: run the evening as if it were this time now.",
        )

    def handle(self, *args, sessie, deelnemers, ideeen, vragen, seed, klok, **options):
        if min(deelnemers, ideeen, vragen) < 0:
            raise CommandError("Counts cannot be negative.")
        aantallen = Aantallen(deelnemers=deelnemers, ideeen=ideeen, vragen=vragen)
        if sessie:
            doel = Sessie.objects.filter(slug=sessie).first()
            if doel is None:
                raise CommandError(f"No session with slug {sessie!r}.")
        else:
            doel = nieuwe_sessie(seed=seed, deelnemers=deelnemers, datum=timezone.localdate())
        simuleer_avond(sessie=doel, seed=seed, aantallen=aantallen)
        if klok is not None:
            doel.zet_oefenklok(moment=timezone.make_aware(dt.datetime.combine(doel.datum, klok)))
        self.stdout.write(self.style.SUCCESS(f"Simulated {aantallen} in {doel.slug}."))
