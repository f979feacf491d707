from django.contrib import admin

from sessie.admin import EigenSessiesMixin, LiveAdminMixin
from thematafels.models import Prompt, Tafel, Thematafel


class PromptInline(EigenSessiesMixin, admin.TabularInline):
    model = Prompt
    extra = 1


class TafelInline(EigenSessiesMixin, admin.TabularInline):
    model = Tafel
    extra = 0


@admin.register(Thematafel)
class ThematafelAdmin(EigenSessiesMixin, LiveAdminMixin, admin.ModelAdmin):
    list_display = ["__str__", "sessie"]
    list_filter = [("sessie", admin.RelatedOnlyFieldListFilter)]
    inlines = [PromptInline, TafelInline]
