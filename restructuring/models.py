"""A restructuring plan: a dated set of lineage events (old codes -> new organization) applied all at once."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.decisions import DecisionFields
from organizations.models import Organization

# A plan changes the tree: whoever may change the organizations of its subtree may enter, preview and apply it.
ORG_CHANGE = "organizations.change"
ORG_VIEW = "organizations.view"


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    APPLIED = "applied", _("applied")


class RestructuringPlan(DecisionFields):
    """The rows (old code -> new organization, with name, kind, parent and the row's decision) and their date.

    The plan's decision is the default of every row that names none (e.g. Nghị quyết 202/2025/QH15).
    """

    scope_path_lookup = "organization__path"

    title = models.CharField(_("title"), max_length=255)
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("entered by the committee of"))
    effective_on = models.DateField(_("effective on"))
    rows = models.JSONField(_("rows"), default=list)
    status = models.CharField(_("status"), max_length=10, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    summary = models.JSONField(_("summary"), default=dict, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    applied_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-effective_on", "-id"]
        verbose_name = _("restructuring plan")
        verbose_name_plural = _("restructuring plans")

    def __str__(self) -> str:
        return f"{self.title} ({self.effective_on:%d/%m/%Y})"
