"""Every write on member files and their event log. One function per state change, one transaction each.

Each service validates (citing the rule and its regulation), appends events (never edits one),
re-derives the person's status from the whole log (members/status.py), refreshes the cached status,
cell and membership spells, writes the change log for the event and for the person, and re-checks
that the person is still in the actor's scope. A refused input writes nothing.

One module per sub-domain: `log` (the event log's plumbing), `checks` (shared input checks), `inputs`,
`file` (the member file), `admission`, `transfers`, `exits` (exemption, leaving, re-admission),
`corrections`, `restructuring`, `places` (where a member lives and works), `dated` (the events that carry only
their date, members.kinds.dated). This package re-exports the public names.
"""

from members.services.admission import (
    _education_meets,
    admission_decide,
    awareness_course_record,
    candidate_register,
    dossier_step_record,
    not_recognised_record,
    recognition_record,
)
from members.services.badges import badge_presentation_record
from members.services.corrections import event_correct
from members.services.dated import admission_ceremony_record, death_record, exemption_end, member_temporary_return
from members.services.exits import (
    exemption_start,
    member_expel,
    member_leave,
    member_readmit,
    member_strike_off,
)
from members.services.file import FILE_FIELDS, parse_education, person_create, person_update
from members.services.inputs import AdmissionRecord, Introducer, TransferLetter
from members.services.log import _record, _start, probation_end
from members.services.places import PlaceInput, person_place_set
from members.services.restructuring import restructure_members
from members.services.transfers import member_transfer_in, member_transfer_out

__all__ = [
    "FILE_FIELDS",
    "AdmissionRecord",
    "Introducer",
    "PlaceInput",
    "TransferLetter",
    "_education_meets",
    "_record",
    "_start",
    "admission_ceremony_record",
    "admission_decide",
    "awareness_course_record",
    "badge_presentation_record",
    "candidate_register",
    "death_record",
    "dossier_step_record",
    "event_correct",
    "exemption_end",
    "exemption_start",
    "member_expel",
    "member_leave",
    "member_readmit",
    "member_strike_off",
    "member_temporary_return",
    "member_transfer_in",
    "member_transfer_out",
    "not_recognised_record",
    "parse_education",
    "person_create",
    "person_place_set",
    "person_update",
    "probation_end",
    "recognition_record",
    "restructure_members",
]
