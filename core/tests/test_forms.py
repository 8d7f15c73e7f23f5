"""core.forms: required fields marked, dates typed dd/mm/yyyy with a hint and a picker, no "---------" choice."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import translation

from core.forms import date_field, label_empty_choices


class Sample(forms.Form):
    on = date_field("Ngày quyết định")
    note = forms.CharField(label="Ghi chú", required=False)
    kind = forms.ChoiceField(label="Chi bộ", choices=[("", "---------"), ("a", "A")], required=False)


def test_required_fields_carry_a_mark_and_optional_ones_do_not() -> None:
    html = str(Sample().as_div())
    on_label = html[html.index('<label for="id_on"'):html.index("</label>", html.index('<label for="id_on"'))]
    note_label = html[html.index('<label for="id_note"'):html.index("</label>", html.index('<label for="id_note"'))]
    assert "required-mark" in on_label and "required-mark" not in note_label


def test_a_date_is_a_text_box_with_a_hint_and_a_picker_and_a_wrong_one_says_the_format() -> None:
    with translation.override("vi"):
        html = str(Sample()["on"])
        assert 'type="text"' in html and 'inputmode="text"' in html and "data-date-input" in html
        assert "15/02/2018" in html  # the visible hint's example
        form = Sample(data={"on": "2018-13-45"})
        assert not form.is_valid()
        assert "dd/mm/yyyy" in form.errors["on"][0] and "15/02/2018" in form.errors["on"][0]
        assert Sample(data={"on": "15/02/2018"}).is_valid()
        assert Sample(data={"on": "15/02/2018"}).fields["on"].clean("15/02/2018") == dt.date(2018, 2, 15)


def test_no_dashes_for_an_empty_choice() -> None:
    with translation.override("vi"):
        html = str(Sample().as_div())
        assert "---------" not in html
        form = Sample()
        label_empty_choices(form)
        assert "---------" not in str(form["kind"])
        assert "chi bộ" in str(form["kind"]).lower()
