"""Who is rated in a campaign, computed from the tree and the members as of its reference date, and the scheme as
it applies that day. Unscoped: callers (queries, services) restrict what they show or write.

- Organizations: every grassroots organization (kind.is_grassroots), sub-organization and cell that stood under
  the campaign's organization on the reference date (not the organization itself: its committee is rated by the
  level above).
- Members: every person whose membership spell on the reference date (probationary, official, exempted) lies in
  a cell of that subtree; excluded, with the reason and the article: the statuses the scheme excludes (exempted;
  suspended: a suspension from Party activities in force on the reference date, members.kinds.suspension — one
  lifted the day before is rated) and members admitted less than the scheme's months before the reference date
  (admitted exactly that many months before: rated).
- Leaders (where the scheme names `leader_seats`): the holders, on the reference date, of those committee seats
  (committees.Seat: secretary, deputy secretary, standing committee …) in the organizations rated in the campaign;
  one row per person (the first seat in the scheme's order), excluded when excluded as a member. Rated after
  their collective (rating.checks).
- Quota groups (default): organizations by kind and parent committee, members by cell, leaders together.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _

from committees.models import Seat, SeatKind
from members.kinds.suspension import article as suspension_article
from members.kinds.suspension import describe as describe_suspension
from members.kinds.suspension import suspensions_on
from members.models import MEMBER_STATUSES, EventKind, MemberEvent, MembershipSpell, Person, Status
from organizations.models import Organization, OrganizationVersion
from organizations.queries import subtree_versions_as_of
from rating import reference
from rating.models import Campaign, Scheme, SchemeLevel, Subject
from rules.calendar import add_months
from rules.errors import RuleMissing
from rules.queries import rule

CELL_KINDS = ("cell",)
SUB_COMMITTEE_KINDS = ("sub-committee",)


def scheme_for_year(year: int) -> Scheme | None:
    for scheme in Scheme.objects.order_by("-first_year"):
        if scheme.covers_year(year):
            return scheme
    return None


@dataclass(frozen=True)
class AppliedScheme:
    """The scheme of a campaign with the rules app's numbers of the reference date (when recorded)."""

    scheme: Scheme
    excluded_statuses: tuple[str, ...]
    exclude_admitted_months: int
    exclusions_article: str
    score_scale: int
    score_bands: tuple[int, ...]  # lowest scores of completed, good, excellent (empty: no bands)
    levels: dict[str, dict[str, SchemeLevel]] = field(default_factory=dict)  # subject -> code -> level

    def label(self, subject: str, code: str) -> str:
        level = self.levels.get(subject, {}).get(code)
        return level.label if level else code

    def level_choices(self, subject: str) -> list[tuple[str, str]]:
        return [(code, level.label) for code, level in self.levels.get(subject, {}).items()]


def _rule(key: str, on: dt.date) -> Any:
    try:
        return rule(key, on=on)
    except RuleMissing:
        return None


def applied_scheme(campaign: Campaign) -> AppliedScheme:
    cached = getattr(campaign, "_applied_scheme", None)
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    scheme, on = campaign.scheme, campaign.reference_date
    months_rule, excluded_rule = _rule(reference.EXCLUDE_ADMITTED, on), _rule(reference.EXCLUDED_MEMBERS, on)
    scale_rule, bands_rule = _rule(reference.SCORE_SCALE, on), _rule(reference.SCORE_BANDS, on)
    months = int(months_rule.value) if months_rule is not None else scheme.exclude_admitted_months
    excluded = tuple(excluded_rule.value) if excluded_rule is not None else tuple(scheme.excluded_statuses)
    article = scheme.exclusions_article
    if months_rule is not None:
        article = f"{article} [{months_rule.key}]"
    scale = int(scale_rule.value) if scale_rule is not None else scheme.score_scale
    bands: tuple[int, ...] = tuple(bands_rule.value) if bands_rule is not None and scale else ()
    levels: dict[str, dict[str, SchemeLevel]] = {}
    for level in SchemeLevel.objects.filter(scheme=scheme).order_by("subject", "order"):
        levels.setdefault(level.subject, {})[level.code] = level
    result = AppliedScheme(scheme, excluded, months, article, scale, bands, levels)
    campaign._applied_scheme = result  # type: ignore[attr-defined]
    return result


@dataclass
class SubjectRow:
    subject: str
    organization: Organization
    name: str
    kind_code: str
    parent_id: int | None
    person: Person | None = None
    excluded: str = ""  # why the member is not rated (with the article)
    quota_group: str = ""
    role: str = ""  # a leader's seat

    @property
    def key(self) -> tuple[str, int]:
        return (str(self.subject), self.person.pk) if self.person else ("organization", self.organization.pk)


def _versions(campaign: Campaign) -> list[OrganizationVersion]:
    return list(subtree_versions_as_of(campaign.organization, on=campaign.reference_date).select_related(
        "kind", "organization"))


def organization_group(kind_code: str, parent_id: int | None) -> str:
    return f"organization:{kind_code}:{parent_id or 0}"


