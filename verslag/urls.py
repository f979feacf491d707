from django.urls import path

from verslag import views

app_name = "verslag"
urlpatterns = [
    path("s/<slug:slug>/verslag/", views.openbaar, name="openbaar"),
    path("organiseren/<slug:slug>/verslag/", views.overzicht, name="overzicht"),
    path("organiseren/<slug:slug>/verslag/publiceren/", views.publiceren, name="publiceren"),
    path(
        "organiseren/<slug:slug>/verslag/<slug:editie>.<slug:formaat>",
        views.download,
        name="download",
    ),
    path("organiseren/<slug:slug>/bedankmail/", views.nabericht_pagina, name="nabericht"),
    path(
        "organiseren/<slug:slug>/bedankmail/versturen/",
        views.nabericht_versturen,
        name="nabericht_versturen",
    ),
    path("organiseren/<slug:slug>/verslag/aanvragen/", views.aanvragen, name="aanvragen"),
    path("organiseren/<slug:slug>/verslag/bestanden/<int:pk>/", views.bestand, name="bestand"),
    path(
        "organiseren/<slug:slug>/verslag/bestanden/<int:pk>/download",
        views.bestand_download,
        name="bestand_download",
    ),
    path("organiseren/trajecten/<slug:traject>/", views.reeks, name="reeks"),
    path("organiseren/trajecten/<slug:traject>/reeks.xlsx", views.reeks_xlsx, name="reeks_xlsx"),
]
