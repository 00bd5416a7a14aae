"""danvan: exact records, validation, aggregation and reports for Vietnam's Tổ Dân vận cơ sở.

The public API is re-exported here so that users import from ``danvan`` alone;
the domain classes live in ``danvan.model``.
"""

from __future__ import annotations

from danvan.bundled import default_catalog, sample
from danvan.convert import DatasetLoadError, dataset_from_json, dataset_to_json
from danvan.labels import Label
from danvan.model import Dataset
from danvan.periods import (
    DateRange,
    Period,
    PeriodKind,
    PeriodParseError,
    ReportingCalendar,
    parse_period,
)

__version__ = "0.1.0"

__all__ = [
    "Dataset",
    "DatasetLoadError",
    "DateRange",
    "Label",
    "Period",
    "PeriodKind",
    "PeriodParseError",
    "ReportingCalendar",
    "__version__",
    "dataset_from_json",
    "dataset_to_json",
    "default_catalog",
    "parse_period",
    "sample",
]
