"""In headless Chromium: build the annual report (DOCX) and the statistical forms (XLSX) from the report page in
the background, watch the progress bar until the download link appears, download both and read them back; no
Content-Security-Policy violation."""

from __future__ import annotations

import io
from typing import Any

import docx
import pytest
from django.core.management import call_command
from openpyxl import load_workbook
from playwright.sync_api import ConsoleMessage, expect

from core.testing import build_cast
from core.testing_browser import signed_in_page

pytestmark = pytest.mark.browser


def test_build_from_the_page_with_progress(live_server: Any, transactional_db: None) -> None:
    cast = build_cast()
    problems: list[str] = []
    with signed_in_page(live_server.url, "district", "district-pass-123") as page:
        def on_console(message: ConsoleMessage) -> None:
            if message.type == "error":
                problems.append(message.text)

        page.on("console", on_console)
        files = {}
        for fmt in ("docx", "xlsx"):
            page.goto(f"{live_server.url}/organizations/{cast.district_a.pk}/")
            page.click("#report-link")
            page.fill("#id_year", "2020")
            page.select_option("#id_format", fmt)
            expect(page.locator("#id_background")).to_be_checked()
            page.click("#report-build")
            expect(page.locator("#job-progress")).to_be_visible()
            expect(page.locator("#job-status")).to_have_attribute("data-status", "queued")
            call_command("report_worker", once=True, stdout=io.StringIO())
            link = page.locator("#job-download")
            expect(link).to_be_visible()  # the status part reloaded itself
            expect(page.locator("#job-progress")).to_have_attribute("value", "100")
            with page.expect_download() as download:
                link.click()
            with open(download.value.path(), "rb") as handle:
                files[fmt] = handle.read()
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(files["docx"])).paragraphs)
    assert "BÁO CÁO" in text and "Kết quả công tác xây dựng Đảng năm 2020" in text
    assert load_workbook(io.BytesIO(files["xlsx"])).sheetnames == ["movement", "qualification", "ethnicity",
                                                                   "organizations"]
    assert not problems, problems
