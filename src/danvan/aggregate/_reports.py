"""Expected reports and their counts: what each team owes, whether it came, how many did.

The floor of the reporting measure of `summarize` (``Measure.REPORTING``) and of
`danvan.reporting`, which re-exports these names: both count reports with
`count_reports`, the one tally of expected, received, on time, late, missing and
duplicates.

Every team active in a period (alive on at least one of its days, from its
establishment to its dissolution, as the meetings' completeness counts it) owes
one report per period of its kind: monthly by default. A report is received when
a submission reports it: its reporter is the team, its village or the commune
the village lies in (a commune's workbook reports for the commune's teams), and
its days meet the period's days (a file's days are those of its activities, so a
March workbook seldom spans every day of March). A submission that another
replaces is superseded: it still says when the report first came, but it is not
counted again.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Hashable, Iterable, Sequence
from typing import Final, TypeVar

import attrs

from danvan.aggregate._grouping import alive_between
from danvan.labels import Label
from danvan.model import Dataset, Level, Submission, Team
from danvan.periods import (
    DateRange,
    Deadline,
    DeadlineRule,
    Period,
    PeriodKind,
    ReportingCalendar,
    WorkingCalendar,
    explain_deadline,
)

#: The deadline when none is asked for: five working days after the period's last day.
#: An assumption of this library, not a rule any text sets: each reporting regime names
#: its own (see docs/periods.md, "Deadlines in working days").
DEFAULT_DEADLINE = DeadlineRule.working_days_after_end(5)


class ReportStatus(enum.Enum):
    """Where one expected report stands on a given day."""

    ON_TIME = "on_time"
    LATE = "late"
    #: Received, but nothing says on which day (no option, sheet or file metadata).
    UNDATED = "undated"
    #: Not received, and the deadline has passed.
    MISSING = "missing"
    #: Not received, and the deadline has not passed yet.
    NOT_YET_DUE = "not_yet_due"

    @property
    def label(self) -> Label:
        return _STATUS_LABELS[self]

    @property
    def received(self) -> bool:
        """Whether the report came (on time, late, or on a day nobody wrote)."""
        return self in (ReportStatus.ON_TIME, ReportStatus.LATE, ReportStatus.UNDATED)


_STATUS_LABELS = {
    ReportStatus.ON_TIME: Label("Đúng hạn", "On time"),
    ReportStatus.LATE: Label("Nộp muộn", "Late"),
    ReportStatus.UNDATED: Label("Đã nộp, không rõ ngày", "Received, day not known"),
    ReportStatus.MISSING: Label("Chưa nộp, quá hạn", "Missing, past the deadline"),
    ReportStatus.NOT_YET_DUE: Label("Chưa đến hạn", "Not yet due"),
}


@attrs.frozen
class ExpectedReport:
    """One report a team owes for one period, and what came of it by ``today``.

    ``received`` is the first day a submission of it came in (None: none came, or
    none says its day); ``submissions`` the ids of the submissions that report it
    and are not replaced by another; ``files`` how many there are (two or more: a
    duplicate, the same report sent twice without saying it replaces the first).
    """

    team: str
    team_name: str
    period: Period
    deadline: Deadline
    status: ReportStatus
    received: dt.date | None = None
    submissions: tuple[str, ...] = ()

    @property
    def due(self) -> dt.date:
        """The day the report is due (a working day)."""
        return self.deadline.due

    @property
    def files(self) -> int:
        return len(self.submissions)

    @property
    def duplicate(self) -> bool:
        return self.files >= 2

    @property
    def days_late(self) -> int | None:
        """Calendar days between the deadline and the day received, when late."""
        if self.status is not ReportStatus.LATE or self.received is None:
            return None
        return (self.received - self.due).days


def report_periods(
    period: Period, kind: PeriodKind = PeriodKind.MONTH, calendar: ReportingCalendar | None = None
) -> list[Period]:
    """The periods of ``kind`` a report is owed for within ``period`` (``period`` itself when
    it is of that kind)."""
    if period.kind is kind:
        return [period]
    return (calendar or ReportingCalendar()).sub_periods(period, kind)


def submission_days(submission: Submission) -> DateRange | None:
    """The days a submission reports: from its start to its end (one of them when the other is
    not told), None when neither is."""
    start = submission.start or submission.end
    end = submission.end or submission.start
    if start is None or end is None or end < start:
        return None
    return DateRange(start, end)


def superseded(submissions: Iterable[Submission]) -> frozenset[str]:
    """The ids of the submissions another one replaces."""
    return frozenset(s.replaces for s in submissions if s.replaces is not None)


def reporters_of(dataset: Dataset, team: Team, days: DateRange) -> frozenset[str]:
    """Who may report for ``team`` over ``days``: the team, each village it serves then, and
    the commune of each. Not a district or a province: their own reports sum the communes',
    they are not the teams' reports."""
    found = {team.id}
    for assignment in team.villages:
        if (assignment.valid_from is None or assignment.valid_from <= days.end) and (
            assignment.valid_until is None or days.start <= assignment.valid_until
        ):
            found.add(assignment.village)
            commune = dataset.ancestor_at(assignment.village, Level.COMMUNE)
            if commune is not None:
                found.add(commune.id)
    return frozenset(found)


def _status(
    received: dt.date | None, submitted: bool, due: dt.date, today: dt.date
) -> ReportStatus:
    if submitted:
        if received is None:
            return ReportStatus.UNDATED
        return ReportStatus.ON_TIME if received <= due else ReportStatus.LATE
    return ReportStatus.MISSING if today > due else ReportStatus.NOT_YET_DUE


