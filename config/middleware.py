"""Language selection (Dutch unless the visitor chose English with the switch), and
the input boundary for query strings and form posts."""

from django.conf import settings
from django.http import JsonResponse, multipartparser
from django.shortcuts import render
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext

from core import boundary


class ChosenLanguageMiddleware:
    """Activate the language from the language cookie, else `LANGUAGE_CODE` (Dutch).

    Unlike Django's LocaleMiddleware this ignores the browser's Accept-Language
    header: the service is Dutch by default, and English only on request.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in dict(settings.LANGUAGES):
            language = settings.LANGUAGE_CODE
        # override() restores the previous language afterwards, so one request's
        # choice never leaks into whatever runs next on this thread.
        with translation.override(language):
            request.LANGUAGE_CODE = translation.get_language()
            response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        return response


# Django reads at most 1 kB of a multipart part's headers and answers a bare 400
# beyond that; a file name of a few hundred (multi-byte) characters exceeds it.
# 8 kB still bounds the memory a header takes and lets the form say what is wrong
# with the name (`boundary.validate_file_name`) while keeping what was typed.
multipartparser.MAX_TOTAL_HEADER_SIZE = 8 * 1024


FORM_CONTENT_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


class InputBoundaryMiddleware:
    """Refuse a request whose query string holds a hostile value (`boundary`):
    a control character such as NUL, more than a search needs, or a whole number
    beyond what the database holds; and a form post with a control character in
    any field. The answer is 400 with a plain sentence —
    JSON `{"detail": …}` under /api/, otherwise a page with a link back — and no
    view runs, so no list, search or filter can fail on it. A form post that
    cannot be read at all gets the same kind of answer instead of a bare 400."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            for name, values in request.GET.lists():
                for value in values:
                    boundary.check_query_value(name, value)
        except boundary.Refused as refused:
            return self.refuse(request, refused.render())
        if request.method == "POST" and request.content_type in FORM_CONTENT_TYPES:
            # Read the form here (the CSRF check would read it next anyway), so
            # that a body Django cannot parse gets a sentence, not a bare 400.
            try:
                request.POST  # noqa: B018
            except multipartparser.MultiPartParserError:
                return self.refuse(
                    request,
                    gettext(
                        "The form could not be read: a file name or field is far too long. "
                        "Give the file a shorter name and try again."
                    ),
                )
            # Every field of every form, whichever view it goes to: no NUL or
            # other control character reaches a query, a row or an export.
            try:
                boundary.check_form_data(request.POST)
            except boundary.Refused as refused:
                return self.refuse(request, refused.render())
        return self.get_response(request)

    @staticmethod
    def refuse(request, detail: str):
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": detail}, status=400)
        return render(
            request,
            "bad_request.html",
            {"detail": detail, "path_without_query": request.path},
            status=400,
        )


class PermissionsPolicyMiddleware:
    """Send `Permissions-Policy` (settings.PERMISSIONS_POLICY): the pages use no camera,
    microphone, location or other powerful browser feature, so none may be asked for."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if settings.PERMISSIONS_POLICY:
            response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response
