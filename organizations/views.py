"""Organization pages: the tree (live and as of a date), search, one organization, and the restructuring forms.

Views only parse, ask a query or a service, and render. Every form has two steps: "Preview" runs the real
service in a transaction that is rolled back and shows what it would write; "Confirm" runs it for real.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, F, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_GET, require_http_methods
from django_htmx.http import push_url

from core.errors import DomainError, Faults, NotInScope
from core.preview import PreviewLine, preview
from core.scope import CHANGE, get_in_scope
from core.views import as_404, attach_error
from organizations import queries
from organizations.forms import (
    ERROR_SHOWN,
    ActionForm,
    AsOfForm,
    CoveredUnitForm,
    CoverForm,
    DissolveForm,
    EstablishForm,
    MergeForm,
    MoveForm,
    RenameForm,
    SplitForm,
)
from organizations.models import CoveredUnit, Organization
from organizations.ordering import depth_first
from organizations.queries import TreeNode

# ----------------------------------------------------------------------------- tree, search, as of


def _active_first(queryset: Any) -> Any:
    return queryset.order_by(F("dissolved_on").asc(nulls_first=True), "sort_name")


def _today(queryset: Any, *, show_dissolved: bool) -> Any:
    """Today's tree: organizations still existing, each with how many of its children will show under its toggle;
    with `show_dissolved` (?dissolved=1) the dissolved ones too, after the others."""
    if show_dissolved:
        return _active_first(queryset.annotate(shown_children=Count("children")))
    return _active_first(queryset.filter(dissolved_on__isnull=True).annotate(
        shown_children=Count("children", filter=Q(children__dissolved_on__isnull=True))))


@login_required
@require_GET
def tree(request: HttpRequest) -> HttpResponse:
    """The user's visible roots, expandable level by level; or, with ?on=dd/mm/yyyy, the tree of that date."""
    as_of_form = AsOfForm(request.GET if "on" in request.GET else None)
    show_dissolved = request.GET.get("dissolved") == "1"
    context: dict[str, Any] = {"as_of_form": as_of_form, "q": request.GET.get("q", ""),
                               "show_dissolved": show_dissolved}
    if as_of_form.is_bound:
        context |= _as_of_context(request, as_of_form)
    else:
        context["nodes"] = _today(queries.organization_roots(request.user), show_dissolved=show_dissolved)
    return render(request, "organizations/tree.html", context)


@login_required
@require_GET
@as_404
def children(request: HttpRequest, pk: int) -> HttpResponse:
    """The organizations directly under one organization, as a <ul> (loaded by the tree's toggles)."""
    parent = queries.organization_get(request.user, pk=pk)
    show_dissolved = request.GET.get("dissolved") == "1"
    nodes = _today(queries.organization_children(request.user, parent=parent), show_dissolved=show_dissolved)
    return render(request, "organizations/_nodes.html",
                  {"nodes": nodes, "parent": parent, "show_dissolved": show_dissolved})


@login_required
@require_GET
def search(request: HttpRequest) -> HttpResponse:
    """Organizations whose name holds every typed word, ignoring diacritics."""
    text = request.GET.get("q", "").strip()
    results = list(queries.organization_search(request.user, text=text)) if text else []
    return render(request, "organizations/_search_results.html", {"q": text, "results": results})


@login_required
@require_GET
def as_of(request: HttpRequest) -> HttpResponse:
    """The tree as it stood on a date (the partial behind the tree page's date field)."""
    form = AsOfForm(request.GET)
    context = {"as_of_form": form, **_as_of_context(request, form)}
    response = render(request, "organizations/_as_of.html", context)
    if request.htmx and form.is_valid():  # type: ignore[attr-defined]
        push_url(response, f"{reverse('organizations:tree')}?{urlencode({'on': request.GET.get('on', '')})}")
    return response


def _as_of_context(request: HttpRequest, form: AsOfForm) -> dict[str, Any]:
    if not form.is_valid():
        return {"as_of_nodes": None}
    on: dt.date = form.cleaned_data["on"]
    nodes = queries.tree_as_of(request.user, on=on)
    current = dict(queries.organizations_visible(request.user).filter(
        pk__in=[n.organization_id for n in nodes]
    ).values_list("pk", "name"))
    items = _depth_first(nodes)
    for item in items:
        now = current.get(item["node"].organization_id)
        item["now_name"] = now if now and now != item["node"].name else ""
    return {"as_of_date": on, "as_of_nodes": items}


def _depth_first(nodes: list[TreeNode]) -> list[dict[str, Any]]:
    """Nodes in reading order (each followed by those under it, siblings by Vietnamese name), with indentation."""
    ordered = depth_first(nodes, pk=lambda n: n.organization_id, parent=lambda n: n.parent_id)
    return [{"node": node, "level": level} for node, level in ordered]


# ----------------------------------------------------------------------------- one organization


