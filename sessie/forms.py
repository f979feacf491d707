from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OefenklokForm(forms.Form):
    """Run the evening on a rehearsal clock: "pretend it is 19.45 on the evening itself"."""

    tijd = forms.TimeField(
        label=_("Pretend it is now"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        help_text=_("A time on the evening itself, for example 19:45."),
    )

    def moment(self, sessie) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(sessie.datum, self.cleaned_data["tijd"]))
