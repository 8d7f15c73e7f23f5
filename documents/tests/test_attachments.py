"""Attachments: stored once by SHA-256 under the var directory, checked by content and size, text extracted for the
diacritics-insensitive search; a failed or interrupted upload leaves neither a row nor a file."""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

import pytest
from django.db import transaction

from core.errors import DomainError, NotInScope
from core.testing import Cast
from documents import queries, storage
from documents.models import Attachment, Document, LinkKind
from documents.services import attachment_add
from documents.tests.conftest import D, register
from documents.tests.files import docx_bytes, pdf_bytes


def _files_on_disk() -> list[Path]:
    return [p for p in storage.root().rglob("*") if p.is_file()] if storage.root().exists() else []


@pytest.fixture(autouse=True)
def _clean_store(settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    settings.VAR_DIR = tmp_path


def test_a_pdf_round_trips_with_its_checksum_and_is_found_by_its_text(cast: Cast,
                                                                       django_capture_on_commit_callbacks) -> None:
    content = pdf_bytes("Ke hoach tuyen truyen Chi thi 05 ve hoc tap")
    with django_capture_on_commit_callbacks(execute=True):
        document = register(cast.district_officer, cast.district_a, "07-KH/HU", "KH", D(2021, 2, 1),
                            files=(("kế hoạch.pdf", content),))
    attachment = document.attachments.get()
    assert attachment.sha256 == hashlib.sha256(content).hexdigest() and attachment.size == len(content)
    assert attachment.media_type == "application/pdf"
    assert "tuyen truyen" in attachment.text.lower()
    assert storage.read_verified(attachment.sha256) == content
    assert storage.path_of(attachment.sha256).is_file()
    found = queries.filtered(cast.district_officer, text="TUYÊN TRUYỀN chỉ thị")
    assert list(found) == [document]
    assert not queries.filtered(cast.outsider, text="tuyen truyen").exists()


def test_a_docx_text_is_searchable_without_diacritics(cast: Cast, django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        document = register(cast.district_officer, cast.district_a, "08-KH/HU", "KH", D(2021, 2, 1),
                            files=(("kh.docx", docx_bytes("Đối thoại với Nhân dân ở bản Nà Rì", "Đợt 2")),))
    assert document.attachments.get().media_type.endswith("document")
    assert list(queries.search(Document.objects.all(), "doi thoai nhan dan na ri")) == [document]
    assert not queries.search(Document.objects.all(), "doi thoai hoc sinh").exists()


def test_a_second_document_with_the_same_file_shares_the_stored_copy(cast: Cast,
                                                                       django_capture_on_commit_callbacks) -> None:
    content = docx_bytes("Cùng một tệp")
    with django_capture_on_commit_callbacks(execute=True):
        register(cast.district_officer, cast.district_a, "01-TB/HU", "TB", D(2021, 2, 1), files=(("a.docx", content),))
        register(cast.district_officer, cast.district_a, "02-TB/HU", "TB", D(2021, 2, 2), files=(("b.docx", content),))
    assert Attachment.objects.count() == 2
    assert len(_files_on_disk()) == 1


@pytest.mark.parametrize("content,message", [
    (b"", "empty"),
    (b"%PDF-1.4 garbage that is not a pdf", "PDF"),
    (b"PK\x03\x04 not a zip", "PDF"),
    ("Chỉ là văn bản".encode(), "PDF"),
])
def test_files_not_accepted_by_content_are_refused_and_nothing_is_written(cast: Cast, content: bytes,
                                                                          message: str) -> None:
    with pytest.raises(DomainError) as refused:
        register(cast.district_officer, cast.district_a, "09-KH/HU", "KH", D(2021, 2, 1),
                 files=(("tệp.pdf", content),))
    assert refused.value.field == "file"
    assert not Document.objects.exists() and not Attachment.objects.exists()
    assert _files_on_disk() == []


def test_a_file_over_the_limit_is_refused(cast: Cast, settings) -> None:  # type: ignore[no-untyped-def]
    settings.DOCUMENTS_MAX_ATTACHMENT_BYTES = 1000
    with pytest.raises(DomainError) as refused:
        register(cast.district_officer, cast.district_a, "09-KH/HU", "KH", D(2021, 2, 1),
                 files=(("big.pdf", pdf_bytes("x" * 2000)),))
    assert refused.value.field == "file" and "MB" in str(refused.value.message)
    assert not Document.objects.exists() and _files_on_disk() == []


def test_a_failure_after_the_file_was_written_leaves_neither_row_nor_file(cast: Cast,
                                                                          django_capture_on_commit_callbacks) -> None:
    theirs = register(cast.root_admin, cast.district_b, "01-NQ/HU", "NQ", D(2021, 1, 4))
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(NotInScope):
        register(cast.district_officer, cast.district_a, "02-CTr/HU", "CTr", D(2021, 2, 1),
                 files=(("ctr.docx", docx_bytes("Chương trình hành động")),),
                 links=((LinkKind.IMPLEMENTS, theirs),))
    assert not Attachment.objects.exists() and Document.objects.count() == 1
    assert _files_on_disk() == []


def test_an_upload_rolled_back_further_out_leaves_no_stored_file_and_its_temporary_is_swept(
        cast: Cast, django_capture_on_commit_callbacks) -> None:
    with (django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(RuntimeError),
          transaction.atomic()):
        register(cast.district_officer, cast.district_a, "03-CTr/HU", "CTr", D(2021, 2, 1),
                 files=(("ctr.docx", docx_bytes("Bị ngắt giữa chừng")),))
        raise RuntimeError("the connection dropped")
    assert callbacks == []
    assert not Document.objects.exists() and not Attachment.objects.exists()
    leftovers = _files_on_disk()
    assert all(p.parent == storage.temporary_dir() for p in leftovers)
    for item in leftovers:
        os.utime(item, (time.time() - 7200, time.time() - 7200))
    assert storage.sweep_temporary() == len(leftovers)
    assert _files_on_disk() == []


def test_a_file_added_later_is_checked_and_indexed(cast: Cast, django_capture_on_commit_callbacks) -> None:
    document = register(cast.district_officer, cast.district_a, "04-CTr/HU", "CTr", D(2021, 2, 1))
    with django_capture_on_commit_callbacks(execute=True):
        attachment = attachment_add(actor=cast.district_officer, document=document, filename="../../etc/passwd.docx",
                                    content=docx_bytes("Phụ lục chỉ tiêu"))
    assert attachment.filename == "passwd.docx"
    document.refresh_from_db()
    assert "phu luc chi tieu" in document.search_text
    with pytest.raises(DomainError):
        attachment_add(actor=cast.district_officer, document=document, filename="again.docx",
                       content=docx_bytes("Phụ lục chỉ tiêu"))
    with pytest.raises(NotInScope):
        attachment_add(actor=cast.outsider, document=document, filename="x.docx", content=docx_bytes("x"))


def test_a_damaged_stored_file_is_not_served(cast: Cast, django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        document = register(cast.district_officer, cast.district_a, "05-CTr/HU", "CTr", D(2021, 2, 1),
                            files=(("a.docx", docx_bytes("Nguyên vẹn")),))
    sha = document.attachments.get().sha256
    storage.path_of(sha).write_bytes(b"tampered")
    assert storage.read_verified(sha) is None


def test_on_postgresql_the_search_is_served_by_a_trigram_index(cast: Cast) -> None:
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("the trigram index exists on PostgreSQL only")
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'document_search_trgm'")
        row = cursor.fetchone()
    assert row is not None and "gin_trgm_ops" in row[0]
