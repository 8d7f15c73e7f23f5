"""The figures and words of targets, in one module: % of plan, status per kind, change on the previous period,
and the sentences reports write ("đạt hơn 102% KH", "17/17 chỉ tiêu đạt và vượt, trong đó 09 chỉ tiêu vượt",
"05/15 thôn, chiếm hơn 33%", "03 lớp"). Pure functions over Decimals; table-tested in tests/test_wording.py
against the seed reports' sentences; rules written out in docs/targets.md.

Rules:
- Numbers are written as the reports write them in both languages: "." between thousands, "," before decimals
  ("35.000", "1,89"), with the indicator's decimals (half up).
- A share of plan is written by the target's wording: TRUNCATE "126%" for 126,67%; MORE_THAN "hơn 102%" for
  102,35% (and "102%" when exact); ROUND "127%"; ONE_DECIMAL "133,5%" (",0" dropped).
- "đạt" before a share of a final result, "ước đạt" before an estimate's; "vượt X%" is the share above 100.
- A count written with its noun is padded to two digits below 10 ("03 lớp", "01 xã", "05/15 thôn"); a count
  whose noun is left out ("trong đó 3 nâng hạng") is not.
- What cannot be computed (a plan of zero, no previous year, a range's single share) is a `NotComputable`
  carrying the reason, never a division by zero.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

HUNDRED = Decimal(100)


@dataclass(frozen=True)
class NotComputable:
    """Why a figure has no value (shown instead of it)."""

    reason: str

    def __bool__(self) -> bool:
        return False

    def __str__(self) -> str:
        return self.reason


class Status(enum.StrEnum):
    NOT_MET = "not_met"
    MET = "met"
    EXCEEDED = "exceeded"

    @property
    def label(self) -> str:
        return {Status.NOT_MET: pgettext("target status", "not met"), Status.MET: pgettext("target status", "met"),
                Status.EXCEEDED: pgettext("target status", "exceeded")}[self]

    @property
    def achieved(self) -> bool:
        return self is not Status.NOT_MET


# ----------------------------------------------------------------------------- numbers


def number_text(value: Decimal | int, decimals: int = 0) -> str:
    """35000 -> "35.000"; 1.89 (2 decimals) -> "1,89"; -4.5 (1) -> "-4,5"."""
    quantum = Decimal(1).scaleb(-decimals)
    rounded = Decimal(value).quantize(quantum, rounding=ROUND_HALF_UP)
    sign = "-" if rounded < 0 else ""
    whole, _dot, fraction = f"{abs(rounded):f}".partition(".")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    text = ".".join(groups)
    return f"{sign}{text},{fraction}" if fraction else f"{sign}{text}"


def short_number_text(value: Decimal, decimals: int) -> str:
    """Like number_text, trailing zeros of the decimals dropped: 133,50 -> "133,5"; 4,0 -> "4"."""
    text = number_text(value, decimals)
    if "," in text:
        text = text.rstrip("0").rstrip(",")
    return text


def padded(count: int) -> str:
    """A count written with its noun: 3 -> "03", 12 -> "12"."""
    return f"{count:02d}" if 0 <= count < 10 else str(count)


def count_text(count: int, noun: str) -> str:
    """"03 lớp", "16 sản phẩm"."""
    return f"{padded(count)} {noun}"


def range_text(low: Decimal, high: Decimal, decimals: int) -> str:
    """"12,8–13" for the range 12,8 to 13."""
    return f"{short_number_text(low, decimals)}–{short_number_text(high, decimals)}"


# ----------------------------------------------------------------------------- share of plan


def percent_of(value: Decimal, plan: Decimal) -> Decimal | NotComputable:
    """value / plan in per cent; a plan of zero is not divided by."""
    if plan == 0:
        return NotComputable(_("The plan is zero: no share of it can be computed."))
    return Decimal(value) * HUNDRED / Decimal(plan)


def percent_text(percent: Decimal, wording: str = "more_than") -> str:
    """126,67 -> "126%" (truncate), "hơn 126%" (more_than), "127%" (round); 133,5 -> "133,5%" (one_decimal)."""
    if wording == "round":
        return f"{number_text(percent, 0)}%"
    if wording == "one_decimal":
        return f"{short_number_text(percent, 1)}%"
    whole = percent.quantize(Decimal(1), rounding=ROUND_DOWN)
    if wording == "more_than" and whole != percent:
        return _("more than %(number)s%%") % {"number": number_text(whole)}
    return f"{number_text(whole)}%"


def percent_whole(percent: Decimal) -> int:
    """The share truncated to a whole number (126 for 126,67): what "126% KH" says."""
    return int(percent.quantize(Decimal(1), rounding=ROUND_DOWN))


def achievement_text(percent: Decimal, *, wording: str = "more_than", label: str = "KH", estimate: bool = False) -> str:
    """"đạt 126% KH", "đạt hơn 102% KH", "ước đạt hơn 102% KH"."""
    values = {"percent": percent_text(percent, wording), "plan": label}
    if estimate:
        return _("estimated at %(percent)s %(plan)s") % values
    return _("reached %(percent)s %(plan)s") % values


def plans_text(shares: Sequence[tuple[Decimal, str]], *, wording: str = "more_than", estimate: bool = False) -> str:
    """Two plans: "đạt 162,7% dự toán tỉnh giao và 124,3% dự toán huyện phấn đấu"."""
    if not shares:
        return ""
    first, *rest = shares
    text = achievement_text(first[0], wording=wording, label=first[1], estimate=estimate)
    for percent, label in rest:
        text += " " + _("and %(percent)s %(plan)s") % {"percent": percent_text(percent, wording), "plan": label}
    return text


def exceed_text(percent: Decimal, wording: str = "more_than") -> str | NotComputable:
    """126,67% of plan -> "vượt 26%" (the share above the plan); at or under 100% there is nothing above it."""
    if percent <= HUNDRED:
        return NotComputable(_("The result does not exceed the plan."))
    return _("exceeded by %(percent)s") % {"percent": percent_text(percent - HUNDRED, wording)}


# ----------------------------------------------------------------------------- status per kind


def status(kind: str, value: Decimal, plan: Decimal, *, plan_high: Decimal | None = None,
           previous: Decimal | None = None) -> Status | NotComputable:
    """Không đạt / đạt / vượt for a target of `kind` (docs/targets.md):

    at_least, share: below the plan not met, at it met, above it exceeded; at_most: above not met, at it met,
    below exceeded; exact: met only at the plan; range [plan, plan_high]: met inside (bounds included), exceeded
    above, not met below; reduction: the fall from `previous` against the planned fall (a missing previous year
    is not computable).
    """
    if kind == "reduction":
        if previous is None:
            return NotComputable(_("No result for the previous year: the fall cannot be computed."))
        return _compare(previous - value, plan)
    if kind == "range":
        high = plan if plan_high is None else plan_high
        if value < plan:
            return Status.NOT_MET
        return Status.EXCEEDED if value > high else Status.MET
    if kind == "exact":
        return Status.MET if value == plan else Status.NOT_MET
    if kind == "at_most":
        return _compare(plan, value)
    return _compare(value, plan)


def _compare(reached: Decimal, wanted: Decimal) -> Status:
    if reached < wanted:
        return Status.NOT_MET
    return Status.EXCEEDED if reached > wanted else Status.MET


def share_of_plan(kind: str, value: Decimal, plan: Decimal, *,
                  previous: Decimal | None = None) -> Decimal | NotComputable:
    """% of plan by kind: the value over the plan; for a reduction the fall over the planned fall; a range has none."""
    if kind == "range":
        return NotComputable(_("A range has no single plan to divide by."))
    if kind == "reduction":
        if previous is None:
            return NotComputable(_("No result for the previous year: the fall cannot be computed."))
        return percent_of(previous - value, plan)
    return percent_of(value, plan)


# ----------------------------------------------------------------------------- change on the previous period


@dataclass(frozen=True)
class Change:
    delta: Decimal
    percent: Decimal | NotComputable
    previous_year: int


def change(value: Decimal, previous: Decimal | None, *, previous_year: int) -> Change | NotComputable:
    if previous is None:
        return NotComputable(_("No result for %(year)s: the change cannot be computed.") % {"year": previous_year})
    percent = (percent_of(value - previous, previous) if previous != 0
               else NotComputable(_("The previous value is zero: no percentage change.")))
    return Change(delta=value - previous, percent=percent, previous_year=previous_year)


def change_text(found: Change | NotComputable, *, unit: str, decimals: int) -> str:
    """"tăng 35 kg/người/năm so với năm 2019", "giảm 2 % so với năm 2015", "bằng năm 2019"."""
    if isinstance(found, NotComputable):
        return str(found)
    values = {"amount": short_number_text(abs(found.delta), decimals), "unit": unit, "year": found.previous_year}
    if found.delta > 0:
        return _("up %(amount)s %(unit)s on %(year)s") % values
    if found.delta < 0:
        return _("down %(amount)s %(unit)s on %(year)s") % values
    return _("the same as in %(year)s") % values


def change_percent_text(found: Change | NotComputable) -> str:
    """"tăng 39,7%", "giảm 4,5%" (one decimal)."""
    if isinstance(found, NotComputable):
        return str(found)
    if isinstance(found.percent, NotComputable):
        return str(found.percent)
    amount = f"{short_number_text(abs(found.percent), 1)}%"
    if found.percent > 0:
        return _("up %(amount)s") % {"amount": amount}
    if found.percent < 0:
        return _("down %(amount)s") % {"amount": amount}
    return _("unchanged")


# ----------------------------------------------------------------------------- summaries


def targets_summary(statuses: Iterable[Status | NotComputable], *, components: bool = False) -> str:
    """"17/17 chỉ tiêu đạt và vượt, trong đó 09 chỉ tiêu vượt" over the targets given (not computable ones count
    in the total, not in the achieved)."""
    found = list(statuses)
    achieved = sum(1 for s in found if isinstance(s, Status) and s.achieved)
    exceeded = sum(1 for s in found if s is Status.EXCEEDED)
    values = {"achieved": padded(achieved), "total": padded(len(found)), "exceeded": padded(exceeded)}
    if components:
        return _("%(achieved)s/%(total)s component targets met or exceeded, of which %(exceeded)s exceeded") % values
    return _("%(achieved)s/%(total)s targets met or exceeded, of which %(exceeded)s exceeded") % values


def share_text(part: int, whole: int, noun: str, *, wording: str = "more_than") -> str:
    """"05/15 thôn, chiếm hơn 33%"; with no whole, the fraction and why there is no share."""
    fraction = f"{padded(part)}/{padded(whole)} {noun}"
    share = percent_of(Decimal(part), Decimal(whole))
    if isinstance(share, NotComputable):
        return fraction
    return _("%(fraction)s, that is %(percent)s") % {"fraction": fraction, "percent": percent_text(share, wording)}


# Bands of met criteria in report order: (lowest, highest); highest None = "all of them".
NEWRURAL_BANDS: tuple[tuple[int, int | None], ...] = ((19, None), (15, 18), (10, 14), (5, 9), (0, 4))


def newrural_text(bands: Sequence[tuple[int, int | None, int]], *, total_criteria: int) -> str:
    """"01 xã đạt 19/19 tiêu chí; 01 xã đạt 15–18 tiêu chí; 12 xã đạt 10–14 tiêu chí; 02 xã đạt 5–9 tiêu chí"
    from (low, high, communes) bands; empty bands are left out; (n, None) is all criteria."""
    parts = []
    for low, high, communes in bands:
        if not communes:
            continue
        communes_text = count_text(communes, pgettext("new rural", "communes"))
        if high is None:
            what = f"{low}/{total_criteria}"
        elif low == 0:
            what = _("under %(n)s") % {"n": high + 1}
        else:
            what = f"{low}–{high}"
        parts.append(_("%(communes)s meet %(what)s criteria") % {"communes": communes_text, "what": what})
    return "; ".join(parts)


def ocop_text(registered: int, upgrades: int, new: int, proposals: Sequence[tuple[int, int, int]]) -> str:
    """"16 sản phẩm đăng ký, trong đó 3 nâng hạng, 13 mới; 01 sản phẩm đề nghị nâng từ 4 sao lên 5 sao"."""
    text = _("%(registered)s registered, of which %(upgrades)s upgrades, %(new)s new") % {
        "registered": count_text(registered, pgettext("ocop", "products")), "upgrades": upgrades, "new": new}
    for from_stars, to_stars, count in proposals:
        text += "; " + _("%(products)s proposed for an upgrade from %(from)s to %(to)s stars") % {
            "products": count_text(count, pgettext("ocop", "products")), "from": from_stars, "to": to_stars}
    return text
