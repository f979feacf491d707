from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from sessie.capture import InzendsleutelMixin
from sessie.forms import TekstVeld
from sessie.models import Werkgroep
from thematafels.models import Idee, Prompt, Ronde, Soort

# Digits with the usual separators and an optional leading +: 8 to 15 digits in all.
TELEFOON = re.compile(r"\+?(?:[\s\-().]*\d){8,15}[\s\-().]*")


class Keuze(forms.TypedChoiceField):
    """A choice among model instances the view or form has loaded; the answer is the instance.

    Checked against those instances, never with a query of its own: a capture stays cheap, and
    an id from another session or theme is simply not among the choices.
    """

    default_error_messages = {
        "invalid_choice": forms.ModelChoiceField.default_error_messages["invalid_choice"]
    }

    def __init__(self, *, empty_label: str | None = None, **kwargs):
        super().__init__(empty_value=None, **kwargs)
        self.empty_label = empty_label
        self.instances: dict[str, models.Model] = {}

    def zet(self, instances: Iterable[models.Model], label: Callable = str) -> None:
        """Offer `instances` (labelled by `label`)."""
        self.instances = {str(i.pk): i for i in instances}
        leeg = [] if self.empty_label is None else [("", self.empty_label)]
        self.choices = leeg + [(pk, label(i)) for pk, i in self.instances.items()]

    def prepare_value(self, value):
        return value.pk if isinstance(value, models.Model) else value

    def _coerce(self, value):
        if value in self.empty_values:
            return None
        return self.instances[str(value)]


class _IdeeVelden(forms.Form):
    tekst = TekstVeld(
        label=_("What did the table say?"),
        max_length=500,
        widget=forms.TextInput(
            attrs={
                "class": "form-control form-control-lg",
                "autocomplete": "off",
                "enterkeyhint": "send",
                "data-capture-clear": "",
                "data-capture-focus": "",
            }
        ),
        error_messages={"required": _("Type the idea first.")},
    )
    # The box clears after each idea; an empty kind means the default, an idea.
    soort = forms.ChoiceField(
        label=_("Kind"),
        choices=[("", Soort.IDEE.label)] + [c for c in Soort.choices if c[0] != Soort.IDEE],
        required=False,
        widget=forms.Select(attrs={"class": "form-select", "data-capture-clear": ""}),
    )
    prompt = Keuze(
        label=_("Think of"),
        required=False,
        empty_label=_("(none)"),
        widget=forms.Select(attrs={"class": "form-select", "data-capture-clear": ""}),
    )

    def __init__(self, *args, prompts: list[Prompt], **kwargs):
        """`prompts`: the theme's "denk aan" prompts, as the page shows them."""
        super().__init__(*args, **kwargs)
        self.fields["prompt"].zet(prompts)

    def clean_soort(self) -> str:
        return self.cleaned_data["soort"] or Soort.IDEE


class IdeeForm(InzendsleutelMixin, _IdeeVelden):
    """A new idea; the hidden round is the one the host is logging (one of `rondes`)."""

    ronde = Keuze(widget=forms.HiddenInput)

    def __init__(self, *args, prompts: list[Prompt], rondes: list[Ronde], **kwargs):
        super().__init__(*args, prompts=prompts, **kwargs)
        self.fields["ronde"].zet(rondes)


class BewerkForm(_IdeeVelden):
    """Edit an idea made on version `versie`; a newer version in the database is a conflict."""

    versie = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tekst"].widget = forms.Textarea(attrs={"class": "form-control", "rows": 3})
        self.fields["soort"].choices = [("", "---------"), *Soort.choices]
        self.fields["soort"].widget.attrs.pop("data-capture-clear", None)
        self.fields["prompt"].widget.attrs.pop("data-capture-clear", None)


