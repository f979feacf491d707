"""The admin's session page, composed of every app's inlines (the core knows none of them)."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from aanmelden.aanmeldingen import herverdeel_broodjes
from informatiepunt.models import Vraagcategorie
from programma.models import Programmaonderdeel
from sessie.admin import EigenSessiesMixin, LiveAdminMixin
from sessie.models import Sessie, Werkgroep
from thematafels.models import Ronde, Thematafel
from wijkavond.kloon import kloon_sessie
from wijkavond.models import Huisstijl, vergeet_stijl


class ProgrammaInline(EigenSessiesMixin, admin.TabularInline):
    model = Programmaonderdeel
    extra = 0
    fields = ["start", "eind", "soort", "titel", "toelichting", "punten"]


class ThematafelInline(EigenSessiesMixin, admin.StackedInline):
    model = Thematafel
    extra = 0
    fields = ["nummer", "naam", "kernvraag", "toelichting"]
    show_change_link = True


class RondeInline(EigenSessiesMixin, admin.TabularInline):
    model = Ronde
    extra = 0


class VraagcategorieInline(EigenSessiesMixin, admin.TabularInline):
    model = Vraagcategorie
    extra = 0


class WerkgroepInline(EigenSessiesMixin, admin.TabularInline):
    model = Werkgroep
    extra = 0
    fields = [
        "naam",
        "beschrijving",
        "doel",
        "contactpersoon",
        "open",
        "eerste_bijeenkomst",
        "volgorde",
    ]


@admin.register(Sessie)
class SessieAdmin(EigenSessiesMixin, LiveAdminMixin, admin.ModelAdmin):
    list_display = ["titel", "gebied", "datum", "status"]
    list_filter = ["status", "gebied"]
    search_fields = ["titel", "gebied", "locatie"]
    prepopulated_fields = {"slug": ["titel"]}
    filter_horizontal = ["organisatoren"]
    inlines = [
        ProgrammaInline,
        ThematafelInline,
        RondeInline,
        VraagcategorieInline,
        WerkgroepInline,
    ]
    actions = ["kloon"]
    fieldsets = [
        (None, {"fields": ["titel", "slug", "gebied", "onderwerp", "status", "organisatoren"]}),
        (_("When and where"), {"fields": ["datum", "locatie", "adres", "plaats"]}),
        (_("Content"), {"fields": ["doelen", "gespreksleiders", "informatiepunt", "taal"]}),
        (
            _("Registration"),
            {"fields": ["rollen", "capaciteit", "broodjes", "broodjes_deadline"]},
        ),
    ]

    def sessie_id_of(self, obj) -> int:
        return obj.pk

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if change and {"broodjes", "broodjes_deadline"} & set(form.changed_data):
            # More sandwiches (or a later deadline): the waiting list moves up at once.
            herverdeel_broodjes(sessie=form.instance)

    @admin.action(description=_("Clone as a template for another district"))
    def kloon(self, request, queryset):
        for bron in queryset:
            kloon_sessie(bron=bron, titel=_("Copy of %(titel)s") % {"titel": bron.titel})
        self.message_user(
            request,
            ngettext(
                "%(n)d session cloned as a draft.",
                "%(n)d sessions cloned as drafts.",
                queryset.count(),
            )
            % {"n": queryset.count()},
            messages.SUCCESS,
        )


@admin.register(Huisstijl)
class HuisstijlAdmin(admin.ModelAdmin):
    """Themes: colours are refused in the form when their contrast is too low (Huisstijl.clean)."""

    list_display = ["naam", "actief", "kleur_primair", "kleur_accent", "gewijzigd"]
    readonly_fields = ["actief"]
    fieldsets = [
        (None, {"fields": ["naam", "actief", "logo_svg"]}),
        (
            _("Colours"),
            {"fields": ["kleur_primair", "kleur_primair_tekst", "kleur_link", "kleur_accent"]},
        ),
        (_("Contact"), {"fields": ["email", "telefoon"]}),
    ]
    actions = ["activeer"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        vergeet_stijl()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        vergeet_stijl()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        vergeet_stijl()

    @admin.action(description=_("Switch on this theme on every page"))
    def activeer(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, _("Choose exactly one theme."), messages.ERROR)
            return
        huisstijl = queryset.get()
        huisstijl.activeer()
        self.message_user(
            request,
            _("Every page now shows %(naam)s.") % {"naam": huisstijl.naam},
            messages.SUCCESS,
        )
