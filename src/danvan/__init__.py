"""danvan: exact records, validation, aggregation and reports for Vietnam's Tổ Dân vận cơ sở.

The public API is re-exported here so that users import from ``danvan`` alone;
the domain classes live in ``danvan.model``.
"""

from __future__ import annotations

from danvan._face._loading import dataset_from_json, load_checked, load_lines
from danvan.aggregate import Measure, Summary, SummaryRow, summarize
from danvan.bundled import bundled_registry, default_catalog, sample
from danvan.classification import DEFAULT_CRITERIA, Classification, Grade, Reason, classify
from danvan.collector import collector_paused
from danvan.errors import DanvanError, DanvanWarning
from danvan.exporting import export
from danvan.findings import Finding, Location, Severity, ValidationReport
from danvan.importers.limits import ReadLimits
from danvan.labels import Label
from danvan.layout import dataset_bundle, template_bundle
from danvan.loading import DatasetLoadError, dataset_to_json
from danvan.model import Dataset
from danvan.periods import (
    DateRange,
    Period,
    PeriodKind,
    PeriodParseError,
    ReportingCalendar,
    parse_period,
)
from danvan.read import DatasetReadError, ImportResult, read_dataset
from danvan.registry import LookupResult, UnitRegistry
from danvan.reports import annual_report, period_report
from danvan.rules import Rule, ValidationContext, rule, validate
from danvan.text import (
    ValueParseError,
    collation_key,
    format_date,
    format_money,
    normalize,
    parse_date,
    parse_money,
    sort_vi,
)

__version__ = "0.1.0"

__all__ = [
    "DEFAULT_CRITERIA",
    "Classification",
    "DanvanError",
    "DanvanWarning",
    "Dataset",
    "DatasetLoadError",
    "DatasetReadError",
    "DateRange",
    "Finding",
    "Grade",
    "ImportResult",
    "Label",
    "Location",
    "LookupResult",
    "Measure",
    "Period",
    "PeriodKind",
    "PeriodParseError",
    "ReadLimits",
    "Reason",
    "ReportingCalendar",
    "Rule",
    "Severity",
    "Summary",
    "SummaryRow",
    "UnitRegistry",
    "ValidationContext",
    "ValidationReport",
    "ValueParseError",
    "__version__",
    "annual_report",
    "bundled_registry",
    "classify",
    "collation_key",
    "collector_paused",
    "dataset_bundle",
    "dataset_from_json",
    "dataset_to_json",
    "default_catalog",
    "export",
    "format_date",
    "format_money",
    "load_checked",
    "load_lines",
    "normalize",
    "parse_date",
    "parse_money",
    "parse_period",
    "period_report",
    "read_dataset",
    "rule",
    "sample",
    "sort_vi",
    "summarize",
    "template_bundle",
    "validate",
]
