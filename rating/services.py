"""Every write of the rating: campaigns, and steps of ratings (one or many at once). One transaction each, logged,
all-or-nothing: every fault of the input is collected and raised at once (`Faults`), naming the field and the
rule with its article; nothing is written.

Rules (rating/subjects.py computes subjects and the scheme of the year):
- the level must be one of the scheme's levels for that subject; a score only where the scheme scores, within
  its scale and, where it has bands, in the band of the level;
- the subject must be rated in the campaign: an organization or a member of its subtree on the reference date,
  not excluded (exempted, suspended, admitted less than the scheme's months before);
- steps in order: self-assessment → review → advisory proposal → decision, each at most once and not dated
  before the self-assessment; a decision changes only by a new, later, dated decision (`amend`); collectives
  before their members (a member's decision needs their cell's), lower levels before higher (an organization's
  decision needs those of the organizations under it in the campaign);
- at a decision: no "excellent" for a subject disciplined that year (core.discipline) nor, where the scheme says
  so, for a cell with a member rated "not completed"; the quota: "excellent" at most the scheme's percentage of
  those rated "completed well" within the quota group.
In a campaign of past results (`historic`, with its deciding document) the steps before the decision may be
missing, and a decision that breaks the quota or a bar is recorded as decided with the exception named
(`Rating.exception`) instead of refused.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from core.changelog import log_change, snapshot
from core.decisions import Decision, check_date
from core.errors import DomainError
from core.models import ChangeAction
from core.scope import require_covers
from core.validators import has_control_characters
from organizations.models import Organization
from rating import subjects as subj
from rating.checks import (
    FaultList,
    Gauge,
    RatingEntry,
    _check_bars,
    _check_order,
    _check_quota,
    _check_score,
    _Planned,
    _prefix,
    _text,
    gauges,
)
from rating.models import Campaign, Rating, RatingStep, StepKind, Subject

__all__ = ["Gauge", "RatingEntry", "campaign_open", "gauges", "rating_record", "rating_record_many"]

CHANGE_PERMISSION = "rating.change"


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "pk", None) else None


# ----------------------------------------------------------------------------- campaigns


def campaign_open(
    *,
    actor: Any,
    organization: Organization,
    year: int,
    reference_date: dt.date | None = None,
    self_assessment_due: dt.date | None = None,
    decision_due: dt.date | None = None,
    historic: bool = False,
    decision: Decision | None = None,
    note: str = "",
    reason: str = "",
) -> Campaign:
    """Open the rating of `year` over the organization's subtree, under the scheme of that year."""
    faults = FaultList()
    with transaction.atomic():
        organization = Organization.objects.select_for_update().get(pk=organization.pk)
        require_covers(actor, organization, CHANGE_PERMISSION)
        note = _text(note, field_name="note", faults=faults)
        reason = _text(reason, field_name="reason", faults=faults, max_length=1000)
        scheme = subj.scheme_for_year(year) if 1900 <= year <= 2100 else None
        if scheme is None:
            faults.add(_("No rating scheme is recorded for %(year)s.") % {"year": year}, "year")
        reference_date = reference_date or dt.date(min(max(year, 1), 9999), 12, 31)
        if reference_date.year != year:
            faults.add(_("The reference date must fall in the year rated."), "reference_date")
        for name, day in (("reference_date", reference_date), ("self_assessment_due", self_assessment_due),
                          ("decision_due", decision_due)):
            if day is not None:
                try:
                    check_date(day, field=name)
                except DomainError as error:
                    faults.errors.append(error)
        if self_assessment_due and decision_due and decision_due < self_assessment_due:
            faults.add(_("The decision cannot be due before the self-assessments."), "decision_due")
        if not historic and decision is not None:
            decision = decision if decision.number.strip() else None
        if historic:
            if decision is None or not (decision.number or "").strip():
                faults.add(_("Past results are entered with the document that decided them."), "decision_number")
            else:
                try:
                    decision.validate()
                except DomainError as error:
                    faults.errors.append(error)
        if Campaign.objects.filter(organization=organization, year=year).exists():
            faults.add(_("%(organization)s already has a rating campaign for %(year)s.")
                       % {"organization": organization.name, "year": year}, "year")
        elif organization.established_on > reference_date or (
                organization.dissolved_on is not None and organization.dissolved_on <= reference_date):
            faults.add(_("The organization did not exist on the reference date."), "reference_date")
        faults.check()
        assert scheme is not None
        campaign = Campaign(organization=organization, year=year, scheme=scheme, reference_date=reference_date,
                            self_assessment_due=self_assessment_due, decision_due=decision_due, historic=historic,
                            note=note, created_by=_user(actor))
        if decision is not None:
            campaign.decision_number, campaign.decision_date = decision.number.strip(), decision.date
            campaign.decision_issuer = (decision.issuer or "").strip()
        campaign.save()
        log_change(actor=actor, action=ChangeAction.CREATE, instance=campaign, reason=reason)
        return campaign


# ----------------------------------------------------------------------------- ratings


