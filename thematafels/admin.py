from django.contrib import admin

from sessie.admin import LiveAdminMixin
from thematafels.models import Prompt, Tafel, Thematafel


class PromptInline(admin.TabularInline):
    model = Prompt
    extra = 1


class TafelInline(admin.TabularInline):
    model = Tafel
    extra = 0


@admin.register(Thematafel)
class ThematafelAdmin(LiveAdminMixin, admin.ModelAdmin):
    list_display = ["__str__", "sessie"]
    list_filter = ["sessie"]
    inlines = [PromptInline, TafelInline]

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        return qs if request.user.is_superuser else qs.filter(sessie__organisatoren=request.user)
