"""Committee pages: an organization's leadership (committee as of a date, past terms), the entry forms for a
congress's election results, an appointed committee, seats added mid-term and a seat that ends, and the XLSX
export of the committees under an organization. Views parse, ask queries or one service, and render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from committees import corrections, queries, services
from committees.exports import XLSX_CONTENT_TYPE, committees_xlsx, filename
from committees.forms import (
    AppointmentForm,
    AsOfForm,
    CongressForm,
    SeatCorrectForm,
    SeatEndForm,
    SeatsAddForm,
    attach_faults,
    collect_seats,
    person_label,
    rows_wanted,
    seat_formset,
)
from core.errors import DomainError
from core.scope import CHANGE
from core.views import as_404, form_submit
from organizations.models import Organization
from organizations.queries import organization_ancestors


def _on(request: HttpRequest) -> tuple[AsOfForm, Any]:
    form = AsOfForm(request.GET if request.GET.get("on") else None)
    on = form.cleaned_data.get("on") if form.is_bound and form.is_valid() else None
    return form, on or timezone.localdate()


@login_required
@require_GET
@as_404
def leadership(request: HttpRequest, pk: int) -> HttpResponse:
    """The committee as of a date (today by default) as cards, and every term with its seats."""
    organization = queries.organization_get(request.user, pk=pk)
    as_of_form, on = _on(request)
    context = {
        "organization": organization,
        "ancestors": organization_ancestors(request.user, organization=organization),
        "committee": queries.committee_as_of(request.user, organization=organization, on=on),
        "terms": queries.terms_of(request.user, organization=organization),
        "as_of_form": as_of_form,
        "on": on,
        "can_change": queries.can_change(request.user, organization),
    }
    return render(request, "committees/leadership.html", context)


def _eligible(request: HttpRequest, organization: Organization) -> list[str]:
    return [person_label(p) for p in queries.eligible_members(request.user, organization=organization)[:5000]]


def _committee_form(request: HttpRequest, pk: int, form_class: type, *, title: str) -> HttpResponse:
    organization = queries.organization_get(request.user, pk=pk, action=CHANGE)
    data = request.POST if request.method == "POST" else None
    rows_count = rows_wanted(request.GET.get("rows") or (data and data.get("seats-TOTAL_FORMS")))
    form = form_class(data, organization=organization)
    rows = seat_formset(data, user=request.user, rows=rows_count)
    back_to = reverse("committees:leadership", args=[organization.pk])
    if data is not None and form.is_valid() and rows.is_valid():
        seats, row_of = collect_seats(rows)
        try:
            if isinstance(form, CongressForm):
                services.term_open_by_congress(
                    actor=request.user, organization=organization, congress=form.congress(), seats=seats,
                    sizes=form.sizes(), decision=form.decision(), note=form.cleaned_data.get("note") or "",
                )
            else:
                assert isinstance(form, AppointmentForm)
                services.term_open_by_appointment(
                    actor=request.user, organization=organization, starts_on=form.cleaned_data["starts_on"],
                    appointed_by=form.cleaned_data["appointed_by"], decision=form.decision(), seats=seats,
                    sizes=form.sizes(), note=form.cleaned_data.get("note") or "",
                )
            messages.success(request, _("The committee was recorded."))
            return redirect(back_to)
        except DomainError as error:
            attach_faults(form, rows, error, row_of)
    context = {
        "organization": organization, "form": form, "rows": rows, "title": title, "back_to": back_to,
        "eligible": _eligible(request, organization), "more_rows": min(rows_count + 10, 80),
        "ancestors": organization_ancestors(request.user, organization=organization),
    }
    return render(request, "committees/committee_form.html", context, status=400 if data is not None else 200)


@login_required
@require_http_methods(["GET", "POST"])
@as_404
def congress(request: HttpRequest, pk: int) -> HttpResponse:
    return _committee_form(request, pk, CongressForm, title=_("Congress and election results"))


@login_required
@require_http_methods(["GET", "POST"])
@as_404
def appointment(request: HttpRequest, pk: int) -> HttpResponse:
    return _committee_form(request, pk, AppointmentForm, title=_("Appointed committee"))


@login_required
@require_http_methods(["GET", "POST"])
@as_404
def seats_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Seats added to a term (bổ sung), all rows or none."""
    term = queries.term_get(request.user, pk=pk, action=CHANGE)
    organization = term.organization
    data = request.POST if request.method == "POST" else None
    rows_count = rows_wanted(request.GET.get("rows") or (data and data.get("seats-TOTAL_FORMS")) or 5)
    form = SeatsAddForm(data, organization=organization)
    rows = seat_formset(data, user=request.user, rows=rows_count)
    back_to = reverse("committees:leadership", args=[organization.pk])
    if data is not None and form.is_valid() and rows.is_valid():
        seats, row_of = collect_seats(rows, form.cleaned_data["starts_on"])
        try:
            services.seats_add(
                actor=request.user, term=term, seats=seats, basis=form.cleaned_data["basis"],
                starts_on=form.cleaned_data["starts_on"], decision=form.decision(),
                appointed_by=form.cleaned_data.get("appointed_by"),
            )
            messages.success(request, _("The seats were recorded."))
            return redirect(back_to)
        except DomainError as error:
            attach_faults(form, rows, error, row_of)
    context = {
        "organization": organization, "term": term, "form": form, "rows": rows, "back_to": back_to,
        "title": _("Add seats to the term %(term)s") % {"term": term.label}, "more_rows": min(rows_count + 10, 80),
        "eligible": _eligible(request, organization),
        "ancestors": organization_ancestors(request.user, organization=organization),
    }
    return render(request, "committees/committee_form.html", context, status=400 if data is not None else 200)


