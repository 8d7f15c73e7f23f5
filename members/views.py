"""Member pages: the list, one member's file and timeline, the admission pipeline, the due lists, the event forms.

Views only parse, ask a query or a service, and render. Out of scope is a 404 everywhere; the forms need
"members.change" over the person's cell. A service's refusal is shown beside the field it names.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from core.errors import DomainError, Faults, NotInScope
from core.scope import CHANGE, holds
from core.views import as_404
from members import consequences, forms, pages, queries, voiding
from members import due as due_module
from members.duplicates import PossibleDuplicate
from members.kinds import offered_doors
from members.models import EventKind, Person
from members.party_age import next_presentation_day, party_age_of
from members.ruling import Snapshot
from members.standing.read import LATE_STEP_LABELS
from members.status import Timeline, derive, person_timeline
from organizations.models import Organization
from organizations.picker import Scope, organization_resolve
from organizations.queries import change_log_of

EXPORT_PATH = "/imports/members/export.xlsx"  # built by the ingest app; takes the list's query string
PER_PAGE = 50
_PAGING = frozenset({"page", "after", "before"})  # not carried into the links of the list


def _today() -> dt.date:
    return timezone.localdate()


def _organization_param(request: HttpRequest) -> Organization | None:
    """The ?organization= of the request (a code, or an id in older links): one of the user's organizations, else
    404 (organizations.picker answers the choices as the user types)."""
    raw = request.GET.get("organization", "").strip()
    if not raw:
        return None
    found = organization_resolve(request.user, raw, scope=Scope(permission="members.view"))
    if found is None:
        raise Http404
    return found


# ----------------------------------------------------------------------------- the list


@login_required
@require_GET
@as_404
def member_list(request: HttpRequest) -> HttpResponse:
    """Member files of the user's scope, filtered, in Vietnamese name order, 50 a page by keyset (?after= or
    ?before= a cursor, members.keyset), counted up to 10.000; HTMX swaps the results."""
    user = request.user
    today = _today()
    form = forms.MemberFilterForm(request.GET or None, user=user)
    if form.is_bound and not form.is_valid() and "organization" in form.errors:
        raise Http404
    spec = form.spec()
    try:
        page = queries.member_page(user, spec, on=today, after=request.GET.get("after"),
                                   before=request.GET.get("before"), per_page=PER_PAGE)
    except ValueError:  # a cursor this installation did not write: the first page
        page = queries.member_page(user, spec, on=today, per_page=PER_PAGE)
    rows = page.rows
    ages = queries.party_ages(rows, on=today)
    query = QueryDict(mutable=True)
    for key, values in request.GET.lists():
        kept = [v for v in values if v.strip()]
        if key not in _PAGING and kept:
            query.setlist(key, kept)
    context = {
        "form": form,
        "page": page,
        "rows": [(p, pages.age_years(p.birth_date, today), ages.get(p.pk)) for p in rows],
        "counts": queries.status_labels(page.by_status),  # none when the list has more than 10.000 files
        "query": query.urlencode(),
        "export_url": f"{EXPORT_PATH}?{query.urlencode()}" if query else EXPORT_PATH,
        "can_create": holds(user, "members.change"),
        "organization": spec.organization,
    }
    template = "members/_list_results.html" if request.htmx else "members/list.html"  # type: ignore[attr-defined]
    return render(request, template, context)


# ----------------------------------------------------------------------------- one member


def _offered_forms(timeline: Timeline) -> list[type[forms.EventForm]]:
    """The forms of the events the person's current state allows (members.kinds decides)."""
    return [door.form for door in offered_doors(timeline) if door.form is not None]


