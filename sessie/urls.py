from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.i18n import set_language

from sessie import views, views_aanmelden, views_deur, views_organiseren

# One evening's pages live under its session; the apps are mounted there in `urlpatterns`.
per_sessie = [
    path("", views.detail, name="detail"),
    # Registration (issue 3): public form, personal page, door, caterer.
    path("aanmelden/", views_aanmelden.aanmelden, name="aanmelden"),
    path("aanmelden/bedankt/", views_aanmelden.aanmelden_bedankt, name="aanmelden_bedankt"),
    path("deur/", views_deur.deur, name="deur"),
    path("deur/<int:pk>/inchecken/", views_deur.deur_inchecken, name="deur_inchecken"),
    path("deur/inloop/", views_deur.deur_inloop, name="deur_inloop"),
    path("deur/tellers/", views_deur.deur_tellers, name="deur_tellers"),
    path("deur/code/<str:code>/", views_deur.deur_code, name="deur_code"),
    path("catering/", views_deur.catering, name="catering"),
]

sessie_patterns = (
    [
        path("", views.home, name="home"),
        path("s/<slug:slug>/", include(per_sessie)),
        path("toegang/<str:token>/", views.toegang_openen, name="toegang"),
        path("privacy/", views_aanmelden.privacy, name="privacy"),
        path("mijn/<str:token>/", views_aanmelden.mijn, name="mijn"),
        path("mijn/<str:token>/wijzigen/", views_aanmelden.mijn_wijzigen, name="mijn_wijzigen"),
        path("mijn/<str:token>/annuleren/", views_aanmelden.mijn_annuleren, name="mijn_annuleren"),
        path("mijn/<str:token>/gegevens.json", views_aanmelden.mijn_gegevens, name="mijn_gegevens"),
        path(
            "mijn/<str:token>/verwijderen/",
            views_aanmelden.mijn_verwijderen,
            name="mijn_verwijderen",
        ),
        path(
            "inloggen/",
            auth_views.LoginView.as_view(template_name="sessie/login.html"),
            name="login",
        ),
        path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
        path("organiseren/", views.organiser_home, name="organiser_home"),
        path("organiseren/<slug:slug>/", views.organiser_sessie_view, name="organiser_sessie"),
        path("organiseren/<slug:slug>/oefenklok/", views.oefenklok, name="oefenklok"),
        path(
            "organiseren/<slug:slug>/aanmeldingen/",
            views_organiseren.aanmeldingen,
            name="aanmeldingen",
        ),
        path(
            "organiseren/<slug:slug>/aanmeldingen.<str:formaat>",
            views_organiseren.aanmeldingen_export,
            name="aanmeldingen_export",
        ),
        path("organiseren/<slug:slug>/toegang/", views_organiseren.toegangen, name="toegangen"),
        path(
            "organiseren/<slug:slug>/toegang/nieuw/",
            views_organiseren.toegang_maken,
            name="toegang_maken",
        ),
        path(
            "organiseren/<slug:slug>/toegang/<int:pk>/vernieuwen/",
            views_organiseren.toegang_vernieuwen,
            name="toegang_vernieuwen",
        ),
        path(
            "organiseren/<slug:slug>/toegang/<int:pk>/intrekken/",
            views_organiseren.toegang_intrekken,
            name="toegang_intrekken",
        ),
    ],
    "sessie",
)

urlpatterns = [
    # Each app's pages of one evening, under its session. URLs resolve in order, so the busiest
    # come first: the screens' programme polls (two patterns), then every table host's phone.
    path("s/<slug:slug>/", include("programma.urls")),
    path("s/<slug:slug>/", include("thematafels.urls")),
    path("s/<slug:slug>/", include("informatiepunt.urls")),
    path("", include(sessie_patterns)),
    path("taal/", set_language, name="set_language"),
    path("admin/", admin.site.urls),
]
