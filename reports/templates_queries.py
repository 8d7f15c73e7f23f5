"""Reads of the organizations' stored report templates (reports.services.report_template_store writes them)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from core.scope import get_in_scope, restrict
from organizations.models import Organization
from reports.models import ReportTemplate


def template_in_use(organization: Organization) -> ReportTemplate | None:
    """The organization's latest stored version, or None (the built-in template is used)."""
    return ReportTemplate.objects.filter(organization=organization).order_by("-version").first()


def template_content(organization: Organization) -> bytes | None:
    """The DOCX of the template in use, or None for the built-in one."""
    latest = template_in_use(organization)
    return bytes(latest.content) if latest is not None and latest.content is not None else None


def template_versions(user: Any, organization: Organization) -> QuerySet[ReportTemplate]:
    return restrict(ReportTemplate.objects.filter(organization=organization), user, "reports.view").select_related(
        "uploaded_by").defer("content").order_by("-version")


def template_get(user: Any, *, pk: int) -> ReportTemplate:
    return get_in_scope(ReportTemplate.objects.select_related("organization"), user, "reports.view", pk=pk)