def member_group(cell_id: int) -> str:
    return f"member:{cell_id}"


def leader_group(campaign: Campaign) -> str:
    return f"leader:{campaign.organization_id}"


def is_rated_kind(version: OrganizationVersion) -> bool:
    return bool(version.kind.is_grassroots or version.kind.code in CELL_KINDS + SUB_COMMITTEE_KINDS)


def organization_subjects(campaign: Campaign) -> list[SubjectRow]:
    rows = []
    for version in _versions(campaign):
        if version.organization_id == campaign.organization_id or not is_rated_kind(version):
            continue
        rows.append(SubjectRow(Subject.ORGANIZATION, version.organization, version.name, version.kind.code,
                               version.parent_id, quota_group=organization_group(version.kind.code,
                                                                                 version.parent_id)))
    return sorted(rows, key=lambda r: (r.organization.path,))


def admitted_on(person_ids: list[int], on: dt.date) -> dict[int, dt.date]:
    """The latest admission (or re-admission) decision on or before `on` of each person, from live events."""
    events = MemberEvent.objects.current().filter(
        person_id__in=person_ids, kind__in=[EventKind.ADMISSION_DECISION, EventKind.READMISSION_DECISION],
        occurred_on__lte=on,
    ).values_list("person_id", "occurred_on")
    result: dict[int, dt.date] = {}
    for person_id, day in events:
        if person_id not in result or day > result[person_id]:
            result[person_id] = day
    return result


def member_subjects(campaign: Campaign, *, cell: Organization | None = None) -> list[SubjectRow]:
    on = campaign.reference_date
    versions = {v.organization_id: v for v in _versions(campaign)}
    if cell is not None:
        versions = {k: v for k, v in versions.items() if k == cell.pk}
    spells = list(MembershipSpell.objects.filter(
        organization_id__in=list(versions), status__in=list(MEMBER_STATUSES), valid_from__lte=on,
    ).filter(Q(valid_to__isnull=True) | Q(valid_to__gt=on)).select_related("person"))
    applied = applied_scheme(campaign)
    admissions = admitted_on([s.person_id for s in spells], on)
    limit = add_months(on, -applied.exclude_admitted_months) if applied.exclude_admitted_months else None
    suspended = (suspensions_on([s.person_id for s in spells], on) if "suspended" in applied.excluded_statuses
                 else {})
    rows = []
    for spell in spells:
        version = versions[spell.organization_id]
        excluded = ""
        if spell.status == Status.EXEMPTED and "exempted" in applied.excluded_statuses:
            excluded = _("exempted from work and Party activities (%(article)s)") % {
                "article": applied.exclusions_article}
        elif spell.person_id in suspended:
            excluded = _("%(suspension)s, on %(on)s (%(article)s; %(source)s)") % {
                "suspension": describe_suspension(suspended[spell.person_id]), "on": on.strftime("%d/%m/%Y"),
                "article": applied.exclusions_article,
                "source": suspension_article(suspended[spell.person_id].occurred_on)}
        elif limit is not None and spell.person_id in admissions and admissions[spell.person_id] > limit:
            excluded = _("admitted on %(day)s, less than %(months)d months before %(on)s (%(article)s)") % {
                "day": admissions[spell.person_id].strftime("%d/%m/%Y"), "months": applied.exclude_admitted_months,
                "on": on.strftime("%d/%m/%Y"), "article": applied.exclusions_article}
        rows.append(SubjectRow(Subject.MEMBER, version.organization, version.name, version.kind.code,
                               version.parent_id, person=spell.person, excluded=excluded,
                               quota_group=member_group(spell.organization_id)))
    return sorted(rows, key=lambda r: (r.organization.path, r.person.sort_name if r.person else ""))


def leader_subjects(campaign: Campaign) -> list[SubjectRow]:
    """The holders of the scheme's leader seats on the reference date in the organizations rated (none when the
    scheme does not rate leaders as a subject)."""
    kinds = [str(k) for k in (campaign.scheme.leader_seats or [])]
    if not kinds:
        return []
    on = campaign.reference_date
    orgs = {r.organization.pk: r for r in organization_subjects(campaign)}
    seats = list(Seat.objects.filter(organization_id__in=list(orgs), kind__in=kinds, starts_on__lte=on)
                 .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=on)).select_related("person"))
    seats.sort(key=lambda seat: (kinds.index(seat.kind), seat.starts_on, seat.pk))
    excluded = {r.person.pk: r.excluded for r in member_subjects(campaign) if r.person is not None}
    labels = dict(SeatKind.choices)
    rows: dict[int, SubjectRow] = {}
    for seat in seats:
        if seat.person_id in rows:
            continue
        org = orgs[seat.organization_id]
        rows[seat.person_id] = SubjectRow(Subject.LEADER, org.organization, org.name, org.kind_code, org.parent_id,
                                          person=seat.person, excluded=excluded.get(seat.person_id, ""),
                                          quota_group=leader_group(campaign), role=str(labels.get(seat.kind, "")))
    return sorted(rows.values(), key=lambda r: (r.organization.path, r.person.sort_name if r.person else ""))
