"""danvan.summarize and the reports, with the registered units to place moved villages.

``plugin_manager`` chooses whose units (see ``danvan._face``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from danvan import aggregate, reports
from danvan.aggregate import Dimension, GroupBy, Measure, ReportingSettings, Summary
from danvan.model import Dataset, Level
from danvan.periods import Period, ReportingCalendar
from danvan.plugins import PluginManager, provided
from danvan.registry import UnitRegistry
from danvan.tables import Bundle

__all__ = ["annual_report", "period_report", "summarize"]


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
    reporting: ReportingSettings | None = None,
    plugin_manager: PluginManager | None = None,
) -> Summary:
    """Sum the activities of ``period`` by unit level, team or overall, split by ``per``.

    As ``danvan.aggregate.summarize``, with ``registry`` (where a village whose
    unit no longer exists on ``units_on`` finds its successor) by default the
    registered units: the bundled Điện Biên registry and the plugins'. ``reporting``
    sets how the opt-in ``"reporting"`` measure counts the reports owed.

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
        reporting=reporting,
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
