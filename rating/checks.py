"""The checks of rating.services (the rules with their articles), split out to keep each module small. A check
adds faults to `FaultList` (naming the field and the rule) or, in a campaign of past results, an exception to the
planned rating; nothing here writes."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

from core.decisions import Decision
from core.discipline import disciplined_organizations, disciplined_people
from core.errors import FaultList
from core.validators import has_control_characters
from members.models import Person
from organizations.models import Organization
from rating import subjects as subj
from rating.models import STEP_ORDER, Campaign, Level, Rating, RatingStep, StepKind, Subject

MAX_TEXT = 4000






def _text(value: str, *, field_name: str, faults: FaultList, max_length: int = MAX_TEXT) -> str:
    value = (value or "").strip()
    if len(value) > max_length or has_control_characters(value, multiline=True):
        faults.add(_("At most %(count)d characters, without control characters.") % {"count": max_length},
                   field_name)
        return ""
    return value


@dataclass
class RatingEntry:
    """One subject's step: an organization, or a member (person)."""

    level: str
    organization: Organization | None = None
    person: Person | None = None
    score: int | None = None
    text: str = ""
    quota_group: str = ""  # empty: the default group (rating/subjects.py)
    leader: bool = False  # the person rated as a leader or manager (where the scheme rates leaders)


@dataclass
class _Planned:
    index: int
    entry: RatingEntry
    row: subj.SubjectRow
    rating: Rating | None
    prefix: str
    exception: list[str]


def _prefix(index: int, many: bool) -> str:
    return f"entries.{index}." if many else ""


def _level_name(applied: subj.AppliedScheme, subject: str, code: str) -> str:
    return applied.label(subject, code)


def _check_score(applied: subj.AppliedScheme, entry: RatingEntry, step: str, prefix: str, faults: FaultList, *,
                 historic: bool) -> None:
    scheme = applied.scheme
    if not applied.score_scale:
        if entry.score is not None:
            faults.add(_("%(scheme)s rates without scores: leave the score empty.") % {"scheme": scheme.name},
                       f"{prefix}score")
        return
    if entry.score is None:
        if step in (StepKind.SELF, StepKind.DECISION) and not historic and applied.score_bands:
            faults.add(_("%(scheme)s scores out of %(scale)d: the score is required.")
                       % {"scheme": scheme.name, "scale": applied.score_scale}, f"{prefix}score")
        return
    if not 0 <= entry.score <= applied.score_scale:
        faults.add(_("The score must be between 0 and %(scale)d (%(scheme)s).")
                   % {"scale": applied.score_scale, "scheme": scheme.name}, f"{prefix}score")
        return
    if applied.score_bands and entry.level in Level.values:
        completed, good, excellent = [*applied.score_bands, 0, 0, 0][:3]
        band = (Level.EXCELLENT if entry.score >= excellent else Level.GOOD if entry.score >= good
                else Level.COMPLETED if entry.score >= completed else Level.NOT_COMPLETED)
        if band != entry.level:
            faults.add(_("A score of %(score)d falls in the band “%(band)s”, not “%(level)s” (%(scheme)s, bands "
                         "%(bands)s).") % {"score": entry.score, "band": applied.label("member", band),
                                           "level": applied.label("member", entry.level), "scheme": scheme.name,
                                           "bands": "/".join(str(b) for b in reversed(applied.score_bands))},
                       f"{prefix}level")


def _steps_of(ratings: list[Rating]) -> dict[int, dict[str, RatingStep]]:
    """The live step of each kind of each rating (the latest decision; superseded ones left out)."""
    result: dict[int, dict[str, RatingStep]] = {r.pk: {} for r in ratings}
    for step in RatingStep.objects.filter(rating__in=ratings, superseded_by__isnull=True).order_by("occurred_on",
                                                                                                    "id"):
        result[step.rating_id][step.kind] = step
    return result


