"""Shapes of the organization API: one input schema per write, output schemas per kind of answer.

Input types are bounded at the edge (ids within the database's integer range, dates within reason,
text without NUL or lone surrogates), so nothing a client sends can reach the database as an
impossible value; the rules themselves (codes, names, decision numbers, dates) stay in the services.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from ninja import Schema
from pydantic import Field

# The shared edge types live in core.schemas; they are re-exported here for the organization routes.
from core.schemas import (
    Day,
    Id,
    Issuer,
    PatchIn,
    ShortText,
    Text,
)


class DecisionIn(Schema):
    """The decision behind an event: number (05-CT/TW, 855/NQ-UBTVQH14), signing date, issuing body."""

    number: ShortText
    date: Day
    issuer: Issuer = ""


class DecisionOut(Schema):
    number: str
    date: dt.date
    issuer: str


class KindOut(Schema):
    code: str
    name: str


# ----------------------------------------------------------------------------- organizations


class OrganizationOut(Schema):
    """An organization as it stands today."""

    id: int
    code: str
    name: str
    kind: KindOut
    parent_id: int | None
    path: str
    depth: int
    established_on: dt.date
    dissolved_on: dt.date | None
    is_active: bool
    note: str


class OrganizationChildOut(OrganizationOut):
    """A child organization, with how many organizations sit directly under it."""

    child_count: int


class OrganizationPageOut(Schema):
    """One page of a filtered organization list; `count` is the total before paging."""

    count: int
    limit: int
    offset: int
    items: list[OrganizationOut]


class OrganizationEstablishIn(Schema):
    """Establish an organization under a parent from a date, by a decision."""

    code: ShortText
    name: ShortText
    kind: ShortText = Field(description="Code of the organization kind, e.g. 'commune' or 'cell'.")
    parent_id: Id | None = None
    established_on: Day
    decision: DecisionIn
    note: Text = ""
    reason: Text = ""


class OrganizationUpdateIn(PatchIn):
    """Correct a misspelt current name (with a reason) or the note. A dated rename is a lineage event."""

    name: ShortText | None = None
    note: Text | None = None
    reason: Text = ""


class ChangeRecordOut(Schema):
    """One row of an object's change log."""

    id: int
    time: dt.datetime
    user_name: str
    request_id: str
    action: str
    object_repr: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    reason: str


# ----------------------------------------------------------------------------- lineage events


class LineageLinkOut(Schema):
    """An organization's part in an event: source (predecessor), target (successor) or subject.

    An organization outside the caller's scope has no id, an empty code and the name "(out of scope)".
    """

    organization_id: int | None
    code: str
    name: str
    role: str


class LineageEventOut(Schema):
    """A dated restructuring with its decision and the organizations it involved."""

    id: int
    kind: str
    effective_on: dt.date
    decision: DecisionOut
    details: dict[str, Any]
    note: str
    links: list[LineageLinkOut]


class LineageEventPageOut(Schema):
    count: int
    limit: int
    offset: int
    items: list[LineageEventOut]


class _EventIn(Schema):
    effective_on: Day
    decision: DecisionIn
    reason: Text = ""


class DissolveIn(_EventIn):
    """Dissolve an organization that has no active child."""

    kind: Literal["dissolve"]
    organization_id: Id


class RenameIn(_EventIn):
    """Rename an organization from a date on."""

    kind: Literal["rename"]
    organization_id: Id
    new_name: ShortText


class MoveIn(_EventIn):
    """Move an organization and its subtree under another parent from a date on."""

    kind: Literal["move"]
    organization_id: Id
    new_parent_id: Id


class NewOrganizationIn(Schema):
    """An organization that a merger or split establishes (parent: the predecessor's unless given)."""

    code: ShortText
    name: ShortText
    kind: ShortText
    parent_id: Id | None = None


class MergeIn(_EventIn):
    """Merge organizations into an existing one (`target_id`) or a new one (`new_target`)."""

    kind: Literal["merge"]
    source_ids: list[Id] = Field(max_length=200)
    target_id: Id | None = None
    new_target: NewOrganizationIn | None = None
    child_moves: dict[Id, Id] = Field(
        default_factory=dict, description="Active child id -> its new parent id (default: the successor)."
    )


