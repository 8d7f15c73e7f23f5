"""The picker's endpoint: /organizations/pick/?q=&permission=&cells_only=&exclude_subtree_of=&kinds= answers the
<option>s of a page of choosable organizations (organizations.picker)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from core.views import as_404
from organizations import picker
from organizations.queries import organization_get


@login_required
@require_GET
@as_404
def pick(request: HttpRequest) -> HttpResponse:
    """A page of organizations the user may choose; the typed text is `q`, or the field's own value (`name`)."""
    params = request.GET
    permission = params.get("permission") or picker.Scope.permission
    if not picker.valid_permission(permission):
        raise Http404
    excluded = params.get("exclude_subtree_of", "").strip()
    scope = picker.Scope(
        permission=permission,
        cells_only=params.get("cells_only") == "1",
        exclude_subtree_of=organization_get(request.user, pk=excluded) if excluded.isdigit() else None,
        kinds=tuple(k for k in params.get("kinds", "").split(",") if k.strip())[:20],
    )
    name = params.get("name", "")
    text = params.get("q") or (params.get(name, "") if name and name != "q" else "")
    found = picker.organization_pick(request.user, q=text, scope=scope)
    choices = [(organization, picker.label(organization)) for organization in found.choices]
    return render(request, "organizations/_pick_options.html", {"choices": choices, "more": found.more})
