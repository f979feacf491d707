"""Erase personal data of past evenings: run daily, e.g. from a systemd timer or cron.

    # crontab: 15 3 * * *  cd /srv/wijkavond && .venv/bin/python manage.py vergeet
    # or a systemd timer with OnCalendar=daily running the same command

For sessions held more than WIJKAVOND_BEWAAR_DAGEN days ago (default 90), every app erases its
personal data (sessie.privacy): registrations' names, e-mail addresses, phone numbers,
organisations, roles, neighbourhoods, food wishes and allergies; information-point askers' names
and e-mail addresses, and who handled each question (assignee, approver, the log's names); names
in role offers, of table hosts and on volunteer links. Whatever the session, rate-limit counters
and failed logins older than a day and expired server sessions go too. Anonymous content stays
for the report: counts, sandwiches, table choices, ideas, questions and their answers, the roles
offered.
Running it again changes nothing.
"""

import datetime as dt

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from sessie import privacy


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
        aantallen = privacy.vergeet_oude_sessies(ouder_dan=grens)
        self.stdout.write(f"Sessions before {grens}, made anonymous:")
        for soort, aantal in aantallen.items():
            self.stdout.write(f"  {aantal} {soort}")
