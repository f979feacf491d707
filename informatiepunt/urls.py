from django.urls import path

from informatiepunt import views

app_name = "informatiepunt"
urlpatterns = [
    path("informatiepunt/", views.intake, name="intake"),
    path("informatiepunt/qr/", views.qr_poster, name="qr"),
    path("informatiepunt/vragen/", views.inventaris, name="inventaris"),
    path("informatiepunt/vragen/<int:pk>/", views.vraag, name="vraag"),
    path(
        "informatiepunt/vragen/<int:pk>/dubbel/",
        views.vraag_dubbel,
        name="vraag_dubbel",
    ),
    path(
        "informatiepunt/vragen/<int:pk>/verbergen/",
        views.vraag_verbergen,
        name="vraag_verbergen",
    ),
    path(
        "informatiepunt/vragen/<int:pk>/toewijzen/",
        views.vraag_toewijzen,
        name="vraag_toewijzen",
    ),
    path(
        "informatiepunt/vragen/<int:pk>/beantwoorden/",
        views.vraag_beantwoorden,
        name="vraag_beantwoorden",
    ),
    path(
        "informatiepunt/vragen/<int:pk>/heropenen/",
        views.vraag_heropenen,
        name="vraag_heropenen",
    ),
    path("informatiepunt/terugkoppelen/", views.terugkoppelen, name="terugkoppelen"),
    path("informatiepunt/export.<str:formaat>", views.export, name="export"),
    path("vraag/", views.vraag_stellen, name="vraag_stellen"),
    path("antwoorden/", views.antwoorden, name="antwoorden"),
]
