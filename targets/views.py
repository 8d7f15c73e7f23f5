"""Target pages: an organization's resolutions, a resolution with every target (plans, results, status colours,
a small chart across the term), the entry forms, XLSX export and import of results, the commune × criterion
grid of new-rural status and the OCOP list. Views parse, ask queries or one service, and render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.errors import DomainError
from core.scope import CHANGE
from core.views import as_404, attach_error, form_submit
from organizations.queries import organization_ancestors
from targets import exports, pages, queries, services
from targets.evaluation import summary
from targets.forms import ImportForm, ResolutionForm, ResultForm, TargetForm, YearForm
from targets.models import Resolution
from targets.newrural.queries import grid
from targets.ocop.queries import counts, products


def _year(request: HttpRequest, default: int) -> int:
    form = YearForm(request.GET)
    year = form.cleaned_data.get("year") if form.is_valid() else None
    return int(year or default)


def _default_year(resolution: Resolution) -> int:
    return max(resolution.start_year, min(resolution.end_year, timezone.localdate().year))


@login_required
@require_GET
@as_404
def organization(request: HttpRequest, pk: int) -> HttpResponse:
    found = queries.organization_get(request.user, pk=pk)
    context = {"organization": found, "resolutions": queries.resolutions_of(request.user, found),
               "can_change": queries.can_change(request.user, found),
               "ancestors": organization_ancestors(request.user, organization=found),
               "year": _year(request, timezone.localdate().year)}
    return render(request, "targets/organization.html", context)


@login_required
@require_http_methods(["GET", "POST"])
@as_404
def resolution_new(request: HttpRequest, pk: int) -> HttpResponse:
    found = queries.organization_get(request.user, pk=pk)
    form = ResolutionForm(request.POST or None)
    answer = form_submit(request, form,
                         lambda data: services.resolution_create(actor=request.user, organization=found, **data),
                         lambda resolution: redirect("targets:resolution", resolution.pk),
                         success=_("The resolution was recorded."))
    if answer is not None:
        return answer
    return render(request, "targets/form.html", {
        "organization": found, "form": form, "title": _("New resolution"),
        "back_to": reverse("targets:organization", args=[found.pk])}, status=400 if form.errors else 200)


@login_required
@require_GET
@as_404
def resolution(request: HttpRequest, pk: int) -> HttpResponse:
    found = queries.resolution_get(request.user, pk=pk)
    year = _year(request, _default_year(found))
    targets = queries.targets_of(found)
    rows = pages.rows(found, targets, year)
    context = {"resolution": found, "organization": found.organization, "year": year, "rows": rows,
               "summary": summary(row.evaluation for row in rows), "years": list(found.years),
               "can_change": queries.can_change(request.user, found.organization), "import_form": ImportForm(),
               "chart": {"width": pages.WIDTH, "height": pages.HEIGHT, "base": pages.BASE}}
    return render(request, "targets/resolution.html", context)


@login_required
@require_http_methods(["GET", "POST"])
@as_404
def target_new(request: HttpRequest, pk: int) -> HttpResponse:
    found = queries.resolution_get(request.user, pk=pk, permission=CHANGE)
    form = TargetForm(request.POST or None)

    def add(data: dict[str, Any]) -> Any:
        indicator = queries.indicator_by_code(data["indicator_code"]) or services.indicator_create(
            actor=request.user, code=data["indicator_code"], name=data["indicator_name"],
            unit=data["indicator_unit"], decimals=data["indicator_decimals"] or 0,
            field=data["indicator_field"], figure_key=data["figure_key"])
        return services.target_add(actor=request.user, resolution=found, indicator=indicator, kind=data["kind"],
                                   period=data["period"], year=data["year"], wording=data["wording"],
                                   text_=data["text"], plans=form.plans(), position=found.targets.count() + 1)

    answer = form_submit(request, form, add, lambda _target: redirect("targets:resolution", found.pk),
                         success=_("The target was recorded."),
                         attach=lambda error: attach_error(form, _form_field(error, form)))
    if answer is not None:
        return answer
    return render(request, "targets/form.html", {
        "organization": found.organization, "form": form, "title": _("New target"),
        "back_to": reverse("targets:resolution", args=[found.pk])}, status=400 if form.errors else 200)


def _form_field(error: DomainError, form: Any) -> DomainError:
    """A plan's fault (`plans[0].value`) shown beside the form's plan field."""
    names = {"plans[0].value": "plan_value", "plans[0].value_high": "plan_high", "plans[0].unit": "plan_unit",
             "plans[0].source": "plan_source", "plans[1].value": "plan2_value", "plans[1].source": "plan2_source",
             "plans[1].unit": "plan_unit", "code": "indicator_code", "name": "indicator_name",
             "unit": "indicator_unit", "field": "indicator_field"}
    return DomainError(error.message, field=names.get(error.field or "", error.field))


@login_required
@require_http_methods(["GET", "POST"])
@as_404
def result_new(request: HttpRequest, pk: int) -> HttpResponse:
    target = queries.target_get(request.user, pk=pk, permission=CHANGE)
    form = ResultForm(request.POST or None, initial={"year": _default_year(target.resolution)})
    answer = form_submit(request, form, lambda data: services.result_record(actor=request.user, target=target, **data),
                         lambda _result: redirect("targets:resolution", target.resolution_id),
                         success=_("The result was recorded."))
    if answer is not None:
        return answer
    return render(request, "targets/form.html", {
        "organization": target.resolution.organization, "form": form, "target": target,
        "title": _("Result of “%(indicator)s”") % {"indicator": target.indicator.name},
        "back_to": reverse("targets:resolution", args=[target.resolution_id])}, status=400 if form.errors else 200)


@login_required
@require_GET
@as_404
def export(request: HttpRequest, pk: int) -> HttpResponse:
    found = queries.resolution_get(request.user, pk=pk)
    response = HttpResponse(exports.resolution_xlsx(found, queries.targets_of(found)),
                            content_type=exports.XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{exports.filename(found)}"'
    return response


@login_required
@require_POST
@as_404
def import_results(request: HttpRequest, pk: int) -> HttpResponse:
    found = queries.resolution_get(request.user, pk=pk, permission=CHANGE)
    form = ImportForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            items = exports.read_results(form.content(), found, queries.targets_of(found))
            written = services.results_record_bulk(actor=request.user, items=items, reason=_("XLSX import"))
            messages.success(request, _("%(count)d results were recorded.") % {"count": len(written)})
            return redirect("targets:resolution", found.pk)
        except DomainError as error:
            messages.error(request, str(error.message))
    else:
        messages.error(request, _("Choose a workbook (.xlsx)."))
    return redirect("targets:resolution", found.pk)


@login_required
@require_GET
@as_404
def newrural(request: HttpRequest, pk: int) -> HttpResponse:
    found = queries.organization_get(request.user, pk=pk)
    year = _year(request, timezone.localdate().year)
    found_grid = grid(found, year=year, user=request.user)
    return render(request, "targets/newrural.html", {
        "organization": found, "year": year, "grid": found_grid, "summary": found_grid.summary()})


@login_required
@require_GET
@as_404
def ocop(request: HttpRequest, pk: int) -> HttpResponse:
    found = queries.organization_get(request.user, pk=pk)
    year = _year(request, timezone.localdate().year)
    return render(request, "targets/ocop.html", {
        "organization": found, "year": year,
        "products": products(request.user, found, year=year).select_related("organization"),
        "counts": counts(found, year=year)})
