"""Mass mobilisation figures of a subtree for a period, each with the same period a year before and the change.

Dialogues count those held in the period by organizations that stood, on that day, under the organization;
periodic dialogues apart from ad hoc ones. Models count those registered for a year the period touches, by
organizations under the organization on the period's last day, by kind. Follow-ups count those of the counted
dialogues, and of them those done. Keys are documented in docs/figures.md.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.dates import year_before
from core.figures import (
    FigureRequest,
    RecordRow,
    Records,
    labels_with_previous,
    register,
    register_labels,
    register_records,
    with_previous,
)
from documents.figures import under_on_date
from mobilisation.models import Dialogue, DialogueKind, FollowUp, FollowUpStatus, MobilisationModel, ModelKind
from organizations.models import Organization
from organizations.queries import subtree_versions_as_of

KEYS = ("dialogues_total", "dialogues_periodic", "dialogues_ad_hoc", "follow_ups", "follow_ups_done",
        "models_total", *(f"models_{kind}" for kind in ModelKind.values))


def period_rows(organization: Organization, date_from: dt.date,
                date_to: dt.date) -> tuple[QuerySet[Dialogue], QuerySet[FollowUp], QuerySet[MobilisationModel]]:
    """The dialogues held, their follow-ups, and the models registered for the period: what the keys count."""
    held = under_on_date(Dialogue.objects.all(), organization, date_field="held_on", date_from=date_from,
                         date_to=date_to)
    follow_ups = FollowUp.objects.filter(dialogue__in=held.values("pk"))
    under = subtree_versions_as_of(organization, on=date_to).values("organization_id")
    models = MobilisationModel.objects.filter(organization_id__in=under, year__gte=date_from.year,
                                              year__lte=date_to.year)
    return held, follow_ups, models


# Key -> condition on its rows (dialogues, follow-ups or models).
DIALOGUE_CONDITIONS = {"dialogues_total": Q(), "dialogues_periodic": Q(kind=DialogueKind.PERIODIC),
                       "dialogues_ad_hoc": Q(kind=DialogueKind.AD_HOC)}
FOLLOW_UP_CONDITIONS = {"follow_ups": Q(), "follow_ups_done": Q(status=FollowUpStatus.DONE)}
MODEL_CONDITIONS = {"models_total": Q(), **{f"models_{kind}": Q(kind=kind) for kind in ModelKind.values}}


def _counts(organization: Organization, date_from: dt.date, date_to: dt.date) -> dict[str, int]:
    held, follow_ups, models = period_rows(organization, date_from, date_to)
    row = held.aggregate(total=Count("id"), periodic=Count("id", filter=DIALOGUE_CONDITIONS["dialogues_periodic"]),
                         ad_hoc=Count("id", filter=DIALOGUE_CONDITIONS["dialogues_ad_hoc"]))
    follow = follow_ups.aggregate(total=Count("id"), done=Count("id", filter=FOLLOW_UP_CONDITIONS["follow_ups_done"]))
    by_kind = dict(models.values("kind").annotate(n=Count("id")).values_list("kind", "n"))
    counts = {"dialogues_total": row["total"], "dialogues_periodic": row["periodic"],
              "dialogues_ad_hoc": row["ad_hoc"], "follow_ups": follow["total"], "follow_ups_done": follow["done"],
              "models_total": sum(by_kind.values())}
    for kind in ModelKind.values:
        counts[f"models_{kind}"] = by_kind.get(kind, 0)
    return counts


def mobilisation_figures(organization: Organization, *, date_from: dt.date, date_to: dt.date) -> dict[str, int]:
    return with_previous(_counts(organization, date_from, date_to),
                         _counts(organization, year_before(date_from), year_before(date_to)))


@register("mobilisation")
def mobilisation_contribution(request: FigureRequest) -> dict[str, Any]:
    """The "mobilisation" namespace of the figures service (docs/figures.md)."""
    return mobilisation_figures(request.organization, date_from=request.date_from, date_to=request.date_to)


register_labels("mobilisation", _("Mass mobilisation"), labels_with_previous({
    "dialogues_total": _("Dialogues held"),
    "dialogues_periodic": _("Periodic dialogues"),
    "dialogues_ad_hoc": _("Ad hoc dialogues"),
    "follow_ups": _("Follow-ups decided at the dialogues"),
    "follow_ups_done": _("of which done"),
    "models_total": _("Models registered"),
    "models_dan_van_kheo": _("“Dân vận khéo” models"),
    "models_economic": _("Economic models"),
    "models_social": _("Social models"),
    "models_other": _("Other models"),
}))


# The records behind the keys (core.figures.records): the dialogues, follow-ups and models they count;
# `K_previous` lists those of the same dates a year before; `K_change` (a difference) has none.
def _rows(request: FigureRequest, key: str) -> QuerySet[Any]:
    date_from, date_to = request.date_from, request.date_to
    if key.endswith("_previous"):
        key, date_from, date_to = key.removesuffix("_previous"), year_before(date_from), year_before(date_to)
    held, follow_ups, models = period_rows(request.organization, date_from, date_to)
    if key in DIALOGUE_CONDITIONS:
        return held.filter(DIALOGUE_CONDITIONS[key]).select_related("organization").order_by("held_on", "id")
    if key in FOLLOW_UP_CONDITIONS:
        return (follow_ups.filter(FOLLOW_UP_CONDITIONS[key]).select_related("dialogue__organization")
                .order_by("dialogue__held_on", "id"))
    return models.filter(MODEL_CONDITIONS[key]).select_related("organization").order_by("year", "id")


def _describe(record: Dialogue | FollowUp | MobilisationModel) -> RecordRow:
    if isinstance(record, Dialogue):
        return RecordRow(text=f"{record.organization.name} · {record.subject or record.place}",
                         url=reverse("mobilisation:dialogue", args=[record.pk]), on=record.held_on,
                         detail=record.get_kind_display())
    if isinstance(record, FollowUp):
        return RecordRow(text=str(record), url=reverse("mobilisation:dialogue", args=[record.dialogue_id]),
                         on=record.dialogue.held_on, detail=record.get_status_display())
    return RecordRow(text=str(record), url=reverse("mobilisation:models"), detail=f"{record.get_kind_display()} · "
                     f"{record.year} · {record.organization.name}")


_RECORDS = Records(rows=_rows, describe=_describe, permission="mobilisation.view")
register_records("mobilisation", {
    name: _RECORDS for key in (*DIALOGUE_CONDITIONS, *FOLLOW_UP_CONDITIONS, *MODEL_CONDITIONS)
    for name in (key, f"{key}_previous")
})
