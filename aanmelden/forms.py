from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from aanmelden.models import Aanmelding, Tafelplan
from sessie.capture import HoneypotMixin, InzendsleutelMixin
from sessie.forms import BoundedModelMultipleChoiceField, TekstVeld
from sessie.models import Sessie, Werkgroep
from thematafels.models import Idee, Thematafel


def email_veld(help_text: str) -> forms.EmailField:
    """The address a person signs up with; `help_text` says what it is used for."""
    return forms.EmailField(label=_("Your e-mail address"), help_text=help_text, max_length=254)


def telefoon_veld() -> TekstVeld:
    """The phone number a person may give when signing up."""
    return TekstVeld(
        label=_("Phone number (not required)"),
        required=False,
        max_length=30,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )


class AanmeldingVelden(forms.Form):
    """What a person tells us when they sign up or change their registration."""

    naam = TekstVeld(label=_("Your name"), max_length=150)
    email = email_veld(_("We send your confirmation and your personal link to this address."))
    telefoon = telefoon_veld()
    rol = forms.ChoiceField(label=_("Who are you?"), required=False)
    organisatie = TekstVeld(label=_("Organisation (not required)"), required=False, max_length=150)
    buurt = TekstVeld(label=_("Neighbourhood (not required)"), required=False, max_length=100)
    broodje = forms.BooleanField(
        label=_("Yes, I would like a sandwich"),
        required=False,
    )
    dieet = forms.MultipleChoiceField(
        label=_("Food wishes"),
        required=False,
        choices=Aanmelding.Dieet.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    allergie = TekstVeld(
        label=_("Allergy (not required)"),
        required=False,
        max_length=200,
        help_text=_("For example: nuts."),
    )
    voorkeur_1 = forms.ModelChoiceField(
        label=_("Theme table, first choice"), required=False, queryset=Thematafel.objects.none()
    )
    voorkeur_2 = forms.ModelChoiceField(
        label=_("Theme table, second choice"), required=False, queryset=Thematafel.objects.none()
    )
    werkgroepen = BoundedModelMultipleChoiceField(
        label=_("I would like to hear more about these workgroups"),
        required=False,
        queryset=Werkgroep.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    toestemming_contact = forms.BooleanField(
        label=_("You may contact me after the evening about the follow-up."), required=False
    )
    toestemming_netwerk = forms.BooleanField(
        label=_("You may put my name and organisation on the network list of this evening."),
        required=False,
    )

    def __init__(self, *args, sessie: Sessie, aanmelding: Aanmelding | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.sessie, self.aanmelding = sessie, aanmelding
        self.fields["rol"].choices = [("", _("Choose…"))] + [
            (rol, rol) for rol in sessie.rollen_lijst
        ]
        for veld in ("voorkeur_1", "voorkeur_2"):
            self.fields[veld].queryset = sessie.thematafels.all()
            self.fields[veld].empty_label = _("Choose…")
        self.fields["werkgroepen"].queryset = sessie.werkgroepen.all()
        for naam, autocomplete in (("naam", "name"), ("email", "email")):
            self.fields[naam].widget.attrs["autocomplete"] = autocomplete

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        # Changing to an address that is signed up already (a new sign-up just resends the link).
        if self.aanmelding is not None:
            anderen = self.sessie.aanmeldingen.exclude(pk=self.aanmelding.pk)
            if anderen.filter(email__iexact=email).exists():
                raise forms.ValidationError(_("Someone already signed up with this address."))
        return email

    def clean(self):
        data = super().clean()
        een, twee = data.get("voorkeur_1"), data.get("voorkeur_2")
        if een and twee and een == twee:
            self.add_error("voorkeur_2", _("Choose another table than your first choice."))
        return data

    @classmethod
    def initial_van(cls, aanmelding: Aanmelding) -> dict:
        return {
            **{veld: getattr(aanmelding, veld) for veld in cls.base_fields if veld != "broodje"},
            "email": aanmelding.nieuw_email or aanmelding.email,  # a waiting address stays put
            "broodje": aanmelding.broodje != Aanmelding.Broodje.GEEN,
            "werkgroepen": list(aanmelding.werkgroepen.all()),
        }

    def gegevens(self) -> dict:
        """The cleaned values for Aanmelding's own fields (not the sandwich, not workgroups)."""
        overslaan = {"broodje", "werkgroepen", "sleutel", "website"}
        return {k: v for k, v in self.cleaned_data.items() if k not in overslaan}


class AanmeldForm(HoneypotMixin, InzendsleutelMixin, AanmeldingVelden):
    """The public registration form: with a submission key and a honeypot."""


class InloopForm(InzendsleutelMixin):
    naam = TekstVeld(label=_("Name"), max_length=150)
    # The name the volunteer confirmed as someone new after a suggestion (folded).
    toch = forms.CharField(required=False, max_length=150, widget=forms.HiddenInput)


class AanmeldingFilter(forms.Form):
    """The organiser's filters over registrations (a GET form)."""

    STATUS = [
        ("", _("Signed up (not cancelled)")),
        ("ingecheckt", _("Checked in")),
        ("niet_ingecheckt", _("Not checked in")),
        ("inloop", _("Walk-ins")),
        ("geannuleerd", _("Cancelled")),
    ]

    tekst = TekstVeld(label=_("Search"), required=False, max_length=100)
    rol = forms.ChoiceField(label=_("Who"), required=False)
    broodje = forms.ChoiceField(
        label=_("Sandwich"),
        required=False,
        choices=[("", _("All")), *Aanmelding.Broodje.choices],
    )
    tafel = forms.ModelChoiceField(
        label=_("Theme table"), required=False, queryset=Thematafel.objects.none()
    )
    status = forms.ChoiceField(label=_("Status"), required=False, choices=STATUS)

    def __init__(self, *args, sessie: Sessie, aanmelding: Aanmelding | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.sessie, self.aanmelding = sessie, aanmelding
        self.fields["rol"].choices = [("", _("All"))] + [(r, r) for r in sessie.rollen_lijst]
        self.fields["tafel"].queryset = sessie.thematafels.all()
        self.fields["tafel"].empty_label = _("All")

    def criteria(self) -> dict:
        return self.cleaned_data if self.is_valid() else {}


class PlanMakenForm(forms.Form):
    """Whom the organiser plans: before the evening the registrations, at it those present."""

    bron = forms.ChoiceField(
        label=_("Plan whom"),
        choices=Tafelplan.Bron.choices,
        widget=forms.RadioSelect,
        initial=Tafelplan.Bron.AANGEMELD,
    )


class VerplaatsForm(forms.Form):
    """Move one person to a table in a round. Choices come from the plan already on the page
    (`indeling.Overzicht`), so the form costs no queries of its own."""

    persoon = forms.TypedChoiceField(label=_("Person"), coerce=int)
    ronde = forms.TypedChoiceField(label=_("Round"), coerce=int)
    tafel = forms.TypedChoiceField(label=_("Table"), coerce=int)

    def __init__(self, *args, overzicht, **kwargs):
        super().__init__(*args, **kwargs)
        leeg = [("", "—")]
        self.fields["persoon"].choices = leeg + [(m.pk, m.naam) for m in overzicht.mensen]
        self.fields["ronde"].choices = leeg + [(r.pk, str(r)) for r in overzicht.rondes]
        self.fields["tafel"].choices = leeg + [
            (t.pk, f"{t.naam} · {t.thematafel.naam}") for t in overzicht.tafels
        ]


class WerkgroepAanmeldForm(HoneypotMixin, InzendsleutelMixin):
    """Joining workgroups from a phone, on the evening or after: no account."""

    naam = TekstVeld(label=_("Your name"), max_length=150)
    email = email_veld(_("The workgroup sends its news to this address."))
    telefoon = telefoon_veld()
    organisatie = TekstVeld(label=_("Organisation (not required)"), required=False, max_length=150)
    werkgroepen = BoundedModelMultipleChoiceField(
        label=_("I want to join"),
        queryset=Werkgroep.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one workgroup.")},
    )
    toestemming_contact = forms.BooleanField(
        label=_("The workgroup may see my e-mail address and phone number to contact me."),
        required=False,
    )

    def __init__(self, *args, sessie: Sessie, **kwargs):
        super().__init__(*args, **kwargs)
        self.sessie = sessie
        # Every workgroup of the evening is accepted as input, so that a closed one is refused
        # with its name; only open ones are offered.
        veld = self.fields["werkgroepen"]
        veld.queryset = sessie.werkgroepen.order_by("volgorde", "naam", "pk")
        veld.widget.choices = [(w.pk, w.naam) for w in veld.queryset if w.open]
        self.fields["naam"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()

    def clean_werkgroepen(self):
        gekozen = self.cleaned_data["werkgroepen"]
        dicht = [w.naam for w in gekozen if not w.open]
        if dicht:
            raise forms.ValidationError(
                _("%(namen)s no longer takes new members.") % {"namen": ", ".join(dicht)}
            )
        return gekozen

    def gegevens(self) -> dict:
        velden = ("naam", "email", "telefoon", "organisatie", "toestemming_contact")
        return {veld: self.cleaned_data[veld] for veld in velden}


class WerkgroepForm(forms.ModelForm):
    """The organiser makes or changes a workgroup during the evening, and says where it grew
    from: a theme table and its key points (`Werkgroepbron`)."""

    thematafel = forms.ModelChoiceField(
        label=_("Grew from theme table"), required=False, queryset=Thematafel.objects.none()
    )
    kernpunten = BoundedModelMultipleChoiceField(
        label=_("Key points it grew from"),
        required=False,
        queryset=Idee.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Werkgroep
        fields = ["naam", "doel", "contactpersoon", "open", "eerste_bijeenkomst"]
        widgets = {
            "doel": forms.Textarea(attrs={"rows": 2}),
            "eerste_bijeenkomst": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, sessie: Sessie, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["thematafel"].queryset = sessie.thematafels.all()
        self.fields["thematafel"].empty_label = _("None")
        self.fields["kernpunten"].queryset = (
            Idee.objects.zichtbaar()
            .filter(sessie=sessie, kernpunt=True)
            .select_related("tafel__thematafel")
            .order_by("tafel__thematafel__nummer", "pk")
        )
        bron = getattr(self.instance, "bron", None) if self.instance.pk else None
        if bron is not None and not self.is_bound:
            self.initial.setdefault("thematafel", bron.thematafel_id)
            self.initial.setdefault("kernpunten", [i.pk for i in bron.kernpunten.all()])


class WerkgroepberichtForm(InzendsleutelMixin):
    onderwerp = TekstVeld(label=_("Subject"), max_length=150)
    tekst = TekstVeld(label=_("Message"), widget=forms.Textarea(attrs={"rows": 5}))
