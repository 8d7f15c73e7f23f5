"""The organization's stored templates of the annual report: the versions, a new one (uploaded DOCX, checked as
every upload), back to the built-in template, and each version's file. Writes go through
reports.services.report_template_store; a refusal (broken file, unknown placeholder) is shown beside the field."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from core.errors import DomainError
from core.scope import covers
from core.validators import strip_control_characters
from core.views import as_404, attach_error
from organizations import queries
from reports.annual.docx import MAX_TEMPLATE_BYTES, default_template
from reports.build import FORMATS
from reports.services import CHANGE, report_template_store
from reports.templates_queries import template_get, template_versions


class TemplateForm(forms.Form):
    template = forms.FileField(label=_("Template (DOCX)"), required=False)
    note = forms.CharField(label=_("Note"), max_length=255, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


@login_required
@require_http_methods(["GET", "POST"])
@as_404
def organization_templates(request: HttpRequest, pk: int) -> HttpResponse:
    organization = queries.organization_get(request.user, pk=pk)
    can_change = covers(request.user, organization, CHANGE)
    form = TemplateForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if not can_change:
            raise Http404
        if form.is_valid():
            upload = form.cleaned_data["template"]
            back_to_default = "default" in request.POST
            if upload is None and not back_to_default:
                form.add_error("template", _("Choose a DOCX file."))
            else:
                try:
                    content = None if back_to_default else upload.read(MAX_TEMPLATE_BYTES + 1)
                    report_template_store(actor=request.user, organization=organization, content=content,
                                          filename=strip_control_characters(upload.name if upload else "",
                                                                            multiline=False),
                                          note=strip_control_characters(form.cleaned_data["note"],
                                                                        multiline=False))
                except DomainError as error:
                    attach_error(form, error)
                else:
                    return redirect("reports:report_templates", pk=organization.pk)
        status = 400
    return render(request, "reports/annual/templates.html", {
        "organization": organization, "form": form, "can_change": can_change,
        "versions": template_versions(request.user, organization),
        "ancestors": queries.organization_ancestors(request.user, organization=organization)}, status=status)


@login_required
@require_GET
@as_404
def template_download(request: HttpRequest, pk: int) -> HttpResponse:
    """A stored version's file (a "back to the built-in" version: the built-in template)."""
    template = template_get(request.user, pk=pk)
    content = bytes(template.content) if template.content is not None else default_template()
    response = HttpResponse(content, content_type=FORMATS["docx"])
    name = f"mau-bao-cao-{template.organization.code}-v{template.version}.docx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
