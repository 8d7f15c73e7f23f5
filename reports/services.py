"""The writes of the reports app: an organization's own template of the annual report (issue 14 §2).

`report_template_store` keeps a new version of the organization's DOCX template — checked as every upload is
(reports.annual.docx.template_check: a broken file or an unknown placeholder is refused, naming it) — or, with no
content, a version that goes back to the built-in template. Versions are numbered per organization, dated, kept
for ever and logged (the change log records the file's name, size and SHA-256, not its bytes)."""

from __future__ import annotations

import hashlib
from typing import Any

from django.db import transaction
from django.db.models import Max

from core.changelog import log_change
from core.models import ChangeAction
from core.scope import require_in_scope
from organizations.models import Organization
from reports.annual.docx import template_check
from reports.models import ReportTemplate

CHANGE = "reports.change"


@transaction.atomic
def report_template_store(*, actor: Any, organization: Organization, content: bytes | None, filename: str = "",
                          note: str = "") -> ReportTemplate:
    """A new version of the organization's template (content None: back to the built-in one)."""
    if content is not None:
        template_check(content)
    last = (ReportTemplate.objects.select_for_update().filter(organization=organization)
            .aggregate(n=Max("version"))["n"] or 0)
    template = ReportTemplate.objects.create(
        organization=organization, version=last + 1, content=content, filename=filename[:200] if content else "",
        sha256=hashlib.sha256(content).hexdigest() if content is not None else "",
        size=len(content) if content is not None else 0, note=note[:255], uploaded_by=actor)
    log_change(actor=actor, action=ChangeAction.CREATE, instance=template, reason=note, after={
        "organization": organization.code, "version": template.version, "filename": template.filename,
        "size": template.size, "sha256": template.sha256, "default": content is None})
    require_in_scope(template, actor, CHANGE)
    return template