def expected_reports(
    dataset: Dataset,
    period: Period,
    *,
    today: dt.date,
    rule: DeadlineRule = DEFAULT_DEADLINE,
    working: WorkingCalendar | None = None,
    kind: PeriodKind = PeriodKind.MONTH,
    calendar: ReportingCalendar | None = None,
    submissions: Sequence[Submission] | None = None,
) -> tuple[ExpectedReport, ...]:
    """Every report owed within ``period`` (one per active team and period of ``kind``), with
    its deadline under ``rule`` and its status on ``today``.

    ``today`` is an argument, never the clock: it says which reports are past their
    deadline. ``working`` gives the days off (Vietnam's public holidays by default);
    ``calendar`` the days of each period (calendar months by default). ``submissions``
    defaults to the dataset's. In period order, then the dataset's order of teams.
    """
    calendar = calendar or ReportingCalendar()
    working = working or WorkingCalendar()
    sent = tuple(dataset.submissions if submissions is None else submissions)
    replaced = superseded(sent)
    # Each reporter's submissions with their days, in the given order: a team looks up its
    # own and its units', not every submission.
    by_reporter: dict[str, list[tuple[int, Submission, DateRange]]] = {}
    for index, submission in enumerate(sent):
        span = submission_days(submission)
        if submission.reporter is not None and span is not None:
            by_reporter.setdefault(submission.reporter, []).append((index, submission, span))
    # A team read from several files (the district's list and its commune's workbook) owes
    # one report: the first record of each id counts (two differing ones are a finding).
    first: dict[str, Team] = {}
    for team in dataset.teams:
        first.setdefault(team.id, team)
    teams = list(first.values())
    found: list[ExpectedReport] = []
    for owed in report_periods(period, kind, calendar):
        days = calendar.bounds(owed)
        deadline = explain_deadline(owed, rule, working, calendar)
        for team in teams:
            if not alive_between(team, days.start, days.end):
                continue
            matching = [
                s
                for _, s, _ in sorted(  # in the order given, whoever sent them
                    (
                        entry
                        for who in reporters_of(dataset, team, days)
                        for entry in by_reporter.get(who, ())
                        if entry[2].overlaps(days)
                    ),
                    key=lambda entry: entry[0],
                )
            ]
            current = tuple(s.id for s in matching if s.id not in replaced)
            received = min((s.received for s in matching if s.received is not None), default=None)
            status = _status(received, bool(matching), deadline.due, today)
            found.append(
                ExpectedReport(team.id, team.name, owed, deadline, status, received, current)
            )
    return tuple(found)


_ONE_DAY = dt.timedelta(days=1)


@attrs.frozen
class ReportingSettings:
    """How the reports owed are counted: of which ``kind``, due by which ``rule``, with
    which days off (``working``), seen on which day (``today``).

    ``today`` None: the day after the period's last deadline, so that every report owed
    is either in or missing (a year-end report, written once the year's reports are due).
    """

    today: dt.date | None = None
    rule: DeadlineRule = DEFAULT_DEADLINE
    working: WorkingCalendar | None = None
    kind: PeriodKind = PeriodKind.MONTH

    def day(self, period: Period, calendar: ReportingCalendar) -> dt.date:
        """The day the reports are seen on: ``today``, else the day after the last deadline."""
        if self.today is not None:
            return self.today
        working = self.working or WorkingCalendar()
        owed = report_periods(period, self.kind, calendar)
        return max(explain_deadline(p, self.rule, working, calendar).due for p in owed) + _ONE_DAY

    def reports(
        self, dataset: Dataset, period: Period, calendar: ReportingCalendar
    ) -> tuple[ExpectedReport, ...]:
        """The reports owed within ``period`` and where they stand on `day`."""
        return expected_reports(
            dataset,
            period,
            today=self.day(period, calendar),
            rule=self.rule,
            working=self.working,
            kind=self.kind,
            calendar=calendar,
        )


#: What `count_reports` counts, in its order: every one adds up along the hierarchy.
REPORT_COUNTS: Final = (
    "expected",
    "received",
    "on_time",
    "late",
    "undated",
    "missing",
    "not_yet_due",
    "duplicates",
)
_STATUS_SLOT: Final = {
    ReportStatus.ON_TIME: 2,
    ReportStatus.LATE: 3,
    ReportStatus.UNDATED: 4,
    ReportStatus.MISSING: 5,
    ReportStatus.NOT_YET_DUE: 6,
}
_Key = TypeVar("_Key", bound=Hashable)


def count_reports(placed: Iterable[tuple[_Key | None, ExpectedReport]]) -> dict[_Key, list[int]]:
    """The counts (`REPORT_COUNTS`) of the reports under each key (None: counted nowhere).

    The one tally of reports: the summary's measure keys them by group and time bucket,
    `danvan.reporting.reporting_rates` by group within each period. The rates are derived
    from these counts (received / expected, on time / expected), never averaged.
    """
    counts: dict[_Key, list[int]] = {}
    for key, report in placed:
        if key is None:
            continue
        tally = counts.get(key)
        if tally is None:
            tally = counts[key] = [0] * len(REPORT_COUNTS)
        status = report.status
        tally[0] += 1
        tally[1] += status.received
        tally[_STATUS_SLOT[status]] += 1
        tally[7] += report.duplicate
    return counts