@login_required
@require_http_methods(["GET", "POST"])
@as_404
def seat_end(request: HttpRequest, pk: int) -> HttpResponse:
    seat = queries.seat_get(request.user, pk=pk, action=CHANGE)
    form = SeatEndForm(request.POST if request.method == "POST" else None)
    back_to = reverse("committees:leadership", args=[seat.organization_id])
    answer = form_submit(request, form, lambda data: services.seat_end(
        actor=request.user, seat=seat, ended_on=data["ended_on"], end_reason=data["end_reason"],
        decision_number=data.get("decision_number") or "", reason=data.get("reason") or "",
    ), lambda _seat: redirect(back_to), success=_("The seat was ended."))
    if answer is not None:
        return answer
    context = {"seat": seat, "organization": seat.organization, "form": form, "back_to": back_to,
               "ancestors": organization_ancestors(request.user, organization=seat.organization)}
    return render(request, "committees/seat_end.html", context, status=400 if form.errors else 200)


@login_required
@require_GET
@as_404
def export(request: HttpRequest, pk: int) -> HttpResponse:
    """The committees under the organization (tree of the date) as XLSX."""
    organization = queries.organization_get(request.user, pk=pk)
    _form, on = _on(request)
    rows = queries.committee_rows(request.user, organization=organization, on=on)
    response = HttpResponse(committees_xlsx(rows, organization=organization, on=on), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename(organization, on)}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
@as_404
def seat_correct(request: HttpRequest, pk: int) -> HttpResponse:
    seat = queries.seat_get(request.user, pk=pk, action=CHANGE)
    form = SeatCorrectForm(request.POST if request.method == "POST" else None, user=request.user,
                           initial={"corrected_on": timezone.localdate()})
    back_to = reverse("committees:leadership", args=[seat.organization_id])
    answer = form_submit(request, form, lambda data: corrections.seat_correct(actor=request.user, seat=seat, **data),
                         lambda _seat: redirect(back_to),
                         success=_("The seat was corrected; what was recorded before is kept."))
    if answer is not None:
        return answer
    context = {"seat": seat, "organization": seat.organization, "form": form, "back_to": back_to,
               "corrections": seat.corrections.order_by("corrected_on", "pk"),
               "ancestors": organization_ancestors(request.user, organization=seat.organization)}
    return render(request, "committees/seat_correct.html", context, status=400 if form.errors else 200)
