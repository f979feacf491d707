from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from sessie.models import Sessie, Toegang


class LiveAdminMixin:
    """Saving in the admin refreshes every live screen of the session."""

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        Sessie.bump(self.sessie_id_of(form.instance))

    def sessie_id_of(self, obj) -> int:
        return obj.sessie_id


@admin.register(Toegang)
class ToegangAdmin(admin.ModelAdmin):
    list_display = ["__str__", "sessie", "rol", "verloopt", "ingetrokken"]
    list_filter = ["rol", "sessie"]
    readonly_fields = ["sessie", "rol", "verloopt", "ingetrokken", "aangemaakt"]
    actions = ["intrekken"]

    def has_add_permission(self, request):
        # A link is shown once, when it is made; the organiser pages make them.
        return False

    @admin.action(description=_("Revoke the selected links"))
    def intrekken(self, request, queryset):
        for toegang in queryset:
            toegang.trek_in()
