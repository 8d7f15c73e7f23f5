"""Read side of imports: who may import, and the import records a user may see (their own; all for administrators)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import DomainError, NotInScope
from core.scope import covers, holds, is_administrator, restrict
from ingest.models import ImportBatch, MemberKey
from members.models import Gender, Person, Status
from organizations.models import Organization
from organizations.queries import organization_get


def can_import_members(user: Any) -> bool:
    """The user may change member files somewhere (each row's cell is checked on its own)."""
    return holds(user, "members.change")


def require_can_import_members(user: Any) -> None:
    if not can_import_members(user):
        raise NotInScope(_("Not found."))


def may_import_into(user: Any, organization: Organization) -> bool:
    """The user may change member files in the organization (a row's cell)."""
    return covers(user, organization, "members.change")


def batches_visible(user: Any) -> QuerySet[ImportBatch]:
    """Import records are their sender's: a user sees their own, an administrator every one."""
    if not getattr(user, "is_authenticated", False):
        return ImportBatch.objects.none()
    queryset = ImportBatch.objects.select_related("user")
    return queryset if is_administrator(user) else queryset.filter(user=user)


def own_batches(user: Any) -> QuerySet[ImportBatch]:
    """The imports the user sent, newest first."""
    if getattr(user, "pk", None) is None:
        return ImportBatch.objects.none()
    return batches_visible(user).filter(user__pk=user.pk)


def batch_get(user: Any, *, pk: Any) -> ImportBatch:
    try:
        return batches_visible(user).get(pk=pk)
    except (ImportBatch.DoesNotExist, ValueError, TypeError) as exc:
        raise NotInScope(_("Not found.")) from exc


def member_keys(person_ids: list[int]) -> dict[int, str]:
    """Member codes given by import files, by person id (callers pass persons already read through their scope)."""
    return dict(MemberKey.objects.filter(person_id__in=person_ids).values_list("person_id", "code"))


def member_keys_visible(user: Any, *, person_id: int | None = None, code: str | None = None) -> QuerySet[MemberKey]:
    """The member codes import files gave to the member files the user may see: of one file, or by the code as
    written in a file (spaces and case as the import keeps them)."""
    keys = restrict(MemberKey.objects.select_related("person", "batch"), user, "members.view")
    if person_id is not None:
        keys = keys.filter(person_id=person_id)
    if code is not None:
        keys = keys.filter(code=" ".join(code.split()).upper())
    return keys.order_by("code")


def batch_created(user: Any, batch: ImportBatch) -> QuerySet[MemberKey]:
    """The member files an import created that the user may see, in the order it created them, with their codes."""
    return member_keys_visible(user).filter(batch=batch).order_by("id")


def members_for_export(
    user: Any,
    *,
    statuses: list[str] | None = None,
    organization_id: int | None = None,
    gender: str | None = None,
    ethnicity_code: str | None = None,
    age_band: str | None = None,
    party_age_band: str | None = None,
    q: str | None = None,
    on: dt.date | None = None,
) -> QuerySet[Person]:
    """The member files the member list shows under the same filters (members.queries.filter_members), in the
    user's scope and Vietnamese name order. `statuses` may repeat and may name the list's groups ("active",
    "members"). A bad filter value is refused (DomainError naming the filter); an organization outside the
    user's scope is NotInScope (404).
    """
    from members.pages import AGE_BAND_BY_CODE, PARTY_AGE_BAND_BY_CODE, STATUS_GROUPS
    from members.queries import MemberFilter, filter_members

    chosen = [s for s in (statuses or []) if s]
    unknown = [s for s in chosen if s not in Status.values and s not in STATUS_GROUPS]
    if unknown:
        raise DomainError(_("Unknown status “%(status)s”.") % {"status": unknown[0][:40]}, field="status")
    if gender and gender not in Gender.values:
        raise DomainError(_("Unknown gender “%(gender)s”.") % {"gender": gender[:40]}, field="gender")
    if age_band and age_band not in AGE_BAND_BY_CODE:
        raise DomainError(_("Unknown age band “%(band)s”.") % {"band": age_band[:40]}, field="age_band")
    if party_age_band and party_age_band not in PARTY_AGE_BAND_BY_CODE:
        raise DomainError(_("Unknown age band “%(band)s”.") % {"band": party_age_band[:40]}, field="party_age_band")
    organization = organization_get(user, pk=organization_id) if organization_id is not None else None
    spec = MemberFilter(organization=organization, gender=gender or "", ethnicity=(ethnicity_code or "").strip(),
                        age_band=age_band or "", party_age_band=party_age_band or "", q=(q or "").strip())
    people = filter_members(user, spec, on=on or timezone.localdate())
    if chosen:
        people = people.filter(status__in=sorted({s for c in chosen for s in STATUS_GROUPS.get(c, [c])}))
    return people
