"""Ready-made reports: the period and year-end bundles (báo cáo tổng kết) that exporters write.

A report is a `Bundle` of `Table`s built from one pass over the period
(``PeriodTotals``) and from ``classify``; it knows nothing of file formats.
The rooms: ``_period`` (``period_report``, ``annual_report``), ``_key_figures``
(the key figures table), ``_views`` (teams with their grades, months, money,
topics), ``_compare`` (against the plan and the same period last year),
``_figures`` (the figures of whole units, apart from the teams'), ``_results``
(by field, and each activity's measured result, which a written report quotes),
``_notes`` (the report's own findings: a level abolished, a unit it cannot place).
The reporting rates' table comes from ``danvan.reporting`` (``reporting_table``).
"""

from __future__ import annotations

from danvan.reports._compare import COMPARISON_TABLE
from danvan.reports._figures import FIGURES_TABLE
from danvan.reports._notes import NOTES_TABLE, report_notes
from danvan.reports._period import annual_report, period_report
from danvan.reports._results import FIELD_TABLE, RESULTS_TABLE

__all__ = [
    "COMPARISON_TABLE",
    "FIELD_TABLE",
    "FIGURES_TABLE",
    "NOTES_TABLE",
    "RESULTS_TABLE",
    "annual_report",
    "period_report",
    "report_notes",
]
