"""Headless Chromium for browser tests: Debian's chromium driven by Playwright, signed in as a user."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connections
from playwright.sync_api import Page, expect, sync_playwright

expect.set_options(timeout=15_000)

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


@contextmanager
def signed_in_page(base_url: str, username: str, password: str, *, start: str = "/organizations/",
                   viewport: tuple[int, int] = (1280, 900), locale: str = "vi-VN") -> Iterator[Page]:
    """A page in the browser's `locale`, signed in at /login/ (which lands on the home page), then opened at
    `start` (default the organization tree; "/" stays on the home page)."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        context = browser.new_context(locale=locale, viewport={"width": viewport[0], "height": viewport[1]})
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.goto(f"{base_url}/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", password)
        page.click("form button.primary")
        page.wait_for_url(f"{base_url}/")
        if start != "/":
            page.goto(f"{base_url}{start}")
        # Clicks before htmx has processed the page would do nothing: wait for it, and give slow CI machines time.
        page.wait_for_function("() => window.htmx !== undefined && document.readyState === 'complete'")
        try:
            yield page
        finally:
            browser.close()
            # The test body ran in Playwright's context, with a database connection of its own: close it, or
            # PostgreSQL refuses to drop the test database at the end of the session.
            connections.close_all()
    connections.close_all()
