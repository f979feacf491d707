"""Captures that survive retries: one row per submission key, however often it arrives."""

from __future__ import annotations

import uuid

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from sessie.sql import insert_new


def nieuwe_sleutel() -> uuid.UUID:
    return uuid.uuid4()


def vastleggen[M: models.Model](model: type[M], *, sleutel: uuid.UUID, **velden) -> tuple[M, bool]:
    """Create a `model` row for this submission, or return the one an earlier try made.

    Returns (row, created). Safe when two tries race: the unique key decides, in the database.
    """
    rij = model(inzendsleutel=sleutel, **velden)
    if insert_new(rij, unique="inzendsleutel"):
        return rij, True
    return model.objects.get(inzendsleutel=sleutel), False


class InzendsleutelMixin(forms.Form):
    """Adds the hidden submission key; render `form.sleutel` inside the <form>."""

    sleutel = forms.UUIDField(
        widget=forms.HiddenInput(attrs={"data-capture-key": ""}),
        error_messages={"required": _("This form is out of date: please reload the page.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("sleutel", nieuwe_sleutel())


class HoneypotMixin(forms.Form):
    """A field people never see or fill; bots that fill every field are turned away."""

    website = forms.CharField(
        required=False,
        label=_("Leave this field empty"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def clean_website(self) -> str:
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(_("This form could not be sent. Please try again."))
        return ""
