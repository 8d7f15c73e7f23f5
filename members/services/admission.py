"""Admission: candidate, awareness course, dossier, the committee's decision (with its checks of age,
education, introducers and certificate), ceremony, recognition or not.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from core.decisions import Decision
from core.errors import DomainError, FaultList, Faults
from members import plausibility, ruling
from members.models import (
    DossierForm,
    EventKind,
    MemberEvent,
    Person,
    Status,
)
from members.plausibility import age_in_words
from members.services.checks import (
    _fmt,
    _Pseudo,
    _require_cell,
    _require_date,
    _require_decision,
    _require_members_scope,
)
from members.services.file import parse_education
from members.services.inputs import Introducer
from members.services.log import _events_of, _record, _refusal, _start
from members.status import Timeline, derive, is_probationary
from organizations.models import Organization


@transaction.atomic
def candidate_register(
    *, actor: Any, person: Person, registered_on: dt.date, organization: Organization | None = None, reason: str = ""
) -> MemberEvent:
    """Register the person as an outstanding candidate (quần chúng ưu tú) followed by a cell."""
    person, _timeline = _start(actor, person)
    registered_on = _require_date(registered_on, "registered_on")
    plausibility.check_event(person, _Pseudo(EventKind.CANDIDATE_REGISTERED, registered_on))
    cell = _require_cell(organization or person.organization, on=registered_on, field="organization")
    _require_members_scope(actor, cell)
    return _record(actor=actor, person=person, kind=EventKind.CANDIDATE_REGISTERED, occurred_on=registered_on,
                   organization=cell, reason=reason)


@transaction.atomic
def awareness_course_record(
    *,
    actor: Any,
    person: Person,
    completed_on: dt.date,
    certificate_number: str = "",
    issuer: str = "",
    reason: str = "",
) -> MemberEvent:
    """The certificate of the Party-awareness course (form CN-NTVĐ), valid for the rule's number of months."""
    person, _timeline = _start(actor, person)
    completed_on = _require_date(completed_on, "completed_on")
    plausibility.check_event(person, _Pseudo(EventKind.AWARENESS_COURSE, completed_on))
    months = int(ruling.value("awareness_course.certificate_valid_months", on=completed_on))
    details = {
        "certificate_number": (certificate_number or "").strip(),
        "issuer": (issuer or "").strip(),
        "valid_until": ruling.add_months(completed_on, months).isoformat(),
    }
    return _record(actor=actor, person=person, kind=EventKind.AWARENESS_COURSE, occurred_on=completed_on,
                   organization=person.organization, details=details, reason=reason)


@transaction.atomic
def dossier_step_record(
    *,
    actor: Any,
    person: Person,
    form: str,
    occurred_on: dt.date,
    decision: Decision | None = None,
    details: Mapping[str, Any] | None = None,
    reason: str = "",
) -> MemberEvent:
    """One form of the admission dossier (1-KNĐ application … 6-KNĐ cell resolution, 8-KNĐ committee resolution)."""
    person, _timeline = _start(actor, person)
    if form not in DossierForm.values:
        raise DomainError(_("Unknown dossier form “%(form)s”.") % {"form": form}, field="form")
    occurred_on = _require_date(occurred_on, "occurred_on")
    decision = _require_decision(decision, required=False)
    return _record(actor=actor, person=person, kind=EventKind.DOSSIER_STEP, occurred_on=occurred_on,
                   organization=person.organization, decision=decision,
                   details={**dict(details or {}), "form": form}, reason=reason)


def _check_age(person: Person, *, on: dt.date, override: Decision | None, field: str, actor: Any) -> dict[str, Any]:
    """Age in whole months on the day the cell considers the application, against the rule's bounds."""
    months = ruling.months_between(person.birth_date, on)
    low = ruling.rule("admission.min_age_months", on=on)
    high = ruling.rule("admission.max_age_months", on=on)
    values = {"name": person.full_name, "months": months, "date": _fmt(on), "age": age_in_words(months)}
    if months < int(low.value):
        raise DomainError(
            _("%(name)s is %(age)s on %(date)s (%(months)s months); the minimum is %(min_age)s (%(min)s months) "
              "(%(citation)s).")
            % {**values, "min": low.value, "min_age": age_in_words(int(low.value)), "citation": low.citation},
            field="birth_date",
        )
    if months > int(high.value):
        if override is None:
            raise DomainError(
                _("%(name)s is %(age)s on %(date)s (%(months)s months), over %(max_age)s (%(max)s months): "
                  "admission needs the decision of the competent committee (%(citation)s).")
                % {**values, "max": high.value, "max_age": age_in_words(int(high.value)), "citation": high.citation},
                field="age_override",
            )
        return {"number": override.number, "date": override.date.isoformat(), "issuer": override.issuer,
                "recorded_by": getattr(actor, "username", "") or "system", "age_months": months}
    return {}


