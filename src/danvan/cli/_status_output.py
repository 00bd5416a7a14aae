"""What ``danvan status`` prints: lines for a person, or JSON with stable keys for a script.

The JSON document (keys never renamed; new ones may be added):

- ``today`` (``YYYY-MM-DD``) and ``today_from`` (``"option"``: ``--today``; ``"clock"``:
  today's date in Vietnam), ``period`` (its key), ``kind`` (``month``, ``quarter``, ``year``),
  ``deadline_rule`` (``kind``, ``n``, ``label`` with ``vi`` and ``en``);
- ``periods``: per period owed, ``period``, ``label``, ``due``, ``nominal`` (the rule's day
  before a day off moved it) and ``moved``;
- ``communes``: per period and commune, ``period``, ``commune`` (its id), ``name``, ``code``,
  the counts ``expected``, ``received``, ``on_time``, ``late``, ``undated``, ``missing``,
  ``not_yet_due``, ``duplicates``, and ``reporting_rate``, ``on_time_rate`` (null when
  nothing was expected); ``totals``: the same per period for every team, without the
  commune's keys;
- ``reports``: per report owed, ``period``, ``team``, ``team_name``, ``commune`` (null: in
  no commune), ``due``, ``status`` (``on_time``, ``late``, ``undated``, ``missing``,
  ``not_yet_due``), ``received`` (null when not known), ``files`` and ``submissions``
  (the ids of the submissions counted).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import attrs
import orjson

from danvan.model import Dataset, Level
from danvan.periods import Deadline, DeadlineRule, Period, PeriodKind, ReportingCalendar
from danvan.registry import UnitRegistry
from danvan.reporting import (
    ExpectedReport,
    RateRow,
    ReportStatus,
    group_of_teams,
    reporting_rates,
)

NO_COMMUNE = ("Không thuộc xã nào", "in no commune")


@attrs.frozen
class Status:
    """What the command found: the reports owed within ``period`` and their rates by commune."""

    dataset: Dataset
    period: Period
    kind: PeriodKind
    rule: DeadlineRule
    today: dt.date
    #: "option" when ``--today`` gave the day, "clock" when it is today's date in Vietnam.
    today_from: str
    deadlines: tuple[Deadline, ...]
    reports: tuple[ExpectedReport, ...]
    rates: tuple[RateRow, ...]


def _day(day: dt.date | None) -> str:
    return "-" if day is None else day.strftime("%d/%m/%Y")


def _share(numerator: int, denominator: int) -> str:
    if not denominator:
        return f"{numerator}/0"
    return f"{numerator}/{denominator} ({round(100 * numerator / denominator)}%)"


def _communes_of(
    status: Status, calendar: ReportingCalendar, registry: UnitRegistry
) -> dict[Period, dict[str, str | None]]:
    """The commune of each team, per period owed, on the period's last day."""
    return {
        deadline.period: group_of_teams(
            status.dataset, deadline.period, Level.COMMUNE, calendar=calendar, registry=registry
        )[1]
        for deadline in status.deadlines
    }


_LISTED = (
    (ReportStatus.MISSING, "Chưa nộp, quá hạn", "missing, past the deadline"),
    (ReportStatus.NOT_YET_DUE, "Chưa nộp, chưa đến hạn", "not yet received, not yet due"),
    (ReportStatus.LATE, "Nộp muộn", "late"),
    (ReportStatus.UNDATED, "Đã nộp, không rõ ngày nhận", "received, day not known"),
)


def _report_line(report: ExpectedReport) -> str:
    who = f"{report.team_name} ({report.team})"
    if report.status is ReportStatus.LATE:
        late = report.days_late
        return f"{who}: nhận / received {_day(report.received)}, muộn / late by {late} ngày / days"
    return who


