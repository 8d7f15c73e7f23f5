"""The one scoping function. Every read of domain data passes through `restrict`.

A user sees an object when one of their active roles grants "<app>.<action>" over an
organization whose subtree (materialized path prefix) contains the object's organization.
No role, no data. Superusers (installation administrators) see everything.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.db.models import Q

from core.errors import NotInScope

M = TypeVar("M", bound=models.Model)

VIEW = "view"
CHANGE = "change"


def granted_paths(user: Any, permission: str) -> list[str]:
    """Paths of the subtrees over which the user holds `permission`, outermost only."""
    if not getattr(user, "is_authenticated", False):
        return []
    cache = user.__dict__.setdefault("_scope_cache", {})
    if permission not in cache:
        from accounts.models import Role

        roles = Role.objects.filter(user=user, is_active=True).select_related("kind", "organization")
        paths = sorted({r.organization.path for r in roles if permission in r.kind.permissions})
        cache[permission] = [p for p in paths if not any(p != q and p.startswith(q) for q in paths)]
    return list(cache[permission])


def forget_cached_scope(user: Any) -> None:
    """Drop the per-request cache after roles change."""
    user.__dict__.pop("_scope_cache", None)


def restrict(queryset: models.QuerySet[M], user: Any, action: str = VIEW) -> models.QuerySet[M]:
    """The queryset narrowed to what `user` may `action`. The model says where its path is."""
    model = queryset.model
    if getattr(user, "is_superuser", False) and getattr(user, "is_active", False):
        return queryset
    lookup: str = model.scope_path_lookup  # type: ignore[attr-defined]
    permission = f"{model._meta.app_label}.{action}"
    paths = granted_paths(user, permission)
    if not paths:
        return queryset.none()
    condition = Q()
    for path in paths:
        condition |= Q(**{f"{lookup}__under": path})
    filtered = queryset.filter(condition)
    return filtered.distinct() if "__" in lookup and getattr(model, "scope_needs_distinct", False) else filtered


def get_in_scope(queryset: models.QuerySet[M], user: Any, action: str = VIEW, **lookup: Any) -> M:
    """One object from the user's scope, or NotInScope (shown as 404) whether missing or forbidden."""
    try:
        return restrict(queryset, user, action).get(**lookup)
    except (ObjectDoesNotExist, ValueError, TypeError, OverflowError) as exc:
        raise NotInScope(_not_found_message()) from exc


def require_in_scope(instance: models.Model, user: Any, action: str = CHANGE) -> None:
    """Re-check inside a write's transaction that the instance is (still) in the actor's scope."""
    manager = type(instance)._default_manager
    if not restrict(manager.filter(pk=instance.pk), user, action).exists():
        raise NotInScope(_not_found_message())


def _not_found_message() -> str:
    from django.utils.translation import gettext

    return gettext("Not found.")
