from django.http import HttpRequest, HttpResponse
from django.urls import include, path


def hello(request: HttpRequest) -> HttpResponse:
    """The yardstick: a bare Django view through the same middleware and server."""
    return HttpResponse("hello")


urlpatterns = [
    path("bench/hello/", hello),
    path("", include("wijkavond.urls")),
]
