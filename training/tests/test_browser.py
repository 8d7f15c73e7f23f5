"""In headless Chromium: the district's organization board enters a class, pastes its learner list and sees the
learners on the class's page; a faulty line is named and nothing is written; no Content-Security-Policy violation."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import ConsoleMessage, Page, expect

from core.testing import Cast, build_cast
from core.testing_browser import signed_in_page
from training.models import Learner, TrainingClass

pytestmark = pytest.mark.browser


@pytest.fixture
def world(transactional_db: None) -> Cast:
    return build_cast()


@pytest.fixture
def page(live_server: Any, world: Cast) -> Iterator[tuple[Page, list[str]]]:
    problems: list[str] = []
    with signed_in_page(live_server.url, "district", "district-pass-123") as page:
        def on_console(message: ConsoleMessage) -> None:
            if message.type == "error":
                problems.append(message.text)

        page.on("console", on_console)
        yield page, problems


def test_entering_a_class_and_pasting_its_learners(live_server: Any, world: Cast,
                                                   page: tuple[Page, list[str]]) -> None:
    browser, problems = page
    browser.goto(f"{live_server.url}/training/")
    browser.locator("#new-class").click()
    browser.select_option("#id_host", str(world.district_a.pk))
    browser.select_option("#id_kind", label="Bồi dưỡng nhận thức về Đảng")
    browser.fill("#id_title", "Bồi dưỡng nhận thức về Đảng, lớp 1/2021")
    browser.fill("#id_organizer_name", "Trung tâm Chính trị huyện")
    browser.fill("#id_starts_on", "01/03/2021")
    browser.fill("#id_ends_on", "05/03/2021")
    browser.locator("#class-form button[type=submit]").click()
    expect(browser.locator("#learners-form")).to_be_visible()
    training_class = TrainingClass.objects.get()

    browser.fill("#id_pasted", "Hoàng Thị Mai; 02/01/1999; Xã Đồng Tâm; Tân binh\nNông Văn Tú; 30/02/2000; Xã Hòa Bình")
    browser.locator("#learners-form button[type=submit]").click()
    expect(browser.locator("#id_pasted_error")).to_contain_text("2")
    assert not Learner.objects.exists()

    browser.fill("#id_pasted", "Hoàng Thị Mai; 02/01/1999; Xã Đồng Tâm; Tân binh\n"
                               "Nông Văn Tú; 01/02/2000; Xã Hòa Bình\n"
                               "Lý Văn Khánh; 15/07/2001; Xã Đồng Tâm; Tân binh")
    browser.locator("#learners-form button[type=submit]").click()
    expect(browser.locator("#learners tbody tr")).to_have_count(3)
    expect(browser.locator("#learners")).to_contain_text("Lý Văn Khánh")
    assert browser.url.endswith(f"/training/{training_class.pk}/")
    assert training_class.learners.filter(tags__code="tan-binh").count() == 2
    assert not [p for p in problems if "Content Security Policy" in p or "Content-Security-Policy" in p]
