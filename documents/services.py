"""Every write on the register: one transaction each, logged, all-or-nothing, every fault of an input at once.

The actor must be allowed to change the register ("documents.change") of the organization that holds the
document; a linked document must be in the actor's view scope. Anything else answers as missing (404).
Public names other apps build on: `document_register`, `document_link` (link a document), `attachment_add`.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from pathlib import Path
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from core.changelog import log_change, snapshot
from core.errors import DomainError
from core.models import ChangeAction
from core.scope import get_in_scope, require_covers, require_in_scope
from core.text import fold
from documents import storage
from documents.faults import Collector
from documents.models import (
    Attachment,
    Direction,
    Document,
    DocumentLink,
    DocumentType,
    Field,
    LinkKind,
    Topic,
)
from documents.numbering import check_number, numbering_period
from organizations.models import Organization

CHANGE_PERMISSION = "documents.change"
VIEW_PERMISSION = "documents.view"
MAX_SEARCH_CHARS = 600_000


@dataclass
class FileInput:
    filename: str
    content: bytes


@dataclass
class LinkInput:
    kind: str
    target: Document


@dataclass
class DocumentInput:
    direction: str
    number: str
    doc_type: DocumentType | None
    issued_on: dt.date | None
    title: str
    issuer_code: str = ""
    issuer_name: str = ""
    received_on: dt.date | None = None
    signer: str = ""
    summary: str = ""
    field: str = Field.OTHER
    topics: Sequence[str] = ()
    files: Sequence[FileInput] = ()
    links: Sequence[LinkInput] = dataclass_field(default_factory=list)


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "pk", None) else None


def _topics(names: Iterable[str], faults: Collector) -> list[str]:
    cleaned: list[str] = []
    for name in names:
        text = faults.text(name, "topics", max_length=100)
        if text and slugify(fold(text)) and text not in cleaned:
            cleaned.append(text)
    return cleaned


def _topic_rows(names: Iterable[str]) -> list[Topic]:
    rows = []
    for name in names:
        slug = slugify(fold(name))[:60]
        topic, _created = Topic.objects.get_or_create(slug=slug, defaults={"name": name})
        rows.append(topic)
    return rows


def refresh_search_text(document: Document) -> None:
    parts = [document.number, document.title, document.summary, document.signer, document.issuer_name,
             *document.attachments.values_list("text", flat=True)]
    document.search_text = fold(" ".join(p for p in parts if p))[:MAX_SEARCH_CHARS]
    document.save(update_fields=["search_text"])


def _check(organization: Organization, data: DocumentInput, faults: Collector) -> dict[str, Any]:
    values: dict[str, Any] = {}
    if data.direction not in Direction.values:
        faults.add(_("Choose issued or received."), "direction")
    if data.doc_type is None:
        faults.add(_("Choose the type of the document."), "doc_type")
    number = faults.text(data.number, "number", max_length=64, required=True)
    issuer_code = faults.text(data.issuer_code, "issuer_code", max_length=40)
    parsed = None
    if number:
        parsed, problems = check_number(number, data.doc_type, issuer_code, data.issued_on)
        for message, name in problems:
            faults.add(message, name)
    values["parsed"] = parsed
    values["title"] = faults.text(data.title, "title", max_length=500, required=True)
    values["issuer_name"] = faults.text(data.issuer_name, "issuer_name", max_length=255)
    values["signer"] = faults.text(data.signer, "signer", max_length=200)
    values["summary"] = faults.text(data.summary, "summary", max_length=20_000, multiline=True)
    if data.field not in Field.values:
        faults.add(_("Choose a field from the list."), "field")
    values["topics"] = _topics(data.topics, faults)
    issued_on = faults.date(data.issued_on, "issued_on")
    received_on = faults.date(data.received_on, "received_on", required=False)
    if data.direction == Direction.ISSUED and received_on is not None:
        faults.add(_("An issued document has no date of receipt."), "received_on")
    if issued_on and received_on and received_on < issued_on:
        faults.add(_("A document cannot be received before its date."), "received_on")
    if issued_on and parsed and parsed.year is not None and parsed.year != issued_on.year:
        faults.add(_("The year in the number (%(year)s) is not the year of the document's date.")
                   % {"year": parsed.year}, "issued_on")
    if issued_on and organization.established_on and data.direction == Direction.ISSUED \
            and issued_on < organization.established_on:
        faults.add(_("The organization did not exist yet on this date."), "issued_on")
    if issued_on and organization.dissolved_on and data.direction == Direction.ISSUED \
            and issued_on >= organization.dissolved_on:
        faults.add(_("The organization no longer existed on this date."), "issued_on")
    values["issued_on"], values["received_on"] = issued_on, received_on
    checked = []
    for index, upload in enumerate(data.files):
        try:
            checked.append(storage.check(upload.content, upload.filename))
        except DomainError as error:
            faults.add(f"{upload.filename[:100]}: {error.message}", "file" if len(data.files) == 1 else
                       f"files.{index}")
    values["files"] = checked
    for index, link in enumerate(data.links):
        if link.kind not in LinkKind.values:
            faults.add(_("Choose a kind of link from the list."), f"links.{index}.kind")
    return values


def _attach(actor: Any, document: Document, checked: Sequence[storage.Checked], moved: list[Path]) -> None:
    for item in checked:
        if document.attachments.filter(sha256=item.sha256).exists():
            continue
        if not storage.path_of(item.sha256).exists():
            temporary = storage.write_temporary(item.content)
            moved.append(temporary)
            transaction.on_commit(functools.partial(storage.move_into_place, temporary, item.sha256))
        attachment = Attachment.objects.create(
            document=document, sha256=item.sha256, size=len(item.content), media_type=item.media_type,
            filename=item.filename, text=item.text, created_by=_user(actor))
        log_change(actor=actor, action=ChangeAction.CREATE, instance=attachment)


def document_register(*, actor: Any, organization: Organization, data: DocumentInput, reason: str = "") -> Document:
    """Register an issued or received document with its topics, files and links. All or nothing."""
    storage.sweep_temporary()
    written: list[Path] = []
    try:
        with transaction.atomic():
            document = _register(actor, organization, data, reason, written)
    except BaseException:
        for temporary in written:
            storage.discard(temporary)
        raise
    return document


def _register(actor: Any, organization: Organization, data: DocumentInput, reason: str,
              written: list[Path]) -> Document:
    organization = Organization.objects.select_for_update().get(pk=organization.pk)
    require_covers(actor, organization, CHANGE_PERMISSION)
    faults = Collector()
    values = _check(organization, data, faults)
    faults.check()
    parsed, issued_on = values["parsed"], values["issued_on"]
    term, period = numbering_period(organization, issued_on, direction=data.direction)
    number = str(parsed)
    duplicate = Document.objects.filter(organization=organization, direction=data.direction, number=number,
                                        numbering_period=period).exists()
    if duplicate:
        raise DomainError(
            _("The number %(number)s is already registered for this issuer, type and term.") % {"number": number}
            if term else
            _("The number %(number)s is already registered for this issuer and type in %(year)s.")
            % {"number": number, "year": issued_on.year}, field="number")
    document = Document(
        organization=organization, direction=data.direction, number=number, serial=parsed.serial,
        number_year=parsed.year, doc_type=data.doc_type, issuer_code=parsed.issuer_code,
        issuer_name=values["issuer_name"], term=term, numbering_period=period, issued_on=issued_on,
        received_on=values["received_on"], title=values["title"], signer=values["signer"],
        summary=values["summary"], field=data.field, created_by=_user(actor))
    try:
        with transaction.atomic():
            document.save()
    except IntegrityError as exc:  # a concurrent registration of the same number won
        raise DomainError(_("The number %(number)s is already registered for this issuer, type and term.")
                          % {"number": number}, field="number") from exc
    document.topics.set(_topic_rows(values["topics"]))
    log_change(actor=actor, action=ChangeAction.CREATE, instance=document, reason=reason)
    _attach(actor, document, values["files"], written)
    for index, link in enumerate(data.links):
        _link(actor, document, link.target, link.kind, field_name=f"links.{index}.target")
    refresh_search_text(document)
    return document


def _identity(document: Document) -> tuple[str, dt.date]:
    return document.number, document.issued_on


def _reaches(start: Document, goal: Document) -> bool:
    """Does `start` (or a copy of it in another register) link, through any chain of links, to `goal`?"""
    goal_key = _identity(goal)
    seen: set[tuple[str, dt.date]] = set()
    frontier = {_identity(start)}
    while frontier:
        if goal_key in frontier:
            return True
        seen |= frontier
        targets = set()
        for number, issued_on in frontier:
            targets |= set(DocumentLink.objects.filter(source__number=number, source__issued_on=issued_on)
                           .values_list("target__number", "target__issued_on"))
        frontier = targets - seen
    return False


def _link(actor: Any, source: Document, target: Document, kind: str, *, field_name: str = "target") -> DocumentLink:
    if kind not in LinkKind.values:
        raise DomainError(_("Choose a kind of link from the list."), field="kind")
    require_in_scope(target, actor, VIEW_PERMISSION)
    if _identity(source) == _identity(target):
        raise DomainError(_("A document cannot be linked to itself."), field=field_name)
    if _reaches(target, source):
        raise DomainError(_("This link would make a cycle: %(target)s already leads back to %(source)s.")
                          % {"target": target.number, "source": source.number}, field=field_name)
    if DocumentLink.objects.filter(source=source, target=target, kind=kind).exists():
        raise DomainError(_("This link is already recorded."), field=field_name)
    link = DocumentLink.objects.create(source=source, target=target, kind=kind, created_by=_user(actor))
    log_change(actor=actor, action=ChangeAction.CREATE, instance=link)
    return link


def document_link(*, actor: Any, source: Document, target: Document, kind: str, reason: str = "") -> DocumentLink:
    """Record that `source` implements / replaces / amends / guides `target`; a cycle is refused."""
    with transaction.atomic():
        source = Document.objects.select_for_update().get(pk=source.pk)
        require_in_scope(source, actor, CHANGE_PERMISSION)
        return _link(actor, source, target, kind)


def attachment_add(*, actor: Any, document: Document, filename: str, content: bytes) -> Attachment:
    """Attach one more file to a registered document (checked, stored by content hash, text extracted)."""
    storage.sweep_temporary()
    checked = storage.check(content, filename)
    written: list[Path] = []
    try:
        with transaction.atomic():
            document = Document.objects.select_for_update().get(pk=document.pk)
            require_in_scope(document, actor, CHANGE_PERMISSION)
            if document.attachments.filter(sha256=checked.sha256).exists():
                raise DomainError(_("This file is already attached to the document."), field="file")
            _attach(actor, document, [checked], written)
            before = snapshot(document)
            refresh_search_text(document)
            log_change(actor=actor, action=ChangeAction.UPDATE, instance=document, before=before,
                       reason="attachment")
            return document.attachments.get(sha256=checked.sha256)
    except BaseException:
        for temporary in written:
            storage.discard(temporary)
        raise


def document_get_for_link(actor: Any, pk: Any) -> Document:
    """A document the actor may see, to link to (404 otherwise)."""
    return get_in_scope(Document.objects.all(), actor, VIEW_PERMISSION, pk=pk)