class SplitIn(_EventIn):
    """Split one organization into several new ones; every active child is mapped to a successor code."""

    kind: Literal["split"]
    source_id: Id
    targets: list[NewOrganizationIn] = Field(max_length=200)
    child_moves: dict[Id, ShortText] = Field(default_factory=dict, description="Active child id -> successor code.")
    member_successor_code: ShortText | None = None


LineageEventIn = Annotated[DissolveIn | RenameIn | MoveIn | MergeIn | SplitIn, Field(discriminator="kind")]


# ----------------------------------------------------------------------------- tree of a date


class TreeNodeOut(Schema):
    """One organization as it stood on the date."""

    organization_id: int
    code: str
    name: str
    kind_name: str
    parent_id: int | None
    path: str
    depth: int


class TreeOut(Schema):
    """The visible tree on `as_of`, parents before children."""

    as_of: dt.date
    root_id: int | None
    nodes: list[TreeNodeOut]


# ----------------------------------------------------------------------------- covered units


class CoveredUnitOut(Schema):
    """A village, school, clinic or agency on a territory today, and the cell covering it today (if any).

    `established_on` empty: registered without its date (unknown)."""

    id: int
    code: str
    name: str
    kind: KindOut
    territory_id: int
    covered_by_id: int | None
    established_on: dt.date | None
    dissolved_on: dt.date | None


class CoveredUnitVersionOut(Schema):
    """The unit's name and territory between two dates (`valid_from` empty: since a date unknown)."""

    valid_from: dt.date | None
    valid_to: dt.date | None
    name: str
    territory_id: int


class CoverageOut(Schema):
    """A cell covering the unit between two dates (`valid_from` empty: since a date unknown; `valid_to` exclusive)."""

    cell_id: int
    cell_name: str
    valid_from: dt.date | None
    valid_to: dt.date | None


class UnitEventOut(Schema):
    """A dated event of covered units with its State decision; `links` name each unit's part."""

    id: int
    kind: str
    effective_on: dt.date
    decision: DecisionOut
    note: str
    links: list[dict[str, Any]]


class CoveredUnitDetailOut(CoveredUnitOut):
    versions: list[CoveredUnitVersionOut]
    coverages: list[CoverageOut]
    events: list[UnitEventOut]


class CoveredUnitCreateIn(Schema):
    """Register a unit on an organization's territory, optionally with the cell that covers it.

    Without `established_on` the unit exists since a date unknown; with `decision`, its establishment is an event."""

    code: ShortText
    name: ShortText
    kind: ShortText = Field(description="Code of the covered unit kind, e.g. 'village' or 'school'.")
    territory_id: Id
    covered_by_id: Id | None = None
    established_on: Day | None = None
    decision: DecisionIn | None = None
    reason: Text = ""


class CoveredUnitAssignIn(Schema):
    """From `effective_on`, the unit is covered by the cell (`covered_by_id`), or by none (null)."""

    covered_by_id: Id | None
    effective_on: Day
    reason: Text = ""


class NewUnitIn(Schema):
    """A unit that a merger or split establishes (kind and territory: the predecessor's unless given)."""

    code: ShortText
    name: ShortText
    kind: ShortText | None = None
    territory_id: Id | None = None
    covered_by_id: Id | None = None


class _UnitEventIn(Schema):
    effective_on: Day
    decision: DecisionIn
    reason: Text = ""


class UnitRenameIn(_UnitEventIn):
    kind: Literal["rename"]
    unit_id: Id
    new_name: ShortText


class UnitDissolveIn(_UnitEventIn):
    kind: Literal["dissolve"]
    unit_id: Id


class UnitMergeIn(_UnitEventIn):
    """Merge units into an existing one (`target_id`) or a new one (`new_target`)."""

    kind: Literal["merge"]
    source_ids: list[Id] = Field(max_length=200)
    target_id: Id | None = None
    new_target: NewUnitIn | None = None


class UnitSplitIn(_UnitEventIn):
    kind: Literal["split"]
    source_id: Id
    targets: list[NewUnitIn] = Field(max_length=200)


UnitEventIn = Annotated[UnitRenameIn | UnitDissolveIn | UnitMergeIn | UnitSplitIn, Field(discriminator="kind")]
