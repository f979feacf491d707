from django.urls import path

from programma import views

app_name = "programma"
urlpatterns = [
    path("s/<slug:slug>/programma/", views.programma, name="programma"),
    path("s/<slug:slug>/projector/", views.projector, name="projector"),
]
