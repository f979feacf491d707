import datetime as dt
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from wijkavond.laden import DEMO_PATH, laad_sessie, lees


class Command(BaseCommand):
    help = (
        "Load (or update) a session from a JSON description; the demo's Noord evening by default."
    )

    def add_arguments(self, parser):
        parser.add_argument("pad", nargs="?", default=str(DEMO_PATH), type=Path)
        parser.add_argument(
            "--datum",
            type=dt.date.fromisoformat,
            default=None,
            help="Date of the evening (YYYY-MM-DD); default: today.",
        )

    def handle(self, *args, pad: Path, datum: dt.date | None, **options):
        if not pad.exists():
            raise CommandError(f"No such file: {pad}")
        sessie = laad_sessie(lees(pad), datum=datum or timezone.localdate())
        self.stdout.write(self.style.SUCCESS(f"Loaded {sessie.titel} ({sessie.slug})."))