def _check_order(campaign: Campaign, applied: subj.AppliedScheme, step: str, on: dt.date, amend: bool,
                 decision: Decision | None, planned: list[_Planned], faults: FaultList) -> None:
    article = applied.scheme.steps_article
    ratings = [p.rating for p in planned if p.rating is not None]
    steps = _steps_of(ratings)
    step_name = StepKind(step).label
    for item in planned:
        done = steps.get(item.rating.pk, {}) if item.rating is not None else {}
        name = item.row.person.full_name if item.row.person else item.row.name
        field_name = f"{item.prefix}level"
        if step in done and not (step == StepKind.DECISION and amend):
            faults.add(_("%(name)s already has a %(step)s of %(day)s in this campaign: rated once; a decision is "
                         "changed only by a new dated decision.") % {"name": name, "step": step_name,
                                                                    "day": done[step].occurred_on.strftime("%d/%m/%Y")},
                       field_name)
            continue
        if step == StepKind.DECISION and amend:
            previous = done.get(StepKind.DECISION)
            if previous is None:
                faults.add(_("%(name)s has no decision to change.") % {"name": name}, field_name)
            elif on <= previous.occurred_on:
                faults.add(_("The new decision must be dated after the one it changes (%(day)s).")
                           % {"day": previous.occurred_on.strftime("%d/%m/%Y")}, "on")
            if decision is None:
                faults.add(_("A decision is changed only by a new decision: its number is required."),
                           "decision_number")
            continue
        if step == StepKind.SELF:
            continue
        own = done.get(StepKind.SELF)
        if own is None and not campaign.historic:
            faults.add(_("%(name)s has not self-assessed yet: the %(step)s comes after the self-assessment "
                         "(%(article)s).") % {"name": name, "step": step_name, "article": article}, field_name)
            continue
        if own is not None and on < own.occurred_on:
            faults.add(_("The %(step)s of %(name)s cannot be dated before the self-assessment of %(day)s "
                         "(%(article)s).") % {"step": step_name, "name": name,
                                              "day": own.occurred_on.strftime("%d/%m/%Y"), "article": article},
                       "on")
        later = [k for k in STEP_ORDER[STEP_ORDER.index(StepKind(step)) + 1:] if k in done]
        if later:
            faults.add(_("%(name)s already has a later step (%(later)s).")
                       % {"name": name, "later": StepKind(later[0]).label}, field_name)
    if step == StepKind.DECISION and not campaign.historic:
        _check_collectives_first(campaign, planned, faults, article)


def _check_collectives_first(campaign: Campaign, planned: list[_Planned], faults: FaultList, article: str) -> None:
    """Members after their cell; an organization after the organizations under it (in this campaign)."""
    # Decided in this campaign or in another campaign of the year (a commune's own campaign rates its cells).
    decided = set(Rating.objects.filter(campaign__year=campaign.year, person__isnull=True).exclude(level="")
                  .values_list("organization_id", flat=True))
    decided |= {p.row.organization.pk for p in planned if p.row.person is None}
    org_subjects = subj.organization_subjects(campaign)
    rated_orgs = {r.organization.pk: r for r in org_subjects}
    for item in planned:
        if item.row.person is not None:
            cell = item.row.organization
            if cell.pk in rated_orgs and cell.pk not in decided and item.row.subject == Subject.LEADER:
                faults.add(_("%(organization)s has not been decided yet: a leader is rated after their collective "
                             "(%(article)s).") % {"organization": item.row.name,
                                                  "article": campaign.scheme.leaders_article or article},
                           f"{item.prefix}person")
            elif cell.pk in rated_orgs and cell.pk not in decided:
                faults.add(_("%(cell)s has not been decided yet: collectives are rated before their members "
                             "(%(article)s).") % {"cell": item.row.name, "article": article},
                           f"{item.prefix}person")
        else:
            path = item.row.organization.path
            waiting = [r.name for r in org_subjects if r.organization.path.startswith(path)
                       and r.organization.pk != item.row.organization.pk and r.organization.pk not in decided]
            if waiting:
                faults.add(_("%(name)s waits for the organizations under it (%(waiting)s): lower levels are rated "
                             "before higher ones (%(article)s).")
                           % {"name": item.row.name, "waiting": ", ".join(waiting[:5]), "article": article},
                           f"{item.prefix}organization")


