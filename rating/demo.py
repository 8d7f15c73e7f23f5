"""Demo ratings, through the services, from the seed reports:

- Na Rì 2020 (Bắc Kạn): "10 chi, đảng bộ hoàn thành xuất sắc nhiệm vụ; 36 chi, đảng bộ hoàn thành tốt nhiệm vụ;
  3 chi, đảng bộ hoàn thành nhiệm vụ": the district committee's campaign of 2020 under 132-QĐ/TW rates its 49
  grassroots organizations 10 / 36 / 3 as past results, with the deciding document (number and date
  illustrative). 10 "xuất sắc" against 36 "tốt" breaks the 20% quota of every group where they fall: those are
  recorded as decided and marked as exceptions (docs/rating.md explains the reading under which it is lawful).
- Na Tông 2016 (Điện Biên), under Hướng dẫn 27-HD/BTCTW: "Các chi bộ đều hoàn thành tốt nhiệm vụ, một số chi bộ
  đạt trong sạch vững mạnh": 6 of the 16 cells "trong sạch, vững mạnh", 10 "hoàn thành tốt nhiệm vụ"; "15% hoàn
  thành xuất sắc nhiệm vụ": 15% of the members RATED (the exempted member is not rated), rounded to whole per
  cent; most of the others "hoàn thành tốt nhiệm vụ", a few "hoàn thành nhiệm vụ nhưng còn hạn chế".
- Na Tông 2025 under 366-QĐ/TW, a live campaign with scores: cell Na Tông 1 and its members self-assessed and
  decided (scores in the bands), the other cells still waiting (the board shows them).
Which organization or member got which level is illustrative (a fixed order). Loading again changes nothing.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from core.decisions import Decision
from organizations.models import Organization
from rating import services
from rating import subjects as subj
from rating.models import Campaign, Level, StepKind
from rating.services import RatingEntry

D = dt.date
REASON = "Dữ liệu mẫu"
NA_RI = "BK-NR"
NA_TONG = "DB-DBH-NT"
NA_RI_COMPLETED_AT = (7, 23, 41)  # positions (by code) of the three rated "hoàn thành nhiệm vụ"


def load_na_ri_2020(actor: Any) -> Campaign | None:
    district = Organization.objects.filter(code=NA_RI).first()
    if district is None or Campaign.objects.filter(organization=district, year=2020).exists():
        return None
    campaign = services.campaign_open(
        actor=actor, organization=district, year=2020, historic=True,
        decision=Decision("168-QĐ/HU", D(2021, 1, 8), "Ban Thường vụ Huyện ủy Na Rì"),
        note="Kết quả xếp loại tổ chức cơ sở đảng năm 2020 theo báo cáo (số quyết định minh họa).", reason=REASON,
    )
    rows = [r for r in subj.organization_subjects(campaign) if r.organization.kind.is_grassroots]
    rows.sort(key=lambda r: r.organization.code)
    entries = []
    for index, row in enumerate(rows):
        level = (Level.EXCELLENT if index % 5 == 0 else Level.COMPLETED if index in NA_RI_COMPLETED_AT
                 else Level.GOOD)
        entries.append(RatingEntry(level=level, organization=row.organization))
    services.rating_record_many(actor=actor, campaign=campaign, step=StepKind.DECISION, entries=entries,
                                on=D(2021, 1, 8), reason=REASON)
    return campaign


def na_tong_member_levels(count: int) -> list[Level]:
    """Levels for `count` rated members in a fixed order: round(15%) excellent, 3 completed, the rest good."""
    excellent = (15 * count + 50) // 100
    return [Level.EXCELLENT] * excellent + [Level.COMPLETED] * 3 + [Level.GOOD] * (count - excellent - 3)


def load_na_tong_2016(actor: Any) -> Campaign | None:
    commune = Organization.objects.filter(code=NA_TONG).first()
    if commune is None or Campaign.objects.filter(organization=commune, year=2016).exists():
        return None
    campaign = services.campaign_open(
        actor=actor, organization=commune, year=2016, historic=True,
        decision=Decision("45-QĐ/ĐU", D(2016, 12, 28), "Ban Thường vụ Đảng ủy xã Na Tông"),
        note="Đánh giá, phân loại chất lượng chi bộ và đảng viên năm 2016 (số quyết định minh họa).",
        reason=REASON,
    )
    cells = sorted(subj.organization_subjects(campaign), key=lambda r: r.organization.code)
    services.rating_record_many(
        actor=actor, campaign=campaign, step=StepKind.DECISION, on=D(2016, 12, 28), reason=REASON,
        entries=[RatingEntry(level=Level.EXCELLENT if index % 3 == 0 else Level.GOOD, organization=row.organization)
                 for index, row in enumerate(cells)],
    )
    members = [r for r in subj.member_subjects(campaign) if not r.excluded and r.person is not None]
    members.sort(key=lambda r: (r.person.citizen_id if r.person else ""))
    levels = na_tong_member_levels(len(members))
    services.rating_record_many(
        actor=actor, campaign=campaign, step=StepKind.DECISION, on=D(2016, 12, 28), reason=REASON,
        entries=[RatingEntry(level=level, person=row.person) for level, row in zip(levels, members, strict=True)],
    )
    return campaign


def _band(score: int) -> str:
    return (Level.EXCELLENT if score >= 90 else Level.GOOD if score >= 70 else Level.COMPLETED if score >= 50
            else Level.NOT_COMPLETED)


def load_na_tong_2025(actor: Any) -> Campaign | None:
    commune = Organization.objects.filter(code=NA_TONG).first()
    cell = Organization.objects.filter(code=f"{NA_TONG}-NT1").first()
    if commune is None or cell is None or Campaign.objects.filter(organization=commune, year=2025).exists():
        return None
    campaign = services.campaign_open(
        actor=actor, organization=commune, year=2025, reference_date=D(2025, 12, 31),
        self_assessment_due=D(2025, 12, 10), decision_due=D(2025, 12, 31),
        note="Kiểm điểm, đánh giá, xếp loại chất lượng năm 2025 theo Quy định 366-QĐ/TW (minh họa).", reason=REASON,
    )
    members = [r for r in subj.member_subjects(campaign, cell=cell) if not r.excluded and r.person is not None]
    members.sort(key=lambda r: (r.person.citizen_id if r.person else ""))
    # One "xuất sắc" (when at least five are rated "tốt": the 20% quota), one "hoàn thành", the others "tốt".
    count = len(members)
    scores = [92 if index == 0 and count - 2 >= 5 else 55 if index == count - 1 else 88 - index % 7
              for index in range(count)]
    cell_entry = [RatingEntry(level=Level.GOOD, organization=cell, score=86, text="Chi bộ tự đánh giá.")]
    member_entries = [RatingEntry(level=_band(score), person=row.person, score=score)
                      for score, row in zip(scores, members, strict=True)]
    for step, on in ((StepKind.SELF, D(2025, 12, 5)), (StepKind.REVIEW, D(2025, 12, 12))):
        services.rating_record_many(actor=actor, campaign=campaign, step=step, on=on, entries=cell_entry,
                                    reason=REASON)
        services.rating_record_many(actor=actor, campaign=campaign, step=step, on=on, entries=member_entries,
                                    reason=REASON)
    decision = Decision("52-QĐ/ĐU", D(2025, 12, 26), "Ban Thường vụ Đảng ủy xã Na Tông")
    services.rating_record_many(actor=actor, campaign=campaign, step=StepKind.DECISION, on=D(2025, 12, 26),
                                entries=cell_entry, decision=decision, reason=REASON)
    services.rating_record_many(actor=actor, campaign=campaign, step=StepKind.DECISION, on=D(2025, 12, 26),
                                entries=member_entries, decision=decision, reason=REASON)
    return campaign


def load(actor: Any) -> None:
    """Load the demo ratings (after members.demo); running it again changes nothing."""
    load_na_ri_2020(actor)
    load_na_tong_2016(actor)
    load_na_tong_2025(actor)
