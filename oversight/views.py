"""Oversight page of an organization: its cells on a date with who oversees each, the cells nobody oversees, and
the form assigning a committee member to cells. Views parse, ask queries or one service, and render."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from core.views import as_404, form_submit
from organizations.models import Organization
from oversight import queries, services
from oversight.forms import AsOfForm, AssignForm, EndForm


@login_required
@require_GET
@as_404
def coverage(request: HttpRequest, pk: int) -> HttpResponse:
    organization = queries.organization_get(request.user, pk=pk)
    as_of = AsOfForm(request.GET if request.GET.get("on") else None)
    on = (as_of.cleaned_data.get("on") if as_of.is_bound and as_of.is_valid() else None) or timezone.localdate()
    rows = queries.coverage(request.user, organization=organization, on=on)
    return render(request, "oversight/coverage.html", {
        "organization": organization, "rows": rows, "on": on, "as_of_form": as_of,
        "uncovered": [r["cell"] for r in rows if not r["assignments"]],
        "can_change": queries.can_change(request.user, organization),
    })


@login_required
@require_http_methods(["GET", "POST"])
@as_404
def assign(request: HttpRequest, pk: int) -> HttpResponse:
    organization = queries.organization_get(request.user, pk=pk, action=queries.CHANGE_PERMISSION)
    today = timezone.localdate()
    cells = Organization.objects.filter(pk__in=[c.pk for c in queries.cells_under(organization, today)])
    form = AssignForm(request.POST or None, people=queries.committee_people(request.user, organization=organization),
                      cells=cells)
    answer = form_submit(request, form, lambda data: services.assignments_create(
        actor=request.user, person=data["person"], organizations=list(data["organizations"]),
        starts_on=data["starts_on"], ended_on=data["ended_on"], decision_number=data["decision_number"],
        note=data["note"],
    ), lambda _assignments: redirect("oversight:coverage", pk=organization.pk),
        success=_("The assignment was recorded."))
    return answer or render(request, "oversight/assign.html", {"organization": organization, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
@as_404
def end(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = queries.assignment_get(request.user, pk=pk)
    form = EndForm(request.POST or None)
    answer = form_submit(request, form,
                         lambda data: services.assignment_end(actor=request.user, assignment=assignment, **data),
                         lambda _assignment: redirect("organizations:detail", pk=assignment.organization_id),
                         success=_("The assignment was ended."))
    return answer or render(request, "oversight/end.html", {"assignment": assignment, "form": form})