def _check_bars(campaign: Campaign, applied: subj.AppliedScheme, planned: list[_Planned], faults: FaultList) -> None:
    scheme = applied.scheme
    top = [p for p in planned if p.entry.level == Level.EXCELLENT]
    if not top:
        return
    bars: list[tuple[_Planned, str]] = []
    if scheme.bar_disciplined_article:
        people = disciplined_people([p.row.person.pk for p in top if p.row.person], campaign.year)
        orgs = disciplined_organizations([p.row.organization.pk for p in top if not p.row.person], campaign.year)
        for item in top:
            hit = item.row.person.pk in people if item.row.person else item.row.organization.pk in orgs
            if hit:
                bars.append((item, _("disciplined in %(year)s: not rated “%(level)s” (%(article)s)") % {
                    "year": campaign.year, "level": applied.label(item.row.subject, Level.EXCELLENT),
                    "article": scheme.bar_disciplined_article}))
    if scheme.bar_failed_member_article:
        failed = set(Rating.objects.filter(campaign=campaign, subject=Subject.MEMBER, level=Level.NOT_COMPLETED)
                     .values_list("organization_id", flat=True))
        failed |= {p.row.organization.pk for p in planned
                   if p.row.subject == Subject.MEMBER and p.entry.level == Level.NOT_COMPLETED}
        for item in top:
            if item.row.person is None and item.row.organization.pk in failed:
                bars.append((item, _("a member of the cell is rated “%(failed)s”: not rated “%(level)s” "
                                     "(%(article)s)") % {
                    "failed": applied.label("member", Level.NOT_COMPLETED),
                    "level": applied.label("organization", Level.EXCELLENT),
                    "article": scheme.bar_failed_member_article}))
    for item, why in bars:
        name = item.row.person.full_name if item.row.person else item.row.name
        if campaign.historic:
            item.exception.append(why)
        else:
            faults.add(_("%(name)s: %(why)s.") % {"name": name, "why": why}, f"{item.prefix}level")


@dataclass(frozen=True)
class Gauge:
    """A quota group: how many are rated excellent and good, the limit, and how many more excellent it allows."""

    group: str
    excellent: int
    good: int
    percent: int | None

    @property
    def limit(self) -> int | None:
        return None if self.percent is None else self.percent * self.good // 100

    @property
    def remaining(self) -> int | None:
        return None if self.limit is None else self.limit - self.excellent

    @property
    def broken(self) -> bool:
        return self.limit is not None and self.excellent > self.limit


def gauges(campaign: Campaign, *, planned: Sequence[tuple[str, str, str]] = (),
           replaced: set[int] = frozenset()) -> dict[str, Gauge]:  # type: ignore[assignment]
    """Quota gauges per group from the decided ratings, with `planned` (group, level, _) decisions added and the
    ratings in `replaced` (whose decision changes) left out."""
    counts: Counter[tuple[str, str]] = Counter()
    for rating_id, group, level in Rating.objects.filter(campaign=campaign).exclude(level="").values_list(
            "pk", "quota_group", "level"):
        if rating_id not in replaced:
            counts[(group, level)] += 1
    for group, level, _name in planned:
        counts[(group, level)] += 1
    groups = sorted({group for group, _level in counts})
    percent = campaign.scheme.quota_percent
    return {g: Gauge(g, counts[(g, Level.EXCELLENT)], counts[(g, Level.GOOD)], percent) for g in groups}


def _check_quota(campaign: Campaign, applied: subj.AppliedScheme, planned: list[_Planned], faults: FaultList) -> None:
    scheme = applied.scheme
    if scheme.quota_percent is None:
        return
    rows = [(p.entry.quota_group or (p.rating.quota_group if p.rating else p.row.quota_group), p.entry.level, "")
            for p in planned]
    replaced = {p.rating.pk for p in planned if p.rating is not None}
    for gauge in gauges(campaign, planned=rows, replaced=replaced).values():
        if not gauge.broken:
            continue
        involved = [p for p, row in zip(planned, rows, strict=True) if row[0] == gauge.group
                    and p.entry.level == Level.EXCELLENT]
        if not involved:
            continue
        message = _("Quota of group %(group)s: at most %(limit)d “%(excellent)s” for %(good)d “%(good_label)s” "
                    "(%(percent)d%%, %(article)s); this would make %(count)d.") % {
            "group": gauge.group, "limit": gauge.limit or 0,
            "excellent": applied.label(involved[0].row.subject, Level.EXCELLENT), "good": gauge.good,
            "good_label": applied.label(involved[0].row.subject, Level.GOOD), "percent": scheme.quota_percent,
            "article": scheme.quota_article, "count": gauge.excellent}
        if campaign.historic:
            for item in involved:
                item.exception.append(message + " " + _("Recorded as decided by %(document)s (%(exception)s).") % {
                    "document": campaign.decision_number, "exception": scheme.quota_exception_article})
        else:
            faults.add(message, f"{involved[-1].prefix}level")