@login_required
@require_GET
@as_404
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Everything about one organization: facts, what is under it, what it covers, its history and change log."""
    user = request.user
    organization = queries.organization_get(user, pk=pk)
    can_change = queries.organizations_visible(user, CHANGE).filter(pk=organization.pk).exists()
    events = list(queries.lineage_of(user, organization=organization))
    linked_ids = {link.organization_id for event in events for link in event.links.all()}
    visible_ids = set(queries.organizations_visible(user).filter(pk__in=linked_ids).values_list("pk", flat=True))
    units = list(queries.covered_units_of(user, organization=organization).select_related("territory"))
    context = {
        "organization": organization,
        "ancestors": queries.organization_ancestors(user, organization=organization),
        "children": _active_first(queries.organization_children(user, parent=organization)),
        "units": units,
        "coverage": _coverage(units, queries.coverage_counts(user, organization=organization)),
        "predecessors": queries.predecessors_of(user, organization=organization).select_related("kind"),
        "successors": queries.successors_of(user, organization=organization).select_related("kind"),
        "events": events,
        "visible_ids": visible_ids,
        "records": queries.change_log_of(organization),
        "can_change": can_change,
    }
    return render(request, "organizations/detail.html", context)


def _coverage(units: list[Any], subtree: dict[str, int]) -> dict[str, int]:
    """The counts above the units table are those of its rows (units still existing; with and without a cell); the
    whole subtree's, when they differ, are stated apart (a district registers its villages under its communes)."""
    existing = [unit for unit in units if not unit.dissolved_on]
    return {
        "units": len(existing),
        "without_cell": sum(1 for unit in existing if unit.covered_by_id is None),
        "subtree_units": subtree["units"],
        "subtree_without_cell": subtree["without_cell"],
    }


# ----------------------------------------------------------------------------- two-step forms


def _show_error(form: ActionForm, error: DomainError) -> None:
    """Put a service's refusal beside the field it concerns; out of scope is a 404."""
    if isinstance(error, NotInScope):
        raise Http404(str(error.message))
    for fault in error.errors if isinstance(error, Faults) else [error]:  # every fault beside its own field
        field = form.error_field(fault)
        if field != ERROR_SHOWN:
            attach_error(form, DomainError(fault.message, field=field))


def _two_step(request: HttpRequest, form: ActionForm, *, back_to: str, organization: Organization) -> HttpResponse:
    """Preview (dry run, rolled back) -> Confirm (real run, redirect). "Change" returns to the editable form."""
    lines: list[PreviewLine] | None = None
    if request.method == "POST" and form.is_valid():
        step = request.POST.get("step", "preview")
        try:
            if step == "confirm":
                form.run()
                messages.success(request, str(form.success_message))
                return redirect(back_to)
            if step == "preview":
                lines = preview(type(form).service, **form.service_kwargs())
        except DomainError as error:
            _show_error(form, error)
            lines = None
    context = {
        "form": form,
        "organization": organization,
        "ancestors": queries.organization_ancestors(request.user, organization=organization),
        "lines": lines,
        "back_to": back_to,
    }
    return render(request, form.template_name_page, context)


def _organization_action(form_class: type[ActionForm]) -> Any:
    """A view for a form that acts on the organization in the URL (which must be in the user's writable scope)."""

    @login_required
    @require_http_methods(["GET", "POST"])
    @as_404
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        organization = queries.organization_get(request.user, pk=pk, action=CHANGE)
        data = request.POST if request.method == "POST" else None
        extra: dict[str, Any] = {}
        if form_class is MergeForm:
            extra["sources_named"] = (data or request.GET).getlist("sources")  # codes (or ids of old links)
        form = form_class(data, actor=request.user, organization=organization, **extra)
        back_to = reverse("organizations:detail", args=[organization.pk])
        return _two_step(request, form, back_to=back_to, organization=organization)

    view.__name__ = view.__qualname__ = f"{form_class.__name__.removesuffix('Form').lower()}_view"
    view.__doc__ = form_class.__doc__
    return view


establish = _organization_action(EstablishForm)
dissolve = _organization_action(DissolveForm)
rename = _organization_action(RenameForm)
move = _organization_action(MoveForm)
merge = _organization_action(MergeForm)
split = _organization_action(SplitForm)
unit_create = _organization_action(CoveredUnitForm)


@login_required
@require_http_methods(["GET", "POST"])
@as_404
def unit_cover(request: HttpRequest, pk: int) -> HttpResponse:
    """Attach a covered unit to its cell, or record that it has none."""
    units = CoveredUnit.objects.select_related("territory__kind", "territory__parent", "covered_by", "kind")
    unit = get_in_scope(units, request.user, CHANGE, pk=pk)
    data = request.POST if request.method == "POST" else None
    form = CoverForm(data, actor=request.user, organization=unit.territory, unit=unit)
    back_to = reverse("organizations:detail", args=[unit.territory_id])
    return _two_step(request, form, back_to=back_to, organization=unit.territory)