@login_required
@require_GET
@as_404
def member_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The member file, status, Party age, badges, due items, the timeline of events and the change log."""
    user = request.user
    today = _today()
    person = queries.person_get(user, pk=pk)
    events = list(queries.person_events(user, person))
    timeline = derive(events)
    rules = Snapshot()
    age = party_age_of(timeline, on=today, rules=rules)
    can_change = queries.persons_visible(user, CHANGE).filter(pk=person.pk).exists()
    due_items = due_module.due_items_of(person, events, on=today, rules=rules)
    voided = next((e for e in timeline.events if e.kind == EventKind.FILE_VOIDED), None)
    if voided is not None:  # shown for the record only: no deadline, badge or action runs on it
        due_items, age = [], None
    context = {
        "voided": voided,
        "person": person,
        "timeline": timeline,
        "rows": pages.timeline_rows(events),
        "party_age": age,
        "badge": pages.badge_info(timeline, seriously_ill=person.seriously_ill, age=age, on=today, rules=rules)
        if voided is None else None,
        "deadlines": [pages.describe_due(item, today=today, rules=rules) for item in due_items],
        "can_change": can_change,
        "actions": [(f.slug, f.title, reverse("members:event", args=[person.pk, f.slug]))
                    for f in _offered_forms(timeline)] if can_change else [],
        "records": change_log_of(person),
        "today": today,
    }
    return render(request, "members/detail.html", context)


# ----------------------------------------------------------------------------- pipeline and due lists


@login_required
@require_GET
@as_404
def pipeline(request: HttpRequest) -> HttpResponse:
    """The admission pipeline: one column per stage, the count per column and per cell."""
    user = request.user
    organization = _organization_param(request)
    board = pages.pipeline(user, organization=organization, on=_today())
    context = {"board": board, "organization": organization}
    return render(request, "members/pipeline.html", context)


@login_required
@require_GET
@as_404
def due_lists(request: HttpRequest) -> HttpResponse:
    """Pending steps of the files under an organization, by kind and deadline; badges due at the next presentation
    day; letters addressed to the user's cells that are not yet presented."""
    user = request.user
    today = _today()
    organization = _organization_param(request) or pages.default_organization(user)
    context: dict[str, Any] = {"organization": organization, "today": today}
    if organization is not None:
        items = queries.due_list(user, organization, on=today)
        names = pages.organization_names(i.organization_id for i in items)
        try:
            presentation_on = next_presentation_day(today)
            badges = queries.badges_due(user, organization, presentation_on=presentation_on)
        except DomainError:
            presentation_on, badges = None, []
        names |= pages.organization_names(b.organization_id for b in badges)
        try:
            awaiting = list(queries.transfers_awaiting(user, organization))
        except NotInScope:
            awaiting = []
        groups = [(kind, label, [(item, deadline, names.get(item.organization_id or 0, ""))
                                 for item, deadline in entries])
                  for kind, label, entries in pages.grouped_due(items, today=today)]
        context |= {
            "groups": groups,
            "count": len(items),
            "overdue": sum(1 for i in items if i.overdue),
            "presentation_on": presentation_on,
            "badges": [(b, names.get(b.organization_id, "")) for b in badges],
            "badge_citation": badges[0].citation if badges else "",
            "awaiting": awaiting,
        }
    return render(request, "members/due.html", context)


@login_required
@require_GET
@as_404
def late_steps(request: HttpRequest) -> HttpResponse:
    """Steps recorded after their deadline under an organization (accepted: history is what happened), how late in
    working days, latest first."""
    user = request.user
    organization = _organization_param(request) or pages.default_organization(user)
    context: dict[str, Any] = {"organization": organization}
    if organization is not None:
        rows = queries.late_steps(user, organization)
        page = Paginator(rows, 100).get_page(request.GET.get("page"))
        rules = Snapshot()
        context |= {"page": page, "labels": LATE_STEP_LABELS, "rows": [
            (row, str(rules.rule(row.rule_key, on=row.due_on).citation) if rules.has(row.rule_key, on=row.due_on)
             else "") for row in page]}
    return render(request, "members/late.html", context)


# ----------------------------------------------------------------------------- the member file


def _show_error(form: Any, error: DomainError, person: Person | None = None) -> None:
    """Every fault of a service's refusal beside the field it concerns (or on top); out of scope is a 404. A fault
    of the member file itself (date of birth, education...) says to fill it there, with a link to its form."""
    if isinstance(error, NotInScope):
        raise Http404(str(error.message))
    for fault in error.errors if isinstance(error, Faults) else [error]:
        form.add_error(form.error_field(fault), str(fault.message))
        if person is not None and fault.field in forms.PersonUpdateForm.base_fields:
            links = form.__dict__.setdefault("file_links", {})  # shown by the page with links to the file's form
            links[fault.field] = (forms.PersonUpdateForm.base_fields[fault.field].label,
                                  f"{reverse('members:edit', args=[person.pk])}#id_{fault.field}")


@login_required
@require_http_methods(["GET", "POST"])
@as_404
def person_create(request: HttpRequest) -> HttpResponse:
    """Open a member file in one of the user's cells."""
    user = request.user
    initial = {"organization": request.GET.get("organization")} if request.GET.get("organization") else {}
    form = forms.PersonCreateForm(request.POST if request.method == "POST" else None, actor=user, initial=initial)
    if not form.fields["organization"].queryset.exists():  # type: ignore[attr-defined]
        raise Http404
    if request.method == "POST" and form.is_valid():
        try:
            person = form.run()
        except PossibleDuplicate as error:
            form.duplicates = error.files
            form.add_error("confirm_duplicate", str(error.message))
        except DomainError as error:
            _show_error(form, error)
        else:
            messages.success(request, str(forms.FILE_OPENED) % {"name": person.full_name})
            return redirect("members:detail", pk=person.pk)
    return render(request, "members/person_form.html", {"form": form, "back_to": reverse("members:list")})


