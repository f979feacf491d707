from django.urls import path

from thematafels import views

app_name = "thematafels"

tafel = "tafel/<int:tafel_id>/"
urlpatterns = [
    path(tafel, views.vastleggen, name="vastleggen"),
    path(f"{tafel}ideeen/", views.idee_toevoegen, name="idee_toevoegen"),
    path(f"{tafel}ronde/<int:ronde>/ideeen/", views.ideeen_lijst, name="ideeen_lijst"),
    path(f"{tafel}idee/<int:pk>/kernpunt/", views.idee_kernpunt, name="idee_kernpunt"),
    path(f"{tafel}idee/<int:pk>/bewerken/", views.idee_bewerken, name="idee_bewerken"),
    path(f"{tafel}idee/<int:pk>/verwijderen/", views.idee_verwijderen, name="idee_verwijderen"),
    path(f"{tafel}idee/<int:pk>/herstellen/", views.idee_herstellen, name="idee_herstellen"),
    path(f"{tafel}opkomst/", views.opkomst, name="opkomst"),
    path(f"{tafel}rollen/", views.rolnotitie, name="rolnotitie"),
    path("wand/", views.wand, name="wand"),
    path("stemmen/", views.stemmen, name="stemmen"),
    path("afronding/", views.afronding, name="afronding"),
    path(
        "afronding/ideeen.<str:formaat>",
        views.ideeen_export,
        name="ideeen_export",
    ),
    path(
        "afronding/rollen.<str:formaat>",
        views.rollen_export,
        name="rollen_export",
    ),
    path(
        "afronding/<int:pk>/verplaats/",
        views.afronding_verplaats,
        name="afronding_verplaats",
    ),
    path(
        "afronding/<int:pk>/kernpunt/",
        views.afronding_kernpunt,
        name="afronding_kernpunt",
    ),
    path(
        "afronding/<int:pk>/samenvoegen/",
        views.afronding_samenvoegen,
        name="afronding_samenvoegen",
    ),
    path(
        "afronding/<int:pk>/ontvlechten/",
        views.afronding_ontvlechten,
        name="afronding_ontvlechten",
    ),
]
