"""Figures of targets, new-rural criteria and OCOP (keys: docs/figures.md, namespaces `targets`, `newrural`,
`ocop`). Target figures are the organization's own resolutions' targets for the year of the period's end;
new-rural and OCOP counts are over the subtree under the tree of 31/12 of that year.

Values are numbers where a report quotes a whole number, and text written as reports write it where it is not
("1,89", "đạt 126% KH", "05/15 thôn, chiếm hơn 33%").
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.figures import FigureRequest, RecordRow, Records, register, register_labels, register_records
from targets import wording as w
from targets.evaluation import Evaluation, evaluate, summary
from targets.models import Resolution, ResolutionKind, Target
from targets.newrural.queries import grid, villages
from targets.ocop.queries import counts
from targets.wording import NotComputable, Status


def _number(value: Decimal, decimals: int) -> int | str:
    """A whole number as a number; otherwise the report's text ("1,89", "4,5")."""
    if value == value.to_integral_value():
        return int(value)
    return w.short_number_text(value, decimals)


def _targets_of_year(request: FigureRequest) -> list[Target]:
    year = request.date_to.year
    resolutions = Resolution.objects.filter(organization=request.organization, start_year__lte=year,
                                            end_year__gte=year)
    # An annual resolution's target speaks for its year before a congress resolution's target of the same indicator.
    order: dict[str, int] = {ResolutionKind.ANNUAL: 0, ResolutionKind.PROGRAMME: 1, ResolutionKind.CONGRESS: 2}
    targets = sorted(Target.objects.filter(resolution__in=resolutions).select_related("indicator", "resolution"),
                     key=lambda t: (order.get(t.resolution.kind, 3), t.resolution_id, t.position, t.pk))
    chosen: dict[str, Target] = {}
    for target in targets:
        chosen.setdefault(target.indicator.code, target)
    return list(chosen.values())


def _evaluations(request: FigureRequest) -> list[Evaluation]:
    """The evaluations, for the year of the period's end, of the targets of that year (what the keys count)."""
    return [evaluate(target, request.date_to.year) for target in _targets_of_year(request)]


@register("targets")
def target_figures(request: FigureRequest) -> dict[str, Any]:
    """Per indicator code: value, share of the first plan, the report's phrase, status, change on the year
    before; over all: how many targets were met and exceeded."""
    found: dict[str, Any] = {}
    evaluations = _evaluations(request)
    for evaluation in evaluations:
        code = evaluation.target.indicator.code
        amount = evaluation.value.amount
        if isinstance(amount, NotComputable):
            continue
        found[code] = _number(amount, evaluation.target.indicator.decimals)
        if evaluation.shares and isinstance(evaluation.shares[0].percent, Decimal):
            percent = evaluation.shares[0].percent
            found[f"{code}_percent_of_plan"] = w.percent_whole(percent)
            found[f"{code}_percent_of_plan_text"] = w.percent_text(percent, evaluation.target.wording)
        found[f"{code}_phrase"] = evaluation.phrase
        if isinstance(evaluation.status, Status):
            found[f"{code}_status"] = evaluation.status.value
        change = evaluation.change
        if not isinstance(change, NotComputable):
            found[f"{code}_change"] = _number(change.delta, evaluation.target.indicator.decimals)
            found[f"{code}_change_text"] = evaluation.change_text
    totals = summary(evaluations)
    found["targets_total"] = totals["total"]
    found["targets_achieved"] = totals["achieved"]
    found["targets_exceeded"] = totals["exceeded"]
    if evaluations:
        found["targets_summary"] = totals["text"]
    return found


@register("newrural")
def newrural_figures(request: FigureRequest) -> dict[str, Any]:
    year = request.date_to.year
    found_grid = grid(request.organization, year=year)
    bands = found_grid.bands()
    met, assessed = villages(request.organization, year=year)
    found: dict[str, Any] = {
        "criteria_total": len(found_grid.criteria),
        "communes_assessed": sum(1 for row in found_grid.communes if row.met),
        "communes_all_criteria": bands[0][2],
        "communes_15_18": bands[1][2],
        "communes_10_14": bands[2][2],
        "communes_5_9": bands[3][2],
        "communes_under_5": bands[4][2],
        "villages_assessed": assessed,
        "villages_met": met,
    }
    if found["communes_assessed"]:
        found["communes_summary"] = found_grid.summary()
    if assessed:
        found["villages_met_percent"] = w.percent_whole(Decimal(met) * 100 / Decimal(assessed))
        found["villages_summary"] = w.share_text(met, assessed, str(_("villages")))
    return found


@register("ocop")
def ocop_figures(request: FigureRequest) -> dict[str, Any]:
    found = counts(request.organization, year=request.date_to.year)
    result: dict[str, Any] = {"products_registered": found.registered, "products_upgrade": found.upgrades,
                              "products_new": found.new, "upgrade_proposals": found.proposals_total}
    if found.registered:
        result["ocop_summary"] = found.text
    return result


register_labels("targets", _("Targets of resolutions"), {
    "targets_total": _("Targets of the year"),
    "targets_achieved": _("Targets met or exceeded"),
    "targets_exceeded": _("Targets exceeded"),
    "targets_summary": _("Summary of the targets"),
})
register_labels("newrural", _("New rural criteria"), {
    "criteria_total": _("Criteria in the set of the year"),
    "communes_assessed": _("Communes assessed"),
    "communes_all_criteria": _("Communes meeting every criterion"),
    "communes_15_18": _("Communes meeting 15–18 criteria"),
    "communes_10_14": _("Communes meeting 10–14 criteria"),
    "communes_5_9": _("Communes meeting 5–9 criteria"),
    "communes_under_5": _("Communes meeting under 5 criteria"),
    "communes_summary": _("Communes by criteria met"),
    "villages_assessed": _("Villages assessed"),
    "villages_met": _("Villages meeting the standard"),
    "villages_met_percent": _("Share of villages meeting the standard (%)"),
    "villages_summary": _("Villages meeting the standard"),
}, stocks=("criteria_total", "communes_assessed", "communes_all_criteria", "communes_15_18", "communes_10_14",
           "communes_5_9", "communes_under_5", "communes_summary", "villages_assessed", "villages_met",
           "villages_met_percent", "villages_summary"))
register_labels("ocop", _("OCOP products"), {
    "products_registered": _("Products registered"),
    "products_upgrade": _("of which star upgrades"),
    "products_new": _("of which new products"),
    "upgrade_proposals": _("Products proposed for more stars"),
    "ocop_summary": _("OCOP registrations"),
})


# The records behind the counts of targets (core.figures.records): the main targets evaluated, as `summary` counts
# them. Not declared: an indicator's own keys (`<code>`, `<code>_percent_of_plan`, `<code>_change`: amounts and
# shares, not counts of records), texts, and the newrural and ocop namespaces.
_TARGET_KEYS = {"targets_total": lambda e: True, "targets_achieved": lambda e: isinstance(e.status, Status)
                and e.status.achieved, "targets_exceeded": lambda e: e.status is Status.EXCEEDED}


def _targets(request: FigureRequest, key: str) -> list[Evaluation]:
    wanted = _TARGET_KEYS[key]
    return [e for e in _evaluations(request) if e.target.parent_id is None and wanted(e)]


def _describe_target(evaluation: Evaluation) -> RecordRow:
    target = evaluation.target
    return RecordRow(text=target.indicator.name, url=reverse("targets:resolution", args=[target.resolution_id]),
                     detail=evaluation.phrase)


register_records("targets", dict.fromkeys(_TARGET_KEYS, Records(rows=_targets, describe=_describe_target,
                                                                permission="targets.view")))