def _check_education(person: Person, *, on: dt.date, exception_area: str) -> dict[str, Any]:
    rule = ruling.rule("admission.min_education", on=on)
    threshold = rule.value or {}
    areas = ruling.codes(threshold.get("exception_areas"))
    parsed = parse_education(person.general_education)
    need = (int(threshold.get("grade", 0)), int(threshold.get("of", 12)))
    if exception_area:
        if exception_area not in areas:
            raise DomainError(
                _("“%(area)s” is not an area where the education requirement is relaxed (%(citation)s).")
                % {"area": exception_area, "citation": rule.citation},
                field="education_exception_area",
            )
        need = (int(threshold.get("exception_min_grade", 0)), need[1])
        if need[0] and (parsed is None or not _education_meets(parsed, need, [])):
            raise DomainError(
                _("General education “%(has)s” is below %(grade)s/%(of)s, the lowest accepted in such areas "
                  "(%(citation)s).")
                % {"has": person.general_education or "—", "grade": need[0], "of": need[1],
                   "citation": rule.citation},
                field="general_education",
            )
        return {"education_exception_area": exception_area}
    equivalents = threshold.get("equivalents") or []
    systems = {need[1]} | {int(e.get("of", 0)) for e in equivalents if isinstance(e, dict)}
    if parsed is not None and parsed[1] not in systems:
        raise DomainError(
            _("General education “%(has)s” is of a school system the rule does not compare (it accepts "
              "%(accepted)s); give the schooling in the %(of)s-year system (%(citation)s).")
            % {"has": person.general_education, "of": need[1], "citation": rule.citation,
               "accepted": ", ".join([f"{need[0]}/{need[1]}"] + [
                   f"{e.get('grade')}/{e.get('of')}" for e in equivalents if isinstance(e, dict)])},
            field="general_education",
        )
    if parsed is None or not _education_meets(parsed, need, equivalents):
        raise DomainError(
            _("General education “%(has)s” is below the required %(grade)s/%(of)s (%(citation)s).")
            % {"has": person.general_education or "—", "grade": need[0], "of": need[1], "citation": rule.citation},
            field="general_education",
        )
    return {}


def _education_meets(has: tuple[int, int], need: tuple[int, int], equivalents: Sequence[Any]) -> bool:
    if has[1] == need[1]:
        return has[0] >= need[0]
    for item in equivalents:
        if isinstance(item, dict) and int(item.get("of", 0)) == has[1]:
            return has[0] >= int(item.get("grade", 99))
    return False  # a school system the rule names no equivalent for: not accepted (no guessing by share)


