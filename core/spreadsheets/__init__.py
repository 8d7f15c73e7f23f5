"""Reading uploaded spreadsheets safely, for every app that takes an XLSX (ingest, rating, targets, training).

`budget` counts what a workbook holds before any parser builds it; `reading` holds the refusal every reader
raises (`FileRefused` with its `Problem`s), `inspect_xlsx` and `clean_cell`. The template of each import (its
columns and header) stays with the app that owns it. `report` writes a list as a report (title, organization, date,
filters, frozen header with autofilter, print set-up) for every app's "export" button.
"""

from core.spreadsheets.budget import WorkbookTooLarge, XlsxCounts, XlsxLimits
from core.spreadsheets.reading import (
    OLE_MAGIC,
    XLSX_MAGIC,
    FileRefused,
    Problem,
    clean_cell,
    inspect_xlsx,
    refused,
)
from core.spreadsheets.report import Column, Report, report_xlsx

__all__ = [
    "OLE_MAGIC",
    "XLSX_MAGIC",
    "Column",
    "FileRefused",
    "Problem",
    "Report",
    "WorkbookTooLarge",
    "XlsxCounts",
    "XlsxLimits",
    "clean_cell",
    "inspect_xlsx",
    "refused",
    "report_xlsx",
]
