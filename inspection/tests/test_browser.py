"""In headless Chromium: the district inspection committee records a discipline decision from the inspection page;
a form not allowed for the subject is refused beside the field; no Content-Security-Policy violation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import ConsoleMessage, Page, expect

from core.testing import Cast, build_cast
from core.testing_browser import signed_in_page
from inspection.models import Discipline
from inspection.tests.helpers import inspector
from members.tests import factories as f

pytestmark = pytest.mark.browser


@pytest.fixture
def world(transactional_db: None) -> tuple[Cast, Any]:
    cast = build_cast()
    inspector(cast, cast.district_a)
    return cast, f.member(cast.root_admin, cast.cell_a1a, "Hoàng Văn Giới", admitted_on=dt.date(2005, 3, 1))


@pytest.fixture
def page(live_server: Any, world: tuple[Cast, Any]) -> Iterator[tuple[Page, list[str]]]:
    problems: list[str] = []
    with signed_in_page(live_server.url, "inspector", "inspector-pass-123") as page:
        def on_console(message: ConsoleMessage) -> None:
            if message.type == "error":
                problems.append(message.text)

        page.on("console", on_console)
        yield page, problems


def test_recording_a_discipline_decision(live_server: Any, world: tuple[Cast, Any],
                                         page: tuple[Page, list[str]]) -> None:
    cast, person = world
    browser, problems = page
    browser.goto(f"{live_server.url}/inspection/")
    browser.get_by_role("link", name="Quyết định kỷ luật mới").click()
    browser.fill("#id_organization", cast.district_a.code)  # the picker: typed code (or chosen suggestion)
    browser.fill("#id_subject_person", f"#{person.pk}")
    browser.select_option("#id_form", "dissolution")
    browser.fill("#id_grounds", "Vi phạm những điều đảng viên không được làm")
    browser.fill("#id_decision_number", "12-QĐ/UBKTHU")
    browser.fill("#id_decision_date", "20/11/2023")
    browser.get_by_role("button", name="Lưu").click()
    expect(browser.locator("main form")).to_contain_text("không phải là hình thức kỷ luật")
    assert not Discipline.objects.exists()
    browser.select_option("#id_form", "warning")
    browser.get_by_role("button", name="Lưu").click()
    expect(browser.locator("h1")).to_contain_text("Hoàng Văn Giới")
    assert Discipline.objects.get().form == "warning"
    assert problems == []
