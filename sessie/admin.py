"""The core's admin and the two shapes every app's admin takes (live refresh, own sessions)."""

from __future__ import annotations

import functools

from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from sessie.models import Sessie, Toegang


@functools.cache
def pad_naar_sessie(model: type[models.Model]) -> str | None:
    """The lookup from `model` to its Sessie ("" for Sessie itself), or None if it has none.

    The shortest path along foreign keys: "sessie", "thematafel__sessie", "vraag__sessie".
    """
    rij: list[tuple[type[models.Model], str]] = [(model, "")]
    for _stap in range(4):
        volgende = []
        for huidig, pad in rij:
            if huidig is Sessie:
                return pad
            for veld in huidig._meta.concrete_fields:
                if isinstance(veld, models.ForeignKey):
                    volgende.append((veld.related_model, f"{pad}__{veld.name}".lstrip("_")))
        rij = volgende
    return None


def eigen(queryset: models.QuerySet, user) -> models.QuerySet:
    """Only what belongs to a session `user` organises; everything for a superuser (IT)."""
    pad = pad_naar_sessie(queryset.model)
    if user.is_superuser or pad is None:
        return queryset
    sessies = Sessie.objects.filter(organisatoren=user).values("pk")
    return queryset.filter(**{f"{pad}__in" if pad else "pk__in": sessies})


class EigenSessiesMixin:
    """An organiser sees, picks and acts on their own sessions' things only (not a superuser).

    Lists, the change pages behind them and actions all start from `get_queryset`; choices in
    forms (foreign keys, also raw-id fields) from `formfield_for_foreignkey`.
    """

    def get_queryset(self, request):
        return eigen(super().get_queryset(request), request.user)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "queryset" not in kwargs:
            kwargs["queryset"] = db_field.remote_field.model._default_manager.all()
        kwargs["queryset"] = eigen(kwargs["queryset"], request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class LiveAdminMixin:
    """Saving in the admin refreshes every live screen of the session."""

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        Sessie.bump(self.sessie_id_of(form.instance), programma=True)

    def sessie_id_of(self, obj) -> int:
        return obj.sessie_id


@admin.register(Toegang)
class ToegangAdmin(EigenSessiesMixin, admin.ModelAdmin):
    list_display = ["__str__", "sessie", "rol", "verloopt", "ingetrokken"]
    list_filter = ["rol", ("sessie", admin.RelatedOnlyFieldListFilter)]
    readonly_fields = ["sessie", "rol", "verloopt", "ingetrokken", "aangemaakt"]
    actions = ["intrekken"]

    def has_add_permission(self, request):
        # A link is shown once, when it is made; the organiser pages make them.
        return False

    @admin.action(description=_("Revoke the selected links"))
    def intrekken(self, request, queryset):
        for toegang in queryset:
            toegang.trek_in()
