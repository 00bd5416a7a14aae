"""``danvan status``: who has not reported for a period, and who is late, commune by commune.

The files are read with a submission recorded for each (``record_submissions``),
so a folder of commune workbooks is a folder of reports received. The one place
danvan reads the clock is here: ``--today`` defaults to today's date in Vietnam,
and the output says which day it used and where it came from.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections.abc import Sequence

import click

import danvan
from danvan.cli._common import (
    CUTOFF_DAY,
    LIMITS,
    parse_date_option,
    parse_period_option,
    read_inputs,
)
from danvan.cli._console import UsageProblem, one_line
from danvan.cli._status_output import Status, status_json, status_lines
from danvan.model import Level
from danvan.periods import DeadlineRule, PeriodKind, WorkingCalendar, explain_deadline
from danvan.plugins import provided
from danvan.reporting import (
    DEFAULT_DEADLINE,
    ReportStatus,
    expected_reports,
    report_periods,
    reporting_rates,
)
from danvan.tables import VIETNAM_TZ

KINDS = {"month": PeriodKind.MONTH, "quarter": PeriodKind.QUARTER, "year": PeriodKind.YEAR}
_DEADLINE = re.compile(r"\A\s*(day|workdays)\s*[:=]\s*(\d{1,3})\s*\Z", re.IGNORECASE)


def parse_deadline(text: str) -> DeadlineRule:
    """``day:15`` (the 15th of the period's last month) or ``workdays:5`` (five working days
    after the period ends)."""
    match = _DEADLINE.match(text)
    if match is None:
        raise ValueError(
            f"{text!r}: cần day:N hoặc workdays:N / expected day:N (day N of the period's "
            "last month) or workdays:N (N working days after the period ends)"
        )
    kind, n = match.group(1).lower(), int(match.group(2))
    if kind == "day":
        return DeadlineRule.day_of_last_month(n)
    return DeadlineRule.working_days_after_end(n)


def _deadline_option(_ctx: click.Context, _param: click.Parameter, value: str | None) -> object:
    if value is None:
        return DEFAULT_DEADLINE
    try:
        return parse_deadline(value)
    except ValueError as error:
        raise click.BadParameter(one_line(error)) from None


def _days_off_option(
    ctx: click.Context, param: click.Parameter, values: Sequence[str]
) -> frozenset[dt.date]:
    return frozenset(day for v in values if (day := parse_date_option(ctx, param, v)) is not None)


def vietnam_today() -> dt.date:
    """Today's date in Vietnam (UTC+7): the clock, read by this command alone."""
    return dt.datetime.now(VIETNAM_TZ).date()


@click.command(name="status")
@click.argument("paths", nargs=-1, type=click.Path(dir_okay=True))
@click.option(
    "--period",
    required=True,
    callback=parse_period_option,
    help="Kỳ cần xem / the period to look at: 2022-03, 2022-Q1, 2022.",
)
@click.option(
    "--kind",
    type=click.Choice(list(KINDS)),
    default="month",
    show_default=True,
    help="Loại báo cáo phải nộp / the reports owed: one a month, a quarter or a year.",
)
@click.option(
    "--deadline",
    "rule",
    default=None,
    callback=_deadline_option,
    metavar="day:N|workdays:N",
    help="Hạn nộp / the deadline: day:15 (ngày 15 tháng cuối kỳ / the 15th of the period's "
    "last month) or workdays:5 (5 ngày làm việc sau kỳ / 5 working days after the period "
    "ends). Default: workdays:5.",
)
@click.option(
    "--day-off",
    "days_off",
    multiple=True,
    callback=_days_off_option,
    metavar="DATE",
    help="Ngày nghỉ thêm / an extra day off besides the public holidays (repeatable).",
)
@click.option(
    "--received",
    callback=parse_date_option,
    default=None,
    metavar="DATE",
    help="Ngày nhận mọi tệp / the day every file read was received (else the day each "
    "file's own sheet or metadata gives).",
)
@click.option(
    "--today",
    callback=parse_date_option,
    default=None,
    metavar="DATE",
    help="Ngày xét / the day that decides what is past due (default: today in Vietnam).",
)
@CUTOFF_DAY
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@click.option(
    "--fail-on",
    type=click.Choice(["missing"]),
    default=None,
    help="Thoát với mã 1 khi có báo cáo quá hạn chưa nộp / exit 1 when a report is missing "
    "past its deadline.",
)
@LIMITS
def status_command(
    paths: tuple[str, ...],
    period: danvan.Period,
    kind: str,
    rule: DeadlineRule,
    days_off: frozenset[dt.date],
    received: dt.date | None,
    today: dt.date | None,
    cutoff_day: int,
    fmt: str,
    fail_on: str | None,
    limits: danvan.ReadLimits,
) -> None:
    """Who has not reported for a period, and who is late, commune by commune."""
    today_from = "option" if today is not None else "clock"
    day = today if today is not None else vietnam_today()
    calendar = danvan.ReportingCalendar(cutoff_day)
    try:
        working = WorkingCalendar(extra_days_off=days_off)
    except ValueError as error:
        raise UsageProblem(one_line(error)) from None
    read = read_inputs(paths, limits, record_submissions=True, received=received)
    dataset = read.dataset
    try:
        reports = expected_reports(
            dataset,
            period,
            today=day,
            rule=rule,
            working=working,
            kind=KINDS[kind],
            calendar=calendar,
        )
    except ValueError as error:  # a quarter's reports asked of a month …
        raise UsageProblem(one_line(error)) from None
    registry = provided.unit_registry()
    rates = reporting_rates(
        dataset, reports, by=Level.COMMUNE, calendar=calendar, registry=registry
    )
    deadlines = tuple(
        explain_deadline(owed, rule, working, calendar)
        for owed in report_periods(period, KINDS[kind], calendar)
    )
    status = Status(dataset, period, KINDS[kind], rule, day, today_from, deadlines, reports, rates)
    if fmt == "json":
        click.echo(status_json(status, calendar, registry))
    else:
        for line in status_lines(status, calendar, registry):
            click.echo(line)
    errors = read.report.counts[danvan.Severity.ERROR]
    if errors:
        click.echo(
            f"Cảnh báo / warning: đọc tệp có {errors} lỗi / reading found {errors} errors "
            "(danvan validate lists them)",
            err=True,
        )
    missing = sum(r.status is ReportStatus.MISSING for r in reports)
    if fail_on == "missing" and missing:
        click.echo(
            f"Có {missing} báo cáo quá hạn chưa nộp / {missing} reports missing past their "
            "deadline (--fail-on missing): mã thoát / exit status 1",
            err=True,
        )
        sys.exit(1)
