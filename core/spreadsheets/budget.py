"""Counting what an uploaded XLSX holds before a parser builds anything from it.

An XLSX is a zip of XML parts, and XML compresses a thousandfold: a 112 KB upload can hold a million cells in
one row, which openpyxl would parse (33 s, 980 MB) before the reader could look at the first row. So every part
is inflated in chunks and its tags counted with byte searches — cells (`<c>`), rows (`<row>`), shared strings
(`<si>`), and elements of any kind — and the upload is refused as soon as one count passes its limit. The work
done is bounded by the limits, not by what the file claims: a part's declared size and the sheet's `dimension`
can lie, the counts cannot. Limits are settings (INGEST_MAX_*), see `XlsxLimits.current`.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from typing import IO

from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext as _

CHUNK = 256 * 1024
_TAIL = 64  # enough to recognise the tag that starts at the last "<" of a chunk
_PREFIX = rb"<(?:[A-Za-z_][\w.-]{0,31}:)?"  # tags may carry a namespace prefix (<x:c …>)
_ROW = re.compile(_PREFIX + rb"row[\s/>]")
_CELL = re.compile(_PREFIX + rb"c[\s/>]")
_STRING = re.compile(_PREFIX + rb"si[\s/>]")


@dataclass(frozen=True)
class XlsxLimits:
    """The most an uploaded workbook may hold (all parts together, except `row_cells`: in one row)."""

    unpacked_bytes: int = 300 * 1024 * 1024
    elements: int = 10_000_000  # a 100 000-row member file (ingest.parsing.MAX_ROWS) of 25 filled columns
    rows: int = 200_000
    cells: int = 2_500_000
    row_cells: int = 1_000
    shared_strings: int = 1_000_000

    @classmethod
    def current(cls) -> XlsxLimits:
        default = cls()
        return cls(
            unpacked_bytes=getattr(settings, "INGEST_MAX_UNPACKED_BYTES", default.unpacked_bytes),
            elements=getattr(settings, "INGEST_MAX_XML_ELEMENTS", default.elements),
            rows=getattr(settings, "INGEST_MAX_SHEET_ROWS", default.rows),
            cells=getattr(settings, "INGEST_MAX_CELLS", default.cells),
            row_cells=getattr(settings, "INGEST_MAX_ROW_CELLS", default.row_cells),
            shared_strings=getattr(settings, "INGEST_MAX_SHARED_STRINGS", default.shared_strings),
        )


@dataclass
class XlsxCounts:
    """What was counted (up to the refusal, if any): the work done is proportional to `inflated_bytes`."""

    parts: int = 0
    inflated_bytes: int = 0
    elements: int = 0
    rows: int = 0
    cells: int = 0
    row_cells: int = 0  # the most cells seen in one row
    shared_strings: int = 0


class WorkbookTooLarge(Exception):
    """The workbook holds more than a limit allows; `counts` says how far the count went."""

    def __init__(self, message: str, counts: XlsxCounts) -> None:
        super().__init__(message)
        self.message = message
        self.counts = counts


def inspect(archive: zipfile.ZipFile, limits: XlsxLimits | None = None) -> XlsxCounts:
    """Count every part of the archive; WorkbookTooLarge as soon as a count passes its limit."""
    limits = limits or XlsxLimits.current()
    counts = XlsxCounts()
    if sum(info.file_size for info in archive.infolist()) > limits.unpacked_bytes:
        raise WorkbookTooLarge(_("The workbook is too large once unpacked; split it into smaller files."), counts)
    for info in archive.infolist():
        if info.is_dir():
            continue
        counts.parts += 1
        with archive.open(info) as stream:
            _scan(stream, counts, limits)
    return counts


def _scan(stream: IO[bytes], counts: XlsxCounts, limits: XlsxLimits) -> None:
    tail = b""
    row_cells = 0
    while True:
        chunk = stream.read(CHUNK)
        counts.inflated_bytes += len(chunk)
        buffer = tail + chunk
        if chunk:
            cut = buffer.rfind(b"<")
            body, tail = (buffer, b"") if cut < 0 else (buffer[:cut], buffer[cut:cut + _TAIL])
        else:
            body, tail = buffer, b""
        row_cells = _count(body, counts, limits, row_cells)
        if not chunk:
            return


def _count(body: bytes, counts: XlsxCounts, limits: XlsxLimits, row_cells: int) -> int:
    """Count the tags of one piece of a part; returns the cells so far in the row the piece ends in."""
    counts.elements += body.count(b"<") - body.count(b"</") - body.count(b"<?") - body.count(b"<!")
    if counts.elements > limits.elements:
        raise WorkbookTooLarge(_("The workbook's structure is too large (more than %(n)s XML elements); save it "
                                 "again as a plain Excel workbook or split it.") % {"n": _n(limits.elements)},
                               counts)
    counts.shared_strings += len(_STRING.findall(body))
    if counts.shared_strings > limits.shared_strings:
        raise WorkbookTooLarge(_("The workbook holds more than %(n)s different texts; split it into smaller files.")
                               % {"n": _n(limits.shared_strings)}, counts)
    pieces = _ROW.split(body)
    counts.rows += len(pieces) - 1
    if counts.rows > limits.rows:
        raise WorkbookTooLarge(_("The workbook has more than %(n)s rows; split it into smaller files.")
                               % {"n": _n(limits.rows)}, counts)
    for index, piece in enumerate(pieces):
        cells = len(_CELL.findall(piece))
        row_cells = cells if index else row_cells + cells
        counts.cells += cells
        counts.row_cells = max(counts.row_cells, row_cells)
        if row_cells > limits.row_cells:
            raise WorkbookTooLarge(_("A row of the workbook holds more than %(n)s cells; delete the unused columns "
                                     "to the right of the table and upload it again.")
                                   % {"n": _n(limits.row_cells)}, counts)
    if counts.cells > limits.cells:
        raise WorkbookTooLarge(_("The workbook holds more than %(n)s cells; split it into smaller files.")
                               % {"n": _n(limits.cells)}, counts)
    return row_cells


def _n(number: int) -> str:
    return str(number_format(number, force_grouping=True))
