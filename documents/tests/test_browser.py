"""In headless Chromium: the district office registers a document with a Word file through the form, then finds it
from the register's search by a word of the file's text typed without diacritics; no Content-Security-Policy
violation on the way."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import ConsoleMessage, Page, expect

from core.testing import Cast, build_cast
from core.testing_browser import signed_in_page
from documents.models import Attachment, DocumentType
from documents.tests.files import docx_bytes

pytestmark = pytest.mark.browser


@pytest.fixture
def world(transactional_db: None, settings: Any, tmp_path: Path) -> Cast:
    settings.VAR_DIR = tmp_path
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


def test_register_a_document_with_a_file_and_find_it_by_a_word_without_diacritics(
        live_server: Any, world: Cast, page: tuple[Page, list[str]]) -> None:
    browser, problems = page
    browser.goto(f"{live_server.url}/")
    browser.locator("nav.mainnav a[href='/documents/']").click()
    browser.locator("nav.subnav a[href='/documents/new/']").click()
    browser.fill("#id_organization", world.district_a.code)  # the picker: typed code (or chosen suggestion)
    browser.select_option("#id_doc_type", str(DocumentType.objects.get(code="KH", style="party").pk))
    browser.fill("#id_issued_on", "05/03/2021")
    browser.locator("#document-form button[name=propose]").click()
    expect(browser.locator("#proposal")).to_contain_text("01-KH/HU")
    expect(browser.locator("#id_number")).to_have_value("01-KH/HU")
    browser.fill("#id_title", "Kế hoạch công tác năm 2021")
    browser.fill("#id_topics", "dân vận")
    browser.set_input_files("#id_uploads", files=[{
        "name": "ke-hoach.docx", "buffer": docx_bytes("Tổ chức đối thoại với đồng bào ở các bản vùng cao"),
        "mimeType": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}])
    browser.locator("#document-form button.primary").click()
    expect(browser.locator("#document h1")).to_contain_text("01-KH/HU")
    expect(browser.locator("#attachments")).to_contain_text("ke-hoach.docx")
    assert Attachment.objects.count() == 1
    browser.locator("nav.subnav a[href='/documents/']").click()
    browser.fill("#id_q", "dong bao vung cao")
    browser.locator("#document-filters button.primary").click()
    expect(browser.locator("#document-results")).to_contain_text("01-KH/HU")
    browser.fill("#id_q", "hoc sinh")
    browser.locator("#document-filters button.primary").click()
    expect(browser.locator("#document-results")).not_to_contain_text("01-KH/HU")
    assert not [p for p in problems if "Content Security Policy" in p or "Content-Security-Policy" in p], problems
