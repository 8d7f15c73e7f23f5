"""A decision is checked whole: every fault of number, date and issuer at once; State numbers of every form."""

from __future__ import annotations

import datetime as dt

import pytest

from core.decisions import Decision
from core.errors import DomainError, Faults


@pytest.mark.parametrize("number", ["22/2003/QH11", "55/2017/QH14", "855/NQ-UBTVQH14", "30/2020/NĐ-CP",
                                    "05-CT/TW", "125-QĐ/HU", " 22/2003/QH11 "])
def test_party_and_state_numbers_are_accepted(number):
    Decision(number, dt.date(2003, 11, 26), "Quốc hội").validate()


def test_every_fault_of_a_decision_at_once_each_naming_its_field():
    with pytest.raises(Faults) as refused:
        Decision("quyết định số 5", dt.date(1850, 1, 1), "x" * 300).validate(field_prefix="recognition_decision")
    fields = [e.field for e in refused.value.errors]
    assert fields == ["recognition_decision_number", "recognition_decision_date", "recognition_decision_issuer"]
    assert "22/2003/QH11" in str(refused.value.errors[0].message)


def test_one_fault_is_a_plain_refusal():
    with pytest.raises(DomainError) as refused:
        Decision("", dt.date(2020, 1, 1)).validate()
    assert not isinstance(refused.value, Faults) and refused.value.field == "decision_number"


def test_a_form_shows_every_fault_beside_its_own_field():
    from django import forms

    from core.views import attach_error

    class DecisionForm(forms.Form):
        decision_number = forms.CharField(required=False)
        decision_date = forms.DateField(required=False)

    form = DecisionForm(data={})
    assert form.is_valid()
    try:
        Decision("abc", dt.date(1850, 1, 1), "x" * 300).validate()
    except DomainError as error:
        attach_error(form, error)
    assert set(form.errors) == {"decision_number", "decision_date", "__all__"}  # the issuer has no field here
