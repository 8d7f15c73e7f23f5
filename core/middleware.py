"""Tags each request with an id, so every change-log row written while serving it can be traced."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from core.context import request_id_scope


class RequestIdMiddleware:
    """Binds a fresh request id for the duration of the request and echoes it in a header."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
from core.audit import discard_refusals, flush_refusals

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with request_id_scope() as request_id:
            response = self.get_response(request)
        response["X-Request-Id"] = request_id
        return response
            discard_refusals()
            flush_refusals()  # refusals noted inside rolled-back transactions (core.audit)
