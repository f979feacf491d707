from django.urls import include, path

from aanmelden import views

app_name = "aanmelden"

# One evening's pages, under its session (the root mounts this list at the site's root).
per_sessie = [
    path("aanmelden/", views.aanmelden, name="aanmelden"),
    path("aanmelden/bedankt/", views.aanmelden_bedankt, name="aanmelden_bedankt"),
    path("agenda.ics", views.agenda, name="agenda"),
    path("deur/", views.deur, name="deur"),
    path("deur/<int:pk>/inchecken/", views.deur_inchecken, name="deur_inchecken"),
    path("deur/inloop/", views.deur_inloop, name="deur_inloop"),
    path(
        "deur/inloop/<int:pk>/weghalen/",
        views.deur_inloop_weghalen,
        name="deur_inloop_weghalen",
    ),
    path("deur/tellers/", views.deur_tellers, name="deur_tellers"),
    path("deur/code/<str:code>/", views.deur_code, name="deur_code"),
    path("catering/", views.catering, name="catering"),
    path("waar-zit-ik/", views.waar_zit_ik, name="waar_zit_ik"),
    path("werkgroepen/", views.werkgroepen, name="werkgroepen"),
    path("werkgroepen/bedankt/", views.werkgroepen_bedankt, name="werkgroepen_bedankt"),
    path("werkgroepen/oproep/", views.werkgroepen_oproep, name="werkgroepen_oproep"),
]

# The personal page behind the link in the confirmation e-mail.
mijn = [
    path("", views.mijn, name="mijn"),
    path("netwerk/", views.mijn_netwerk, name="mijn_netwerk"),
    path("wijzigen/", views.mijn_wijzigen, name="mijn_wijzigen"),
    path("annuleren/", views.mijn_annuleren, name="mijn_annuleren"),
    path("gegevens.json", views.mijn_gegevens, name="mijn_gegevens"),
    path("verwijderen/", views.mijn_verwijderen, name="mijn_verwijderen"),
    path("nieuwe-link/", views.mijn_nieuwe_link, name="mijn_nieuwe_link"),
]

# The organiser's table plan.
tafelindeling = [
    path("", views.tafelindeling, name="tafelindeling"),
    path("maken/", views.tafelindeling_maken, name="tafelindeling_maken"),
    path("nieuwkomers/", views.tafelindeling_nieuwkomers, name="tafelindeling_nieuwkomers"),
    path("verplaatsen/", views.tafelindeling_verplaatsen, name="tafelindeling_verplaatsen"),
    path("publiceren/", views.tafelindeling_publiceren, name="tafelindeling_publiceren"),
    path("afdrukken/", views.tafelindeling_afdrukken, name="tafelindeling_afdrukken"),
    path("badges/", views.tafelindeling_badges, name="tafelindeling_badges"),
]

# The organiser's workgroups.
werkgroepen_organiseren = [
    path("", views.werkgroepen_organiseren, name="werkgroepen_organiseren"),
    path("<int:pk>/", views.werkgroep_wijzigen, name="werkgroep_wijzigen"),
    path("<int:pk>/bericht/", views.werkgroep_bericht, name="werkgroep_bericht"),
    path("<int:pk>/leden.<str:formaat>", views.werkgroep_export, name="werkgroep_export"),
]

urlpatterns = [
    path("s/<slug:slug>/", include(per_sessie)),
    path("mijn/<str:token>/", include(mijn)),
    path("adres-bevestigen/<str:bevestiging>/", views.email_bevestigen, name="email_bevestigen"),
    path("werkgroep/afmelden/<str:signed>/", views.werkgroep_afmelden, name="werkgroep_afmelden"),
    path("organiseren/<slug:slug>/werkgroepen/", include(werkgroepen_organiseren)),
    path("organiseren/<slug:slug>/aanmeldingen/", views.aanmeldingen, name="aanmeldingen"),
    path("organiseren/<slug:slug>/tafelindeling/", include(tafelindeling)),
    path(
        "organiseren/<slug:slug>/aanmeldingen.<str:formaat>",
        views.aanmeldingen_export,
        name="aanmeldingen_export",
    ),
]
