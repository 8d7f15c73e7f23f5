"""Attachment files: checked by content, text extracted, stored once by SHA-256 under VAR_DIR/attachments.

A file goes to disk as a temporary name in the same directory tree first (so a full disk refuses the upload
before anything is committed) and is moved into place only when the transaction commits
(`transaction.on_commit`); a failure inside the service removes the temporary file, and `sweep_temporary`
removes those left by a transaction rolled back further out. A stored file is never changed or deleted.
"""

from __future__ import annotations

import hashlib
import html
import io
import os
import re
import time
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from core.errors import DomainError
from documents.models import MediaType

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
MAX_TEXT_CHARS = 1_000_000
MAX_DOCX_XML_BYTES = 60 * 1024 * 1024
MAX_PDF_PAGES = 2000
TEMPORARY_AGE_SECONDS = 3600


def max_bytes() -> int:
    return int(getattr(settings, "DOCUMENTS_MAX_ATTACHMENT_BYTES", DEFAULT_MAX_BYTES))


def root() -> Path:
    return Path(settings.VAR_DIR) / "attachments"


def path_of(sha256: str) -> Path:
    if not re.fullmatch(r"[0-9a-f]{64}", sha256):
        raise ValueError("not a SHA-256 digest")
    return root() / sha256[:2] / sha256


def temporary_dir() -> Path:
    return root() / "tmp"


@dataclass(frozen=True)
class Checked:
    """An upload that passed the checks: its bytes, digest, type and text."""

    content: bytes
    sha256: str
    media_type: str
    text: str
    filename: str


def _docx_text(content: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            info = archive.getinfo("word/document.xml")
            if info.file_size > MAX_DOCX_XML_BYTES:
                raise DomainError(_("The Word file is too large once unpacked."), field="file")
            xml = archive.read(info).decode("utf-8", errors="replace")
    except (KeyError, zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError, EOFError) as exc:
        raise DomainError(_("The Word file cannot be read."), field="file") from exc
    xml = re.sub(r"</w:p>|<w:br\s*/>|<w:tab\s*/>", "\n", xml)
    pieces = re.findall(r"<w:t(?:\s[^>]*)?>([^<]*)</w:t>", xml.replace("\n", "<w:t>\n</w:t>"))
    return html.unescape("".join(pieces))


def _pdf_text(content: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(content))
        texts = []
        for index, page in enumerate(reader.pages):
            if index >= MAX_PDF_PAGES:
                break
            texts.append(page.extract_text() or "")
            if sum(len(t) for t in texts) > MAX_TEXT_CHARS:
                break
        return "\n".join(texts)
    except (PyPdfError, ValueError, KeyError, TypeError, OSError, RecursionError, AttributeError) as exc:
        raise DomainError(_("The PDF file cannot be read."), field="file") from exc


def media_type_of(content: bytes) -> str | None:
    """PDF by its magic number, DOCX as a zip holding word/document.xml; anything else None."""
    if content.startswith(b"%PDF-"):
        return MediaType.PDF
    if content.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(content)) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError, EOFError):
            return None
        if "word/document.xml" in names and "[Content_Types].xml" in names:
            return MediaType.DOCX
    return None


def _clean_filename(name: str) -> str:
    name = os.path.basename((name or "").replace("\\", "/"))
    name = re.sub(r"[\x00-\x1f\x7f\"<>|:*?]", "", name).strip() or "file"
    return name[:200]


def check(content: bytes, filename: str) -> Checked:
    """Refuse an empty, oversized or unaccepted file (named in the message); extract its text."""
    if not content:
        raise DomainError(_("The file is empty."), field="file")
    limit = max_bytes()
    if len(content) > limit:
        raise DomainError(_("The file is larger than the limit of %(size)s MB.")
                          % {"size": f"{limit / 1024 / 1024:g}"}, field="file")
    media_type = media_type_of(content)
    if media_type is None:
        raise DomainError(_("Only PDF and Word (DOCX) files are accepted; this file is neither by its content."),
                          field="file")
    text = _pdf_text(content) if media_type == MediaType.PDF else _docx_text(content)
    text = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", "", text)[:MAX_TEXT_CHARS]
    return Checked(content, hashlib.sha256(content).hexdigest(), media_type, text, _clean_filename(filename))


def write_temporary(content: bytes) -> Path:
    """Write the bytes under a temporary name (fsynced) and return it."""
    directory = temporary_dir()
    directory.mkdir(parents=True, exist_ok=True)
    target = directory / f"{uuid.uuid4().hex}.part"
    with open(target, "wb") as handle:
        handle.write(content)
        handle.flush()
        os.fsync(handle.fileno())
    return target


def move_into_place(temporary: Path, sha256: str) -> None:
    """Move the temporary file to its content address (or drop it when that file is already stored)."""
    final = path_of(sha256)
    if final.exists():
        temporary.unlink(missing_ok=True)
        return
    final.parent.mkdir(parents=True, exist_ok=True)
    os.replace(temporary, final)


def discard(temporary: Path) -> None:
    temporary.unlink(missing_ok=True)


def sweep_temporary(*, older_than: float = TEMPORARY_AGE_SECONDS) -> int:
    """Remove temporary files older than `older_than` seconds (left by a rolled-back transaction)."""
    directory = temporary_dir()
    if not directory.exists():
        return 0
    removed = 0
    limit = time.time() - older_than
    for item in directory.glob("*.part"):
        try:
            if item.stat().st_mtime <= limit:
                item.unlink()
                removed += 1
        except FileNotFoundError:
            continue
    return removed


def read_verified(sha256: str) -> bytes | None:
    """The stored bytes when they still match their digest; None when missing or damaged."""
    try:
        content = path_of(sha256).read_bytes()
    except (OSError, ValueError):
        return None
    return content if hashlib.sha256(content).hexdigest() == sha256 else None
