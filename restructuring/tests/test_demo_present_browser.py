"""Every demo user signs in and lands on a home page with work on it; a screenshot of each is kept in a temporary
folder (printed with -s). The demo is loaded once for all the users (the expensive part)."""

from __future__ import annotations

import pathlib
import tempfile
from typing import Any

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from core.testing import ensure_reference_data
from core.testing_browser import signed_in_page
from restructuring.demo import PRESENT_USERS

pytestmark = pytest.mark.browser

# The users whose organizations exist today (bantochuc.nari's district ended on 30/06/2025).
USERS = [u for u, _name, _kind, _code in PRESENT_USERS] + ["vanphong.natong", "bithu.pakin1", "admin"]
# Besides the member deadlines, what the other apps' present puts on each page (docs/demo.md, "On the home page").
GROUPS = {"bantochuc.thainguyen": ["mobilisation.follow_ups", "inspection.follow_ups", "rating.campaigns"],
          "vanphong.nari": ["mobilisation.follow_ups", "inspection.follow_ups", "inspection.in_progress",
                            "rating.campaigns"],
          "bithu.phomoi": ["mobilisation.follow_ups"], "vanphong.natong": ["mobilisation.follow_ups"],
          "bithu.pakin1": ["mobilisation.follow_ups"]}


def test_each_demo_user_sees_work_on_the_home_page(transactional_db: None, live_server: Any) -> None:
    ensure_reference_data()  # a transactional test flushes it away
    call_command("demo_load", stdout=open("/dev/null", "w"))  # noqa: SIM115
    folder = pathlib.Path(tempfile.mkdtemp(prefix="dangvu-demo-home-"))
    for username in USERS:
        password = "dangvu-demo" if username == "admin" else f"{username}-demo"
        with signed_in_page(live_server.url, username, password, start="/") as page:
            # At least one group of work with overdue items (home/templates/home/home.html).
            expect(page.locator(".home-group.urgent").first).to_be_visible()
            for key in GROUPS.get(username, []):
                expect(page.locator(f".home-group[data-group='{key}'] li").first).to_be_visible()
            page.screenshot(path=str(folder / f"{username}.png"), full_page=True)
    print(f"screenshots in {folder}")
    assert sorted(p.stem for p in folder.glob("*.png")) == sorted(USERS)
