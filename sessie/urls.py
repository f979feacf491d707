from django.urls import path

from sessie import views

app_name = "sessie"
urlpatterns = [
    path("toegang/<str:token>/", views.toegang_openen, name="toegang"),
]
