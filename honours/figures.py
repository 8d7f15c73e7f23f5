"""Commendation figures of an organization subtree for a period (docs/figures.md, namespace "honours").

A commendation counts when its decision is dated in [date_from, date_to] and its organization stood, on that
day, under the organization; an honour-book entry by its entry date, a contest result by its award date, the
same way. Collectives are commendations to an organization in the tree or to a named collective. Keys by
campaign (`commendations_<campaign>_collective` / `_individual`), level (`commendations_level_<level>`) and form
(`commendations_form_<form>`), codes with "-" written "_".
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.figures import FigureRequest, RecordRow, Records, register, register_labels, register_records
from honours.models import (
    COLLECTIVE_TARGETS,
    Campaign,
    Commendation,
    ContestResult,
    Form,
    HonourEntry,
    Level,
    Prize,
    Target,
)
from organizations.models import Organization
from training.checks import key_part, paths_in_period, stood_under

COLLECTIVE = Q(target__in=COLLECTIVE_TARGETS)
INDIVIDUAL = Q(target=Target.INDIVIDUAL)


def commendations_in_period(organization: Organization, *, date_from: dt.date, date_to: dt.date,
                            paths: list[str] | None = None) -> QuerySet[Commendation]:
    """The commendations decided in the period by an organization then standing under it (what the keys count)."""
    if paths is None:
        paths = paths_in_period(organization, date_from, date_to) if date_from <= date_to else []
    return Commendation.objects.filter(decided_on__gte=date_from, decided_on__lte=date_to).filter(
        stood_under(paths, organization_field="organization", date_field="decided_on"))


def entries_and_results(paths: list[str], *, date_from: dt.date,
                        date_to: dt.date) -> tuple[QuerySet[HonourEntry], QuerySet[ContestResult]]:
    """The honour-book entries and contest results of the period under the paths (what their keys count)."""
    entries = HonourEntry.objects.filter(entered_on__gte=date_from, entered_on__lte=date_to).filter(
        stood_under(paths, organization_field="organization", date_field="entered_on"))
    results = ContestResult.objects.filter(awarded_on__gte=date_from, awarded_on__lte=date_to).filter(
        stood_under(paths, organization_field="organization", date_field="awarded_on"))
    return entries, results


def honours_figures(organization: Organization, *, date_from: dt.date, date_to: dt.date) -> dict[str, int]:
    paths = paths_in_period(organization, date_from, date_to) if date_from <= date_to else []
    commendations = commendations_in_period(organization, date_from=date_from, date_to=date_to, paths=paths)
    entries, results = entries_and_results(paths, date_from=date_from, date_to=date_to)
    counts: dict[str, Any] = {
        "commendations": Count("id"),
        "commendations_collective": Count("id", filter=COLLECTIVE),
        "commendations_individual": Count("id", filter=INDIVIDUAL),
    }
    for code in Campaign.objects.values_list("code", flat=True):
        counts[f"commendations_{key_part(code)}_collective"] = Count("id", filter=COLLECTIVE & Q(campaign__code=code))
        counts[f"commendations_{key_part(code)}_individual"] = Count("id", filter=INDIVIDUAL & Q(campaign__code=code))
    for code in Level.objects.values_list("code", flat=True):
        counts[f"commendations_level_{key_part(code)}"] = Count("id", filter=Q(level__code=code))
    for code in Form.objects.values_list("code", flat=True):
        counts[f"commendations_form_{key_part(code)}"] = Count("id", filter=Q(form__code=code))
    figures: dict[str, int] = commendations.aggregate(**counts)
    figures |= entries.aggregate(honour_book_entries=Count("id"), honour_book_collective=Count("id", filter=COLLECTIVE),
                                 honour_book_individual=Count("id", filter=INDIVIDUAL))
    prizes: dict[str, Any] = {"contest_results": Count("id")}
    for prize in Prize.values:
        prizes[f"contest_prizes_{prize}"] = Count("id", filter=Q(prize=prize))
    figures |= results.aggregate(**prizes)
    return figures


@register("honours")
def honours_contribution(request: FigureRequest) -> dict[str, int]:
    """The "honours" namespace of the figures service (docs/figures.md)."""
    return honours_figures(request.organization, date_from=request.date_from, date_to=request.date_to)


register_labels("honours", _("Commendations and the honour book"), {
    "commendations": _("Commendations"),
    "commendations_collective": _("Collectives commended"),
    "commendations_individual": _("Individuals commended"),
    "commendations_hcm_study_collective": _("Collectives commended in studying and following Hồ Chí Minh"),
    "commendations_hcm_study_individual": _("Individuals commended in studying and following Hồ Chí Minh"),
    "honour_book_entries": _("Entries in the “người tốt, việc tốt” register"),
    "honour_book_collective": _("Collectives in the “người tốt, việc tốt” register"),
    "honour_book_individual": _("Individuals in the “người tốt, việc tốt” register"),
    "contest_results": _("Contest results"),
    "contest_prizes_first": _("First prizes in contests"),
    "contest_prizes_second": _("Second prizes in contests"),
    "contest_prizes_third": _("Third prizes in contests"),
    "contest_prizes_consolation": _("Consolation prizes in contests"),
    "contest_prizes_other": _("Other contest awards"),
}, prefixes={
    # Campaigns, levels and forms are data: their keys end in the record's code.
    "commendations_level_": _("Commendations at level"),
    "commendations_form_": _("Commendations by form"),
    "commendations_": _("Commendations in the campaign"),
})


# The records behind the commendation counts (core.figures.records): the commendations they aggregate.
_COMMENDATION_KEYS = {"commendations": Q(), "commendations_collective": COLLECTIVE,
                      "commendations_individual": INDIVIDUAL}


def _commendations(request: FigureRequest, key: str) -> QuerySet[Commendation]:
    condition = _COMMENDATION_KEYS.get(key)
    if condition is None:
        condition = _family_condition(key)
    return (commendations_in_period(request.organization, date_from=request.date_from, date_to=request.date_to)
            .filter(condition).select_related("person", "level").order_by("decided_on", "id"))


def _family_condition(key: str) -> Q:
    """`commendations_level_<level>`, `commendations_form_<form>`, `commendations_<campaign>_collective` /
    `_individual`: codes written with "_" for "-"."""
    for prefix, model, field in (("commendations_level_", Level, "level__code"),
                                 ("commendations_form_", Form, "form__code")):
        if key.startswith(prefix):
            part = key.removeprefix(prefix)
            return Q(**{f"{field}__in": [c for c in model.objects.values_list("code", flat=True)
                                         if key_part(c) == part]})
    part, _sep, target = key.removeprefix("commendations_").rpartition("_")
    codes = [c for c in Campaign.objects.values_list("code", flat=True) if key_part(c) == part]
    return Q(campaign__code__in=codes) & (COLLECTIVE if target == "collective" else INDIVIDUAL)


def _describe_commendation(commendation: Commendation) -> RecordRow:
    who = commendation.person.full_name if commendation.person else commendation.recipient_name
    return RecordRow(text=who or str(commendation), url=reverse("honours:commendation_detail", args=[commendation.pk]),
                     on=commendation.decided_on, detail=f"{commendation.level} · {commendation.decision_number}")


def _is_campaign_key(key: str) -> bool:
    """A campaign's key (`commendations_<campaign>_collective` / `_individual`); the level and form families are
    matched by their own, longer prefixes first."""
    return key.endswith(("_collective", "_individual"))


_ENTRY_KEYS = {"honour_book_entries": Q(), "honour_book_collective": COLLECTIVE, "honour_book_individual": INDIVIDUAL}
_RESULT_KEYS = {"contest_results": Q(), **{f"contest_prizes_{prize}": Q(prize=prize) for prize in Prize.values}}


def _entries_or_results(request: FigureRequest, key: str) -> QuerySet[Any]:
    date_from, date_to = request.date_from, request.date_to
    paths = paths_in_period(request.organization, date_from, date_to) if date_from <= date_to else []
    entries, results = entries_and_results(paths, date_from=date_from, date_to=date_to)
    if key in _ENTRY_KEYS:
        return entries.filter(_ENTRY_KEYS[key]).select_related("person").order_by("entered_on", "id")
    return results.filter(_RESULT_KEYS[key]).select_related("contest", "organization").order_by("awarded_on", "id")


def _describe_entry_or_result(record: HonourEntry | ContestResult) -> RecordRow:
    if isinstance(record, HonourEntry):
        return RecordRow(text=record.person.full_name if record.person else record.name,
                         url=reverse("honours:honour_book"), on=record.entered_on, detail=record.deed[:120])
    return RecordRow(text=record.participant or record.organization.name, on=record.awarded_on,
                     detail=f"{record.get_prize_display()} · {record.contest}")


_COMMENDATION_RECORDS = Records(rows=_commendations, describe=_describe_commendation, permission="honours.view")
_OTHER_RECORDS = Records(rows=_entries_or_results, describe=_describe_entry_or_result, permission="honours.view")
register_records("honours", {**dict.fromkeys(_COMMENDATION_KEYS, _COMMENDATION_RECORDS),
                             **dict.fromkeys((*_ENTRY_KEYS, *_RESULT_KEYS), _OTHER_RECORDS)},
                 prefixes={"commendations_level_": _COMMENDATION_RECORDS,
                           "commendations_form_": _COMMENDATION_RECORDS,
                           "commendations_": Records(rows=_commendations, describe=_describe_commendation,
                                                     permission="honours.view", matches=_is_campaign_key)})
