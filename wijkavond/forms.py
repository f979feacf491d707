from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sessie.forms import TekstVeld
from sessie.models import Sessie, Toegang
from thematafels.models import Tafel


class OefenklokForm(forms.Form):
    """Run the evening on a rehearsal clock: "pretend it is 19.45 on the evening itself"."""

    tijd = forms.TimeField(
        label=_("Pretend it is now"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        help_text=_("A time on the evening itself, for example 19:45."),
    )

    def moment(self, sessie) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(sessie.datum, self.cleaned_data["tijd"]))


class ToegangForm(forms.Form):
    rol = forms.ChoiceField(label=_("Role"), choices=Toegang.Rol.choices, initial=Toegang.Rol.DEUR)
    tafel = forms.ModelChoiceField(
        label=_("Table (only for a table host)"),
        required=False,
        queryset=Tafel.objects.none(),
        empty_label=_("Choose…"),
    )
    label = TekstVeld(label=_("Name or note (not required)"), required=False, max_length=100)

    def __init__(self, *args, sessie: Sessie, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tafel"].queryset = Tafel.objects.filter(
            thematafel__sessie=sessie
        ).select_related("thematafel")

    def clean(self):
        data = super().clean()
        if data.get("rol") == Toegang.Rol.TAFELHOST and not data.get("tafel"):
            self.add_error("tafel", _("A table host needs a table."))
        elif data.get("rol") != Toegang.Rol.TAFELHOST:
            data["tafel"] = None
        return data


class ZaalForm(forms.Form):
    """The hall check's question: how wide is the screen, how far is the back row?"""

    RESOLUTIES = {
        "1920x1080": (1920, 1080),
        "1280x800": (1280, 800),
        "1024x768": (1024, 768),
        "3840x2160": (3840, 2160),
    }

    breedte = forms.DecimalField(
        label=_("Width of the projected image (m)"),
        min_value=Decimal("0.5"),
        max_value=Decimal("20"),
        decimal_places=2,
        initial=Decimal("3"),
        localize=True,
    )
    afstand = forms.DecimalField(
        label=_("Distance to the back row (m)"),
        min_value=Decimal("1"),
        max_value=Decimal("80"),
        decimal_places=1,
        initial=Decimal("10"),
        localize=True,
    )
    resolutie = forms.ChoiceField(
        label=_("Resolution of the projector"),
        choices=[(k, k.replace("x", " × ")) for k in RESOLUTIES],
        initial="1920x1080",
    )

    @property
    def pixels(self) -> tuple[int, int]:
        return self.RESOLUTIES[self.cleaned_data["resolutie"]]
