"""Erase personal data of past evenings: run daily, e.g. from a systemd timer or cron.

    # /etc/systemd/system/wijkavond-vergeet.timer → OnCalendar=daily, running:
    .venv/bin/python manage.py vergeet

Names, e-mail addresses, phone numbers, organisations and allergies of registrations for
sessions held more than WIJKAVOND_BEWAAR_DAGEN days ago (default 90) are erased; the anonymous
counts (role, neighbourhood, sandwiches, table choices, check-ins) stay for the report.
"""

import datetime as dt

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from sessie.aanmelden import vergeet


class Command(BaseCommand):
    help = "Erase personal data of sessions older than the retention period (run daily)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dagen",
            type=int,
            default=settings.BEWAAR_DAGEN,
            help="Keep personal data this many days after the evening.",
        )

    def handle(self, *args, dagen: int, **options):
        grens = timezone.localdate() - dt.timedelta(days=dagen)
        aantal = vergeet(ouder_dan=grens)
        self.stdout.write(f"{aantal} registration(s) of sessions before {grens} made anonymous.")
