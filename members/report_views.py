"""Lists as XLSX reports (members.exports): the member list under its filters, the due list, the badges due."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from core.errors import DomainError
from core.spreadsheets.report import XLSX_CONTENT_TYPE
from core.views import as_404
from members import exports, forms, pages
from organizations.models import Organization
from organizations.picker import Scope, organization_resolve


def _xlsx(content: bytes, stem: str, on: dt.date) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{stem}-{on:%Y%m%d}.xlsx"'
    return response


@login_required
@require_GET
@as_404
def member_list_xlsx(request: HttpRequest) -> HttpResponse:
    """The member list under the page's filters, as a report."""
    on = timezone.localdate()
    form = forms.MemberFilterForm(request.GET or None, user=request.user)
    if form.is_bound and not form.is_valid() and "organization" in form.errors:
        raise Http404
    chosen = form.cleaned_data.get("organization") if form.is_bound else None
    top = chosen or pages.default_organization(request.user)
    name = top.name if top is not None else ""
    return _xlsx(exports.member_list_xlsx(request.user, form, on=on, organization_name=name),
                 "danh-sach-dang-vien", on)


@login_required
@require_GET
@as_404
def pipeline_xlsx(request: HttpRequest) -> HttpResponse:
    """The admission pipeline under the page's organization (all the user's organizations without one)."""
    on = timezone.localdate()
    raw = request.GET.get("organization", "").strip()
    chosen = organization_resolve(request.user, raw, scope=Scope(permission="members.view")) if raw else None
    if raw and chosen is None:
        raise Http404
    top = chosen or pages.default_organization(request.user)
    name = top.name if top is not None else ""
    return _xlsx(exports.pipeline_xlsx(request.user, chosen, on=on, organization_name=name), "qua-trinh-ket-nap", on)


def _organization(request: HttpRequest) -> Organization:
    raw = request.GET.get("organization", "").strip()
    found = (organization_resolve(request.user, raw, scope=Scope(permission="members.view")) if raw
             else pages.default_organization(request.user))
    if found is None:
        raise Http404
    return found


def _by_organization(build: Callable[..., bytes], stem: str) -> Callable[[HttpRequest], HttpResponse]:
    @login_required
    @require_GET
    @as_404
    def view(request: HttpRequest) -> HttpResponse:
        on = timezone.localdate()
        organization = _organization(request)
        try:
            content = build(request.user, organization, on=on)
        except DomainError as error:
            if error.status_code == 404:
                raise Http404 from error
            return HttpResponse(str(error.message), status=400, content_type="text/plain; charset=utf-8")
        return _xlsx(content, stem, on)

    view.__doc__ = build.__doc__
    return view


due_xlsx = _by_organization(exports.due_xlsx, "viec-den-han")
badges_xlsx = _by_organization(exports.badges_xlsx, "huy-hieu-dang")
