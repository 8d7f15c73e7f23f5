"""In headless Chromium: the district's organization board records a commune's congress and its committee in one
form, from the organization page, and sees the committee as cards; no Content-Security-Policy violation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import ConsoleMessage, Page, expect

from committees.forms import person_label
from committees.models import Seat, SeatKind
from core.testing import Cast, build_cast
from core.testing_browser import signed_in_page
from members.tests import factories as f

pytestmark = pytest.mark.browser


@pytest.fixture
def world(transactional_db: None) -> tuple[Cast, list[Any]]:
    cast = build_cast()
    people = [f.member(cast.district_officer, cast.cell_a1a, name, admitted_on=dt.date(2005, 3, 1))
              for name in ("Hoàng Văn Giới", "Lục Thị Thiệu", "Nông Văn Ba")]
    return cast, people


@pytest.fixture
def page(live_server: Any, world: tuple[Cast, list[Any]]) -> Iterator[tuple[Page, list[str]]]:
    problems: list[str] = []
    with signed_in_page(live_server.url, "district", "district-pass-123") as page:
        def on_console(message: ConsoleMessage) -> None:
            if message.type == "error":
                problems.append(message.text)

        page.on("console", on_console)
        yield page, problems


def test_recording_a_congress_and_seeing_the_committee(live_server: Any, world: tuple[Cast, list[Any]],
                                                        page: tuple[Page, list[str]]) -> None:
    cast, people = world
    browser, problems = page
    browser.goto(f"{live_server.url}/organizations/{cast.commune_a1.pk}/")
    browser.locator("#leadership-link").click()
    expect(browser.locator("#leadership")).to_be_visible()
    browser.locator("#committee-actions a").first.click()
    browser.fill("#id_ordinal", "3")
    browser.fill("#id_opened_on", "19/08/2020")
    browser.fill("#id_closed_on", "20/08/2020")
    browser.fill("#id_executive_seats", "5")
    for index, person in enumerate(people):
        browser.fill(f"#id_seats-{index}-person", person_label(person))
    browser.select_option("#id_seats-0-post", "secretary")
    browser.select_option("#id_seats-1-post", "deputy_secretary")
    browser.check("#id_seats-0-standing")
    browser.check("#id_seats-1-standing")
    browser.locator("#committee-form button.primary").click()
    cards = browser.locator("#committee-cards .committee-card")
    expect(cards).to_have_count(3)
    expect(cards.first).to_contain_text("Hoàng Văn Giới")
    expect(cards.first).to_contain_text("Bí thư")
    assert Seat.objects.filter(kind=SeatKind.SECRETARY, person=people[0]).exists()
    assert not [p for p in problems if "Content Security Policy" in p or "Content-Security-Policy" in p], problems
