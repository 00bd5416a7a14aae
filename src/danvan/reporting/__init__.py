"""Reporting: which reports each team owes, which came in on time, late or not at all.

A services package: it takes the dataset (its teams and submissions), the unit
registry, the working calendar and the deadline rule as arguments, and reads no
clock: the day that decides what is past due is ``today``, given by the caller.

The rooms: ``_expected`` (the reports owed and their status), ``_rates``
(the counts and rates rolled up the hierarchy), ``_tables`` (both as tables).
"""

from danvan.reporting._expected import (
    DEFAULT_DEADLINE,
    ExpectedReport,
    ReportStatus,
    expected_reports,
    report_periods,
    reporters_of,
    submission_days,
    superseded,
)
from danvan.reporting._rates import RateRow, group_of_teams, reporting_rates
from danvan.reporting._tables import REPORTING_TABLE, ReportingSettings, reporting_table

__all__ = [
    "DEFAULT_DEADLINE",
    "REPORTING_TABLE",
    "ExpectedReport",
    "RateRow",
    "ReportStatus",
    "ReportingSettings",
    "expected_reports",
    "group_of_teams",
    "report_periods",
    "reporters_of",
    "reporting_rates",
    "reporting_table",
    "submission_days",
    "superseded",
]