def rating_record(*, actor: Any, campaign: Campaign, step: str, entry: RatingEntry, on: dt.date,
                  decision: Decision | None = None, amend: bool = False, reason: str = "") -> RatingStep:
    """Record one subject's step (see `rating_record_many`); faults are named by the entry's own fields."""
    return rating_record_many(actor=actor, campaign=campaign, step=step, entries=[entry], on=on, decision=decision,
                              amend=amend, reason=reason, _many=False)[0]


def rating_record_many(
    *,
    actor: Any,
    campaign: Campaign,
    step: str,
    entries: Sequence[RatingEntry],
    on: dt.date,
    decision: Decision | None = None,
    amend: bool = False,
    reason: str = "",
    _many: bool = True,
) -> list[RatingStep]:
    """Record the same step for many subjects at once (a cell's members, a committee's organizations)."""
    faults = FaultList()
    with transaction.atomic():
        campaign = Campaign.objects.select_for_update().select_related("scheme", "organization").get(pk=campaign.pk)
        if step not in StepKind.values:
            raise DomainError(_("Unknown step."), field="step")
        if step in (StepKind.PROPOSAL, StepKind.DECISION):
            require_covers(actor, campaign.organization, CHANGE_PERMISSION)
        applied = subj.applied_scheme(campaign)
        scheme = applied.scheme
        reason = _text(reason, field_name="reason", faults=faults, max_length=1000)
        try:
            check_date(on, field="on")
        except DomainError as error:
            faults.errors.append(error)
        if on.year < campaign.year:
            faults.add(_("A step of the %(year)s rating cannot be dated before that year.") % {"year": campaign.year},
                       "on")
        if decision is not None and (decision.number or "").strip():
            try:
                decision.validate()
            except DomainError as error:
                faults.errors.append(error)
        else:
            decision = None
        if not entries:
            faults.add(_("Nothing to record."), "entries")
        orgs = {r.organization.pk: r for r in subj.organization_subjects(campaign)}
        members: dict[int, subj.SubjectRow] | None = None
        leaders: dict[int, subj.SubjectRow] | None = None
        existing = {_key(r.subject, r.person_id, r.organization_id): r
                    for r in Rating.objects.filter(campaign=campaign).select_related("organization", "person")}
        planned: list[_Planned] = []
        seen: set[tuple[int, int]] = set()
        for index, entry in enumerate(entries):
            prefix = _prefix(index, _many)
            if (entry.person is None) == (entry.organization is None):
                faults.add(_("Name either a member or an organization."), f"{prefix}person")
                continue
            subject = (Subject.ORGANIZATION if entry.person is None
                       else Subject.LEADER if entry.leader else Subject.MEMBER)
            entry.text = _text(entry.text, field_name=f"{prefix}text", faults=faults)
            if entry.quota_group and (len(entry.quota_group) > 100 or has_control_characters(entry.quota_group)):
                faults.add(_("At most %(count)d characters, without control characters.") % {"count": 100},
                           f"{prefix}quota_group")
            if entry.level not in applied.levels.get(subject, {}):
                labels = "; ".join(level.label for level in applied.levels.get(subject, {}).values())
                faults.add(_("“%(level)s” is not a level of %(scheme)s; its levels are: %(labels)s.")
                           % {"level": entry.level, "scheme": scheme.name, "labels": labels}, f"{prefix}level")
            _check_score(applied, entry, step, prefix, faults, historic=campaign.historic)
            if entry.person is not None and entry.leader:
                if leaders is None:
                    leaders = {r.person.pk: r for r in subj.leader_subjects(campaign) if r.person is not None}
                row = leaders.get(entry.person.pk)  # type: ignore[assignment]
                key = _key(Subject.LEADER, entry.person.pk, 0)
                if row is None:
                    faults.add(_("%(name)s held none of the seats %(scheme)s rates as leaders (%(seats)s) in the "
                                 "organizations of %(organization)s on %(day)s (%(article)s).")
                               % {"name": entry.person.full_name, "scheme": scheme.name,
                                  "seats": ", ".join(scheme.leader_seats or []) or "—",
                                  "organization": campaign.organization.name,
                                  "day": campaign.reference_date.strftime("%d/%m/%Y"),
                                  "article": scheme.leaders_article or scheme.steps_article}, f"{prefix}person")
                    continue
                if row.excluded:
                    faults.add(_("%(name)s is not rated: %(why)s.") % {"name": entry.person.full_name,
                                                                      "why": row.excluded}, f"{prefix}person")
                    continue
            elif entry.person is not None:
                if members is None:
                    members = {r.person.pk: r for r in subj.member_subjects(campaign) if r.person is not None}
                row = members.get(entry.person.pk)
                key = _key(Subject.MEMBER, entry.person.pk, 0)
                if row is None:
                    faults.add(_("%(name)s was not a member of %(organization)s on %(day)s: not rated in this "
                                 "campaign.") % {"name": entry.person.full_name,
                                                 "organization": campaign.organization.name,
                                                 "day": campaign.reference_date.strftime("%d/%m/%Y")},
                               f"{prefix}person")
                    continue
                if row.excluded:
                    faults.add(_("%(name)s is not rated: %(why)s.") % {"name": entry.person.full_name,
                                                                      "why": row.excluded}, f"{prefix}person")
                    continue
            else:
                assert entry.organization is not None
                row = orgs.get(entry.organization.pk)  # type: ignore[assignment]
                key = _key(Subject.ORGANIZATION, None, entry.organization.pk)
                if row is None:
                    faults.add(_("%(name)s is not rated in this campaign: it did not stand under %(organization)s "
                                 "on %(day)s.") % {"name": entry.organization.name,
                                                   "organization": campaign.organization.name,
                                                   "day": campaign.reference_date.strftime("%d/%m/%Y")},
                               f"{prefix}organization")
                    continue
            if key in seen:
                faults.add(_("The same subject appears twice: a subject is rated once in a campaign (%(article)s).")
                           % {"article": scheme.steps_article}, f"{prefix}person" if entry.person else
                           f"{prefix}organization")
                continue
            seen.add(key)
            planned.append(_Planned(index, entry, row, existing.get(key), prefix, []))
        faults.check()
        _check_other_campaigns(campaign, planned, faults)
        _check_order(campaign, applied, step, on, amend, decision, planned, faults)
        if step == StepKind.DECISION:
            _check_bars(campaign, applied, planned, faults)
            _check_quota(campaign, applied, planned, faults)
        faults.check()
        return _write(actor, campaign, step, on, decision, planned, reason)


