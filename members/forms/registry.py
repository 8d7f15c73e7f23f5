"""The event forms in the order the member page offers them, and by slug."""

from __future__ import annotations

from members.forms.admission import (
    AdmissionDecisionForm,
    AwarenessCourseForm,
    CandidateRegisterForm,
    CeremonyForm,
    DossierStepForm,
    NotRecognisedForm,
    RecognitionForm,
)
from members.forms.base import EventForm
from members.forms.exits import (
    DeathForm,
    ExemptionEndForm,
    ExemptionStartForm,
    ExpelForm,
    LeaveForm,
    ReadmitForm,
    StrikeOffForm,
)
from members.forms.transfers import TemporaryReturnForm, TransferInForm, TransferOutForm

EVENT_FORMS: list[type[EventForm]] = [
    CandidateRegisterForm,
    AwarenessCourseForm,
    DossierStepForm,
    AdmissionDecisionForm,
    CeremonyForm,
    RecognitionForm,
    NotRecognisedForm,
    TransferOutForm,
    TransferInForm,
    TemporaryReturnForm,
    ExemptionStartForm,
    ExemptionEndForm,
    StrikeOffForm,
    ExpelForm,
    LeaveForm,
    DeathForm,
    ReadmitForm,
]
EVENT_FORMS_BY_SLUG = {form.slug: form for form in EVENT_FORMS}
