"""Phone first (issue 8 §2), in headless Chromium: at 360×740 and at 1366×768 no page of the secretary's and the
officer's walk is wider than the screen; on the phone the top bar takes under a tenth of the height, tables read
as cards headed by their column titles, and a date field is a text box with the format shown and a calendar."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import Page

from core.testing import Cast, build_cast
from core.testing_browser import signed_in_page
from members.tests import factories as f

pytestmark = pytest.mark.browser

WIDE = """() => { const w = document.documentElement.clientWidth; const wide = [];
  for (const e of document.querySelectorAll('body *')) { const r = e.getBoundingClientRect();
    if (r.width > 0 && r.right > w + 1) wide.push(e.tagName + (e.id ? '#' + e.id : '') + ' ' + Math.round(r.right)); }
  return {scroll: document.documentElement.scrollWidth, width: w, wide: wide.slice(0, 5)}; }"""


@pytest.fixture
def world(transactional_db: None) -> tuple[Cast, Any]:
    cast = build_cast()
    person = f.member(cast.district_officer, cast.cell_a1a, "Hoàng Thị Phương Thảo Nguyễn",
                      admitted_on=dt.date(2005, 3, 1), party_card_number="62.034187")
    f.candidate(cast.district_officer, cast.cell_a1a, "Ma Văn Chờ", registered_on=dt.date(2024, 2, 1),
                course_on=dt.date(2024, 5, 6))
    return cast, person


@pytest.fixture
def page(live_server: Any, world: tuple[Cast, Any]) -> Iterator[Page]:
    with signed_in_page(live_server.url, "district", "district-pass-123") as page:
        yield page


def _walk(world: tuple[Cast, Any]) -> list[str]:
    cast, person = world
    return [
        reverse("organizations:tree"), reverse("members:list"), reverse("members:detail", args=[person.pk]),
        reverse("members:event", args=[person.pk, "strike-off"]), reverse("members:void", args=[person.pk]),
        reverse("organizations:detail", args=[cast.commune_a1.pk]),
        reverse("organizations:detail", args=[cast.cell_a1a.pk]), reverse("members:due"), reverse("members:pipeline"),
        reverse("reports:organization", args=[cast.commune_a1.pk]),
        reverse("committees:leadership", args=[cast.commune_a1.pk]), reverse("training:class_list"),
        reverse("honours:commendation_list"),
    ]


@pytest.mark.parametrize(("width", "height"), [(360, 740), (1366, 768)])
def test_no_page_is_wider_than_the_screen(page: Page, live_server: Any, world: tuple[Cast, Any], width: int,
                                          height: int) -> None:
    page.set_viewport_size({"width": width, "height": height})
    too_wide = {}
    for path in _walk(world):
        page.goto(f"{live_server.url}{path}")
        found = page.evaluate(WIDE)
        if found["scroll"] > found["width"]:
            too_wide[path] = found
        if width == 360:
            header = page.locator("header.topbar").bounding_box()
            assert header and header["height"] < height / 10, (path, header)
    assert not too_wide, too_wide


def test_on_a_phone_tables_are_cards_and_dates_have_a_hint_and_a_calendar(page: Page, live_server: Any,
                                                                           world: tuple[Cast, Any]) -> None:
    _cast, person = world
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"{live_server.url}{reverse('members:list')}")
    cell = page.locator("table.members tbody tr td").nth(1)
    assert cell.get_attribute("data-label")  # the column title, shown before the value
    assert page.locator("table.members thead").bounding_box()["height"] <= 1  # titles moved into the cards
    # the search box comes before the results, the other filters after them
    search = page.locator("#id_q").bounding_box()
    results = page.locator("#member-results").bounding_box()
    filters = page.locator(".more-filters").bounding_box()
    assert search["y"] < results["y"] < filters["y"]
    # the menu folds behind its button and opens
    assert not page.locator("nav.mainnav").is_visible()
    page.click("label.menu-button")
    assert page.locator("nav.mainnav").is_visible()

    page.goto(f"{live_server.url}{reverse('members:event', args=[person.pk, 'strike-off'])}")
    box = page.locator("#id_decision_date")
    assert box.get_attribute("type") == "text" and box.get_attribute("inputmode") == "text"
    assert page.locator(".date-hint").first.is_visible()
    page.locator(".date-picker-button").first.click()  # the browser's own picker; a date typed there comes back
    page.locator("input.date-picker-native").first.evaluate(
        "(e) => { e.value = '2024-08-05'; e.dispatchEvent(new Event('change', {bubbles: true})); }")
    assert box.input_value() == "05/08/2024"
