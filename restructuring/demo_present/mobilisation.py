"""The batch's mass-mobilisation dialogues (Quy định 11-QĐi/TW): the commune's secretary meets the people 20
working days before the batch date D, and the secretary of the demo cell meets the village 12 working days
before. Their follow-ups: one due in 6 working days, one overdue by 3 (in progress), one done 5 working days
before D. Brought forward: a later load marks the due one done on its due date and the overdue one done 4
working days after D (when those days have come). Skipped when already recorded (organization, date, subject);
places, people and issues are illustrative."""

from __future__ import annotations

import datetime as dt
from typing import Any

from members.ruling import Snapshot
from mobilisation.models import Dialogue, FollowUp, FollowUpStatus
from mobilisation.services import DialogueInput, FollowUpInput, IssueInput, dialogue_record, follow_up_set_status
from organizations.models import Organization
from restructuring.demo_present.stories import REASON, REFORM_ON, Unit

# (issue raised, answer, follow-up, owner) by the dialogue's month: the season's concerns of a hill commune.
ISSUES = [
    ("Đường liên thôn xuống cấp sau mùa mưa", "Xã đưa vào kế hoạch sửa chữa, huy động nhân dân góp ngày công",
     "Sửa chữa đoạn đường liên thôn bị sạt lở", "UBND xã"),
    ("Giá phân bón tăng, khó khăn cho vụ mới", "Xã phối hợp Hội Nông dân hỗ trợ mua phân bón trả chậm",
     "Lập danh sách hộ cần hỗ trợ phân bón", "Hội Nông dân xã"),
    ("Thủ tục cấp đổi giấy chứng nhận quyền sử dụng đất còn chậm", "Xã rà soát hồ sơ tồn đọng, trả lời từng hộ",
     "Rà soát và trả lời các hồ sơ đất đai tồn đọng", "Công chức địa chính xã"),
    ("Nước sinh hoạt thiếu vào mùa khô", "Xã kiểm tra, sửa chữa bể nước tập trung",
     "Sửa chữa bể nước tập trung của thôn", "UBND xã"),
]


def _dialogues(on: dt.date, unit: Unit, rules: Snapshot) -> list[tuple[str, dt.date, str, str, str, int]]:
    """(organization code, held on, place, chair, chair's post, participants)."""
    return [
        (unit.code, rules.add_working_days(on, -20), "Hội trường Đảng ủy xã", "Bí thư Đảng ủy xã",
         "Bí thư Đảng ủy", 80 + on.day),
        (unit.secretary_cell, rules.add_working_days(on, -12), "Nhà văn hóa thôn", "Bí thư Chi bộ",
         "Bí thư Chi bộ, Trưởng thôn", 40 + on.day),
    ]


def _follow_ups(on: dt.date, held: dt.date, rules: Snapshot, issues: list[tuple[str, str, str, str]]
                ) -> list[tuple[FollowUpInput, dt.date | None]]:
    """The follow-ups as recorded on the dialogue's day, and when each is done (None: not in these stories)."""
    wd = rules.add_working_days
    due_soon, overdue, done = wd(on, 6), wd(on, -3), wd(on, -5)
    return [
        (FollowUpInput(issues[0][2], issues[0][3], due_soon, issue=0), due_soon),
        (FollowUpInput(issues[1][2], issues[1][3], max(overdue, held), issue=1, status=FollowUpStatus.IN_PROGRESS),
         wd(on, 4)),
        (FollowUpInput(f"Thông báo kết quả đối thoại đến nhân dân ({held:%m/%Y})", "Văn phòng Đảng ủy",
                       max(done, held)), max(done, held)),
    ]


def load(actor: Any, on: dt.date, units: list[Unit], rules: Snapshot, *, until: dt.date) -> int:
    """Record the batch's dialogues (dated up to `until`) and move their follow-ups on; returns what was written."""
    written = 0
    for index, unit in enumerate(units):
        for number, (code, held, place, chair, post, participants) in enumerate(_dialogues(on, unit, rules)):
            organization = Organization.objects.filter(code=code).first()
            if organization is None or held > until or held < REFORM_ON:
                continue
            first = (on.month + index + 2 * number) % len(ISSUES)  # the cell's issues are not the commune's
            issues = [ISSUES[first], ISSUES[(first + 1) % len(ISSUES)]]
            subject = f"Đối thoại với nhân dân về {issues[0][0].lower()}"
            follow_ups = _follow_ups(on, held, rules, issues)
            dialogue = Dialogue.objects.filter(organization=organization, held_on=held, subject=subject).first()
            if dialogue is None:
                dialogue = dialogue_record(actor=actor, organization=organization, reason=REASON, data=DialogueInput(
                    kind="periodic", held_on=held, place=f"{place} ({organization.name.replace('Đảng bộ ', '')})",
                    chair=chair, chair_title=post, participants=participants, subject=subject,
                    issues=[IssueInput(content, answer, raised_by="Nhân dân", answered_by=chair)
                            for content, answer, _action, _owner in issues],
                    follow_ups=[item for item, _done in follow_ups]))
                written += 1
            for item, done_on in follow_ups:
                if done_on is None or done_on > until:
                    continue
                assert item.due_on is not None
                row = FollowUp.objects.filter(dialogue=dialogue, action=item.action, due_on=item.due_on).first()
                if row is not None and row.status != FollowUpStatus.DONE:
                    follow_up_set_status(actor=actor, follow_up=row, status=FollowUpStatus.DONE, done_on=done_on,
                                         reason=REASON)
                    written += 1
    return written
