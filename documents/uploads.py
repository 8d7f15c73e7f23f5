"""Interrupted uploads: Django drops a file part whose stream ends before its closing boundary without a word, and
would register the document without its file. `watch_uploads` puts a handler in front that counts the files begun
and completed; `interrupted(request)` is true when one was cut off, and the view then refuses the whole request.

The handler must be installed before anything reads request.POST, so the views using it are exempted from the CSRF
middleware and protected by `csrf_protect` after installing it (Django's documented pattern).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.files.uploadhandler import FileUploadHandler
from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt, csrf_protect


class CompletenessHandler(FileUploadHandler):
    """Counts files begun and completed; passes every chunk on to the next handler unchanged."""

    def __init__(self, request: Any = None) -> None:
        super().__init__(request)
        self.started = 0
        self.completed = 0

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        self.started += 1

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        return raw_data

    def file_complete(self, file_size: int) -> None:
        self.completed += 1
        return None


def watch_uploads(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    protected = csrf_protect(view)

    @wraps(view)
    @csrf_exempt
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method == "POST":
            request.upload_handlers = [CompletenessHandler(request), *request.upload_handlers]
        return protected(request, *args, **kwargs)

    return wrapper


def interrupted(request: HttpRequest) -> bool:
    """A file of this request was cut off before its end (read request.POST/FILES first)."""
    for handler in request.upload_handlers:
        if isinstance(handler, CompletenessHandler):
            return handler.started != handler.completed
    return False
