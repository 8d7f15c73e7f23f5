"""core.views.form_submit: the one shape of a page's write (valid form -> one service call -> message and redirect;
a refusal beside its fields, every fault at once; out of scope -> 404). No database."""

from __future__ import annotations

from typing import Any

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.test import RequestFactory

from core.errors import DomainError, Faults, NotInScope
from core.views import form_submit


class ThingForm(forms.Form):
    name = forms.CharField()
    size = forms.IntegerField()


def _request(method: str, data: dict[str, Any] | None = None) -> Any:
    factory = RequestFactory()
    request = factory.post("/thing/", data or {}) if method == "POST" else factory.get("/thing/")
    request._messages = CookieStorage(request)
    return request


def _done(thing: dict[str, Any]) -> HttpResponse:
    return HttpResponseRedirect(f"/thing/{thing['name']}/")


def test_a_valid_post_calls_the_service_once_then_says_so_and_redirects():
    calls: list[dict[str, Any]] = []
    request = _request("POST", {"name": "a", "size": "3"})

    def write(data: dict[str, Any]) -> dict[str, Any]:
        calls.append(data)
        return data

    answer = form_submit(request, ThingForm(request.POST), write, _done, success="Recorded.")
    assert calls == [{"name": "a", "size": 3}]
    assert isinstance(answer, HttpResponseRedirect) and answer.url == "/thing/a/"
    assert [str(m) for m in get_messages(request)] == ["Recorded."]


def test_a_get_or_an_invalid_form_writes_nothing():
    def write(data: dict[str, Any]) -> None:
        raise AssertionError("no write")

    assert form_submit(_request("GET"), ThingForm(), write, _done) is None
    request = _request("POST", {"name": "a", "size": "many"})
    form = ThingForm(request.POST)
    assert form_submit(request, form, write, _done) is None
    assert "size" in form.errors


def test_every_fault_goes_beside_its_field_and_the_form_comes_back():
    request = _request("POST", {"name": "a", "size": "3"})
    form = ThingForm(request.POST)

    def write(data: dict[str, Any]) -> None:
        raise Faults([DomainError("Name taken.", field="name"), DomainError("Too big.", field="size"),
                      DomainError("Not today.")])

    assert form_submit(request, form, write, _done, success="Recorded.") is None
    assert form.errors["name"] == ["Name taken."]
    assert form.errors["size"] == ["Too big."]
    assert form.non_field_errors() == ["Not today."]
    assert list(get_messages(request)) == []


def test_out_of_scope_is_a_404_and_a_form_may_place_faults_itself():
    request = _request("POST", {"name": "a", "size": "3"})

    def foreign(data: dict[str, Any]) -> None:
        raise NotInScope("Not found.")

    with pytest.raises(Http404):
        form_submit(request, ThingForm(request.POST), foreign, _done)

    placed: list[str] = []

    def refused(data: dict[str, Any]) -> None:
        raise DomainError("Row 2: no such member.", field="rows")

    assert form_submit(request, ThingForm(request.POST), refused, _done,
                       attach=lambda error: placed.append(str(error.message))) is None
    assert placed == ["Row 2: no such member."]
