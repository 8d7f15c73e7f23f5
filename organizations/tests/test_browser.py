"""The tree and a restructuring form, driven in headless Chromium against a live server with the demo data."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from core.testing import ensure_reference_data
from core.testing_browser import signed_in_page
from organizations.models import Organization

pytestmark = pytest.mark.browser



@pytest.fixture
def demo(transactional_db: None) -> None:
    ensure_reference_data()  # a transactional test flushes what the migrations loaded
    call_command("demo_load", stdout=io.StringIO())


@pytest.fixture
def page(live_server: Any, demo: None) -> Iterator[Page]:
    with signed_in_page(live_server.url, "admin", "dangvu-demo") as page:
        yield page


def node(page: Page, code: str) -> Any:
    return page.locator(f'li[data-code="{code}"]')


def expand(page: Page, item: Any) -> None:
    """Open a node for the first time and wait for its children to arrive from the server."""
    toggle = item.locator(":scope > .node > button.toggle")
    with page.expect_response(lambda r: "/children/" in r.url) as answer:
        toggle.click()
    assert answer.value.status == 200, f"children request answered {answer.value.status}"


def test_tree_search_and_rename_walks(page: Page, live_server: Any) -> None:
    """One walk over one demo load (loading the demo is the expensive part): the tree, the search, a refused
    rename, then a rename previewed and confirmed (the only part that writes, so it comes last)."""
    tree_expands_level_by_level_and_shows_the_dissolved_commune(page)
    page.goto(f"{live_server.url}/organizations/")
    page.wait_for_function("() => window.htmx !== undefined && document.readyState === 'complete'")
    search_finds_a_commune_without_diacritics(page)
    rename_walk_shows_a_bad_decision_number_beside_its_field(page, live_server)
    rename_walk_preview_then_confirm(page, live_server)


def tree_expands_level_by_level_and_shows_the_dissolved_commune(page: Page) -> None:
    expect(node(page, "BK")).to_have_count(0)  # dissolved in 2025: today's tree shows it only when asked
    page.click("#dissolved-toggle")
    province = node(page, "BK")
    expect(province.locator(":scope > .node .node-name")).to_have_text("Đảng bộ tỉnh Bắc Kạn")
    expect(node(page, "BK-NR")).to_have_count(0)

    expand(page, province)
    district = node(page, "BK-NR")
    expect(district.locator(":scope > .node .node-name")).to_have_text("Đảng bộ huyện Na Rì")
    expect(province.locator(":scope > .node > button.toggle")).to_have_attribute("aria-expanded", "true")

    expand(page, district)
    van_hoc = node(page, "BK-NR-VH")
    expect(van_hoc).to_contain_text("Văn Học")
    badge = van_hoc.locator(":scope > .node .badge.dissolved")
    expect(badge).to_be_visible()
    expect(badge).to_contain_text("2020")
    expect(badge).to_contain_text("01/02/2020")
    expect(node(page, "BK-NR-VLA")).to_be_visible()  # established by the 2020 merger
    page.screenshot(path="/tmp/tree.png", full_page=True)  # noqa: S108 - a fixed path, to be looked at

    # Collapsing hides the communes again without another request; expanding shows them again.
    district.locator(":scope > .node > button.toggle").click()
    expect(van_hoc).to_be_hidden()
    district.locator(":scope > .node > button.toggle").click()
    expect(van_hoc).to_be_visible()
    expect(node(page, "BK-NR-VH")).to_have_count(1)


def search_finds_a_commune_without_diacritics(page: Page) -> None:
    page.fill("#org-search", "")
    page.locator("#org-search").press_sequentially("van hoc")
    result = page.locator("#search-results a", has_text="Đảng bộ xã Văn Học")
    expect(result).to_be_visible()
    result.click()
    expect(page.locator("h1")).to_contain_text("Đảng bộ xã Văn Học")
    expect(page.locator("h1 .badge.dissolved")).to_contain_text("01/02/2020")


def rename_walk_preview_then_confirm(page: Page, live_server: Any) -> None:
    commune = Organization.objects.get(code="TN-VANLANG")  # the commune of today (2025 merger)
    page.goto(f"{live_server.url}/organizations/{commune.pk}/")
    page.locator(f'a[href="/organizations/{commune.pk}/rename/"]').click()
    page.fill("#id_new_name", "Đảng bộ xã Văn Lang Mới")
    page.fill("#id_effective_on", "01/03/2026")
    page.fill("#id_decision_number", "15-QĐ/TU")
    page.fill("#id_decision_date", "25/02/2026")
    page.fill("#id_decision_issuer", "Tỉnh ủy Thái Nguyên")
    page.click("button[value=preview]")

    preview = page.locator("#preview")
    expect(preview).to_contain_text("Đảng bộ xã Văn Lang Mới")
    expect(preview.locator("del", has_text="Đảng bộ xã Văn Lang")).to_be_visible()
    assert Organization.objects.get(pk=commune.pk).name == "Đảng bộ xã Văn Lang"  # nothing written yet

    page.click("button[value=confirm]")
    page.wait_for_url(f"{live_server.url}/organizations/{commune.pk}/")
    expect(page.locator("h1")).to_contain_text("Đảng bộ xã Văn Lang Mới")
    expect(page.locator(".messages li")).to_be_visible()
    expect(page.locator("#lineage")).to_contain_text("15-QĐ/TU")
    assert Organization.objects.get(pk=commune.pk).name == "Đảng bộ xã Văn Lang Mới"


def rename_walk_shows_a_bad_decision_number_beside_its_field(page: Page, live_server: Any) -> None:
    commune = Organization.objects.get(code="TN-VANLANG")  # the commune of today (2025 merger)
    page.goto(f"{live_server.url}/organizations/{commune.pk}/rename/")
    page.fill("#id_new_name", "Đảng bộ xã Văn Lang Mới")
    page.fill("#id_effective_on", "01/03/2026")
    page.fill("#id_decision_number", "abc")
    page.fill("#id_decision_date", "25/02/2026")
    page.click("button[value=preview]")
    expect(page.locator("#id_decision_number_error")).to_contain_text("abc")
    expect(page.locator("#id_decision_number")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#preview")).to_have_count(0)
    assert Organization.objects.get(pk=commune.pk).name == "Đảng bộ xã Văn Lang"
