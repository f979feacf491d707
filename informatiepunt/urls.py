from django.urls import path

from informatiepunt import views

app_name = "informatiepunt"
urlpatterns = [
    path("s/<slug:slug>/informatiepunt/", views.intake, name="intake"),
    path("s/<slug:slug>/informatiepunt/qr/", views.qr_poster, name="qr"),
    path("s/<slug:slug>/informatiepunt/vragen/", views.inventaris, name="inventaris"),
    path("s/<slug:slug>/informatiepunt/vragen/<int:pk>/", views.vraag, name="vraag"),
    path(
        "s/<slug:slug>/informatiepunt/vragen/<int:pk>/dubbel/",
        views.vraag_dubbel,
        name="vraag_dubbel",
    ),
    path(
        "s/<slug:slug>/informatiepunt/vragen/<int:pk>/verbergen/",
        views.vraag_verbergen,
        name="vraag_verbergen",
    ),
    path(
        "s/<slug:slug>/informatiepunt/vragen/<int:pk>/toewijzen/",
        views.vraag_toewijzen,
        name="vraag_toewijzen",
    ),
    path(
        "s/<slug:slug>/informatiepunt/vragen/<int:pk>/beantwoorden/",
        views.vraag_beantwoorden,
        name="vraag_beantwoorden",
    ),
    path(
        "s/<slug:slug>/informatiepunt/vragen/<int:pk>/heropenen/",
        views.vraag_heropenen,
        name="vraag_heropenen",
    ),
    path("s/<slug:slug>/informatiepunt/terugkoppelen/", views.terugkoppelen, name="terugkoppelen"),
    path("s/<slug:slug>/informatiepunt/export.<str:formaat>", views.export, name="export"),
    path("s/<slug:slug>/vraag/", views.vraag_stellen, name="vraag_stellen"),
    path("s/<slug:slug>/antwoorden/", views.antwoorden, name="antwoorden"),
]
