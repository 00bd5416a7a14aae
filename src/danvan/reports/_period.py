"""The period and year-end bundles (báo cáo tổng kết), every table a view of one pass."""

from __future__ import annotations

import datetime as dt
from typing import Any, Final

import attrs

from danvan.aggregate import (
    GroupBy,
    Measure,
    PeriodTotals,
    Summary,
)
from danvan.classification import DEFAULT_CRITERIA, Criteria
from danvan.labels import Label
from danvan.model import Dataset, Level
from danvan.periods import Period, ReportingCalendar, parse_period
from danvan.registry import UnitRegistry
from danvan.reporting import ReportingSettings, reporting_table
from danvan.reports._compare import comparison_table
from danvan.reports._figures import figures_table
from danvan.reports._key_figures import key_figures_table
from danvan.reports._notes import notes_table
from danvan.reports._results import field_table, results_table
from danvan.reports._views import (
    ACTIVITY_MEASURES,
    money_table,
    month_table,
    team_table,
    topics_table,
)
from danvan.tables import Bundle, BundleMetadata, Table


def annual_report(dataset: Dataset, year: int, **options: Any) -> Bundle:
    """The year-end bundle (báo cáo tổng kết năm): ``period_report`` for the year ``year``."""
    return period_report(dataset, Period.of_year(year), **options)


_GROUP_TITLES: Final[dict[object, Label]] = {
    Level.PROVINCE: Label("Kết quả theo tỉnh", "By province"),
    Level.DISTRICT: Label("Kết quả theo huyện", "By district"),
    Level.COMMUNE: Label("Kết quả theo xã", "By commune"),
    Level.VILLAGE: Label("Kết quả theo bản", "By village"),
    "team": Label("Kết quả theo Tổ", "By team"),
    "all": Label("Kết quả toàn địa bàn", "All units"),
}


def period_report(
    dataset: Dataset,
    period: Period | str,
    *,
    by: GroupBy = Level.COMMUNE,
    calendar: ReportingCalendar = ReportingCalendar(1),  # noqa: B008 (frozen, immutable)
    criteria: Criteria = DEFAULT_CRITERIA,
    findings: Table | None = None,
    source: str | None = None,
    lang: str = "vi",
    generated_at: dt.datetime | None = None,
    units_on: dt.date | None = None,
    registry: UnitRegistry | None = None,
    reporting: ReportingSettings | None = None,
) -> Bundle:
    """A period's bundle: key figures, by unit (``by``, communes by default), by activity
    type, by team (with its grade when the period is a year), by month, money by source,
    topics covered, the comparison with the plan and the same period last year
    (`COMPARISON_TABLE`), by field and each activity's measured results (what a written
    report quotes), the figures of whole units (`FIGURES_TABLE`, only when some figure's
    days lie in the period: reported by no team, they are in none of the tables before),
    and the validation findings when given.

    Headers are bilingual; ``lang`` chooses the language of names written in cells
    (activity types, topics, months). ``units_on`` chooses the units of the by-unit
    table: those of that day, the period's activities re-aggregated onto them
    (``summarize``'s ``units_on`` and ``registry``); by default the units of the
    period's last day. When no unit of level ``by`` exists on that day (districts from
    1 July 2025), the by-unit table lists the former units and says so, and the bundle
    ends with a table of the report's own findings (`NOTES_TABLE`, finding DV210); a unit
    kept as a row though it could not be placed on that day is one too (DV211).

    When the dataset holds submissions, or ``reporting`` is given, the bundle has the
    reporting rates (`danvan.reporting.REPORTING_TABLE`): the reports each team owed
    within the period, received, on time, late, missing, by ``by`` and in all, under
    ``reporting``'s deadline and day (by default: five working days after each period,
    seen once every deadline has passed).
    """
    if isinstance(period, str):
        period = parse_period(period)
    # Every table below is a view of one pass over the activities.
    totals = PeriodTotals.of(dataset, period, calendar=calendar)
    overall = totals.summarize(by="all")
    group_name = f"by_{by.value}" if isinstance(by, Level) else f"by_{by}"
    by_unit = totals.summarize(by=by, units_on=units_on, registry=registry)
    notes = notes_table(by_unit, units_on)
    teams = team_table(dataset, totals, criteria, lang)
    # Grouped by team, the team table (with the grades) is the grouped table.
    grouped = (
        teams
        if by == "team"
        else by_unit.to_table(group_name, _group_title(by_unit, units_on), lang=lang)
    )
    tables = [
        key_figures_table(dataset, overall, lang),
        grouped,
        totals.summarize(
            by="all",
            per=("type",),
            measures=(*ACTIVITY_MEASURES, Measure.MONEY, Measure.COVERAGE),
        ).to_table(
            "by_activity_type", Label("Kết quả theo loại hoạt động", "By activity type"), lang=lang
        ),
        *([] if by == "team" else [teams]),
        month_table(totals, lang),
        money_table(overall),
        topics_table(dataset, totals, lang),
        comparison_table(totals, overall, by_unit, units_on=units_on, registry=registry, lang=lang),
        field_table(totals, lang),
        results_table(dataset, totals, lang),
    ]
    if reporting is not None or dataset.submissions:
        tables.append(
            reporting_table(
                dataset,
                period,
                reporting or ReportingSettings(),
                by=by,
                calendar=calendar,
                units_on=units_on,
                registry=registry,
                totals=totals,
            )
        )
    bounds = calendar.bounds(period)
    whole_units = figures_table(dataset, bounds.start, bounds.end, lang)
    if whole_units is not None:
        tables.append(whole_units)
    if findings is not None:
        tables.append(findings)
    if notes is not None:
        tables.append(notes)
    metadata = BundleMetadata(
        title=Label(
            f"Báo cáo kết quả hoạt động của Tổ Dân vận cơ sở: {period.label('vi')}",
            f"Grassroots mass-mobilisation teams: results, {period.label('en')}",
        ),
        period_key=period.key,
        period_label=Label(period.label("vi"), period.label("en")),
        calendar=Label(calendar.label("vi"), calendar.label("en")),
        source=source if source is not None else (dataset.title or None),
    )
    if generated_at is not None:
        metadata = attrs.evolve(metadata, generated_at=generated_at)
    untyped_tables: Any = tuple(tables)  # mypy mistypes attrs' converter=tuple, see make_table
    return Bundle(untyped_tables, metadata)


def _group_title(by_unit: Summary, units_on: dt.date | None) -> Label:
    """The by-unit table's title, with the day of its units, or the day its level ended."""
    title, by, abolished = _GROUP_TITLES[by_unit.by], by_unit.by, by_unit.abolished
    if abolished is not None and isinstance(by, Level):
        ended, vi, en = abolished - dt.timedelta(days=1), by.label.vi.lower(), by.label.en.lower()
        return Label(
            f"{title.vi} (cấp {vi} đã bãi bỏ từ {abolished:%d/%m/%Y}: địa giới ngày "
            f"{ended:%d/%m/%Y})",
            f"{title.en} ({en}s abolished on {abolished.isoformat()}: units as of {ended})",
        )
    if units_on is None:
        return title
    return Label(
        f"{title.vi} (địa giới ngày {units_on:%d/%m/%Y})",
        f"{title.en} (units as of {units_on.isoformat()})",
    )
