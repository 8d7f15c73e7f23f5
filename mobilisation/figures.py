"""Mass mobilisation figures of a subtree for a period, each with the same period a year before and the change.

Dialogues count those held in the period by organizations that stood, on that day, under the organization;
periodic dialogues apart from ad hoc ones. Models count those registered for a year the period touches, by
organizations under the organization on the period's last day, by kind. Follow-ups count those of the counted
dialogues, and of them those done. Keys are documented in docs/figures.md.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from core.figures import FigureRequest, labels_with_previous, register, register_labels, with_previous
from documents.figures import under_on_date, year_before
from mobilisation.models import Dialogue, DialogueKind, FollowUp, FollowUpStatus, MobilisationModel, ModelKind
from organizations.models import Organization
from organizations.queries import subtree_versions_as_of

KEYS = ("dialogues_total", "dialogues_periodic", "dialogues_ad_hoc", "follow_ups", "follow_ups_done",
        "models_total", *(f"models_{kind}" for kind in ModelKind.values))


def _counts(organization: Organization, date_from: dt.date, date_to: dt.date) -> dict[str, int]:
    held = under_on_date(Dialogue.objects.all(), organization, date_field="held_on", date_from=date_from,
                         date_to=date_to)
    row = held.aggregate(total=Count("id"), periodic=Count("id", filter=Q(kind=DialogueKind.PERIODIC)),
                         ad_hoc=Count("id", filter=Q(kind=DialogueKind.AD_HOC)))
    follow = FollowUp.objects.filter(dialogue__in=held.values("pk")).aggregate(
        total=Count("id"), done=Count("id", filter=Q(status=FollowUpStatus.DONE)))
    under = subtree_versions_as_of(organization, on=date_to).values("organization_id")
    models = MobilisationModel.objects.filter(organization_id__in=under, year__gte=date_from.year,
                                              year__lte=date_to.year)
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