class OpkomstForm(forms.Form):
    aantal = forms.IntegerField(
        label=_("People at the table"),
        min_value=0,
        max_value=500,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    ronde = Keuze(widget=forms.HiddenInput)

    def __init__(self, *args, rondes: list[Ronde], **kwargs):
        # Ids of its own: the capture form on the same page has a ronde field too.
        super().__init__(*args, **{"auto_id": "opkomst_%s"} | kwargs)
        self.fields["ronde"].zet(rondes)


class RolnotitieForm(InzendsleutelMixin):
    """A role offer with a way to reach the person; the workgroup choice appears once the
    session has workgroups, and joining one needs an e-mail address (its news goes by mail)."""

    naam = TekstVeld(label=_("Name"), max_length=100)
    rol = TekstVeld(
        label=_("Role they want to take"),
        max_length=150,
        help_text=_("For example: contact person, joins the workgroup, organises meetings."),
    )
    email = forms.EmailField(label=_("E-mail address"), required=False, max_length=254)
    telefoon = TekstVeld(
        label=_("Phone number"),
        required=False,
        max_length=30,
        help_text=_("An e-mail address, a phone number or both: so that someone can follow up."),
        widget=forms.TextInput(attrs={"type": "tel"}),
    )
    werkgroep = Keuze(label=_("Workgroup (optional)"), required=False, empty_label=_("(none)"))
    toestemming = forms.BooleanField(
        label=_(
            "This person agrees that we keep their name and contact details to contact them "
            "about this role, and that a workgroup they join sees them."
        ),
        error_messages={"required": _("Only note a name with the person's consent.")},
    )

    field_order = ["naam", "rol", "email", "telefoon", "werkgroep", "toestemming"]

    def __init__(self, *args, sessie_id: int, **kwargs):
        # Ids of its own: the capture form on the same page has a submission key too.
        super().__init__(*args, **{"auto_id": "rol_%s"} | kwargs)
        # One query, for the choices and for checking the answer: never another session's group.
        werkgroepen = list(Werkgroep.objects.filter(sessie_id=sessie_id))
        if werkgroepen:
            self.fields["werkgroep"].zet(werkgroepen, label=lambda w: w.naam)
        else:
            del self.fields["werkgroep"]
        self.fields["email"].widget.attrs["inputmode"] = "email"

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()

    def clean_telefoon(self) -> str:
        telefoon = self.cleaned_data["telefoon"].strip()
        if telefoon and not TELEFOON.fullmatch(telefoon):
            raise forms.ValidationError(
                _(
                    "Enter a phone number with digits only, "
                    "for example 06 12345678 or +31 6 1234 5678."
                )
            )
        return telefoon

    def clean(self) -> dict:
        data = super().clean()
        email, telefoon = data.get("email"), data.get("telefoon")
        if data.get("werkgroep") is not None and "email" not in self.errors and not email:
            self.add_error(
                "email",
                _("To join a workgroup we need an e-mail address: its news goes by e-mail."),
            )
        elif not email and not telefoon and not {"email", "telefoon"} & set(self.errors):
            self.add_error(
                "telefoon", _("Write down an e-mail address or a phone number to reach them.")
            )
        return data


class SamenvoegForm(forms.Form):
    in_idee = forms.TypedChoiceField(label=_("Merge into"), coerce=int)

    def __init__(self, *args, keuzes: list[tuple[int, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["in_idee"].choices = keuzes


class StemForm(forms.Form):
    """One tap in the dot vote: `plus` or `min` carries the key point's id."""

    sleutel = forms.UUIDField()
    plus = forms.IntegerField(required=False)
    min = forms.IntegerField(required=False)

    def __init__(self, *args, kernpunten: dict[int, Idee], **kwargs):
        """`kernpunten`: what may get a dot now, by id (`ideeen.stemitems`, kept in memory)."""
        super().__init__(*args, **kwargs)
        self.kernpunten = kernpunten

    def clean(self) -> dict:
        data = super().clean()
        idee = self.kernpunten.get(data.get("plus") or data.get("min"))
        if idee is None:
            raise forms.ValidationError(
                _("This item is no longer in the vote. The list has been refreshed.")
            )
        return {"sleutel": data.get("sleutel"), "idee": idee, "erbij": bool(data.get("plus"))}

    def eerste_fout(self) -> str:
        fouten = self.non_field_errors() or [e for f in self.errors.values() for e in f]
        return str(fouten[0])
