"""Mass mobilisation pages: dialogues (list with filters, page with issues and follow-ups, entry form, a follow-up's
status), models (list, entry form) and their XLSX exports. Views parse, ask queries or one service, and render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.errors import DomainError
from core.scope import holds
from core.validators import strip_control_characters
from core.views import as_404
from documents.exports import MAX_ROWS, XLSX_CONTENT_TYPE, workbook
from documents.forms import organizations_for
from mobilisation import queries, services
from mobilisation.forms import (
    DialogueForm,
    FollowUpRows,
    IssueRows,
    ModelForm,
    StatusForm,
    attach_dialogue_faults,
    attach_faults,
    dialogue_input,
)
from mobilisation.models import DialogueKind, ModelKind


def _filters(request: HttpRequest) -> dict[str, Any]:
    organization = None
    code = strip_control_characters(request.GET.get("organization", ""), multiline=False).strip()
    if code:
        organization = organizations_for(request.user, "mobilisation.view").filter(code=code[:50]).first()
    year = request.GET.get("year", "")
    return {"organization": organization, "year": int(year) if year.isdigit() and len(year) == 4 else None,
            "kind": strip_control_characters(request.GET.get("kind", ""), multiline=False)[:20]}


@login_required
@require_GET
def dialogue_list(request: HttpRequest) -> HttpResponse:
    filters = _filters(request)
    rows = queries.dialogues(request.user, **filters)
    if request.GET.get("format") == "xlsx":
        headers = [_("Date"), _("Kind"), _("Organization"), _("Place"), _("Chaired by"), _("Participants"),
                   _("Issues raised"), _("Open follow-ups")]
        content = workbook(_("Dialogues"), headers, ([d.held_on, d.get_kind_display(), d.organization.name, d.place,
                                                      d.chair, d.participants, getattr(d, "issue_count", 0),
                                                      getattr(d, "open_follow_ups", 0)]
                                                     for d in rows[:MAX_ROWS]), _("Dialogues"))
        response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
        response["Content-Disposition"] = f'attachment; filename="dialogues-{timezone.localdate():%Y%m%d}.xlsx"'
        return response
    return render(request, "mobilisation/dialogues.html", {
        "rows": rows[:500], "filters": filters, "kinds": DialogueKind.choices, "query": request.GET.urlencode(),
        "can_add": holds(request.user, "mobilisation.change")})


@login_required
@require_GET
@as_404
def dialogue_detail(request: HttpRequest, pk: int) -> HttpResponse:
    dialogue = queries.dialogue_get(request.user, pk=pk)
    return render(request, "mobilisation/dialogue.html", {
        "dialogue": dialogue, "issues": dialogue.issues.all(), "follow_ups": dialogue.follow_ups.all(),
        "can_change": queries.can_change(request.user, dialogue.organization), "status_form": StatusForm()})


@login_required
@require_http_methods(["GET", "POST"])
def dialogue_new(request: HttpRequest) -> HttpResponse:
    if not holds(request.user, "mobilisation.change"):
        raise Http404
    data = request.POST if request.method == "POST" else None
    form = DialogueForm(data, user=request.user)
    issues, follow_ups = IssueRows(data, prefix="issues"), FollowUpRows(data, prefix="follow_ups")
    if data is not None and form.is_valid() and issues.is_valid() and follow_ups.is_valid():
        try:
            dialogue = services.dialogue_record(actor=request.user, organization=form.cleaned_data["organization"],
                                                data=dialogue_input(form, issues, follow_ups))
        except DomainError as error:
            attach_dialogue_faults(form, issues, follow_ups, error)
        else:
            messages.success(request, _("The dialogue was recorded."))
            return redirect("mobilisation:dialogue", pk=dialogue.pk)
    return render(request, "mobilisation/dialogue_form.html",
                  {"form": form, "issues": issues, "follow_ups": follow_ups}, status=400 if data is not None else 200)


@login_required
@require_POST
@as_404
def follow_up_status(request: HttpRequest, pk: int) -> HttpResponse:
    follow_up = queries.follow_up_get(request.user, pk=pk, action="change")
    form = StatusForm(request.POST)
    if form.is_valid():
        try:
            services.follow_up_set_status(actor=request.user, follow_up=follow_up, status=form.cleaned_data["status"],
                                          done_on=form.cleaned_data.get("done_on"),
                                          note=form.cleaned_data.get("note") or "")
            messages.success(request, _("The follow-up was updated."))
        except DomainError as error:
            messages.error(request, str(error.message))
    else:
        for problems in form.errors.values():
            messages.error(request, " ".join(str(p) for p in problems))
    return redirect("mobilisation:dialogue", pk=follow_up.dialogue_id)


@login_required
@require_GET
def model_list(request: HttpRequest) -> HttpResponse:
    filters = _filters(request)
    rows = queries.models(request.user, **filters)
    if request.GET.get("format") == "xlsx":
        headers = [_("Year"), _("Kind"), _("Field"), _("Name"), _("Organization"), _("Led by"), _("Launched in"),
                   _("Result")]
        content = workbook(_("Mass mobilisation models"), headers,
                           ([m.year, m.get_kind_display(), m.get_field_display(), m.name, m.organization.name,
                             m.led_by, m.launched_year, m.result] for m in rows[:MAX_ROWS]), _("Models"))
        response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
        response["Content-Disposition"] = f'attachment; filename="models-{timezone.localdate():%Y%m%d}.xlsx"'
        return response
    return render(request, "mobilisation/models.html", {
        "rows": rows[:500], "filters": filters, "kinds": ModelKind.choices, "query": request.GET.urlencode(),
        "can_add": holds(request.user, "mobilisation.change")})


@login_required
@require_http_methods(["GET", "POST"])
def model_new(request: HttpRequest) -> HttpResponse:
    if not holds(request.user, "mobilisation.change"):
        raise Http404
    data = request.POST if request.method == "POST" else None
    form = ModelForm(data, user=request.user)
    if data is not None and form.is_valid():
        try:
            services.model_register(actor=request.user, organization=form.cleaned_data["organization"],
                                    data=form.model_input())
        except DomainError as error:
            attach_faults(form, error)
        else:
            messages.success(request, _("The model was registered."))
            return redirect("mobilisation:models")
    return render(request, "mobilisation/model_form.html", {"form": form}, status=400 if data is not None else 200)
