"""The issue's "Done when" walks, in headless Chromium against a live server.

- A cell secretary's day on a 360×740 phone: home → new candidate → record a step → find a member → print the due
  list. Opening a new candidate's file (registered as outstanding candidate) takes at most 6 actions from home.
- A district board officer's day at 1366×768: home → a child organization → its figures for last year (exported
  as an XLSX report, read back) → export of the statistical forms.

On every page: no horizontal scroll (`scrollWidth <= innerWidth`), no common English UI word in the Vietnamese
text, no internal key on screen (figure keys such as `members.admitted`, `GET /api/v1`, `manage.py`). Every
problem is gathered with its step and page, and the test fails listing them all. A screenshot of each step goes
to $DANGVU_WALK_SCREENSHOTS (default: pytest's temporary folder), with walk.txt: the steps, the action counts and
the problems.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import pathlib
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from core.testing import Cast, build_cast
from core.testing_browser import signed_in_page
from members.tests import factories as f

pytestmark = pytest.mark.browser

PHONE = (360, 740)
DESK = (1366, 768)
# Common English words of a user interface; none may show in Vietnamese mode (whole words, case-sensitive).
ENGLISH = ["Save", "Cancel", "Search", "Members", "Member", "Organization", "Organizations", "Deadline", "Deadlines",
           "overdue", "Status", "Export", "Print", "Help", "Home", "Back", "Next", "Submit", "Delete", "Edit",
           "Filter", "Candidates", "Candidate", "Figures", "Sign out", "Language", "Timeline", "Record", "Date",
           "Name", "since", "days left", "working days", "None", "Yes", "Choose", "Period", "Count", "Previous",
           "Total", "Show", "Open", "New", "Add", "Due", "Badge", "Badges", "Pipeline", "Required", "required",
           "Nothing", "waiting", "Level", "Report", "Download", "Details", "Change log", "Menu", "Close"]
ENGLISH_RE = re.compile(r"(?<![\w/.-])(" + "|".join(re.escape(w) for w in ENGLISH) + r")(?![\w/.-])")
KEY_RE = re.compile(r"\b(?:members|organizations|committees|training|honours|inspection|documents|rating|targets|"
                    r"mobilisation|oversight|reports|tallies)\.[a-z_]{3,}\b|GET /api/v1|manage\.py")


@dataclass
class Walk:
    page: Page
    folder: pathlib.Path
    name: str
    actions: int = 0
    steps: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def act(self, count: int = 1) -> None:
        self.actions += count

    def check(self, step: str) -> None:
        """No horizontal scroll, no English word, no internal key on the page as shown; a screenshot."""
        page = self.page
        page.wait_for_load_state("load")
        where = f"{self.name} / {step} ({page.url})"
        width, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        if width > inner:
            wide = page.evaluate(
                "Array.from(document.querySelectorAll('body *')).filter(e => e.getBoundingClientRect().right > "
                "window.innerWidth + 1).slice(0, 4).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +"
                " (e.className && typeof e.className === 'string' ? '.' + e.className.split(' ')[0] : ''))")
            self.problems.append(f"{where}: page {width} px wide on a {inner} px screen ({', '.join(wide)})")
        text = page.evaluate("document.body.innerText")
        english = sorted(set(ENGLISH_RE.findall(text)))
        if english:
            header = sorted(set(ENGLISH_RE.findall(page.evaluate(
                "(document.querySelector('header') || {innerText: ''}).innerText"))))
            in_bar = f" (in the top bar: {header})" if header else ""
            self.problems.append(f"{where}: English words {english}{in_bar}")
        keys = sorted(set(KEY_RE.findall(text)))
        if keys:
            self.problems.append(f"{where}: internal keys {keys}")
        number = len(self.steps) + 1
        page.screenshot(path=str(self.folder / f"{self.name}-{number:02d}-{step}.png"), full_page=True)
        self.steps.append(f"{number:02d} {step}: {page.url} (actions so far: {self.actions})")

    def report(self) -> str:
        return "\n".join([f"== {self.name}", *self.steps, *self.notes, *(f"PROBLEM {p}" for p in self.problems)])


@pytest.fixture
def folder(tmp_path: pathlib.Path) -> pathlib.Path:
    found = pathlib.Path(os.environ.get("DANGVU_WALK_SCREENSHOTS") or tmp_path)
    found.mkdir(parents=True, exist_ok=True)
    return found


@pytest.fixture
def world(transactional_db: None) -> Cast:
    cast = build_cast()
    board = cast.district_officer
    today = timezone.localdate()
    for name in ("Hoàng Văn Giới", "Lục Thị Thiệu"):
        f.member(board, cast.cell_a1a, name, admitted_on=dt.date(2005, 3, 1))
    f.candidate(board, cast.cell_a1a, "Lò Thị Hiền", resolution_on=today - dt.timedelta(days=200))
    f.candidate(board, cast.cell_a1b, "Nông Văn Bảo", registered_on=dt.date(today.year - 1, 2, 1),
                course_on=dt.date(today.year - 1, 5, 6))
    f.admit(board, cast.cell_a1b, "Triệu Thị Lan", resolution_on=dt.date(today.year - 1, 3, 2),
            decided_on=dt.date(today.year - 1, 4, 1), ceremony_on=dt.date(today.year - 1, 4, 20))
    return cast


def _write(folder: pathlib.Path, walk: Walk) -> None:
    with open(folder / "walk.txt", "a", encoding="utf-8") as handle:
        handle.write(walk.report() + "\n")


def _day(on: dt.date) -> str:
    return on.strftime("%d/%m/%Y")


def _secretary_day(walk: Walk, base: str, cast: Cast) -> None:
    page, today = walk.page, timezone.localdate()
    walk.check("home")
    expect(page.locator("h1")).to_have_text("Việc cần làm")
    expect(page.locator("[data-group='members.deadlines'] li.late")).to_contain_text("quá hạn")

    # New candidate, counted from home: the button, four fields, save.
    walk.actions = 0
    page.click("a[data-action='members.new_candidate']")
    walk.act()
    walk.check("new-candidate-form")
    expect(page.locator("#id_organization")).to_have_value(cast.cell_a1a.code)  # his only cell, chosen and named
    expect(page.locator(".picker-chosen")).to_contain_text(cast.cell_a1a.name)
    page.fill("#id_full_name", "Nguyễn Văn Đức")
    page.check("#id_gender_0")
    page.fill("#id_birth_date", "02/04/1995")
    page.fill("#id_registered_on", _day(today - dt.timedelta(days=30)))
    page.click("#person-form button.primary")
    walk.act(5)
    expect(page.locator("h1")).to_contain_text("Nguyễn Văn Đức")
    walk.check("new-candidate-file")
    assert walk.actions <= 6
    new_candidate_actions = walk.actions

    # Record a step: the awareness course.
    page.click("#actions a[data-form='course']")
    walk.check("record-step-form")
    page.fill("#id_completed_on", _day(today))
    page.fill("#id_certificate_number", "CN-0107")
    page.click("#event-form button.primary")
    expect(page.locator(".messages li")).to_be_visible()
    walk.check("record-step-done")

    # Find a member from home.
    page.click("a.brand")
    page.fill("input[name='q']", "lo thi hien")
    page.press("input[name='q']", "Enter")
    result = page.get_by_role("link", name="Lò Thị Hiền").first
    expect(result).to_be_visible()
    walk.check("find-member-results")
    result.click()
    expect(page.locator("h1")).to_contain_text("Lò Thị Hiền")
    walk.check("find-member-file")

    # Print the due list.
    page.click("a.brand")
    page.click("[data-group='members.deadlines'] h2 a")
    expect(page.locator("h1")).to_be_visible()
    walk.check("due-list")
    page.emulate_media(media="print")
    walk.check("due-list-print")
    shown = page.evaluate("getComputedStyle(document.querySelector('header')).display !== 'none'")
    walk.notes.append(f"printed due list: top bar {'still printed' if shown else 'left out'}")
    page.pdf(path=str(walk.folder / "secretary-due-list.pdf"), format="A4")
    page.emulate_media(media="screen")
    walk.notes.append(f"new candidate (file opened and registered) in {new_candidate_actions} actions from home")


def _board_day(walk: Walk, base: str, cast: Cast) -> pathlib.Path:
    page, last = walk.page, timezone.localdate().year - 1
    walk.check("home")
    child = page.locator(f"a.home-child[data-child='{cast.commune_a1.pk}']")
    expect(child).to_contain_text("Quần chúng ưu tú")
    child.click()
    expect(page.locator(".home-org")).to_contain_text(cast.commune_a1.name)
    walk.check("child-organization")
    page.click("#home-figures")
    page.fill("#id_from", f"01/01/{last}")
    page.fill("#id_to", f"31/12/{last}")
    page.fill("#id_as_of", f"31/12/{last}")
    page.click("#figures-form button[type=submit]")
    expect(page.locator("#figures-basis")).to_contain_text(f"31/12/{last}")
    expect(page.locator("#figures-honours")).to_contain_text("Khen thưởng theo cấp: Trung ương")  # names, not codes
    walk.check("figures-last-year")
    with page.expect_download() as figures_download:  # the figures as a report (one click)
        page.click("#figures-xlsx")
    figures_path = walk.folder / "board-figures-last-year.xlsx"
    figures_download.value.save_as(str(figures_path))
    figures_sheet = load_workbook(figures_path).active
    assert f"31/12/{last}" in figures_sheet["A3"].value and figures_sheet.freeze_panes == "A6"
    labels = [row[2] for row in figures_sheet.iter_rows(min_row=6, values_only=True)]
    assert "Khen thưởng theo cấp: Trung ương" in labels and not [x for x in labels if "_" in str(x)]
    walk.notes.append(f"figures of {last} exported: {len(labels)} rows")

    # Export: the statistical forms of last year as XLSX, built in the background from the report page.
    page.goto(f"{base}/organizations/{cast.commune_a1.pk}/")
    walk.check("organization-page")
    page.click("#report-link")
    page.fill("#id_year", str(last))
    page.select_option("#id_format", "xlsx")
    walk.check("export-form")
    page.click("#report-build")
    expect(page.locator("#job-progress")).to_be_visible()
    expect(page.locator("#job-status")).to_have_attribute("data-status", "queued")
    call_command("report_worker", once=True, stdout=io.StringIO())
    link = page.locator("#job-download")
    try:
        expect(link).to_be_visible()
    finally:
        walk.check("export-ready")
    with page.expect_download() as download:
        link.click()
    path = walk.folder / "board-figures.xlsx"
    download.value.save_as(str(path))
    return path


@contextmanager
def _walk(live_server: Any, user: str, password: str, viewport: tuple[int, int], name: str,
          folder: pathlib.Path) -> Iterator[Walk]:
    with signed_in_page(live_server.url, user, password, start="/", viewport=viewport,
                        locale="en-US") as page:  # an English browser: dangvu stays Vietnamese
        walk = Walk(page, folder, name)
        try:
            yield walk
        finally:
            _write(folder, walk)


def test_the_secretarys_day_on_a_phone(live_server: Any, world: Cast, folder: pathlib.Path) -> None:
    with _walk(live_server, "secretary", "secretary-pass-123", PHONE, "secretary", folder) as walk:
        _secretary_day(walk, live_server.url, world)
        assert not walk.problems, "\n".join(walk.problems)


def test_the_board_officers_day_at_a_desk(live_server: Any, world: Cast, folder: pathlib.Path) -> None:
    with _walk(live_server, "district", "district-pass-123", DESK, "board", folder) as walk:
        exported = _board_day(walk, live_server.url, world)
        assert load_workbook(exported).sheetnames
        assert not walk.problems, "\n".join(walk.problems)
