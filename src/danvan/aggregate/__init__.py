"""Aggregation: the activities of a period summed over units or teams, in one pass.

`summarize` is the one entry point. It reads every activity once, into one
accumulator per (group, reporting month, activity type) — plus the topics when
rows are split by topic — and then folds those few accumulators into the rows
asked for. Measures that belong to units rather than to activities (villages
with a team, meetings expected, members) come from the teams and memberships,
not from the activities, so units without any activity still get their row.

Only activities with status DONE count: planned and cancelled ones are not work
done. See ``docs/aggregation.md`` for every rule.

The rooms of this package: ``_measures`` (dimensions, groupings, measures),
``_summary`` (the result and its table), ``_columns`` (the table's columns),
``_grouping`` (groups on the hierarchy's day: ``make_groups``, which the reporting
rates roll up by too), ``_accumulators`` (the one pass),
``_rows`` (unit measures and the rows), ``_engine`` (``summarize``), ``_compare``
(a summary beside the plan and the same period a year earlier), ``_partial``
(one part of the activities summed for a `Query`, and parts combined).
"""

from danvan.aggregate._columns import indicator_column_name
from danvan.aggregate._compare import (
    Comparison,
    compare,
    default_measures,
    measure_label,
    measure_value,
    year_earlier,
)
from danvan.aggregate._engine import PeriodTotals, summarize
from danvan.aggregate._grouping import (
    Groups,
    NotPlaced,
    alive_between,
    level_abolished,
    make_groups,
)
from danvan.aggregate._measures import DIMENSIONS, NO_TOPIC, OPT_IN, Dimension, GroupBy, Measure
from danvan.aggregate._partial import (
    Partial,
    Query,
    combine,
    partial,
    partial_from_raw,
    partial_to_raw,
)

# ``_reports``: the reports each team owes and `count_reports`, the one tally of the
# reporting measure, which ``danvan.reporting`` re-exports and rolls up by period too.
from danvan.aggregate._reports import (
    DEFAULT_DEADLINE,
    REPORT_COUNTS,
    ExpectedReport,
    ReportingSettings,
    ReportStatus,
    count_reports,
    expected_reports,
    report_periods,
    reporters_of,
    submission_days,
    superseded,
)
from danvan.aggregate._summary import Summary, SummaryRow, make_table, report_counts

__all__ = [
    "DEFAULT_DEADLINE",
    "DIMENSIONS",
    "NO_TOPIC",
    "OPT_IN",
    "REPORT_COUNTS",
    "Comparison",
    "Dimension",
    "ExpectedReport",
    "GroupBy",
    "Groups",
    "Measure",
    "NotPlaced",
    "Partial",
    "PeriodTotals",
    "Query",
    "ReportStatus",
    "ReportingSettings",
    "Summary",
    "SummaryRow",
    "alive_between",
    "combine",
    "compare",
    "count_reports",
    "default_measures",
    "expected_reports",
    "indicator_column_name",
    "level_abolished",
    "make_groups",
    "make_table",
    "measure_label",
    "measure_value",
    "partial",
    "partial_from_raw",
    "partial_to_raw",
    "report_counts",
    "report_periods",
    "reporters_of",
    "submission_days",
    "summarize",
    "superseded",
    "year_earlier",
]
