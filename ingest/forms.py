"""Forms of the import pages: the uploaded file, and the member-list filters of an export."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ingest.parsing import MAX_BYTES
from members.models import Gender, Status


class MemberImportForm(forms.Form):
    file = forms.FileField(
        label=_("File (Excel .xlsx or CSV)"),
        help_text=_("The columns of the template; one member file per row."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv,text/csv"}),
    )
    dry_run = forms.BooleanField(
        label=_("Only check the file (dry run): write nothing"),
        required=False,
    )
    confirm_duplicates = forms.BooleanField(
        label=_("The rows named as possible duplicates are other people: open their files anyway"),
        help_text=_("Tick after checking the files the previous attempt named (same name and date of birth)."),
        required=False,
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(mb)d MB; split it into smaller files.") % {"mb": MAX_BYTES // 2**20}
            )
        return upload


class MemberExportForm(forms.Form):
    """The member list's filters, read from its query string (the list links here with it)."""

    status = forms.MultipleChoiceField(label=_("status"), required=False)
    organization = forms.IntegerField(label=_("organization"), required=False, min_value=1, max_value=2**63 - 1)
    gender = forms.ChoiceField(label=_("gender"), choices=[("", "—"), *Gender.choices], required=False)
    ethnicity = forms.CharField(label=_("ethnicity"), required=False, max_length=10)
    age_band = forms.CharField(label=_("age"), required=False, max_length=20)
    party_age_band = forms.CharField(label=_("Party age"), required=False, max_length=20)
    q = forms.CharField(label=_("search"), required=False, max_length=200)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from members.pages import STATUS_GROUPS

        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [*((g, g) for g in STATUS_GROUPS), *Status.choices]  # type: ignore[attr-defined]

    def query_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {"statuses": data["status"], "organization_id": data["organization"], "gender": data["gender"],
                "ethnicity_code": data["ethnicity"], "age_band": data["age_band"],
                "party_age_band": data["party_age_band"], "q": data["q"]}
