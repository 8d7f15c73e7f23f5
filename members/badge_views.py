"""Recording a Party badge as presented, from the badge list (members.services.badge_presentation_record)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.decisions import Decision
from core.errors import DomainError, Faults
from core.scope import CHANGE
from core.views import as_404
from members import queries, services
from members.forms.badges import BadgePresentationForm


def _show(form: BadgePresentationForm, error: DomainError) -> None:
    for fault in error.errors if isinstance(error, Faults) else [error]:
        field = (fault.field or "").replace("decision_decision_", "decision_")
        form.add_error(field if field in form.fields else None, str(fault.message))


@login_required
@require_http_methods(["GET", "POST"])
@as_404
def badge_presented(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the form (years from ?years=); POST: record it and go back to the due list."""
    person = queries.person_get(request.user, pk=pk, action=CHANGE)
    form = BadgePresentationForm(request.POST if request.method == "POST" else None,
                                 initial={"years": request.GET.get("years")})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.badge_presentation_record(
                actor=request.user, person=person, years=data["years"], presented_on=data["presented_on"],
                decision=Decision(data["decision_number"], data["decision_date"], data["decision_issuer"]))
        except DomainError as error:
            _show(form, error)
        else:
            messages.success(request, _("The badge was recorded as presented."))
            return redirect(f"{reverse('members:due')}?organization={person.organization.code}#badges")
    return render(request, "members/badge_form.html", {"form": form, "person": person,
                                                       "back_to": reverse("members:detail", args=[person.pk])})
