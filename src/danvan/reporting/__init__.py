"""Reporting: which reports each team owes, which came in on time, late or not at all.

A services package: it takes the dataset (its teams and submissions), the unit
registry, the working calendar and the deadline rule as arguments, and reads no
clock: the day that decides what is past due is ``today``, given by the caller.

The reports owed, their status and their settings live a floor down, in
``danvan.aggregate`` (its room ``_reports``), because `summarize` counts them as
a measure (``measures=["reporting"]``); they are re-exported here. The rooms:
``_rates`` (the counts and rates of each period, rolled up the hierarchy with the
summary's tally, `danvan.aggregate.count_reports`), ``_tables`` (the report's
table, built from the summary).
"""

from danvan.aggregate import (
    DEFAULT_DEADLINE,
    ExpectedReport,
    ReportingSettings,
    ReportStatus,
    expected_reports,
    report_periods,
    reporters_of,
    submission_days,
    superseded,
)
from danvan.reporting._rates import RateRow, group_of_teams, reporting_rates
from danvan.reporting._tables import REPORTING_TABLE, reporting_table

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
