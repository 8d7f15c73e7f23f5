"""Rating pages: an organization's campaigns (and opening one), the campaign board (who self-assessed, what waits,
what is late, the quota gauge per group), the bulk entry of a step for a cell's members or for the organizations
of a campaign, XLSX export and import. Views parse, ask queries or one service, and render."""

from __future__ import annotations

import re
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from core.errors import DomainError, Faults, NotInScope
from core.scope import CHANGE
from core.views import as_404, attach_error, form_submit
from organizations.queries import organization_ancestors
from rating import exports, imports, queries, results, services
from rating.checks import RatingEntry
from rating.forms import CampaignForm, ImportForm, StepForm
from rating.layouts import LAYOUTS
from rating.models import Subject

MAX_UPLOAD = 5 * 1024 * 1024
_ENTRY = re.compile(r"^entries\.(\d+)\.(\w+)$")


@login_required
@require_http_methods(["GET", "POST"])
@as_404
def campaigns(request: HttpRequest, pk: int) -> HttpResponse:
    organization = queries.organization_get(request.user, pk=pk)
    can_change = queries.can_change(request.user, organization)
    form = CampaignForm(request.POST or None)
    if request.method == "POST" and not can_change:
        raise NotInScope(_("Not found."))
    answer = form_submit(request, form, lambda data: services.campaign_open(
        actor=request.user, organization=organization, year=data["year"], reference_date=data.get("reference_date"),
        self_assessment_due=data.get("self_assessment_due"), decision_due=data.get("decision_due"),
        historic=bool(data.get("historic")), decision=form.decision(), note=data.get("note") or "",
    ), lambda campaign: redirect("rating:board", campaign.pk), success=_("Campaign opened."))
    if answer is not None:
        return answer
    return render(request, "rating/campaigns.html", {
        "organization": organization, "ancestors": organization_ancestors(request.user, organization=organization),
        "campaigns": queries.campaigns_of(request.user, organization=organization), "form": form,
        "can_change": can_change, "schemes": queries.schemes(),
    })


