"""The member pages' forms, one module per subject; this package re-exports the public names.

- `filters`: the member list's filters.
- `base`: `EventForm`, its mixins and field helpers.
- `admission`, `transfers`, `exits`, `corrections`: the event forms by sub-domain.
- `person`: open, correct and void a member file.
- `registry`: the event forms in the order the member page offers them.
- `messages`: what is shown after a save.
"""

from members.forms.admission import (
    AdmissionDecisionForm,
    AwarenessCourseForm,
    CandidateRegisterForm,
    CeremonyForm,
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
from members.forms.exits import (
    DeathForm,
    ExemptionEndForm,
    ExemptionStartForm,
    ExpelForm,
    LeaveForm,
    ReadmitForm,
    StrikeOffForm,
)
from members.forms.filters import MemberFilterForm
from members.forms.messages import EVENT_RECORDED, FILE_OPENED, FILE_SAVED, FILE_VOIDED
from members.forms.person import PersonCreateForm, PersonForm, PersonUpdateForm, PersonVoidForm
from members.forms.registry import EVENT_FORMS, EVENT_FORMS_BY_SLUG
from members.forms.transfers import (
    LETTER,
    TRANSFER_KINDS,
    LetterMixin,
    MonthField,
    TemporaryReturnForm,
    TransferInForm,
    TransferKind,
    TransferOutForm,
)

__all__ = [
    "DECISION",
    "EVENT_FORMS",
    "EVENT_FORMS_BY_SLUG",
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
    "probation_deadlines",
    "writable_cells",
]
