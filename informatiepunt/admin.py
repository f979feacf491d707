from django.contrib import admin

from informatiepunt.models import Vraag, Vraaglog
from sessie.admin import EigenSessiesMixin


class VraaglogInline(EigenSessiesMixin, admin.TabularInline):
    model = Vraaglog
    extra = 0
    can_delete = False
    readonly_fields = ["op", "actie", "van_status", "naar_status", "door_label", "notitie"]
    fields = readonly_fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Vraag)
class VraagAdmin(EigenSessiesMixin, admin.ModelAdmin):
    """For support only: the answer flow itself runs through the organiser's pages (its log)."""

    list_display = ["pk", "sessie", "categorie", "status", "verborgen", "aangemaakt"]
    list_filter = [("sessie", admin.RelatedOnlyFieldListFilter), "status", "verborgen", "bron"]
    search_fields = ["tekst", "antwoord"]
    raw_id_fields = ["dubbel_van", "goedgekeurd_door"]
    readonly_fields = ["status", "goedgekeurd_door", "goedgekeurd_op", "teruggekoppeld_op"]
    inlines = [VraaglogInline]
