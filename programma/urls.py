from django.urls import path

from programma import views

app_name = "programma"
urlpatterns = [
    path("programma/", views.programma, name="programma"),
    path("projector/", views.projector, name="projector"),
]
