"""Forms of the register pages. They only parse what was typed into a service's input; the rules (numbers against
type and issuer, duplicates, cycles, files) live in documents.services, whose refusals are shown beside the field."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from core.errors import DomainError
from core.scope import restrict
from documents.models import Direction, DocumentType, Field, LinkKind, Topic
from documents.services import DocumentInput, FileInput
from members.forms.base import preselect_only
from organizations.forms import date_field
from organizations.models import Organization
from organizations.picker import OrganizationPickerField, PickerInput, Scope, scope_picker

MAX_FILES = 5


def organization_picker(label: Any, *, required: bool = True) -> OrganizationPickerField:
    """An organization typed or chosen from a page of suggestions (organizations.picker): the first page is written
    into the page (no JavaScript needed), the rest is searched as the user types; the form scopes it."""
    return OrganizationPickerField(label=label, required=required, widget=PickerInput(prefill=True))


def scope_organizations(form: forms.Form, names: list[str], *, user: Any, permission: str,
                        preselect: bool = True) -> None:
    """The form's pickers offer the active organizations where the user may `permission`; when that is one
    organization only, an entry form chooses it for him (a filter stays empty: empty means all)."""
    scope_picker(form, names, user=user, scope=Scope(permission=permission))
    if preselect and not form.is_bound:
        for name in names:
            if form.fields[name].required:
                preselect_only(form, name)


def organizations_for(user: Any, permission: str) -> QuerySet[Organization]:
    """Active organizations where the user may `permission`, highest levels first."""
    return (restrict(Organization.objects.all(), user, permission, via="path").filter(dissolved_on__isnull=True)
            .select_related("parent").order_by("depth", "sort_name"))


class TypeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        style = _("Party") if obj.style == "party" else _("State")
        return f"{obj.code} · {obj.name} ({style})"


class FilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200,
                        widget=forms.TextInput(attrs={"placeholder": _("number, title, summary or text")}))
    organization = organization_picker(_("Organization"), required=False)
    direction = forms.ChoiceField(label=_("Direction"), required=False,
                                  choices=[("", _("all")), *Direction.choices])
    doc_type = TypeChoiceField(label=_("Type"), queryset=DocumentType.objects.all(), required=False)
    topic = forms.ModelChoiceField(label=_("Topic"), queryset=Topic.objects.all(), required=False)
    field = forms.ChoiceField(label=_("Field"), required=False, choices=[("", _("all")), *Field.choices])
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1930, max_value=2999)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        scope_organizations(self, ["organization"], user=user, permission="documents.view", preselect=False)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".pdf,.docx"}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        items = data if isinstance(data, list | tuple) else [data] if data else []
        if len(items) > MAX_FILES:
            raise forms.ValidationError(_("At most %(count)d files at once.") % {"count": MAX_FILES})
        return [super(MultipleFileField, self).clean(item, initial) for item in items]


class DocumentForm(forms.Form):
    organization = organization_picker(_("Register of"))
    direction = forms.ChoiceField(label=_("Direction"), choices=Direction.choices, initial=Direction.ISSUED)
    doc_type = TypeChoiceField(label=_("Type"), queryset=DocumentType.objects.all())
    issued_on = date_field(_("Date of the document"))
    number = forms.CharField(label=_("Number"), max_length=64, required=False,
                             help_text=_("05-CT/TW, 11-CTr/HU (Party); 855/NQ-UBTVQH14, 30/2020/NĐ-CP (State). "
                                         "“Propose a number” fills in the next number of an issued document."))
    issuer_code = forms.CharField(label=_("Issuer code"), max_length=40, required=False,
                                  help_text=_("TW, TU, HU, ĐU…; read from the number when left empty."))
    issuer_name = forms.CharField(label=_("Issued by"), max_length=255, required=False)
    received_on = date_field(_("Received on"), required=False)
    title = forms.CharField(label=_("Title"), max_length=500, required=False)
    signer = forms.CharField(label=_("Signed by"), max_length=200, required=False)
    summary = forms.CharField(label=_("Summary"), required=False, max_length=20_000, widget=forms.Textarea(
        attrs={"rows": 4}))
    field = forms.ChoiceField(label=_("Field"), choices=Field.choices, initial=Field.OTHER)
    topics = forms.CharField(label=_("Topics"), required=False, max_length=500,
                             help_text=_("Separated by commas, e.g. dân vận, tuyên giáo."))
    uploads = MultipleFileField(label=_("Files (PDF or DOCX)"), required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        scope_organizations(self, ["organization"], user=user, permission="documents.change")

    def document_input(self) -> DocumentInput:
        data = self.cleaned_data
        files = [FileInput(upload.name or "", upload.read()) for upload in data.get("uploads") or []]
        return DocumentInput(
            direction=data["direction"], number=data.get("number") or "", doc_type=data["doc_type"],
            issued_on=data["issued_on"], title=data.get("title") or "", issuer_code=data.get("issuer_code") or "",
            issuer_name=data.get("issuer_name") or "", received_on=data.get("received_on"),
            signer=data.get("signer") or "", summary=data.get("summary") or "", field=data["field"],
            topics=[t for t in (data.get("topics") or "").split(",") if t.strip()], files=files)


class LinkForm(forms.Form):
    kind = forms.ChoiceField(label=_("This document"), choices=LinkKind.choices)
    target = forms.CharField(label=_("Document number"), max_length=64,
                             help_text=_("The number of a document in your registers, e.g. 05-CT/TW."))


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("File (PDF or DOCX)"), widget=forms.ClearableFileInput(
        attrs={"accept": ".pdf,.docx"}))


def attach_faults(form: forms.Form, error: DomainError) -> None:
    """Each fault of a refusal beside its field (a file's fault beside the files)."""
    for fault in getattr(error, "errors", None) or [error]:
        name = fault.field or ""
        if name.startswith("files.") or name == "file":
            name = "uploads" if "uploads" in form.fields else "file"
        if name.startswith("links."):
            name = "target" if "target" in form.fields else ""
        form.add_error(name if name in form.fields else None, str(fault.message))
