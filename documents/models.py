"""The document register: issued and received documents, their types and issuer codes (data), topics, links
between documents (implements, replaces, amends, guides) and attachments stored by content hash.

Rows are written only by documents.services, which log every change. A document belongs to the organization
whose register holds it (`organization`): the issuer for an issued document, the receiver for a received one.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from organizations.models import Organization


class NumberStyle(models.TextChoices):
    PARTY = "party", _("Party numbering (05-CT/TW)")
    STATE = "state", _("State numbering (855/NQ-UBTVQH14)")


class DocumentType(models.Model):
    """A type of document and its code in one numbering style (data): NQ Nghị quyết, TT Thông tri (Party) ..."""

    code = models.CharField(_("code"), max_length=10)
    style = models.CharField(_("numbering"), max_length=10, choices=NumberStyle.choices)
    name = models.CharField(_("name"), max_length=100)
    name_en = models.CharField(_("English name"), max_length=100, blank=True)
    # Laws and resolutions of the National Assembly are numbered without a type code (22/2003/QH11).
    may_omit_code = models.BooleanField(_("numbered without its code"), default=False)
    is_resolution = models.BooleanField(_("can be implemented by other documents"), default=False)
    # Party regulations were numbered "-QĐ/" before Hướng dẫn 36-HD/VPTW (03/4/2018) gave them "QĐi" (101-QĐ/TW, 2012).
    former_code = models.CharField(_("former code"), max_length=10, blank=True)
    former_until = models.DateField(_("former code used until"), null=True, blank=True)
    rank = models.PositiveSmallIntegerField(_("rank"), default=100)

    class Meta:
        ordering = ["style", "rank", "code"]
        constraints = [models.UniqueConstraint(fields=["style", "code"], name="document_type_unique_code")]
        verbose_name = _("document type")
        verbose_name_plural = _("document types")

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class IssuerCode(models.Model):
    """A code of an issuing body in one numbering style (data): TW, VPTW, TU, HU, ĐU; CP, UBND, UBTVQH ..."""

    code = models.CharField(_("code"), max_length=20)
    style = models.CharField(_("numbering"), max_length=10, choices=NumberStyle.choices)
    name = models.CharField(_("name"), max_length=200)
    confirmed = models.BooleanField(_("confirmed from a source"), default=False)

    class Meta:
        ordering = ["style", "code"]
        constraints = [models.UniqueConstraint(fields=["style", "code"], name="issuer_code_unique")]
        verbose_name = _("issuer code")
        verbose_name_plural = _("issuer codes")

    def __str__(self) -> str:
        return f"{self.code} · {self.name}"


class Topic(models.Model):
    """A topic tag ("dân vận", "tuyên giáo"): created the first time a document uses it."""

    slug = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        ordering = ["name"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self) -> str:
        return self.name


class Direction(models.TextChoices):
    ISSUED = "issued", _("issued")
    RECEIVED = "received", _("received")


class Field(models.TextChoices):
    PARTY_BUILDING = "party_building", _("Party building and organization")
    IDEOLOGY = "ideology", _("politics and ideology")
    INSPECTION = "inspection", _("inspection and supervision")
    MASS_MOBILISATION = "mass_mobilisation", _("mass mobilisation")
    INTERNAL_AFFAIRS = "internal_affairs", _("internal affairs")
    ECONOMY = "economy", _("economy")
    CULTURE_SOCIETY = "culture_society", _("culture and society")
    DEFENCE_SECURITY = "defence_security", _("defence and security")
    GOVERNMENT = "government", _("state administration")
    OTHER = "other", _("other")


class Document(models.Model):
    """One document in one organization's register (issued by it, or received by it)."""

    scope_path_lookup = "organization__path"

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="documents", verbose_name=_("register of")
    )
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices)
    number = models.CharField(_("number"), max_length=64)
    serial = models.PositiveIntegerField(_("serial"))
    number_year = models.PositiveSmallIntegerField(_("year in the number"), null=True, blank=True)
    doc_type = models.ForeignKey(DocumentType, on_delete=models.PROTECT, related_name="+", verbose_name=_("type"))
    issuer_code = models.CharField(_("issuer code"), max_length=40)
    issuer_name = models.CharField(_("issued by"), max_length=255, blank=True)
    term = models.ForeignKey(
        "committees.Term", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("term")
    )
    # "term-<id>" when the issuer's term was known on the date, "year-<yyyy>" otherwise: numbering restarts there.
    numbering_period = models.CharField(max_length=30, editable=False)
    issued_on = models.DateField(_("date"))
    received_on = models.DateField(_("received on"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=500)
    signer = models.CharField(_("signed by"), max_length=200, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    field = models.CharField(_("field"), max_length=30, choices=Field.choices, default=Field.OTHER)
    topics = models.ManyToManyField(Topic, blank=True, related_name="documents", verbose_name=_("topics"))
    search_text = models.TextField(editable=False, blank=True)  # core.text.fold of number, title, summary, texts
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    changelog_exclude = ("search_text",)

    class Meta:
        ordering = ["-issued_on", "-serial", "-id"]
        indexes = [
            models.Index(fields=["organization", "direction", "issued_on"], name="document_org_date"),
            models.Index(fields=["number", "issued_on"], name="document_identity"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["organization", "direction", "number", "numbering_period"],
                                    name="document_unique_number"),
        ]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self) -> str:
        return f"{self.number} · {self.title[:80]}"


class LinkKind(models.TextChoices):
    IMPLEMENTS = "implements", _("implements")
    REPLACES = "replaces", _("replaces")
    AMENDS = "amends", _("amends")
    GUIDES = "guides", _("guides")


class DocumentLink(models.Model):
    """`source` implements / replaces / amends / guides `target`."""

    scope_path_lookup = "source__organization__path"

    source = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="links_out", verbose_name=_("document"))
    target = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="links_in",
                               verbose_name=_("linked document"))
    kind = models.CharField(_("link"), max_length=12, choices=LinkKind.choices)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["source", "target", "kind"], name="document_link_unique"),
            models.CheckConstraint(condition=~Q(source=models.F("target")), name="document_link_not_self"),
        ]
        verbose_name = _("document link")
        verbose_name_plural = _("document links")

    def __str__(self) -> str:
        return f"{self.source.number} {self.kind} {self.target.number}"


class MediaType(models.TextChoices):
    PDF = "application/pdf", "PDF"
    DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "DOCX"


class Attachment(models.Model):
    """A file of a document, stored once under VAR_DIR/attachments/<sha[:2]>/<sha256> (documents.storage)."""

    scope_path_lookup = "document__organization__path"

    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="attachments",
                                 verbose_name=_("document"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    size = models.PositiveBigIntegerField(_("size"))
    media_type = models.CharField(_("file type"), max_length=100, choices=MediaType.choices)
    filename = models.CharField(_("file name"), max_length=255)
    text = models.TextField(_("extracted text"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    changelog_exclude = ("text",)

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["document", "sha256"], name="attachment_unique_file")]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.filename
