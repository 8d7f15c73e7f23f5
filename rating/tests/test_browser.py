"""In headless Chromium at 360 px: a cell secretary's committee rates a cell's 30 members on one screen with the
keyboard alone (a level each, Tab from one to the next, Enter on "Save all"); nothing overflows the width; no
Content-Security-Policy violation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import ConsoleMessage, Page, expect

from core.testing import Cast, build_cast
from core.testing_browser import signed_in_page
from members.tests import factories as f
from rating import services
from rating.models import Campaign, Level, RatingStep, StepKind

pytestmark = pytest.mark.browser
COUNT = 30


@pytest.fixture
def world(transactional_db: None) -> tuple[Cast, Campaign]:
    cast = build_cast()
    for index in range(COUNT):
        f.member(cast.district_officer, cast.cell_a1a, f"Đảng viên Thử {index:02d}", admitted_on=dt.date(2005, 3, 1),
                 birth_date=dt.date(1960 + index % 20, 1 + index % 12, 1 + index % 27))
    campaign = services.campaign_open(actor=cast.district_officer, organization=cast.commune_a1, year=2020)
    return cast, campaign


@pytest.fixture
def page(live_server: Any, world: tuple[Cast, Campaign]) -> Iterator[tuple[Page, list[str]]]:
    problems: list[str] = []
    with signed_in_page(live_server.url, "district", "district-pass-123") as page:
        def on_console(message: ConsoleMessage) -> None:
            if message.type == "error":
                problems.append(message.text)

        page.on("console", on_console)
        yield page, problems


def test_rating_thirty_members_with_the_keyboard_on_a_phone(live_server: Any, world: tuple[Cast, Campaign],
                                                            page: tuple[Page, list[str]]) -> None:
    cast, campaign = world
    browser, problems = page
    browser.set_viewport_size({"width": 360, "height": 740})
    browser.goto(f"{live_server.url}/rating/campaigns/{campaign.pk}/entry/{cast.cell_a1a.pk}/")
    expect(browser.locator("#entry-rows li")).to_have_count(COUNT)
    browser.locator("#id_step").focus()
    keys = browser.keyboard
    keys.press("Tab")  # date
    keys.type("01/12/2020")
    # The date's calendar button, then the decision's number, date, calendar button and issuer: left empty for a
    # self-assessment (dates are core.forms.date_field: a text box with its calendar button).
    for _field in range(5):
        keys.press("Tab")
    for index in range(COUNT):
        keys.press("Tab")
        assert browser.evaluate("document.activeElement.id") == f"id_level_{index}"
        keys.press("ArrowDown")  # "Hoàn thành xuất sắc nhiệm vụ"
        if index % 5:
            keys.press("ArrowDown")  # "Hoàn thành tốt nhiệm vụ"
    keys.press("Tab")
    assert browser.evaluate("document.activeElement.id") == "save-all"
    wide = browser.evaluate("""() => [...document.querySelectorAll('body *')]
        .filter(e => e.getBoundingClientRect().right > 361)
        .map(e => e.tagName + '#' + e.id + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))""")
    assert browser.evaluate("document.documentElement.scrollWidth") <= 360, wide[:12]
    keys.press("Enter")
    expect(browser.locator("#board")).to_be_visible()
    steps = RatingStep.objects.filter(rating__campaign=campaign, kind=StepKind.SELF)
    assert steps.count() == COUNT
    assert steps.filter(level=Level.EXCELLENT).count() == COUNT // 5
    assert steps.filter(level=Level.GOOD).count() == COUNT - COUNT // 5
    assert problems == []
