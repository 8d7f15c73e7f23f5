"""Inspection pages: the list (programmes, inspections and supervisions, discipline decisions) with filters,
detail pages, the entry forms, the XLSX export and the inspection committee's counts table. Views parse, ask
queries or one service, and render."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.decisions import Decision
from core.scope import get_in_scope
from core.views import as_404, form_submit
from inspection import queries, services
from inspection.exports import (
    XLSX_CONTENT_TYPE,
    filename,
    records_xlsx,
    statistics_columns,
    statistics_rows,
    statistics_xlsx,
)
from inspection.forms import (
    AppealDecideForm,
    AppealForm,
    ConcludeForm,
    DisciplineForm,
    ExportForm,
    FiltersForm,
    FollowUpStatusForm,
    InspectionForm,
    ProgrammeForm,
)
from organizations.models import Organization


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    filters = FiltersForm(request.GET or None)
    inspections = queries.inspections_visible(request.user)
    disciplines = queries.disciplines_visible(request.user)
    programmes = queries.programmes_visible(request.user)
    if filters.is_bound and filters.is_valid():
        data = filters.cleaned_data
        if data.get("year"):
            inspections = inspections.filter(starts_on__year=data["year"])
            disciplines = disciplines.filter(decision_date__year=data["year"])
            programmes = programmes.filter(year=data["year"])
        if data.get("kind"):
            inspections = inspections.filter(kind=data["kind"])
        if data.get("subject"):
            inspections = inspections.filter(subject_kind=data["subject"])
    context = {"filters": filters, "inspections": inspections[:500], "disciplines": disciplines[:500],
               "programmes": programmes[:100], "may_record": queries.may_record(request.user),
               "roots": _roots(request.user), "year": timezone.localdate().year}
    return render(request, "inspection/index.html", context)


def _roots(user: Any) -> list[Organization]:
    from inspection.forms import visible

    return list(visible(user)[:50])


@login_required
@require_GET
@as_404
def inspection_detail(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = queries.inspection_get(request.user, pk=pk)
    context = {"inspection": inspection, "team": queries.team_of(inspection),
               "follow_ups": queries.follow_ups_of(inspection), "disciplines": inspection.disciplines.all(),
               "documents": queries.documents_named(request.user, number=inspection.document_number,
                                                    on=inspection.document_date),
               "can_change": queries.can_change(request.user, inspection.organization),
               "conclude_form": ConcludeForm(), "status_form": FollowUpStatusForm(), "today": timezone.localdate()}
    return render(request, "inspection/inspection_detail.html", context)


@login_required
@require_GET
@as_404
def discipline_detail(request: HttpRequest, pk: int) -> HttpResponse:
    discipline = queries.discipline_get(request.user, pk=pk)
    context = {"discipline": discipline, "appeals": queries.appeals_of(discipline),
               "can_change": queries.can_change(request.user, discipline.organization),
               "appeal_form": AppealForm(), "decide_form": AppealDecideForm()}
    return render(request, "inspection/discipline_detail.html", context)


def _form_page(request: HttpRequest, form: Any, title: str, back_to: str) -> HttpResponse:
    return render(request, "inspection/form.html", {"form": form, "title": title, "back_to": back_to})


@login_required
@require_http_methods(["GET", "POST"])
def programme_new(request: HttpRequest) -> HttpResponse:
    form = ProgrammeForm(request.POST or None, user=request.user)
    answer = form_submit(request, form, lambda data: services.programme_create(
        actor=request.user, organization=data["organization"], body=data["body"], year=data["year"],
        title=data["title"], document_number=data["document_number"], document_date=data["document_date"],
        note=data["note"]), lambda _programme: redirect("inspection:index"))
    return answer or _form_page(request, form, _("New inspection programme"), "inspection:index")


@login_required
@require_http_methods(["GET", "POST"])
def inspection_new(request: HttpRequest) -> HttpResponse:
    form = InspectionForm(request.POST or None, user=request.user)
    answer = form_submit(request, form, lambda data: services.inspection_create(
        actor=request.user, organization=data["organization"], body=data["body"], kind=data["kind"],
        programme=data["programme"], subject_organization=data["subject_organization"],
        subject_person=data["subject_person"], content=data["content"], document_number=data["document_number"],
        document_date=data["document_date"], starts_on=data["starts_on"], ends_on=data["ends_on"], team=data["team"],
    ), lambda inspection: redirect("inspection:inspection", pk=inspection.pk))
    return answer or _form_page(request, form, _("New inspection or supervision"), "inspection:index")


@login_required
@require_POST
@as_404
def inspection_conclude(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = queries.inspection_get(request.user, pk=pk, action="change")
    form = ConcludeForm(request.POST)
    answer = form_submit(request, form, lambda data: services.inspection_conclude(
        actor=request.user, inspection=inspection, conclusion=data["conclusion"], concluded_on=data["concluded_on"],
        violations_found=data["violations_found"], follow_ups=form.follow_ups(), reason=data["reason"],
    ), lambda _result: redirect("inspection:inspection", pk=pk))
    return answer or _form_page(request, form, _("Conclusion of the inspection"), "inspection:index")


@login_required
@require_POST
@as_404
def follow_up_status(request: HttpRequest, pk: int) -> HttpResponse:
    follow_up = queries.follow_up_get(request.user, pk=pk)
    form = FollowUpStatusForm(request.POST)
    answer = form_submit(request, form, lambda data: services.follow_up_set_status(
        actor=request.user, follow_up=follow_up, status=data["status"], done_on=data["done_on"],
    ), lambda _result: redirect("inspection:inspection", pk=follow_up.inspection_id))
    return answer or _form_page(request, form, _("Follow-up"), "inspection:index")


@login_required
@require_http_methods(["GET", "POST"])
def discipline_new(request: HttpRequest) -> HttpResponse:
    form = DisciplineForm(request.POST or None, user=request.user)
    answer = form_submit(request, form, lambda data: services.discipline_decide(
        actor=request.user, organization=data["organization"], body=data["body"], form=data["form"],
        subject_organization=data["subject_organization"], subject_person=data["subject_person"],
        grounds=data["grounds"], decision=Decision(data["decision_number"], data["decision_date"],
                                                   data["decision_issuer"]),
    ), lambda discipline: redirect("inspection:discipline", pk=discipline.pk))
    return answer or _form_page(request, form, _("New discipline decision"), "inspection:index")


@login_required
@require_POST
@as_404
def appeal_new(request: HttpRequest, pk: int) -> HttpResponse:
    discipline = queries.discipline_get(request.user, pk=pk, action="change")
    form = AppealForm(request.POST)
    answer = form_submit(request, form,
                         lambda data: services.appeal_file(actor=request.user, discipline=discipline, **data),
                         lambda _appeal: redirect("inspection:discipline", pk=pk))
    return answer or _form_page(request, form, _("Appeal"), "inspection:index")


@login_required
@require_POST
@as_404
def appeal_decide(request: HttpRequest, pk: int) -> HttpResponse:
    appeal = queries.appeal_get(request.user, pk=pk)
    form = AppealDecideForm(request.POST)
    answer = form_submit(request, form,
                         lambda data: services.appeal_decide(actor=request.user, appeal=appeal, **data),
                         lambda _appeal: redirect("inspection:discipline", pk=appeal.discipline_id))
    return answer or _form_page(request, form, _("Appeal"), "inspection:index")


def _export_organization(request: HttpRequest) -> tuple[Organization, dict[str, Any]]:
    form = ExportForm(request.GET)
    if not form.is_valid():
        raise Http404
    organization = get_in_scope(Organization.objects.all(), request.user, "inspection.view",
                                pk=form.cleaned_data["organization"])
    return organization, form.cleaned_data


@login_required
@require_GET
@as_404
def export(request: HttpRequest) -> HttpResponse:
    organization, _data = _export_organization(request)
    inspections = queries.inspections_visible(request.user).filter(organization__path__under=organization.path)
    disciplines = queries.disciplines_visible(request.user).filter(organization__path__under=organization.path)
    response = HttpResponse(records_xlsx(inspections, disciplines, organization=organization),
                            content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename("inspection", organization, "records")}"'
    return response


@login_required
@require_GET
@as_404
def statistics(request: HttpRequest) -> HttpResponse:
    """The inspection committee's counts by month, quarter or year: a page, or the XLSX table (?format=xlsx)."""
    organization, data = _export_organization(request)
    year, period = data.get("year") or timezone.localdate().year, data.get("period") or "quarter"
    if request.GET.get("format") == "xlsx":
        response = HttpResponse(statistics_xlsx(organization, year, period), content_type=XLSX_CONTENT_TYPE)
        name = filename("inspection-counts", organization, f"{year}-{period}")
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    context = {"organization": organization, "year": year, "period": period,
               "columns": [title for _key, title in statistics_columns()],
               "rows": statistics_rows(organization, year, period)}
    return render(request, "inspection/statistics.html", context)
