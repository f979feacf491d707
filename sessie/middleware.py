from django.conf import settings
from django.middleware.gzip import GZipMiddleware as DjangoGZipMiddleware
from django.utils import translation
from django.utils.cache import patch_vary_headers


class LanguageMiddleware:
    """Dutch unless the visitor chose English with the language switch.

    Unlike Django's LocaleMiddleware this ignores the browser's Accept-Language: a Dutch
    municipality's evening speaks Dutch on every venue laptop, whatever its settings.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if code not in dict(settings.LANGUAGES):
            code = settings.LANGUAGE_CODE
        translation.activate(code)
        request.LANGUAGE_CODE = code
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", code)
        return response


class GZipMiddleware(DjangoGZipMiddleware):
    """Django's gzip (with its BREACH padding), for answers bigger than one TCP segment.

    A smaller answer (a new idea with its buttons is ~1 kB) arrives in one packet either way:
    compressing it costs the server time and saves the phone none.
    """

    minimum = 1400

    def process_response(self, request, response):
        if not response.streaming and len(response.content) < self.minimum:
            return response
        return super().process_response(request, response)