@login_required
@require_http_methods(["GET", "POST"])
@as_404
def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Correct or complete the fields of the member file."""
    person = queries.person_get(request.user, pk=pk, action=CHANGE)
    form = forms.PersonUpdateForm(request.POST if request.method == "POST" else None, actor=request.user,
                                  person=person)
    back_to = reverse("members:detail", args=[person.pk])
    if request.method == "POST" and form.is_valid():
        try:
            form.run()
        except DomainError as error:
            _show_error(form, error)
        else:
            messages.success(request, str(forms.FILE_SAVED))
            return redirect(back_to)
    return render(request, "members/person_form.html", {"form": form, "person": person, "back_to": back_to})


@login_required
@require_http_methods(["GET", "POST"])
@as_404
def person_void(request: HttpRequest, pk: int) -> HttpResponse:
    """Void a file entered by mistake, with its reason (an event; nothing is deleted)."""
    person = queries.person_get(request.user, pk=pk, action=CHANGE)
    back_to = reverse("members:detail", args=[person.pk])
    form = forms.PersonVoidForm(request.POST if request.method == "POST" else None, actor=request.user,
                                person=person)
    if request.method == "POST" and form.is_valid():
        try:
            form.run()
        except DomainError as error:
            _show_error(form, error)
        else:
            messages.success(request, str(forms.FILE_VOIDED) % {"name": person.full_name})
            return redirect("members:list")
    return render(request, "members/void_form.html", {"form": form, "person": person, "back_to": back_to,
                                                      "consequences": _void_consequences(request, person)})


def _void_consequences(request: HttpRequest, person: Person) -> consequences.Consequences | None:
    """What voiding will do, shown beside the confirmation box (a dry run; None when it would be refused)."""
    try:
        return consequences.dry_run(person, lambda: voiding.person_void(
            actor=request.user, person=person, reason=str(_("(preview)"))), QueryDict(), today=_today())
    except DomainError:
        return None


# ----------------------------------------------------------------------------- event forms


def _person_for_transfer_in(user: Any, pk: int) -> Person:
    """The person, when in the user's writable scope or when their open letter names one of the user's cells."""
    try:
        return queries.person_get(user, pk=pk, action=CHANGE)
    except NotInScope:
        found = queries.transfer_awaiting(user, pk)
        if found is None:
            raise
        return found


def _event_page(
    request: HttpRequest, person: Person, form_class: type[forms.EventForm], **extra: Any
) -> HttpResponse:
    today = _today()
    timeline = person_timeline(person)
    due_items = due_module.person_due_items(person, on=today)
    common = {"actor": request.user, "person": person, "timeline": timeline, "due": due_items, "today": today,
              **extra}
    if request.method == "GET" and request.GET.get("part") == "deadlines":
        form = form_class(request.GET, **common)
        return render(request, "members/_deadlines.html", {"deadlines": form.deadlines()})
    form = form_class(request.POST if request.method == "POST" else None, **common)
    back_to = reverse("members:detail", args=[person.pk])
    preview = None
    if request.method == "POST" and form.is_valid():
        try:
            if form.slug in consequences.GRAVE_SLUGS and not consequences.confirmed(request.POST):
                preview = consequences.dry_run(person, form.run, request.POST, today=today,
                                               barred=bool(form.cleaned_data.get("grounds")))
            else:
                event = form.run()
                messages.success(request, str(forms.EVENT_RECORDED) % {"event": event.get_kind_display(),
                                                                       "name": person.full_name})
                return redirect(f"{back_to}#timeline")
        except DomainError as error:
            _show_error(form, error, person)
    context = {"form": form, "person": person, "timeline": timeline, "back_to": back_to,
               "deadlines": form.deadlines(), "consequences": preview}
    return render(request, form.template_name_page, context)


@login_required
@require_http_methods(["GET", "POST"])
@as_404
def event_form(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    """Record one event on a member file; the form shows the deadlines that run and the one the event starts."""
    form_class = forms.event_form(slug)
    if form_class is None:
        raise Http404
    if form_class is forms.TransferInForm:
        person = _person_for_transfer_in(request.user, pk)
    else:
        person = queries.person_get(request.user, pk=pk, action=CHANGE)
    return _event_page(request, person, form_class)


@login_required
@require_http_methods(["GET", "POST"])
@as_404
def event_correct(request: HttpRequest, pk: int, event_pk: int) -> HttpResponse:
    """Correct or withdraw one event of the log (a new event supersedes it)."""
    person = queries.person_get(request.user, pk=pk, action=CHANGE)
    events = list(queries.person_events(request.user, person))
    event = next((e for e in events if e.pk == event_pk), None)
    if event is None or event.kind in (EventKind.CORRECTION, EventKind.RESTRUCTURE_MOVE):
        raise Http404
    if event.pk in pages.corrections_of(events):
        raise Http404  # already corrected: correct its latest version
    return _event_page(request, person, forms.CorrectionForm, event=event)

