from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.i18n import set_language

from sessie import views

sessie_patterns = (
    [
        path("", views.home, name="home"),
        path("s/<slug:slug>/", views.detail, name="detail"),
        path("toegang/<str:token>/", views.toegang_openen, name="toegang"),
        path(
            "inloggen/",
            auth_views.LoginView.as_view(template_name="sessie/login.html"),
            name="login",
        ),
        path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
        path("organiseren/", views.organiser_home, name="organiser_home"),
        path("organiseren/<slug:slug>/", views.organiser_sessie_view, name="organiser_sessie"),
        path("organiseren/<slug:slug>/oefenklok/", views.oefenklok, name="oefenklok"),
    ],
    "sessie",
)

urlpatterns = [
    path("", include(sessie_patterns)),
    path("", include("programma.urls")),
    path("", include("thematafels.urls")),
    path("taal/", set_language, name="set_language"),
    path("admin/", admin.site.urls),
]
