"""A cell secretary walks a candidate from the opening of the file to recognition as an official member,
in headless Chromium against a live server."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from django.utils import translation
from playwright.sync_api import Page, expect

from core.testing import Cast, build_cast
from core.testing_browser import signed_in_page
from members.models import EventKind, MemberEvent, Person, Status
from members.tests import factories as f
from rules.calendar import add_working_days

pytestmark = pytest.mark.browser

D = dt.date


@pytest.fixture
def world(transactional_db: None) -> Cast:
    """The cast (reference data reloaded: a transactional test flushes it), two official members of cell A1a who
    will introduce the candidate, and a few others at other stages of the pipeline."""
    cast = build_cast()
    board = cast.district_officer
    for name in ("Hoàng Văn Giới", "Lục Thị Thiệu"):
        f.member(board, cast.cell_a1a, name, admitted_on=D(2005, 3, 1))
    f.candidate(board, cast.cell_a1a, "Ma Văn Chờ", course_on=None)
    f.candidate(board, cast.cell_a1a, "Lò Thị Hiền", resolution_on=D(2024, 9, 3))
    f.candidate(board, cast.cell_a1b, "Nông Văn Bảo", registered_on=D(2024, 2, 1), course_on=D(2024, 5, 6))
    f.admit(board, cast.cell_a1b, "Triệu Thị Lan", resolution_on=D(2025, 6, 2), decided_on=D(2025, 7, 1),
            ceremony_on=D(2025, 7, 20))
    return cast


@pytest.fixture
def page(live_server: Any, world: Cast) -> Iterator[Page]:
    with signed_in_page(live_server.url, "secretary", "secretary-pass-123") as page:
        yield page


def record(page: Page, form_slug: str, fields: dict[str, str], *, selects: dict[str, str] | None = None) -> None:
    """Open an event form from the member page, fill it, submit it, and come back to the member page."""
    page.locator(f'#actions a[data-form="{form_slug}"]').click()
    for selector, value in fields.items():
        page.fill(selector, value)
    for selector, label in (selects or {}).items():
        page.select_option(selector, label=label)
    page.click("#event-form button.primary")
    expect(page.locator(".messages li")).to_be_visible()
    expect(page.locator("#timeline")).to_be_visible()


def test_a_secretary_walks_a_candidate_from_registration_to_recognition(page: Page, live_server: Any,
                                                                        world: Cast) -> None:
    page.click("nav.mainnav a[href='/members/']")
    page.click(".subnav a[href^='/members/new/']")

    # The file.
    expect(page.locator("#id_organization")).to_have_value(world.cell_a1a.code)  # his only cell, preselected
    page.fill("#id_full_name", "Nguyễn Văn Đức")
    page.check("#id_gender_0")
    page.fill("#id_birth_date", "02/04/1995")
    page.fill("#id_general_education", "12/12")
    page.fill("#id_citizen_id", "001095000123")
    page.click("#person-form button.primary")
    expect(page.locator("h1")).to_contain_text("Nguyễn Văn Đức")
    person = Person.objects.get(full_name="Nguyễn Văn Đức")
    assert page.url == f"{live_server.url}/members/{person.pk}/"

    # Registration, the awareness course, the dossier.
    record(page, "register", {"#id_registered_on": "10/01/2022"})
    record(page, "course", {"#id_completed_on": "01/03/2022", "#id_certificate_number": "CN-0107"})
    record(page, "dossier", {"#id_occurred_on": "05/01/2023"}, selects={"#id_form": "1-KNĐ — Đơn xin vào Đảng"})
    record(page, "dossier", {"#id_occurred_on": "06/01/2023"},
           selects={"#id_form": "2-KNĐ — Lý lịch của người xin vào Đảng"})

    # The cell's resolution: the form shows the admission decision's deadline as soon as the date is typed.
    page.locator('#actions a[data-form="dossier"]').click()
    page.select_option("#id_form", label="6-KNĐ — Nghị quyết đề nghị kết nạp của chi bộ")
    page.fill("#id_occurred_on", "01/03/2023")
    page.locator("#id_occurred_on").dispatch_event("change")
    deadline = add_working_days(D(2023, 3, 1), 60).strftime("%d/%m/%Y")
    expect(page.locator("#deadlines")).to_contain_text(deadline)
    page.click("#event-form button.primary")
    expect(page.locator(".messages li")).to_be_visible()
    expect(page.locator("#due")).to_contain_text(deadline)

    # The admission decision with two introducers; first with one only: refused beside the field.
    page.locator('#actions a[data-form="decide"]').click()
    expect(page.locator("#deadlines")).to_contain_text(deadline)
    page.fill("#id_decision_number", "125-QĐ/HU")
    page.fill("#id_decision_date", "03/04/2023")
    page.fill("#id_decision_issuer", "Huyện ủy An Bình")
    page.select_option("#id_introducer_1", label="Hoàng Văn Giới")
    page.fill("#id_since_1", "01/01/2020")
    page.click("#event-form button.primary")
    expect(page.locator("#id_introducer_1_error")).to_contain_text("QĐ/TW")
    page.screenshot(path="/tmp/decide_form.png", full_page=True)  # noqa: S108
    assert not MemberEvent.objects.filter(person=person, kind=EventKind.ADMISSION_DECISION).exists()
    page.select_option("#id_introducer_2", label="Lục Thị Thiệu")
    page.fill("#id_since_2", "01/01/2020")
    page.click("#event-form button.primary")
    expect(page.locator(".messages li")).to_be_visible()

    # The ceremony, then, more than 12 months later, the recognition.
    record(page, "ceremony", {"#id_held_on": "20/04/2023"})
    record(page, "recognise", {"#id_decision_number": "201-QĐ/HU", "#id_decision_date": "06/05/2024",
                               "#id_decision_issuer": "Huyện ủy An Bình"})

    with translation.override("vi"):
        official = str(Status.OFFICIAL.label)
    expect(page.locator("#person-status")).to_have_text(official[:1].upper() + official[1:])
    rows = page.locator("#timeline tbody tr")
    expect(rows).to_have_count(8)
    expect(page.locator('#timeline tr[data-kind="recognition"]')).to_contain_text("20/04/2024")
    expect(page.locator('#timeline tr[data-kind="admission_decision"]')).to_contain_text("Hoàng Văn Giới")
    expect(page.locator("#party-age")).to_contain_text("03/04/2023")
    person.refresh_from_db()
    assert person.status == Status.OFFICIAL and person.organization == world.cell_a1a
    page.screenshot(path="/tmp/member_page.png", full_page=True)  # noqa: S108 - a fixed path, to be looked at

    page.goto(f"{live_server.url}/members/pipeline/")
    expect(page.locator('.column[data-stage="decision_pending"]')).to_contain_text("Lò Thị Hiền")
    expect(page.locator('.column[data-stage="registered"]')).to_contain_text("Ma Văn Chờ")
    expect(page.locator("#per-cell")).to_contain_text("Chi bộ thôn Nà Rì")
    page.screenshot(path="/tmp/pipeline.png", full_page=True)  # noqa: S108
    page.click(".subnav a[href^='/members/due/']")
    expect(page.locator("#due-admission_decision")).to_contain_text("Lò Thị Hiền")
    page.screenshot(path="/tmp/due.png", full_page=True)  # noqa: S108


def test_the_member_list_filters_and_searches_as_you_type(page: Page, live_server: Any, world: Cast) -> None:
    page.goto(f"{live_server.url}/members/")
    results = page.locator("#member-results")
    expect(results).to_contain_text("Hoàng Văn Giới")
    page.locator("#id_q").press_sequentially("thieu")
    expect(results).not_to_contain_text("Hoàng Văn Giới")
    expect(results).to_contain_text("Lục Thị Thiệu")
    assert "q=thieu" in page.url
    expect(page.locator("#export-link")).to_have_attribute("href", "/imports/members/export.xlsx?q=thieu")
    page.fill("#id_q", "")
    page.select_option("#id_status", value="candidate")
    expect(results).to_contain_text("Ma Văn Chờ")
    expect(results).not_to_contain_text("Lục Thị Thiệu")
    expect(results).not_to_contain_text("Nông Văn Bảo")  # cell A1b: outside the secretary's cell
    page.screenshot(path="/tmp/member_list.png", full_page=True)  # noqa: S108
