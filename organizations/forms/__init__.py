"""Forms for restructuring the tree and registering covered units.

Each form turns what the user typed into the keyword arguments of one service (`service_kwargs`); the
rules themselves live in the services, so the form only parses. Every list of organizations comes from the
user's writable scope. Split by sub-domain (`fields`, `base`, `lineage`, `mergers`, `units`,
`unit_events`); importers keep
using `organizations.forms.<name>`.
"""

from organizations.forms.base import DECISION_FIELDS, ERROR_SHOWN, ActionForm, DecisionForm
from organizations.forms.fields import (
    DATE_INPUT_FORMATS,
    AsOfForm,
    OrganizationChoiceField,
    OrganizationMultipleChoiceField,
    cells_under,
    date_field,
    writable,
)
from organizations.forms.lineage import DissolveForm, EstablishForm, MoveForm, RenameForm
from organizations.forms.mergers import TARGET_EXISTING, TARGET_NEW, MergeForm, SplitForm, SuccessorRowForm
from organizations.forms.unit_events import UnitDissolveForm, UnitMergeForm, UnitRenameForm, UnitSplitForm
from organizations.forms.units import CoveredUnitForm, CoverForm

__all__ = [
    "DATE_INPUT_FORMATS",
    "DECISION_FIELDS",
    "ERROR_SHOWN",
    "TARGET_EXISTING",
    "TARGET_NEW",
    "ActionForm",
    "AsOfForm",
    "CoverForm",
    "CoveredUnitForm",
    "DecisionForm",
    "DissolveForm",
    "EstablishForm",
    "MergeForm",
    "MoveForm",
    "OrganizationChoiceField",
    "OrganizationMultipleChoiceField",
    "RenameForm",
    "SplitForm",
    "SuccessorRowForm",
    "UnitDissolveForm",
    "UnitMergeForm",
    "UnitRenameForm",
    "UnitSplitForm",
    "cells_under",
    "date_field",
    "writable",
]
