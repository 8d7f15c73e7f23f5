"""Schemas of the due lists, badges and counts."""

from __future__ import annotations

import datetime as dt

from ninja import Schema


class DueItemOut(Schema):
    """A pending step with its deadline; `days_left` in working days, negative when overdue."""

    kind: str
    person_id: int
    person_name: str
    organization_id: int | None
    started_on: dt.date
    deadline: dt.date
    days_left: int
    overdue: bool
    rule_key: str
    citation: str
    # A decision's step (admission, recognition): the committee competent on the day (organizations.kinds).
    decided_by: str = ""
    decided_by_source: str = ""
    decided_by_confirmed: bool | None = None


class PersonDueOut(Schema):
    person_id: int
    on: dt.date
    items: list[DueItemOut]


class OrganizationDueOut(Schema):
    """Pending steps of the files registered in the organization's subtree, by deadline."""

    organization_id: int
    on: dt.date
    items: list[DueItemOut]


class BadgeDueOut(Schema):
    """A member due a badge (early: seriously ill, before the full years; posthumous: died after reaching them,
    Party age at death)."""

    person_id: int
    full_name: str
    organization_id: int
    badge_years: int
    age_years: int
    age_months: int
    early: bool
    posthumous: bool = False
    citation: str


class OrganizationBadgesOut(Schema):
    """Members of the subtree due a Party badge at the presentation day on or after the date asked."""

    organization_id: int
    presentation_on: dt.date
    items: list[BadgeDueOut]


class MemberCountsOut(Schema):
    """Members of the subtree on `on`, under the tree of that date (temporarily attached members count at home)."""

    organization_id: int
    on: dt.date
    members_total: int
    members_official: int
    members_probationary: int
    members_exempted: int
    candidates: int

