"""The one scoping function. Every read of domain data, and every write's re-check, asks this module.

A user's active roles give permissions "<app>.<action>" (accounts.RoleKind.granted(): the families the
kind holds, from what the installed apps declare in core.permissions, plus any permission named one by
one). A role reaches either an organization and everything under it (materialized path prefix), or —
with `Role.person` — one person's own file and what hangs from it. No role, no data. Installation
administrators (active superusers) reach everything. Nothing outside core reads roles or paths to decide
scope (scripts/check_layers.py enforces it).

Public names (stable; new apps build on them):

- `VIEW`, `CHANGE` — the two actions every app declares.
- `covers(user, organization, permission) -> bool` — may the user `permission` ("members.change") in this
  organization (its subtree roles, not person roles)?
- `require_covers(user, organization, permission)` — the same, raising `NotInScope` (shown as 404).
- `restrict(queryset, user, permission=VIEW, *, via=None, via_person=None)` — the queryset narrowed to
  what the user may `permission`. `permission` is "<app>.<action>", or only the action ("view", "change"),
  which then means the queried model's app. `via` names the lookup to an organization path (default: the
  model's `scope_path_lookup`), e.g. `restrict(Organization.objects.all(), user, "members.change",
  via="path")` for the organizations where the user may change member files, or an annotated path.
  `via_person` names the lookup to the person a row belongs to (default: the model's
  `scope_person_lookup`; none when `via` is given), through which person roles reach rows.
- `get_in_scope(queryset, user, permission=VIEW, **lookup)` — one object, or `NotInScope` whether missing
  or forbidden (the same 404).
- `require_in_scope(instance, user, permission=CHANGE)` — re-check inside a write's transaction.
- `holds(user, permission) -> bool` — does the user hold the permission anywhere (e.g. show a "New" link)?
- `is_administrator(user) -> bool` — an active installation administrator (superuser).
- `forget_cached_scope(user)` — drop the per-request cache after roles change.
- `OUT_OF_SCOPE` — the text shown instead of an out-of-scope name ("(ngoài phạm vi)").

Models declare `scope_path_lookup` (e.g. "organization__path") and may declare `scope_person_lookup`
(e.g. "pk" on Person, "person" on its events) and `scope_needs_distinct` (lookups through a to-many).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeVar

from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy

from core.errors import NotInScope

M = TypeVar("M", bound=models.Model)

VIEW = "view"
CHANGE = "change"
# Shown instead of the name of something outside the reader's scope (lineage, change log, API links).
OUT_OF_SCOPE = gettext_lazy("(out of scope)")


@dataclass(frozen=True)
class _Grant:
    paths: tuple[str, ...]  # outermost subtree paths
    persons: frozenset[int]  # ids of persons reached by person roles


_NOTHING = _Grant((), frozenset())
_ROLES = "__roles__"  # key of the cached role rows in the per-request scope cache


def is_administrator(user: Any) -> bool:
    """An active installation administrator: sees and may change everything."""
    return bool(getattr(user, "is_superuser", False) and getattr(user, "is_active", False))


def _grant(user: Any, permission: str) -> _Grant:
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", True):
        return _NOTHING
    cache = user.__dict__.setdefault("_scope_cache", {})
    if permission not in cache:
        from accounts.models import Role

        # The user's roles are read once per request, whatever the number of permissions asked (every app's
        # panel on a page asks its own); forget_cached_scope drops them with the grants.
        if _ROLES not in cache:
            cache[_ROLES] = list(Role.objects.filter(user=user, is_active=True).select_related("kind", "organization"))
        roles = cache[_ROLES]
        paths: set[str] = set()
        persons: set[int] = set()
        for role in roles:
            if permission not in role.kind.granted():
                continue
            if role.person_id is not None:
                persons.add(role.person_id)
            else:
                paths.add(role.organization.path)
        ordered = sorted(paths)
        outermost = tuple(p for p in ordered if not any(p != q and p.startswith(q) for q in ordered))
        cache[permission] = _Grant(outermost, frozenset(persons))
    return cache[permission]  # type: ignore[no-any-return]


def granted_paths(user: Any, permission: str) -> list[str]:
    """Paths of the subtrees over which the user holds `permission`, outermost only (core use only)."""
    return list(_grant(user, permission).paths)


def forget_cached_scope(user: Any) -> None:
    """Drop the per-request cache after roles change."""
    user.__dict__.pop("_scope_cache", None)


def permission_for(model: type[models.Model], permission: str) -> str:
    """ "members.change" as given; a bare action ("change") is the model's app's."""
    return permission if "." in permission else f"{model._meta.app_label}.{permission}"


def holds(user: Any, permission: str) -> bool:
    """The user holds `permission` somewhere (over a subtree or a person)."""
    if is_administrator(user):
        return True
    grant = _grant(user, permission)
    return bool(grant.paths or grant.persons)


def covers(user: Any, organization: Any, permission: str) -> bool:
    """The user may `permission` in `organization` (an Organization, or its path) and everything under it."""
    if is_administrator(user):
        return True
    path = organization if isinstance(organization, str) else getattr(organization, "path", "")
    return bool(path) and any(path.startswith(p) for p in _grant(user, permission).paths)


def require_covers(user: Any, organization: Any, permission: str) -> None:
    """`covers`, or NotInScope (404) revealing nothing."""
    if not covers(user, organization, permission):
        raise NotInScope(_not_found_message())


def restrict(
    queryset: models.QuerySet[M],
    user: Any,
    permission: str = VIEW,
    *,
    via: str | None = None,
    via_person: str | None = None,
) -> models.QuerySet[M]:
    """The queryset narrowed to what `user` may `permission` (see the module docstring)."""
    model = queryset.model
    if is_administrator(user):
        return queryset
    permission = permission_for(model, permission)
    lookup: str = via or model.scope_path_lookup  # type: ignore[attr-defined]
    person_lookup = via_person or (None if via else getattr(model, "scope_person_lookup", None))
    grant = _grant(user, permission)
    condition = Q(pk__in=[])
    for path in grant.paths:
        condition |= Q(**{f"{lookup}__under": path})
    if person_lookup and grant.persons:
        condition |= Q(**{f"{person_lookup}__in": sorted(grant.persons)})
    if not grant.paths and not (person_lookup and grant.persons):
        return queryset.none()
    filtered = queryset.filter(condition)
    return filtered.distinct() if "__" in lookup and getattr(model, "scope_needs_distinct", False) else filtered


def get_in_scope(queryset: models.QuerySet[M], user: Any, permission: str = VIEW, **lookup: Any) -> M:
    """One object from the user's scope, or NotInScope (shown as 404) whether missing or forbidden."""
    try:
        return restrict(queryset, user, permission).get(**lookup)
    except (ObjectDoesNotExist, ValueError, TypeError, OverflowError) as exc:
        raise NotInScope(_not_found_message()) from exc


def require_in_scope(instance: models.Model, user: Any, permission: str = CHANGE) -> None:
    """Re-check inside a write's transaction that the instance is (still) in the actor's scope."""
    manager = type(instance)._default_manager
    if not restrict(manager.filter(pk=instance.pk), user, permission).exists():
        raise NotInScope(_not_found_message())


def _not_found_message() -> str:
    from django.utils.translation import gettext

    return gettext("Not found.")
