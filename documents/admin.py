"""Admin: document types and issuer codes are reference data an administrator extends (logged); the register's
records are read-only here, every change goes through documents.services."""

from __future__ import annotations

from django.contrib import admin

from core.admin import LoggedAdmin, ReadOnlyAdmin
from documents.models import Attachment, Document, DocumentLink, DocumentType, IssuerCode, Topic


@admin.register(DocumentType)
class DocumentTypeAdmin(LoggedAdmin):
    list_display = ("code", "style", "name", "is_resolution", "may_omit_code", "rank")
    list_filter = ("style",)


@admin.register(IssuerCode)
class IssuerCodeAdmin(LoggedAdmin):
    list_display = ("code", "style", "name", "confirmed")
    list_filter = ("style", "confirmed")


@admin.register(Topic)
class TopicAdmin(ReadOnlyAdmin):
    list_display = ("slug", "name")


@admin.register(Document)
class DocumentAdmin(ReadOnlyAdmin):
    list_display = ("number", "issued_on", "doc_type", "organization", "direction", "title")
    list_filter = ("direction", "doc_type")
    search_fields = ("number", "title")
    raw_id_fields = ("organization", "term")


@admin.register(DocumentLink)
class DocumentLinkAdmin(ReadOnlyAdmin):
    list_display = ("source", "kind", "target")
    raw_id_fields = ("source", "target")


@admin.register(Attachment)
class AttachmentAdmin(ReadOnlyAdmin):
    list_display = ("filename", "document", "size", "media_type", "sha256")
    raw_id_fields = ("document",)