def _check_introducers(
    person: Person, *, on: dt.date, introducers: Sequence[Introducer], youth_union: Decision | None,
    trade_union: Decision | None = None,
) -> dict[str, Any]:
    """Two official members, or one plus the resolution of the Youth Union or of the grassroots Trade Union
    (§3.2); each has worked with the applicant for the required months unless assigned as a replacement."""
    required = ruling.rule("admission.introducers_required", on=on)
    together = ruling.rule("admission.introducer_min_months_together", on=on)
    needed = int(required.value)
    if youth_union is not None and trade_union is not None:
        raise DomainError(
            _("Give the resolution of either the Youth Union or the Trade Union: together they still replace "
              "only one introducer (%(citation)s).") % {"citation": required.citation},
            field="trade_union_resolution",
        )
    for resolution, key, field, message in (
        (youth_union, "admission.introducer_youth_union_alternative", "youth_union_resolution",
         _("A Youth Union resolution does not replace an introducer on %(date)s (%(citation)s).")),
        (trade_union, "admission.introducer_trade_union_alternative", "trade_union_resolution",
         _("A Trade Union resolution does not replace an introducer on %(date)s (%(citation)s).")),
    ):
        if resolution is None:
            continue
        alternative = ruling.rule(key, on=on)
        if not alternative.value:
            raise DomainError(message % {"date": _fmt(on), "citation": alternative.citation}, field=field)
        needed -= 1
    ids = [i.person.pk for i in introducers]
    if len(set(ids)) != len(ids) or person.pk in ids:
        raise DomainError(_("Each introducer is a different person, not the applicant."), field="introducers")
    if len(introducers) < needed:
        raise DomainError(
            _("%(needed)s introducers are required (official members who have worked with the applicant for at "
              "least %(months)s months); %(given)s given (%(citation)s).")
            % {"needed": needed, "months": together.value, "given": len(introducers), "citation": required.citation},
            field="introducers",
        )
    replacement_rule = ruling.rule("admission.replacement_introducer_needs_months_together", on=on)
    rows = []
    for introducer in introducers:
        status = derive(_events_of(introducer.person)).status_on(on)
        if status != Status.OFFICIAL:
            raise DomainError(
                _("Introducer %(name)s is not an official member on %(date)s (%(citation)s).")
                % {"name": introducer.person.full_name, "date": _fmt(on), "citation": required.citation},
                field="introducers",
            )
        months = ruling.months_between(introducer.worked_together_since, on)
        exempt = introducer.replacement and not replacement_rule.value
        if months < int(together.value) and not exempt:
            raise DomainError(
                _("Introducer %(name)s has worked with the applicant for %(has)s months; at least %(months)s are "
                  "required (%(citation)s).")
                % {"name": introducer.person.full_name, "has": max(months, 0), "months": together.value,
                   "citation": together.citation},
                field="introducers",
            )
        row = {"person": str(introducer.person.code), "person_id": introducer.person.pk,
               "name": introducer.person.full_name, "since": introducer.worked_together_since.isoformat()}
        if introducer.replacement:
            row["replacement"] = True
            row["replacement_citation"] = replacement_rule.citation
        rows.append(row)
    details: dict[str, Any] = {"introducers": rows}
    for resolution, name in ((youth_union, "youth_union_resolution"), (trade_union, "trade_union_resolution")):
        if resolution is not None:
            details[name] = {"number": resolution.number, "date": resolution.date.isoformat(),
                             "issuer": resolution.issuer}
    return details


def _check_certificate(timeline: Timeline, *, on: dt.date) -> dict[str, Any]:
    """A Party-awareness certificate issued on or before `on` and still valid then."""
    courses = [e for e in timeline.events_of(EventKind.AWARENESS_COURSE) if e.occurred_on <= on]
    rule = ruling.rule("awareness_course.certificate_valid_months", on=on)
    if not courses:
        raise DomainError(
            _("No Party-awareness course certificate is recorded before %(date)s (%(citation)s).")
            % {"date": _fmt(on), "citation": rule.citation},
            field="awareness_course",
        )
    latest = courses[-1]
    months = int(ruling.value("awareness_course.certificate_valid_months", on=latest.occurred_on))
    valid_until = ruling.add_months(latest.occurred_on, months)
    if valid_until < on:
        raise DomainError(
            _("The Party-awareness certificate of %(issued)s was valid until %(until)s, before %(date)s "
              "(%(citation)s).")
            % {"issued": _fmt(latest.occurred_on), "until": _fmt(valid_until), "date": _fmt(on),
               "citation": rule.citation},
            field="awareness_course",
        )
    return {"awareness_course_event": latest.id}


def _cell_resolution(timeline: Timeline, given: dt.date | None) -> dt.date:
    """The day the cell considered the application: as given, else its latest resolution 6-KNĐ."""
    if given is not None:
        return _require_date(given, "cell_resolution_on")
    found = timeline.cell_resolution_on()
    if found is None:
        raise DomainError(_("Give the date of the cell's resolution (form 6-KNĐ)."), field="cell_resolution_on")
    return found


