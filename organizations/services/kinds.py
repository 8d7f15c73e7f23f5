"""Writes to the dated attributes of organization kinds (`KindPeriod`, read by organizations.kinds)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from core.errors import FaultList
from core.services import reference_row_save
from organizations import kinds
from organizations.models import KindPeriod


def _fmt(day: Any) -> str:
    return day.strftime("%d/%m/%Y") if day else "…"


@transaction.atomic
def kind_period_save(*, actor: Any, instance: KindPeriod, reason: str = "") -> KindPeriod:
    """Create or update one period of a kind's dated attributes (only an installation administrator may).

    Refused, all faults at once and nothing written: an end not after the start; a period that overlaps another
    period of the same kind (one meaning per kind and date); a regulation left empty. Logged in the change log;
    the in-process copies (organizations.kinds) are rebuilt on their next use."""
    faults = FaultList()
    if instance.valid_from and instance.valid_to and instance.valid_to <= instance.valid_from:
        faults.add(_("The end (%(end)s) must come after the start (%(start)s).")
                   % {"end": _fmt(instance.valid_to), "start": _fmt(instance.valid_from)}, "valid_to")
    if not (instance.regulation or "").strip():
        faults.add(_("Name the regulation that says what the kind means in this period."), "regulation")
    if instance.kind_id is not None:
        others = KindPeriod.objects.select_for_update().filter(kind_id=instance.kind_id).exclude(pk=instance.pk)
        if instance.valid_to is not None:
            others = others.filter(Q(valid_from__isnull=True) | Q(valid_from__lt=instance.valid_to))
        if instance.valid_from is not None:
            others = others.filter(Q(valid_to__isnull=True) | Q(valid_to__gt=instance.valid_from))
        clash = others.first()
        if clash is not None:
            faults.add(_("This period overlaps the period from %(start)s to %(end)s of the same kind: close that "
                         "one first (one meaning per kind and date).")
                       % {"start": _fmt(clash.valid_from), "end": _fmt(clash.valid_to)}, "valid_from")
    faults.check()
    saved = reference_row_save(actor=actor, instance=instance, reason=reason)
    kinds.forget()  # the in-process copy: dropped now and again on commit (another request may have rebuilt it)
    transaction.on_commit(kinds.forget)
    return saved
