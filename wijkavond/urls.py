"""The root URLconf: each app's pages, mounted where they have always been.

URLs resolve in order, so the busiest come first: the screens' programme polls, then every
table host's phone, the information point, registration and the door.
"""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.i18n import set_language

from wijkavond import views

# The composition's own pages: home, a session's public page, login, the organiser's pages.
paginas = [
    path("", views.home, name="home"),
    path("s/<slug:slug>/", views.detail, name="detail"),
    path("huisstijl.css", views.huisstijl_css, name="huisstijl_css"),
    path("huisstijl/logo.svg", views.huisstijl_logo, name="huisstijl_logo"),
    path("privacy/", views.privacy, name="privacy"),
    path("toegankelijkheid/", views.toegankelijkheid, name="toegankelijkheid"),
    path(
        "inloggen/",
        auth_views.LoginView.as_view(template_name="wijkavond/login.html"),
        name="login",
    ),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("organiseren/", views.organiser_home, name="organiser_home"),
    path("organiseren/<slug:slug>/", views.organiser_sessie_view, name="organiser_sessie"),
    path("organiseren/<slug:slug>/oefenklok/", views.oefenklok, name="oefenklok"),
    path("organiseren/<slug:slug>/zaalcheck/", views.zaalcheck, name="zaalcheck"),
    path("organiseren/<slug:slug>/toegang/", views.toegangen, name="toegangen"),
    path("organiseren/<slug:slug>/toegang/nieuw/", views.toegang_maken, name="toegang_maken"),
    path(
        "organiseren/<slug:slug>/toegang/<int:pk>/vernieuwen/",
        views.toegang_vernieuwen,
        name="toegang_vernieuwen",
    ),
    path(
        "organiseren/<slug:slug>/toegang/<int:pk>/intrekken/",
        views.toegang_intrekken,
        name="toegang_intrekken",
    ),
]

urlpatterns = [
    path("s/<slug:slug>/", include("programma.urls")),
    path("s/<slug:slug>/", include("thematafels.urls")),
    path("s/<slug:slug>/", include("informatiepunt.urls")),
    path("", include("aanmelden.urls")),
    path("", include("verslag.urls")),
    path("", include("sessie.urls")),
    path("", include((paginas, "wijkavond"))),
    path("taal/", set_language, name="set_language"),
    path("admin/", admin.site.urls),
]
