"""The language of the pages: Vietnamese unless the user chose otherwise, whatever the browser asks for.

Many office PCs run an English Windows whose browser sends `Accept-Language: en`; that must not turn dangvu
into English. The choice is, in order: the signed-in user's stored choice (`User.language`, set by the
language switch through `accounts.services.user_language_set`), then the language cookie the switch also sets
(before signing in), then `settings.LANGUAGE_CODE`. The API alone still honours `Accept-Language`: a program
asks for the language of the messages it reads.

Two middlewares, because the user is known only after AuthenticationMiddleware: `LanguageMiddleware` (where
Django's LocaleMiddleware stood) activates the cookie's or default language for everything before it;
`UserLanguageMiddleware` (right after AuthenticationMiddleware) switches to the user's stored choice.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers

API_PREFIX = "/api/"


def supported(code: str | None) -> str | None:
    """The code when it is one of settings.LANGUAGES, else None."""
    return code if code and code in {c for c, _name in settings.LANGUAGES} else None


def _activate(request: HttpRequest, code: str) -> None:
    translation.activate(code)
    request.LANGUAGE_CODE = translation.get_language()  # type: ignore[attr-defined]


class LanguageMiddleware:
    """Cookie or default language for the pages; Accept-Language for the API."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith(API_PREFIX):
            code = translation.get_language_from_request(request)
        else:
            code = supported(request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)) or settings.LANGUAGE_CODE
        _activate(request, code)
        response = self.get_response(request)
        patch_vary_headers(response, ("Accept-Language", "Cookie"))
        response.headers.setdefault("Content-Language", translation.get_language())
        return response


class UserLanguageMiddleware:
    """The signed-in user's stored choice, once the user is known."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if not request.path.startswith(API_PREFIX) and user is not None and user.is_authenticated:
            code = supported(getattr(user, "language", ""))
            if code:
                _activate(request, code)
        return self.get_response(request)
