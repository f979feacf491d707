"""Form plumbing that every app's forms share."""

from __future__ import annotations

from django import forms

from sessie.export import schoon


class BoundedModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Several rows of the queryset by id; an id no database column can hold is not one of them.

    Django would put it in the query, and SQLite cannot even bind it (OverflowError: a 500).
    """

    def _check_values(self, value):
        for pk in value or ():
            try:
                past = -(2**63) <= int(pk) < 2**63
            except (TypeError, ValueError):
                continue  # Django's own check says so
            if not past:
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super()._check_values(value)


class TekstVeld(forms.CharField):
    """Text as people type it, without control characters or right-to-left overrides.

    Those hide or reorder what an organiser reads (a name that shows as another), and break
    exports; tabs and line breaks stay.
    """

    def to_python(self, value):
        if isinstance(value, str):
            value = schoon(value)
        return super().to_python(value)
