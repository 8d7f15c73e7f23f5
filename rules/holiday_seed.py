"""Reference data of the working-day calendar: the seed from the `holidays` package, the days decided by
government notices (swapped working days, Tết days off) with the notice that decided each, and the yearly
reminder to confirm next year's days.

Loading inserts missing days only; a day an administrator has set is never touched. The notices below are
shipped as data so that an installation whose package version missed them still gets them (the migration
`0004_holiday_basis_and_decisions` adds what is missing) and so that each day names its source.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

D = dt.date

HOLIDAY_YEARS = range(2010, 2036)


@dataclass(frozen=True)
class DecidedDay:
    """A day off or a worked weekend day set by a notice for one year."""

    date: dt.date
    name: str
    is_day_off: bool
    basis: str  # the notice or decision, as cited

    @property
    def is_workday(self) -> bool:
        return not self.is_day_off


_NOTICE_2025 = "Thông báo 6150/TB-BLĐTBXH (Bộ Lao động - Thương binh và Xã hội): nghỉ lễ 30/4 - 1/5/2025"
_NOTICE_2026 = (
    "Thông báo 9441/TB-BNV ngày 16/10/2025 (Bộ Nội vụ): lịch nghỉ Tết Âm lịch và Quốc khánh năm 2026"
)

# Days decided by notices. 2025: Friday 02/05 off in exchange for Saturday 26/04 (five days 30/4 - 4/5).
# 2026: Tết from Monday 16/02 (29 tháng Chạp) to Friday 20/02 (mùng 4), with the weekends nine days
# (vietbao.vn 17/10/2025 on Thông báo 9441/TB-BNV); Quốc khánh: Monday 31/08 off in exchange for Saturday
# 22/08 (as the `holidays` package lists it; consistent with the five days 29/8 - 2/9 reported for the same
# notice, whose text was not read).
DECIDED_DAYS: list[DecidedDay] = [
    DecidedDay(D(2025, 4, 26), "Ngày làm việc bù (cho ngày nghỉ 02/05/2025)", False, _NOTICE_2025),
    DecidedDay(D(2025, 5, 2), "Ngày nghỉ hoán đổi (làm bù thứ Bảy 26/04/2025)", True, _NOTICE_2025),
    DecidedDay(D(2026, 2, 16), "Giao thừa Tết Nguyên Đán (29 tháng Chạp)", True, _NOTICE_2026),
    DecidedDay(D(2026, 2, 17), "Tết Nguyên Đán", True, _NOTICE_2026),
    DecidedDay(D(2026, 2, 18), "Mùng hai Tết Nguyên Đán", True, _NOTICE_2026),
    DecidedDay(D(2026, 2, 19), "Mùng ba Tết Nguyên Đán", True, _NOTICE_2026),
    DecidedDay(D(2026, 2, 20), "Mùng bốn Tết Nguyên Đán", True, _NOTICE_2026),
    DecidedDay(D(2026, 8, 22), "Ngày làm việc bù (cho ngày nghỉ 31/08/2026)", False, _NOTICE_2026),
    DecidedDay(D(2026, 8, 31), "Ngày nghỉ hoán đổi (làm bù thứ Bảy 22/08/2026)", True, _NOTICE_2026),
]

# Days the package lists that are not seeded, with the reason. The Politburo chose 24/11 as Ngày Văn hóa Việt
# Nam, a paid holiday, but it needs an amendment of Bộ luật Lao động Điều 112 (Nghị quyết 30/NQ-CP,
# February 2026, asks for it; znews.vn, vneconomy.vn 26/02/2026). No amendment in force was found: an
# administrator adds the day (Holidays -> Add) once the law is in force.
NOT_SEEDED_NAMES = ("Ngày Văn hóa Việt Nam",)


def holiday_seed(years: range = HOLIDAY_YEARS) -> list[dict[str, Any]]:
    """Days off and worked weekend days from the `holidays` package's Vietnam calendar, names in Vietnamese,
    then the decided days over them (each with its `basis`)."""
    import holidays

    calendar = holidays.Vietnam(years=years, language="vi")  # type: ignore[attr-defined]
    rows: dict[dt.date, dict[str, Any]] = {}
    for day, name in sorted(calendar.items()):
        if any(str(name).startswith(skip) for skip in NOT_SEEDED_NAMES):
            continue
        rows[day] = {"date": day, "name": str(name)[:200], "is_day_off": True, "is_workday": False, "basis": ""}
    for day in sorted(d for d in calendar.weekend_workdays if d.year in years):
        if day in calendar:
            continue
        label = day.strftime("%d/%m/%Y")
        swapped = next((d for d, n in calendar.items() if label in str(n)), None)
        name = f"Ngày làm việc bù (cho ngày nghỉ {swapped:%d/%m/%Y})" if swapped else "Ngày làm việc bù"
        rows[day] = {"date": day, "name": name, "is_day_off": False, "is_workday": True, "basis": ""}
    for decided in DECIDED_DAYS:
        if decided.date.year in years:
            rows[decided.date] = {"date": decided.date, "name": decided.name, "is_day_off": decided.is_day_off,
                                  "is_workday": decided.is_workday, "basis": decided.basis}
    return [rows[day] for day in sorted(rows)]


def load_holidays(apps: Any, schema_editor: Any = None) -> None:
    """Insert the seeded days that are missing; never touch a day an administrator has already set.

    Seeded rows that came from the package and carry no basis get the basis of the notice that decided them.
    Works on the historical model of any migration state (before 0003 there is no `basis` and no "decision"
    source).
    """
    model = apps.get_model("rules", "Holiday")
    has_basis = any(f.name == "basis" for f in model._meta.get_fields())
    existing = {row.date: row for row in model.objects.all()}
    new = []
    for row in holiday_seed():
        basis = row.pop("basis")
        current = existing.get(row["date"])
        if current is None:
            source = "decision" if basis and has_basis else "holidays-lib"
            extra = {"basis": basis} if has_basis else {}
            new.append(model(year=row["date"].year, source=source, **row, **extra))
        elif has_basis and basis and current.source == "holidays-lib" and not current.basis and (
            (current.is_day_off, current.is_workday) == (row["is_day_off"], row["is_workday"])
        ):
            current.basis = basis
            current.save(update_fields=["basis", "updated_at"])
    model.objects.bulk_create(new)


# ----------------------------------------------------------------------------- the yearly reminder

REMINDER_MONTH = 12  # each December administrators confirm the coming year's Tết and swapped days


@dataclass(frozen=True)
class CalendarReminder:
    """Next year's calendar needs an administrator's confirmation (shown to administrators in December)."""

    year: int
    days_recorded: int
    decided_recorded: int  # days that name the notice that decided them

    @property
    def tet_missing(self) -> bool:
        return self.days_recorded == 0


def calendar_reminder(on: dt.date, rows: list[tuple[dt.date, bool, bool, str]]) -> CalendarReminder | None:
    """The reminder due on `on` (None outside December). `rows`: (date, is_day_off, is_workday, basis) of the
    Holiday table for next year."""
    if on.month != REMINDER_MONTH:
        return None
    year = on.year + 1
    mine = [r for r in rows if r[0].year == year and (r[1] or r[2])]
    return CalendarReminder(year=year, days_recorded=len(mine), decided_recorded=sum(1 for r in mine if r[3]))
