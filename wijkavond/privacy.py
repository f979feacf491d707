"""Personal data of the project's login (the core's privacy registry, `sessie/privacy.py`).

django-axes keeps each failed login's user name and client address (README "Security"). Once
its lockout has run out such a row protects nobody, so the retention run deletes it after a day.
"""

from __future__ import annotations

import datetime as dt

from axes.models import AccessAttempt, AccessFailureLog
from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from sessie.models import Sessie


def vergeet_persoonsgegevens(*, sessies: QuerySet[Sessie]) -> dict[str, int]:
    """Whatever the session: failed logins older than a day (and than the lockout)."""
    grens = timezone.now() - max(settings.AXES_COOLOFF_TIME, dt.timedelta(days=1))
    pogingen, _per_model = AccessAttempt.objects.filter(attempt_time__lt=grens).delete()
    log, _per_model = AccessFailureLog.objects.filter(attempt_time__lt=grens).delete()
    return {"failed logins": pogingen + log}