@login_required
@require_GET
@as_404
def board(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = queries.campaign_get(request.user, pk=pk)
    data = queries.board(request.user, campaign=campaign)
    cells: dict[int, dict[str, Any]] = {}
    for row in data.members:
        cell = cells.setdefault(row.row.organization.pk, {"organization": row.row.organization,
                                                          "name": row.row.name, "rated": 0, "decided": 0,
                                                          "self": 0, "late": 0})
        cell["rated"] += 1
        cell["decided"] += 1 if row.level else 0
        cell["self"] += 1 if "self" in row.steps else 0
        cell["late"] += 1 if row.late else 0
    return render(request, "rating/board.html", {
        "campaign": campaign, "organization": campaign.organization, "board": data,
        "ancestors": organization_ancestors(request.user, organization=campaign.organization),
        "cells": list(cells.values()), "can_change": queries.can_change(request.user, campaign.organization),
        "org_rows": [(row, data.label(Subject.ORGANIZATION, row.level) if row.level else "")
                     for row in data.organizations],
        "leader_rows": [(row, data.label(Subject.LEADER, row.level) if row.level else "") for row in data.leaders],
    })


def _attach_entries(form: StepForm, error: DomainError, positions: list[int]) -> None:
    errors = error.errors if isinstance(error, Faults) else [error]
    for item in errors:
        match = _ENTRY.match(item.field or "")
        if match:
            index, name = positions[int(match.group(1))], match.group(2)
            field = f"score_{index}" if name == "score" and form.scored else f"level_{index}"
            form.add_error(field, str(item.message))
        else:
            attach_error(form, item)


def _entry_page(request: HttpRequest, campaign: Any, rows: list[Any], subject: str, title: str,
                extra: dict[str, Any]) -> HttpResponse:
    applied = queries.subj.applied_scheme(campaign)
    form = StepForm(request.POST or None, rows=rows, levels=applied.level_choices(subject),
                    scored=bool(applied.score_scale))
    if request.method == "POST" and form.is_valid():
        entries, positions = [], []
        for index, row in enumerate(rows):
            level = form.cleaned_data.get(f"level_{index}")
            if not level:
                continue
            score = form.cleaned_data.get(f"score_{index}") if form.scored else None
            entries.append(RatingEntry(level, person=row.row.person,
                                       organization=None if row.row.person else row.row.organization, score=score,
                                       leader=row.row.subject == Subject.LEADER))
            positions.append(index)
        try:
            services.rating_record_many(actor=request.user, campaign=campaign, step=form.cleaned_data["step"],
                                        entries=entries, on=form.cleaned_data["on"], decision=form.decision())
        except DomainError as error:
            if isinstance(error, NotInScope):
                raise
            _attach_entries(form, error, positions)
        else:
            messages.success(request, _("%(count)d saved.") % {"count": len(entries)})
            return redirect("rating:board", campaign.pk)
    return render(request, "rating/entry.html", {
        "campaign": campaign, "organization": campaign.organization, "form": form, "title": title,
        "applied": applied, "subject": subject,
        "ancestors": organization_ancestors(request.user, organization=campaign.organization), **extra,
    })


@login_required
@require_http_methods(["GET", "POST"])
@as_404
def entry(request: HttpRequest, pk: int, cell_pk: int) -> HttpResponse:
    """A cell's members on one screen: a level (and score) each, for one step, saved at once."""
    campaign = queries.campaign_get(request.user, pk=pk)
    cell = queries.organization_get(request.user, pk=cell_pk, action=CHANGE if request.method == "POST" else "view")
    data = queries.board(request.user, campaign=campaign, cell=cell)
    gauge = next((g for g in data.gauges if g.group == queries.subj.member_group(cell.pk)), None)
    return _entry_page(request, campaign, data.members, Subject.MEMBER, cell.name,
                       {"excluded": data.excluded, "gauge": gauge, "cell": cell})


@login_required
@require_http_methods(["GET", "POST"])
@as_404
def organizations_entry(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = queries.campaign_get(request.user, pk=pk)
    data = queries.board(request.user, campaign=campaign, members=False)
    return _entry_page(request, campaign, data.organizations, Subject.ORGANIZATION, campaign.organization.name,
                       {"excluded": [], "gauges": data.gauges})


@login_required
@require_http_methods(["GET", "POST"])
@as_404
def leaders_entry(request: HttpRequest, pk: int) -> HttpResponse:
    """The leaders of the campaign's organizations (where the scheme rates them), after their collectives."""
    campaign = queries.campaign_get(request.user, pk=pk)
    data = queries.board(request.user, campaign=campaign, members=False)
    return _entry_page(request, campaign, data.leaders, Subject.LEADER, campaign.organization.name,
                       {"excluded": [], "gauges": [g for g in data.gauges if g.group.startswith("leader:")]})


@login_required
@require_GET
@as_404
def export(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = queries.campaign_get(request.user, pk=pk)
    ratings = list(queries.ratings_visible(request.user).filter(campaign=campaign).order_by(
        "subject", "organization__path", "person__sort_name"))
    response = HttpResponse(exports.campaign_xlsx(campaign, ratings), content_type=exports.XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{exports.filename(campaign)}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
@as_404
def import_results(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = queries.campaign_get(request.user, pk=pk)
    form = ImportForm(request.POST or None, request.FILES or None)

    def load(data: dict[str, Any]) -> Any:
        upload = data["file"]
        if upload.size > MAX_UPLOAD:
            raise DomainError(_("The file is larger than %(size)d MB.") % {"size": MAX_UPLOAD // 1024 // 1024},
                              field="file")
        return imports.rating_import(actor=request.user, campaign=campaign, content=upload.read(), step=data["step"],
                                     on=data["on"], decision=form.decision())

    def saved(written: Any) -> HttpResponse:
        messages.success(request, _("%(count)d saved.") % {"count": len(written)})
        return redirect("rating:board", campaign.pk)

    answer = form_submit(request, form, load, saved)
    if answer is not None:
        return answer
    return render(request, "rating/import.html", {
        "campaign": campaign, "organization": campaign.organization, "form": form,
        "ancestors": organization_ancestors(request.user, organization=campaign.organization),
    })


def _year(request: HttpRequest) -> int:
    text = request.GET.get("year", "")
    if text.isdigit() and 1900 <= int(text) <= 2100:
        return int(text)
    latest = queries.campaigns_visible(request.user).order_by("-year").values_list("year", flat=True).first()
    return int(latest) if latest else timezone.localdate().year - 1


@login_required
@require_GET
@as_404
def results_page(request: HttpRequest, pk: int) -> HttpResponse:
    """Counts per level with the previous year (with predecessors), lists per level, exports."""
    organization = queries.organization_get(request.user, pk=pk)
    year = _year(request)
    figures = results.results(organization, year=year, on=results.year_end(year))
    return render(request, "rating/results.html", {
        "organization": organization, "year": year, "figures": figures,
        "ancestors": organization_ancestors(request.user, organization=organization),
        "counts": results.count_rows(figures), "lists": results.level_lists(request.user, organization=organization,
                                                                             year=year),
        "layouts": list(LAYOUTS.values()), "years": [year - 1, year + 1],
    })


def _xlsx(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=exports.XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _bounded(year: int) -> int:
    if not 1900 <= year <= 2100:
        raise NotInScope(_("Not found."))
    return year


def _code(organization: Any) -> str:
    return re.sub(r"[^A-Za-z0-9_-]", "", organization.code) or str(organization.pk)


@login_required
@require_GET
@as_404
def results_lists_xlsx(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    organization = queries.organization_get(request.user, pk=pk)
    return _xlsx(results.lists_xlsx(request.user, organization=organization, year=_bounded(year)),
                 f"xep-loai-danh-sach-{_code(organization)}-{year}.xlsx")


@login_required
@require_GET
@as_404
def results_summary_xlsx(request: HttpRequest, pk: int, year: int, layout: str) -> HttpResponse:
    organization = queries.organization_get(request.user, pk=pk)
    if layout not in LAYOUTS:
        raise NotInScope(_("Not found."))
    return _xlsx(results.summary_xlsx(organization=organization, year=_bounded(year), layout_code=layout),
                 f"xep-loai-{layout}-{_code(organization)}-{year}.xlsx")
