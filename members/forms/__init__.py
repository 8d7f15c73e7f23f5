"""The member pages' forms, one module per subject; this package re-exports the public names.

- `filters`: the member list's filters.
- `base`: `EventForm`, its mixins and field helpers.
- `admission`, `transfers`, `exits`, `corrections`: the event forms by sub-domain; `dated`: one form for
  every event that carries only its date.
- `person`: open, correct and void a member file.
- `registry`: the declared event forms (members.kinds), in the order the member page offers them.
- `messages`: what is shown after a save.
"""

from members.forms.admission import (
    AdmissionDecisionForm,
    AwarenessCourseForm,
    CandidateRegisterForm,
    DossierStepForm,
    NotRecognisedForm,
    RecognitionForm,
    probation_deadlines,
)
from members.forms.base import (
    DECISION,
    CellChoiceField,
    DecisionMixin,
    EventForm,
    Fieldset,
    OptionalDecisionMixin,
    PersonChoiceField,
    writable_cells,
)
from members.forms.corrections import CorrectionForm, CorrectionMode
from members.forms.dated import (
    CeremonyForm,
    DatedEventForm,
    DeathForm,
    ExemptionEndForm,
    TemporaryReturnForm,
    dated_form,
)
from members.forms.exits import ExemptionStartForm, ExpelForm, LeaveForm, ReadmitForm, StrikeOffForm
from members.forms.filters import MemberFilterForm
from members.forms.messages import EVENT_RECORDED, FILE_OPENED, FILE_SAVED, FILE_VOIDED
from members.forms.person import PersonCreateForm, PersonForm, PersonUpdateForm, PersonVoidForm
from members.forms.registry import event_form, event_forms
from members.forms.transfers import (
    LETTER,
    TRANSFER_KINDS,
    LetterMixin,
    MonthField,
    TransferInForm,
    TransferKind,
    TransferOutForm,
)

__all__ = [
    "DECISION",
    "EVENT_RECORDED",
    "FILE_OPENED",
    "FILE_SAVED",
    "FILE_VOIDED",
    "LETTER",
    "TRANSFER_KINDS",
    "AdmissionDecisionForm",
    "AwarenessCourseForm",
    "CandidateRegisterForm",
    "CellChoiceField",
    "CeremonyForm",
    "CorrectionForm",
    "CorrectionMode",
    "DatedEventForm",
    "DeathForm",
    "DecisionMixin",
    "DossierStepForm",
    "EventForm",
    "ExemptionEndForm",
    "ExemptionStartForm",
    "ExpelForm",
    "Fieldset",
    "LeaveForm",
    "LetterMixin",
    "MemberFilterForm",
    "MonthField",
    "NotRecognisedForm",
    "OptionalDecisionMixin",
    "PersonChoiceField",
    "PersonCreateForm",
    "PersonForm",
    "PersonUpdateForm",
    "PersonVoidForm",
    "ReadmitForm",
    "RecognitionForm",
    "StrikeOffForm",
    "TemporaryReturnForm",
    "TransferInForm",
    "TransferKind",
    "TransferOutForm",
    "dated_form",
    "event_form",
    "event_forms",
    "probation_deadlines",
    "writable_cells",
]