def status_lines(
    status: Status, calendar: ReportingCalendar, registry: UnitRegistry
) -> Iterator[str]:
    """The status for a person: per period, per commune, who has not reported and who is late."""
    source = "--today" if status.today_from == "option" else "giờ Việt Nam / Vietnam time"
    yield f"Ngày xét / today: {_day(status.today)} ({source})"
    yield f"Hạn nộp / deadline: {status.rule.label('vi')} / {status.rule.label('en')}"
    communes_of = _communes_of(status, calendar, registry)
    for deadline in status.deadlines:
        period = deadline.period
        yield ""
        yield f"{deadline.label('vi')} / {deadline.label('en')}"
        reports = [r for r in status.reports if r.period == period]
        of_team = communes_of[period]
        rows = [row for row in status.rates if row.period == period and row.expected]
        for row in rows:
            yield from _commune_lines(row, [r for r in reports if of_team.get(r.team) == row.group])
        stray = [r for r in reports if of_team.get(r.team) is None]
        if stray:
            vi, en = NO_COMMUNE
            yield f"  {vi} / {en}: {len(stray)} tổ / teams"
            yield from _listed(stray)
        total = sum(r.status.received for r in reports)
        on_time = sum(r.status is ReportStatus.ON_TIME for r in reports)
        yield (
            f"  Tổng / total: đã nộp / received {_share(total, len(reports))}, "
            f"đúng hạn / on time {_share(on_time, len(reports))}"
        )


def _commune_lines(row: RateRow, reports: list[ExpectedReport]) -> Iterator[str]:
    code = f" ({row.code})" if row.code else ""
    yield (
        f"  {row.name}{code}: đã nộp / received {_share(row.received, row.expected)}, "
        f"đúng hạn / on time {_share(row.on_time, row.expected)}"
    )
    yield from _listed(reports)


def _listed(reports: list[ExpectedReport]) -> Iterator[str]:
    for wanted, vi, en in _LISTED:
        for report in reports:
            if report.status is wanted:
                yield f"    {vi} / {en}: {_report_line(report)}"
    for report in reports:
        if report.duplicate:
            files = ", ".join(report.submissions)
            yield (
                f"    Nộp trùng / sent twice: {report.team_name} ({report.team}): "
                f"{report.files} tệp / files ({files})"
            )


def _iso(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()


def _counts(row: RateRow) -> dict[str, Any]:
    return {
        "period": row.period.key,
        "expected": row.expected,
        "received": row.received,
        "on_time": row.on_time,
        "late": row.late,
        "undated": row.undated,
        "missing": row.missing,
        "not_yet_due": row.not_yet_due,
        "duplicates": row.duplicates,
        "reporting_rate": row.reporting_rate,
        "on_time_rate": row.on_time_rate,
    }


def status_json(status: Status, calendar: ReportingCalendar, registry: UnitRegistry) -> str:
    """The status as the JSON document the module describes."""
    communes_of = _communes_of(status, calendar, registry)
    totals = reporting_rates(status.dataset, status.reports, by="all", calendar=calendar)
    document = {
        "today": status.today.isoformat(),
        "today_from": status.today_from,
        "period": status.period.key,
        "kind": status.kind.value,
        "deadline_rule": {
            "kind": status.rule.kind.value,
            "n": status.rule.n,
            "label": {"vi": status.rule.label("vi"), "en": status.rule.label("en")},
        },
        "periods": [
            {
                "period": d.period.key,
                "label": {"vi": d.period.label("vi"), "en": d.period.label("en")},
                "due": d.due.isoformat(),
                "nominal": d.nominal.isoformat(),
                "moved": d.moved,
            }
            for d in status.deadlines
        ],
        "communes": [
            {"commune": row.group, "name": row.name, "code": row.code, **_counts(row)}
            for row in status.rates
        ],
        "totals": [_counts(row) for row in totals],
        "reports": [
            {
                "period": r.period.key,
                "team": r.team,
                "team_name": r.team_name,
                "commune": communes_of[r.period].get(r.team),
                "due": r.due.isoformat(),
                "status": r.status.value,
                "received": _iso(r.received),
                "files": r.files,
                "submissions": list(r.submissions),
            }
            for r in status.reports
        ],
    }
    return orjson.dumps(document, option=orjson.OPT_INDENT_2).decode("utf-8")
