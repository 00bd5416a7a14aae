"""danvan: exact records, validation, aggregation and reports for Vietnam's Tổ Dân vận cơ sở.

The public API is reachable from ``danvan`` alone (``from danvan import
read_dataset``); the domain classes live in ``danvan.model``, the plugin
author's names in ``danvan.plugin``.

The face is lazy (the scientific-python SPEC 1 pattern): ``_HOLDERS`` names the
module that holds each public name, and that module is imported when the name is
first asked for, so that ``import danvan`` and ``danvan --version`` cost little;
``__version__`` too is read (from the installed metadata) when first asked for.
Type checkers read the same names from the imports under ``TYPE_CHECKING``; a
test keeps the two lists equal.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from danvan._lazy import attach as _attach

if TYPE_CHECKING:  # the same names as _HOLDERS, for type checkers and editors
    from danvan._face._incremental import report_folder
    from danvan._face._loading import dataset_from_json, load_checked, load_lines
    from danvan._face._reading import read_dataset, validate
    from danvan._face._reporting import annual_report, period_report, summarize
    from danvan._face._writing import export, template_bundle
    from danvan.aggregate import Measure, Summary, SummaryRow
    from danvan.bundled import (
        bundled_registry,
        bundled_reporting_line,
        default_catalog,
        sample,
    )
    from danvan.classification import DEFAULT_CRITERIA, Classification, Grade, Reason, classify
    from danvan.collector import collector_paused
    from danvan.errors import DanvanError, DanvanWarning
    from danvan.findings import Finding, Location, Severity, ValidationReport
    from danvan.importers.limits import ReadLimits
    from danvan.importers.sources import DatasetReadError
    from danvan.labels import Label
    from danvan.layout import dataset_bundle
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
    from danvan.read import ImportResult
    from danvan.registry import LookupResult, UnitRegistry
    from danvan.rules import Rule, ValidationContext, rule
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

# The version is written once, in pyproject.toml, and read from the installed
# metadata when first asked for: importing importlib.metadata costs more than the
# rest of ``import danvan``, so it waits in ``__getattr__`` below.
__version__: str

# Each public name and the module that holds it, one line per name: moving a
# name to another module is a change of one line here and one import above.
_HOLDERS: dict[str, str] = {
    "DEFAULT_CRITERIA": "danvan.classification",
    "Classification": "danvan.classification",
    "DanvanError": "danvan.errors",
    "DanvanWarning": "danvan.errors",
    "Dataset": "danvan.model",
    "DatasetLoadError": "danvan.loading",
    "DatasetReadError": "danvan.importers.sources",
    "DateRange": "danvan.periods",
    "Finding": "danvan.findings",
    "Grade": "danvan.classification",
    "ImportResult": "danvan.read",
    "Label": "danvan.labels",
    "Location": "danvan.findings",
    "LookupResult": "danvan.registry",
    "Measure": "danvan.aggregate",
    "Period": "danvan.periods",
    "PeriodKind": "danvan.periods",
    "PeriodParseError": "danvan.periods",
    "ReadLimits": "danvan.importers.limits",
    "Reason": "danvan.classification",
    "ReportingCalendar": "danvan.periods",
    "Rule": "danvan.rules",
    "Severity": "danvan.findings",
    "Summary": "danvan.aggregate",
    "SummaryRow": "danvan.aggregate",
    "UnitRegistry": "danvan.registry",
    "ValidationContext": "danvan.rules",
    "ValidationReport": "danvan.findings",
    "ValueParseError": "danvan.text",
    "annual_report": "danvan._face._reporting",
    "bundled_registry": "danvan.bundled",
    "bundled_reporting_line": "danvan.bundled",
    "classify": "danvan.classification",
    "collation_key": "danvan.text",
    "collector_paused": "danvan.collector",
    "dataset_bundle": "danvan.layout",
    "dataset_from_json": "danvan._face._loading",
    "dataset_to_json": "danvan.loading",
    "default_catalog": "danvan.bundled",
    "export": "danvan._face._writing",
    "format_date": "danvan.text",
    "format_money": "danvan.text",
    "load_checked": "danvan._face._loading",
    "load_lines": "danvan._face._loading",
    "normalize": "danvan.text",
    "parse_date": "danvan.text",
    "parse_money": "danvan.text",
    "parse_period": "danvan.periods",
    "period_report": "danvan._face._reporting",
    "read_dataset": "danvan._face._reading",
    "report_folder": "danvan._face._incremental",
    "rule": "danvan.rules",
    "sample": "danvan.bundled",
    "sort_vi": "danvan.text",
    "summarize": "danvan._face._reporting",
    "template_bundle": "danvan._face._writing",
    "validate": "danvan._face._reading",
}

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
    "bundled_reporting_line",
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
    "report_folder",
    "rule",
    "sample",
    "sort_vi",
    "summarize",
    "template_bundle",
    "validate",
]


def _installed_version() -> str:
    """The version pip installed, read once from the package's metadata (on first use: the
    metadata machinery costs more to import than the face itself)."""
    from importlib.metadata import version

    return version(__name__)


if not TYPE_CHECKING:  # hidden from type checkers, so that they flag a misspelt name
    __getattr__, __dir__ = _attach(__name__, _HOLDERS, {"__version__": _installed_version})
