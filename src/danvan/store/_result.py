"""What an incremental run gives: the summary, the findings, and how much the store spared."""

from __future__ import annotations

from typing import Any

import attrs

from danvan.aggregate import Summary
from danvan.findings import ValidationReport
from danvan.labels import Label
from danvan.model import Dataset
from danvan.tables import Bundle, BundleMetadata


@attrs.frozen
class FolderReport:
    """A folder's summary and findings, and how much of it the store gave."""

    summary: Summary
    report: ValidationReport
    #: The setting the activities were placed with (units, teams, catalogue; no activities).
    setting: Dataset
    #: Files read (or found in the store), and how many of those came from the store.
    files: int = 0
    stored: int = 0

    def bundle(self, *, lang: str = "vi", personal: bool = False) -> Bundle:
        """The summary table, then the findings table: what ``danvan summary`` writes."""
        period = self.summary.period
        tables: Any = (  # mypy mistypes attrs' converter=tuple, see make_table
            self.summary.to_table(lang=lang),
            self.report.to_table(personal=personal),
        )
        metadata = BundleMetadata(
            title=Label(f"Tổng hợp: {period.label('vi')}", f"Summary: {period.label('en')}"),
            period_key=period.key,
            period_label=Label(period.label("vi"), period.label("en")),
        )
        return Bundle(tables, metadata)
