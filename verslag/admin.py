from django.contrib import admin

from verslag.models import Publicatie, Traject, Verslagbestand


@admin.register(Traject)
class TrajectAdmin(admin.ModelAdmin):
    """Organisers group their evenings into a series here; the series report reads it."""

    list_display = ["naam", "gemeente", "slug"]
    prepopulated_fields = {"slug": ["naam"]}
    filter_horizontal = ["sessies"]
    search_fields = ["naam", "gemeente"]


@admin.register(Publicatie)
class PublicatieAdmin(admin.ModelAdmin):
    list_display = ["sessie", "gepubliceerd_op", "door"]
    raw_id_fields = ["sessie", "door"]


@admin.register(Verslagbestand)
class VerslagbestandAdmin(admin.ModelAdmin):
    list_display = ["sessie", "editie", "formaat", "status", "aangevraagd", "klaar_op"]
    list_filter = ["status", "formaat"]
    raw_id_fields = ["sessie", "aangevraagd_door"]
    readonly_fields = ["gestart", "klaar_op", "fout"]
