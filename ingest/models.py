"""Imports keep a record of each file taken in, and the member codes that files gave to the persons they created."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from members.models import Person


class ImportStatus(models.TextChoices):
    APPLIED = "applied", _("imported")
    CHECKED = "checked", _("checked, nothing written (dry run)")
    REFUSED = "refused", _("refused, nothing written")


class ImportBatch(models.Model):
    """One file submitted for import: what it was, who sent it, what came of it.

    Written for every attempt, refused and dry runs included (the only row such an attempt leaves).
    Visible to the user who sent it and to administrators.
    """

    kind = models.CharField(_("kind"), max_length=30, default="members")
    file_name = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    size = models.PositiveBigIntegerField(_("size in bytes"), default=0)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("user")
    )
    user_name = models.CharField(_("user name"), max_length=150)
    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    request_id = models.CharField(_("request id"), max_length=64, db_index=True)
    dry_run = models.BooleanField(_("dry run"), default=False)
    status = models.CharField(_("status"), max_length=10, choices=ImportStatus.choices)
    rows_total = models.PositiveIntegerField(_("rows"), default=0)
    rows_created = models.PositiveIntegerField(_("created"), default=0)
    rows_skipped = models.PositiveIntegerField(_("unchanged"), default=0)
    rows_refused = models.PositiveIntegerField(_("rows with errors"), default=0)
    error_count = models.PositiveIntegerField(_("errors"), default=0)
    errors = models.JSONField(_("errors"), default=list, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "-created_at"], name="importbatch_user")]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self) -> str:
        return f"{self.file_name} ({self.created_at:%d/%m/%Y %H:%M})" if self.created_at else self.file_name


class MemberKey(models.Model):
    """The member code a file gave to a person it created: re-importing the file finds the person by it.

    Persons without one are known by their exchange code (Person.code), which the export writes.
    """

    scope_path_lookup = "person__organization__path"
    scope_person_lookup = "person"  # a role over one person reaches this row (core.scope)

    code = models.CharField(_("member code"), max_length=64, unique=True)
    person = models.OneToOneField(
        Person, on_delete=models.PROTECT, related_name="import_key", verbose_name=_("member file")
    )
    batch = models.ForeignKey(
        ImportBatch, null=True, blank=True, on_delete=models.PROTECT, related_name="keys", verbose_name=_("import")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("member code")
        verbose_name_plural = _("member codes")

    def __str__(self) -> str:
        return self.code
