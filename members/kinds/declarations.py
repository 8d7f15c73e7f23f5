"""Members' own event kinds, each declared once: the statuses it may follow, the rule a refusal cites, the figure
keys it feeds (members.figures), and its door (service, API input schema and recorder, page form).

Loaded on the first use of `members.kinds.member_event_kinds()` (and by MembersConfig.ready()).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from core.eventkinds import Door, EventKindSpec
from members import forms, schemas, services
from members.api import recorders
from members.kinds import MEMBER_EVENTS
from members.kinds.dated import CEREMONY, DEATH, EXEMPTION_END, RETURN, DatedEvent
from members.models import EventKind, Status
from members.status import Timeline

S = Status
# Who may still take part in the admission pipeline: people never admitted, candidates, former members (the
# re-admission procedure has its own dossier and course).
_PIPELINE = frozenset({S.NONE, S.CANDIDATE, S.STRUCK_OFF, S.EXPELLED, S.LEFT})
_MEMBERS = frozenset({S.PROBATIONARY, S.OFFICIAL, S.EXEMPTED})
_FORMER = frozenset({S.STRUCK_OFF, S.EXPELLED, S.LEFT})


def _only_candidates(timeline: Timeline) -> bool:
    """The admission decision is offered to candidates (a decision copied from a file comes with the file)."""
    return timeline.state.status == Status.CANDIDATE


def _arriving_or_allowed(timeline: Timeline) -> bool | None:
    """A file without history may present a letter from outside this installation (the history of the file)."""
    return True if timeline.state.status == Status.NONE else None


def _dated_door(event: DatedEvent, service: Callable[..., Any], schema: type, form: type) -> Door:
    """The door of an event that carries only its date: one recorder for all of them."""
    return Door(event.door, service=service, schema=schema, record=recorders.record_dated, form=form)


TRANSFER_OUT = Door("transfer_out", service=services.member_transfer_out, schema=schemas.TransferOutIn,
                    record=recorders.record_transfer_out, form=forms.TransferOutForm)
TRANSFER_IN = Door("transfer_in", service=services.member_transfer_in, schema=schemas.TransferInIn,
                   record=recorders.record_transfer_in, form=forms.TransferInForm, offered=_arriving_or_allowed)

MEMBER_EVENTS.register_all([
    EventKindSpec(
        EventKind.CANDIDATE_REGISTERED, frozenset({S.NONE}), rule="admission.min_age_months",
        figures=("candidates_registered",),
        door=Door("candidate_registered", service=services.candidate_register, schema=schemas.CandidateRegisteredIn,
                  record=recorders.record_candidate_registered, form=forms.CandidateRegisterForm),
    ),
    EventKindSpec(
        EventKind.AWARENESS_COURSE, _PIPELINE, rule="awareness_course.certificate_valid_months",
        door=Door("awareness_course", service=services.awareness_course_record, schema=schemas.AwarenessCourseIn,
                  record=recorders.record_awareness_course, form=forms.AwarenessCourseForm),
    ),
    EventKindSpec(
        EventKind.DOSSIER_STEP, _PIPELINE, rule="admission.decision_deadline_working_days",
        figures=("dossiers_completed",),
        door=Door("dossier_step", service=services.dossier_step_record, schema=schemas.DossierStepIn,
                  record=recorders.record_dossier_step, form=forms.DossierStepForm),
    ),
    EventKindSpec(
        EventKind.ADMISSION_DECISION, frozenset({S.NONE, S.CANDIDATE}), rule="admission.decision_deadline_working_days",
        figures=("admitted",),
        door=Door("admission_decision", service=services.admission_decide, schema=schemas.AdmissionDecisionIn,
                  record=recorders.record_admission_decision, form=forms.AdmissionDecisionForm,
                  offered=_only_candidates),
    ),
    EventKindSpec(
        EventKind.ADMISSION_CEREMONY, frozenset({S.PROBATIONARY}), rule="admission.ceremony_deadline_working_days",
        door=_dated_door(CEREMONY, services.admission_ceremony_record, schemas.AdmissionCeremonyIn, forms.CeremonyForm),
    ),
    EventKindSpec(
        EventKind.RECOGNITION, frozenset({S.PROBATIONARY, S.TRANSFERRED_OUT}), rule="recognition.probation_months",
        figures=("recognised", "recognised_decided"),
        door=Door("recognition", service=services.recognition_record, schema=schemas.RecognitionIn,
                  record=recorders.record_recognition, form=forms.RecognitionForm),
    ),
    EventKindSpec(
        EventKind.NOT_RECOGNISED, frozenset({S.PROBATIONARY, S.TRANSFERRED_OUT}), rule="recognition.probation_months",
        figures=("struck_off",),
        door=Door("not_recognised", service=services.not_recognised_record, schema=schemas.NotRecognisedIn,
                  record=recorders.record_not_recognised, form=forms.NotRecognisedForm),
    ),
    EventKindSpec(EventKind.TRANSFER_OUT_OFFICIAL, _MEMBERS, rule="transfer.start_deadline_working_days",
                  figures=("transferred_out",), door=TRANSFER_OUT),
    EventKindSpec(EventKind.TRANSFER_OUT_TEMPORARY, _MEMBERS, rule="temporary_transfer.min_months", door=TRANSFER_OUT),
    EventKindSpec(EventKind.TRANSFER_IN_OFFICIAL, _MEMBERS | {S.TRANSFERRED_OUT},
                  rule="transfer.present_deadline_working_days", figures=("transferred_in",), door=TRANSFER_IN),
    EventKindSpec(EventKind.TRANSFER_IN_TEMPORARY, _MEMBERS, rule="temporary_transfer.min_months", door=TRANSFER_IN),
    EventKindSpec(
        EventKind.TEMPORARY_RETURN, _MEMBERS, rule="temporary_transfer.min_months",
        door=_dated_door(RETURN, services.member_temporary_return, schemas.TemporaryReturnIn,
                         forms.TemporaryReturnForm),
    ),
    EventKindSpec(
        EventKind.EXEMPTION_START, frozenset({S.OFFICIAL}),
        door=Door("exemption_start", service=services.exemption_start, schema=schemas.ExemptionStartIn,
                  record=recorders.record_exemption_start, form=forms.ExemptionStartForm),
    ),
    EventKindSpec(
        EventKind.EXEMPTION_END, frozenset({S.EXEMPTED}),
        door=_dated_door(EXEMPTION_END, services.exemption_end, schemas.ExemptionEndIn, forms.ExemptionEndForm),
    ),
    EventKindSpec(
        EventKind.STRIKE_OFF, _MEMBERS | {S.TRANSFERRED_OUT}, rule="strike_off.unpaid_dues_months",
        figures=("struck_off",),
        door=Door("strike_off", service=services.member_strike_off, schema=schemas.StrikeOffIn,
                  record=recorders.record_strike_off, form=forms.StrikeOffForm),
    ),
    EventKindSpec(
        EventKind.EXPULSION, frozenset({S.OFFICIAL, S.EXEMPTED}), figures=("expelled",),
        door=Door("expulsion", service=services.member_expel, schema=schemas.ExpulsionIn,
                  record=recorders.record_expulsion, form=forms.ExpelForm),
    ),
    EventKindSpec(
        EventKind.LEFT_VOLUNTARILY, _MEMBERS, figures=("left",),
        door=Door("left", service=services.member_leave, schema=schemas.LeftIn, record=recorders.record_left,
                  form=forms.LeaveForm),
    ),
    EventKindSpec(
        EventKind.DEATH, _MEMBERS | {S.CANDIDATE, S.TRANSFERRED_OUT}, figures=("died",),
        door=_dated_door(DEATH, services.death_record, schemas.DeathIn, forms.DeathForm),
    ),
    EventKindSpec(
        EventKind.READMISSION_DECISION, _FORMER, rule="readmission.min_months_out", figures=("readmitted",),
        door=Door("readmission", service=services.member_readmit, schema=schemas.ReadmissionIn,
                  record=recorders.record_readmission, form=forms.ReadmitForm),
    ),
    # Recorded by their own routes: restructuring moves (organizations' restructuring), corrections and
    # withdrawals (event_correct), voiding (person_void).
    EventKindSpec(EventKind.RESTRUCTURE_MOVE, frozenset(), anytime=True),
    EventKindSpec(EventKind.CORRECTION, frozenset(), anytime=True),
    EventKindSpec(EventKind.FILE_VOIDED, frozenset(set(S.values) - {S.VOIDED})),
])

# Suspension from Party activities and its end (members/kinds/suspension.py), lost contact with the Party
# organization and contact restored (members/kinds/contact.py): declared there, loaded here.
from members.kinds import contact, suspension  # noqa: E402, F401
