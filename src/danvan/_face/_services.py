"""The public reading, checking, summing, reporting and writing functions, defaults filled.

The services below take their rules, unit registry, importers, exporters and
catalogue as arguments and never look for them; these functions are where a
caller who gives none gets the registered ones (``danvan.plugins.provided``:
the built-ins and every installed plugin's). ``plugin_manager`` chooses whose;
by default the process-wide one.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from danvan import aggregate, exporting, layout, read, reports
from danvan import rules as rule_service
from danvan.aggregate import Dimension, GroupBy, Measure, Summary
from danvan.exporters.base import BinaryStream, Exporter
from danvan.findings import MAX_FINDINGS_PER_CODE, ValidationReport
from danvan.importers.limits import DEFAULT_LIMITS, ReadLimits
from danvan.model import Catalog, Dataset, Level
from danvan.periods import Period, ReportingCalendar
from danvan.plugins import PluginManager, provided
from danvan.redact import Redaction
from danvan.registry import UnitRegistry
from danvan.rules.base import Rule
from danvan.tables import Bundle

__all__ = [
    "annual_report",
    "export",
    "period_report",
    "read_dataset",
    "summarize",
    "template_bundle",
    "validate",
]


def read_dataset(
    sources: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    *,
    catalog: Catalog | None = None,
    plugin_manager: PluginManager | None = None,
    progress: Callable[[int, int], None] | None = None,
    limits: ReadLimits = DEFAULT_LIMITS,
) -> read.ImportResult:
    """Read one file, a folder, or a list of files and folders into one dataset.

    Every registered format can be read. Returns the dataset and the import
    findings. ``catalog`` is used when no file carries catalogue tables (by
    default the registered catalogue: the bundled one and the plugins'
    entries). Raises ``DatasetReadError`` only when a path does not exist or
    nothing at all could be read; any other problem is a finding.
    ``progress(done, total)`` is called after each file.

    ``limits`` says what one file may cost (``ReadLimits``: sizes, cells, text
    length, nesting, findings per code, the native readers' memory and time);
    a file past one is refused with a finding and the others are still read.
    """
    return read.read_dataset(
        sources,
        importers=provided.available_importers(plugin_manager),
        catalog=catalog if catalog is not None else provided.catalog(plugin_manager),
        progress=progress,
        limits=limits,
    )


def validate(
    dataset: Dataset,
    *,
    as_of: dt.date | None = None,
    rules: Iterable[Rule] | None = None,
    calendar: ReportingCalendar | None = None,
    max_findings_per_code: int | None = MAX_FINDINGS_PER_CODE,
    plugin_manager: PluginManager | None = None,
) -> ValidationReport:
    """Every finding of every registered rule about ``dataset``, most severe first.

    ``as_of`` is the day the data is reported as of: nothing done after it,
    leaders and meetings needed up to it. ``rules`` replaces the
    registered rules. ``calendar`` sets the reporting months for meetings.
    ``max_findings_per_code`` findings of one code of one rule are listed per
    file, then one DV628 counts the others; ``None`` lists all.
    """
    return rule_service.validate(
        dataset,
        rules=provided.registered_rules(plugin_manager) if rules is None else rules,
        as_of=as_of,
        calendar=calendar,
        max_findings_per_code=max_findings_per_code,
    )


def summarize(
    dataset: Dataset,
    period: Period | str,
    *,
    by: GroupBy = Level.COMMUNE,
    per: Sequence[Dimension] = (),
    measures: Iterable[Measure | str] | None = None,
    calendar: ReportingCalendar = ReportingCalendar(1),  # noqa: B008 (frozen, immutable)
    units_on: dt.date | None = None,
    registry: UnitRegistry | None = None,
    plugin_manager: PluginManager | None = None,
) -> Summary:
    """Sum the activities of ``period`` by unit level, team or overall, split by ``per``.

    As ``danvan.aggregate.summarize``, with ``registry`` (where a village whose
    unit no longer exists on ``units_on`` finds its successor) by default the
    registered units: the bundled Điện Biên registry and the plugins'.

    >>> import danvan
    >>> summary = danvan.summarize(danvan.sample(), "2022", by="all")
    >>> summary.rows[0].activities
    91
    """
    return aggregate.summarize(
        dataset,
        period,
        by=by,
        per=per,
        measures=measures,
        calendar=calendar,
        units_on=units_on,
        registry=registry if registry is not None else provided.unit_registry(plugin_manager),
    )


def period_report(
    dataset: Dataset,
    period: Period | str,
    *,
    registry: UnitRegistry | None = None,
    plugin_manager: PluginManager | None = None,
    **options: Any,
) -> Bundle:
    """A period's report bundle (``danvan.reports.period_report``), with the registered units.

    ``options`` are those of ``danvan.reports.period_report`` (``by``,
    ``calendar``, ``criteria``, ``findings``, ``lang``, ``units_on``…).
    """
    if registry is None:
        registry = provided.unit_registry(plugin_manager)
    return reports.period_report(dataset, period, registry=registry, **options)


def annual_report(
    dataset: Dataset,
    year: int,
    *,
    registry: UnitRegistry | None = None,
    plugin_manager: PluginManager | None = None,
    **options: Any,
) -> Bundle:
    """The year-end bundle (báo cáo tổng kết năm): ``period_report`` for the year ``year``."""
    return period_report(
        dataset, Period.of_year(year), registry=registry, plugin_manager=plugin_manager, **options
    )


def template_bundle(
    *, catalog: Catalog | None = None, plugin_manager: PluginManager | None = None
) -> Bundle:
    """The tables a commune fills in, with the catalogue (by default the registered one) listed."""
    return layout.template_bundle(
        catalog=catalog if catalog is not None else provided.catalog(plugin_manager)
    )


def export(
    bundle: Bundle,
    path_or_stream: str | os.PathLike[str] | BinaryStream,
    format: str | None = None,
    *,
    lang: str = "vi",
    options: Mapping[str, Any] | None = None,
    plugin_manager: PluginManager | None = None,
    redact: Redaction | str | None = None,
    overwrite: bool = False,
) -> Exporter:
    """Write ``bundle`` to a path (atomically) or to an open binary stream.

    The exporter is the registered one named ``format``, or else the one whose
    suffix the path (or the stream's ``name``) ends with. ``lang`` chooses the
    label language (``"vi"`` or ``"en"``, falling back to the other);
    ``options`` are the format's own settings; ``redact`` (``"omit"``,
    ``"pseudonymise"`` or a ``danvan.redact.Redaction`` with a salt) leaves out
    or pseudonymises the personal columns of every table, whatever the format.
    ``overwrite`` lets a folder export write into an existing folder danvan did
    not write (see ``danvan.exporting.atomic_folder``); files are always
    replaced atomically. Returns the exporter used.
    """
    return exporting.export(
        bundle,
        path_or_stream,
        format,
        lang=lang,
        options=options,
        exporters=provided.available_exporters(plugin_manager),
        redact=redact,
        overwrite=overwrite,
    )