def _gather(faults: FaultList, check: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """Run one check; its refusal (or refusals) joins `faults` instead of stopping the others."""
    try:
        return check()
    except Faults as error:
        faults.errors += error.errors
    except DomainError as error:
        faults.errors.append(error)
    return {}


@transaction.atomic
def admission_decide(
    *,
    actor: Any,
    person: Person,
    decision: Decision,
    cell_resolution_on: dt.date | None = None,
    introducers: Sequence[Introducer] = (),
    youth_union_resolution: Decision | None = None,
    education_exception_area: str = "",
    age_override: Decision | None = None,
    reason: str = "",
    trade_union_resolution: Decision | None = None,
) -> MemberEvent:
    """The committee's admission decision (9-KNĐ), checked on the day the cell considered the application.

    Checks age in months, education, introducers and the awareness certificate against the rules in force on
    the cell's resolution date. Over the maximum age only with `age_override`, the competent level's decision.
    The resolution of the Youth Union (`youth_union_resolution`) or of the grassroots Trade Union
    (`trade_union_resolution`) replaces one introducer (§3.2).
    """
    person, timeline = _start(actor, person)
    decision_ = _require_decision(decision)
    assert decision_ is not None
    considered = _cell_resolution(timeline, cell_resolution_on)
    if decision_.date < considered:
        raise DomainError(
            _("The decision (%(date)s) cannot come before the cell's resolution (%(considered)s).")
            % {"date": _fmt(decision_.date), "considered": _fmt(considered)},
            field="decision_date",
        )
    override = _require_decision(age_override, field="age_override", required=False)
    details: dict[str, Any] = {"cell_resolution_on": considered.isoformat()}
    if timeline.state.status != Status.CANDIDATE:
        raise _refusal(person, _Pseudo(EventKind.ADMISSION_DECISION, decision_.date), "status", timeline.state)
    # Every condition is checked and every fault refused at once (age, education, introducers, certificate).
    faults = FaultList()
    override_details = _gather(faults, lambda: _check_age(person, on=considered, override=override,
                                                          field="birth_date", actor=actor))
    if override_details:
        details["age_override"] = override_details
    details.update(_gather(faults, lambda: _check_education(
        person, on=considered, exception_area=(education_exception_area or "").strip())))
    details.update(_gather(faults, lambda: _check_introducers(
        person, on=considered, introducers=introducers,
        youth_union=_require_decision(youth_union_resolution, field="youth_union_resolution", required=False),
        trade_union=_require_decision(trade_union_resolution, field="trade_union_resolution", required=False))))
    details.update(_gather(faults, lambda: _check_certificate(timeline, on=considered)))
    faults.check()
    return _record(actor=actor, person=person, kind=EventKind.ADMISSION_DECISION, occurred_on=decision_.date,
                   organization=person.organization, decision=decision_, details=details, reason=reason)



@transaction.atomic
def recognition_record(*, actor: Any, person: Person, decision: Decision, reason: str = "") -> MemberEvent:
    """Recognition as an official member. Takes effect at the end of probation even when decided later."""
    person, timeline = _start(actor, person)
    decision_ = _require_decision(decision)
    assert decision_ is not None
    state = timeline.state
    if not is_probationary(state) or state.ceremony_on is None:  # in transfer: decided by the sending cell
        raise _refusal(person, _Pseudo(EventKind.RECOGNITION, decision_.date),
                       "recognition_without_ceremony" if is_probationary(state) else "status", state)
    end = timeline.probation_end(ruling)
    assert end is not None
    if decision_.date < end:
        rule = ruling.rule("recognition.probation_months", on=state.ceremony_on)
        raise DomainError(
            _("Probation of %(months)s months from the ceremony of %(ceremony)s ends on %(end)s; the decision of "
              "%(date)s is too early (%(citation)s).")
            % {"months": rule.value, "ceremony": _fmt(state.ceremony_on), "end": _fmt(end),
               "date": _fmt(decision_.date), "citation": rule.citation},
            field="decision_date",
        )
    # Dated at the end of probation, so it belongs to the cell the member was in on that day (a merger
    # may have moved the member since), else the recognition would fall outside every count.
    cell_then_id = timeline.organization_on(end)
    cell_then = Organization.objects.get(pk=cell_then_id) if cell_then_id else person.organization
    return _record(actor=actor, person=person, kind=EventKind.RECOGNITION, occurred_on=end,
                   organization=cell_then, decision=decision_,
                   details={"decided_on": decision_.date.isoformat()}, reason=reason)


@transaction.atomic
def not_recognised_record(*, actor: Any, person: Person, decision: Decision, reason: str = "") -> MemberEvent:
    """The probationary member is not recognised: their name is struck off."""
    person, _timeline = _start(actor, person)
    decision_ = _require_decision(decision)
    assert decision_ is not None
    if not (reason or "").strip():
        raise DomainError(_("Say why the member is not recognised."), field="reason")
    return _record(actor=actor, person=person, kind=EventKind.NOT_RECOGNISED, occurred_on=decision_.date,
                   organization=person.organization, decision=decision_, details={"ground": "not_recognised"},
                   reason=reason)