def _key(subject: str, person_id: int | None, organization_id: int) -> tuple[int, int]:
    """A rating's key in a campaign: a member (person, 0), a leader (person, -1), an organization (0, id)."""
    if person_id is None:
        return (0, organization_id)
    return (person_id, -1 if subject == Subject.LEADER else 0)


def _check_other_campaigns(campaign: Campaign, planned: list[_Planned], faults: FaultList) -> None:
    """A subject is rated once a year: not in this campaign if another campaign of the year already rates it."""
    people = [p.row.person.pk for p in planned if p.row.person is not None]
    orgs = [p.row.organization.pk for p in planned if p.row.person is None]
    others = Rating.objects.filter(campaign__year=campaign.year).exclude(campaign=campaign)
    taken_people = {(subject, person): name for subject, person, name in others.filter(person_id__in=people)
                    .values_list("subject", "person_id", "campaign__organization__name")}
    taken_orgs = dict(others.filter(person__isnull=True, organization_id__in=orgs)
                      .values_list("organization_id", "campaign__organization__name"))
    for item in planned:
        where = (taken_people.get((item.row.subject, item.row.person.pk)) if item.row.person is not None
                 else taken_orgs.get(item.row.organization.pk))
        if where is not None:
            name = item.row.person.full_name if item.row.person else item.row.name
            faults.add(_("%(name)s is already rated for %(year)s in the campaign of %(organization)s: a subject is "
                         "rated once a year (%(article)s).") % {"name": name, "year": campaign.year,
                                                               "organization": where,
                                                               "article": campaign.scheme.steps_article},
                       f"{item.prefix}{'person' if item.row.person else 'organization'}")


def _write(actor: Any, campaign: Campaign, step: str, on: dt.date, decision: Decision | None,
           planned: list[_Planned], reason: str) -> list[RatingStep]:
    written = []
    for item in planned:
        rating = item.rating
        if rating is None:
            rating = Rating(campaign=campaign, subject=item.row.subject, organization=item.row.organization,
                            person=item.row.person, quota_group=item.entry.quota_group or item.row.quota_group)
            rating.save()
            log_change(actor=actor, action=ChangeAction.CREATE, instance=rating, reason=reason)
        if step in (StepKind.SELF, StepKind.REVIEW):
            require_covers(actor, rating.organization, CHANGE_PERMISSION)
        previous = None
        if step == StepKind.DECISION:
            previous = rating.steps.filter(kind=StepKind.DECISION, superseded_by__isnull=True).first()
        record = RatingStep(rating=rating, kind=step, level=item.entry.level, score=item.entry.score,
                            occurred_on=on, text=item.entry.text, supersedes=previous, created_by=_user(actor))
        if decision is not None:
            record.decision_number, record.decision_date = decision.number.strip(), decision.date
            record.decision_issuer = (decision.issuer or "").strip()
        elif step == StepKind.DECISION and campaign.historic:
            record.decision_number, record.decision_date = campaign.decision_number, campaign.decision_date
            record.decision_issuer = campaign.decision_issuer
        record.save()
        log_change(actor=actor, action=ChangeAction.CREATE, instance=record, reason=reason)
        if step == StepKind.DECISION or (item.entry.quota_group and item.entry.quota_group != rating.quota_group):
            before = snapshot(rating)
            if step == StepKind.DECISION:
                rating.level, rating.score, rating.decided_on = item.entry.level, item.entry.score, on
                rating.exception = " ".join(item.exception)
            if item.entry.quota_group:
                rating.quota_group = item.entry.quota_group
            rating.save()
            log_change(actor=actor, action=ChangeAction.UPDATE, instance=rating, before=before, reason=reason)
        written.append(record)
    return written
