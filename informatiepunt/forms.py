from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from informatiepunt.models import Vraag, Vraagcategorie
from sessie.capture import HoneypotMixin, InzendsleutelMixin
from sessie.forms import TekstVeld
from sessie.models import Sessie

# Widget hooks for the info point's capture queue that a visitor's form does without.
ALLEEN_INTAKE = {
    "data-capture-clear",
    "data-capture-focus",
    "data-capture-key",
    "data-enter-verstuurt",
    "autofocus",
}


class VraagForm(InzendsleutelMixin, forms.Form):
    """A question taken at the information point. Personal data only with the asker's consent."""

    tekst = TekstVeld(
        label=_("Question"),
        max_length=2000,
        widget=forms.Textarea(
            attrs={
                "rows": 3,
                "data-capture-clear": "",
                "data-capture-focus": "",
                "data-enter-verstuurt": "",
                "autofocus": "",
            }
        ),
    )
    categorie = forms.ModelChoiceField(
        label=_("Topic"),
        queryset=Vraagcategorie.objects.none(),
        required=False,
        empty_label=_("Not sure"),
        widget=forms.Select(attrs={"data-capture-clear": ""}),
    )
    vraagsteller = forms.ChoiceField(
        label=_("The asker is"),
        choices=[("", _("Not given")), *Vraag.Vraagsteller.choices],
        required=False,
        widget=forms.Select(attrs={"data-capture-clear": ""}),
    )
    naam = TekstVeld(
        label=_("Name (optional)"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "data-capture-clear": ""}),
    )
    email = forms.EmailField(
        label=_("E-mail address (optional)"),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "off", "data-capture-clear": ""}),
    )
    wil_antwoord = forms.BooleanField(
        label=_("The asker wants the answer by e-mail"),
        required=False,
        widget=forms.CheckboxInput(attrs={"data-capture-clear": ""}),
        help_text=_("Only with permission. The address is used for this answer only."),
    )

    def __init__(self, *args, sessie: Sessie, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["categorie"].queryset = sessie.vraagcategorieen.all()

    def clean(self):
        data = super().clean()
        if data.get("wil_antwoord") and not data.get("email"):
            self.add_error("email", _("Fill in an e-mail address to send the answer to."))
        if data.get("email") and not data.get("wil_antwoord"):
            self.add_error(
                "wil_antwoord",
                _("Tick this box to send the answer, or leave the e-mail address empty."),
            )
        return data

    def velden(self) -> dict:
        data = self.cleaned_data
        return {
            "tekst": data["tekst"].strip(),
            "categorie": data["categorie"],
            "vraagsteller": data["vraagsteller"],
            "naam": data["naam"].strip(),
            "email": data["email"],
            "wil_antwoord": data["wil_antwoord"],
        }


class ZelfVraagForm(HoneypotMixin, VraagForm):
    """The same question form, on a visitor's own phone: spoken to them, guarded against bots."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        velden = self.fields
        # A visitor sends one question: no capture-queue hooks, and the browser may autofill.
        for veld in velden.values():
            attrs = veld.widget.attrs
            veld.widget.attrs = {k: v for k, v in attrs.items() if k not in ALLEEN_INTAKE}
        velden["tekst"].label = _("Your question")
        velden["tekst"].widget.attrs["rows"] = 4
        velden["vraagsteller"].label = _("I am")
        velden["naam"].label = _("Your name (optional)")
        velden["naam"].widget.attrs["autocomplete"] = "name"
        velden["email"].label = _("Your e-mail address (optional)")
        velden["email"].widget.attrs["autocomplete"] = "email"
        velden["wil_antwoord"].label = _("Send me the answer by e-mail")
        velden["wil_antwoord"].help_text = _(
            "We use your address only to send you the answer to this question."
        )


class ToewijzenForm(forms.Form):
    toegewezen_aan = TekstVeld(label=_("Assign to (person or department)"), max_length=150)


class AntwoordForm(forms.Form):
    openbare_tekst = TekstVeld(
        label=_("The question as it will be published"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Take out names, phone numbers or anything else personal. The original stays in the "
            "inventory."
        ),
    )
    antwoord = TekstVeld(
        label=_("Answer"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Saving approves the answer in your name: it goes on the public answers page."),
    )


class DubbelForm(forms.Form):
    origineel = forms.IntegerField(
        label=_("Same question as number"),
        min_value=1,
        help_text=_("The number of the question that was asked before."),
    )

    def __init__(self, *args, vraag: Vraag, **kwargs):
        super().__init__(*args, **kwargs)
        self.vraag = vraag

    def clean_origineel(self) -> Vraag:
        origineel = (
            Vraag.objects.filter(pk=self.cleaned_data["origineel"], sessie_id=self.vraag.sessie_id)
            .select_related("dubbel_van")
            .first()
        )
        if origineel is None:
            raise forms.ValidationError(_("There is no question with this number."))
        if origineel.origineel.pk == self.vraag.pk:
            raise forms.ValidationError(_("A question cannot be a duplicate of itself."))
        return origineel


class InventarisFilter(forms.Form):
    """The inventory's filters (GET): anything invalid is simply ignored."""

    q = TekstVeld(label=_("Search"), required=False, max_length=100)
    categorie = forms.ModelChoiceField(
        label=_("Topic"),
        queryset=Vraagcategorie.objects.none(),
        required=False,
        empty_label=_("All topics"),
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("All statuses")), *Vraag.Status.choices], required=False
    )
    verborgen = forms.BooleanField(label=_("Show hidden questions"), required=False)

    def __init__(self, *args, sessie: Sessie, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["categorie"].queryset = sessie.vraagcategorieen.all()

    def filter(self, vragen):
        if not self.is_valid():
            return vragen.zichtbaar()
        data = self.cleaned_data
        if not data["verborgen"]:
            vragen = vragen.zichtbaar()
        if data["categorie"]:
            vragen = vragen.filter(categorie=data["categorie"])
        if data["status"]:
            vragen = vragen.filter(status=data["status"])
        return vragen.zoek(data["q"])
