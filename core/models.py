"""The change log: one immutable row per create, update, delete or event of a domain object."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _


class ChangeAction(models.TextChoices):
    CREATE = "create", _("created")
    UPDATE = "update", _("updated")
    DELETE = "delete", _("deleted")
    EVENT = "event", _("event recorded")


class ChangeRecordQuerySet(models.QuerySet["ChangeRecord"]):
    def for_object(self, obj: models.Model) -> ChangeRecordQuerySet:
        content_type = ContentType.objects.get_for_model(obj, for_concrete_model=False)
        return self.filter(content_type=content_type, object_id=str(obj.pk))


class ChangeRecord(models.Model):
    """Who changed what, when, why, in which request; before and after as JSON. Never edited."""

    time = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    user_name = models.CharField(_("user name"), max_length=150)
    request_id = models.CharField(_("request id"), max_length=64, db_index=True)
    action = models.CharField(_("action"), max_length=10, choices=ChangeAction.choices)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField(_("object"), max_length=300)
    before = models.JSONField(_("before"), null=True, encoder=DjangoJSONEncoder)
    after = models.JSONField(_("after"), null=True, encoder=DjangoJSONEncoder)
    reason = models.TextField(_("reason"), blank=True)

    objects = ChangeRecordQuerySet.as_manager()

    class Meta:
        ordering = ["-time", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id", "-time"], name="changerecord_object")]
        verbose_name = _("change record")
        verbose_name_plural = _("change records")

    def __str__(self) -> str:
        return f"{self.time:%Y-%m-%d %H:%M} {self.user_name} {self.action} {self.object_repr}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise RuntimeError("Change records are immutable.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("Change records are immutable.")

    def changed_fields(self) -> list[tuple[str, Any, Any]]:
        """(field, before, after) for every field whose value differs."""
        before, after = self.before or {}, self.after or {}
        keys = sorted(set(before) | set(after))
        return [(k, before.get(k), after.get(k)) for k in keys if before.get(k) != after.get(k)]


class WriteWatermark(models.Model):
    """One row that changes after every committed write anywhere in the installation (core.watermark): what a
    cache of derived values (the figures) is keyed by. `epoch` is drawn at random when the row is made, so a new
    or recreated database never meets cache entries of another one; `number` grows by one after each commit."""

    epoch = models.CharField(max_length=32)
    number = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("write watermark")
        verbose_name_plural = _("write watermarks")

    def __str__(self) -> str:
        return f"{self.epoch}:{self.number}"
