"""Rules on the submissions of reports: who sent them exists, their days run forward and are
told, a team reports only on days it existed, and one report is not sent twice.

A submission is checked with the codes its kind of mistake already has: a
reporter that is no team, unit, organisation or reporting body of the dataset is DV103 (a
team is what most often reports), a period that ends before it starts DV306,
and one that replaces a submission the dataset does not hold DV110.
A period that cannot be told is DV111, a team's report for days the team did
not exist DV311, two different files for one reporter and period DV112 and
the same file twice DV113. Each finding is at the submission's row and the
column of the field, or, for a submission recorded from a file read, at that file.
The bodies of the reporting line are checked alike: a unit that is not there
DV102, a body reported to that is not there DV105, a validity that ends before
it starts DV306.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from danvan.findings import Finding, Location, codes, make_finding
from danvan.layout import field_name
from danvan.model import ReportingBody, Submission
from danvan.rules.base import ValidationContext, rule

KIND = "submission"
BODY = "reporting_body"


def _at(submission: Submission, index: int, field: str) -> Location:
    return Location.of(KIND, submission.id, submission.provenance, field=field, index=index)


@rule("submissions", codes.UNKNOWN_TEAM, codes.DATES_REVERSED, codes.UNKNOWN_SUBMISSION)
def submissions(context: ValidationContext) -> Iterator[Finding]:
    """A submission's reporter is a team, a unit or an organisation of the dataset, its period
    ends after it starts, and the submission it replaces is in the dataset."""
    dataset = context.dataset
    ids = {sub.id for sub in dataset.submissions}
    for index, sub in enumerate(dataset.submissions):
        who = sub.reporter
        known = who is None or any(
            found is not None
            for found in (
                dataset.team(who),
                dataset.unit(who),
                dataset.organization(who),
                dataset.body(who),
            )
        )
        if not known:
            yield make_finding(
                codes.UNKNOWN_TEAM,
                _at(sub, index, "reporter"),
                field=field_name(KIND, "reporter"),
                target=sub.reporter,
            )
        if sub.start is not None and sub.end is not None and sub.end < sub.start:
            yield make_finding(
                codes.DATES_REVERSED,
                _at(sub, index, "end"),
                field=field_name(KIND, "end"),
                start=sub.start,
                end=sub.end,
            )
        if sub.replaces is not None and sub.replaces not in ids:
            yield make_finding(
                codes.UNKNOWN_SUBMISSION, _at(sub, index, "replaces"), target=sub.replaces
            )


def _body_at(body: ReportingBody, index: int, field: str) -> Location:
    return Location.of(BODY, body.id, body.provenance, field=field, index=index)


def _label(sub: Submission) -> str:
    """How a message names a submission: its file, else its id."""
    return sub.file or sub.id


@rule("submission-periods", codes.SUBMISSION_PERIOD_UNKNOWN, codes.SUBMISSION_OUTSIDE_TEAM)
def submission_periods(context: ValidationContext) -> Iterator[Finding]:
    """A submission says which days it reports on, and a team reports only on days it existed."""
    dataset = context.dataset
    for index, sub in enumerate(dataset.submissions):
        if sub.start is None or sub.end is None:
            field = "start" if sub.start is None else "end"
            yield make_finding(
                codes.SUBMISSION_PERIOD_UNKNOWN, _at(sub, index, field), file=_label(sub)
            )
            continue
        team = dataset.team(sub.reporter) if sub.reporter is not None else None
        if team is None:
            continue
        before = team.established is not None and sub.end < team.established
        after = team.dissolved is not None and sub.start > team.dissolved
        if before or after:
            yield make_finding(
                codes.SUBMISSION_OUTSIDE_TEAM,
                _at(sub, index, "end" if before else "start"),
                file=_label(sub),
                team=team.id,
                start=sub.start,
                end=sub.end,
                team_start=team.established,
                team_end=team.dissolved,
            )


def _same_file(first: Submission, other: Submission) -> bool:
    """Whether two submissions are one file sent twice: by hash when both have one, else by name."""
    if first.sha256 and other.sha256:
        return first.sha256 == other.sha256
    return bool(first.file) and first.file == other.file


@rule("submission-duplicates", codes.SUBMISSION_CONFLICT, codes.SUBMISSION_DUPLICATE)
def submission_duplicates(context: ValidationContext) -> Iterator[Finding]:
    """Two submissions of one reporter for the same days: the same file twice, or two different
    files of which neither replaces the other (a submission replaced by another is left out)."""
    subs = context.dataset.submissions
    replaced = {sub.replaces for sub in subs if sub.replaces is not None}
    first_of: dict[tuple[str, object, object], Submission] = {}
    for index, sub in enumerate(subs):
        if sub.reporter is None or sub.start is None or sub.end is None or sub.id in replaced:
            continue
        key = (sub.reporter, sub.start, sub.end)
        first = first_of.setdefault(key, sub)
        if first is sub:
            continue
        code = codes.SUBMISSION_DUPLICATE if _same_file(first, sub) else codes.SUBMISSION_CONFLICT
        yield make_finding(
            code,
            _at(sub, index, "sha256" if sub.sha256 else "file"),
            reporter=sub.reporter,
            start=sub.start,
            end=sub.end,
            file=_label(sub),
            other_file=_label(first),
        )


@rule("reporting-line", codes.UNKNOWN_UNIT, codes.UNKNOWN_ORGANIZATION, codes.DATES_REVERSED)
def reporting_line(context: ValidationContext) -> Iterator[Finding]:
    """A body of the reporting line belongs to a unit of the dataset, reports to a body of it,
    and its validity ends after it starts."""
    dataset = context.dataset
    for index, body in enumerate(dataset.bodies):
        at = partial(_body_at, body, index)
        if body.unit is not None and dataset.unit(body.unit) is None:
            yield make_finding(
                codes.UNKNOWN_UNIT, at("unit"), field=field_name(BODY, "unit"), target=body.unit
            )
        if body.reports_to is not None and dataset.body(body.reports_to) is None:
            yield make_finding(
                codes.UNKNOWN_ORGANIZATION,
                at("reports_to"),
                field=field_name(BODY, "reports_to"),
                target=body.reports_to,
            )
        if (
            body.valid_from is not None
            and body.valid_until is not None
            and body.valid_until < body.valid_from
        ):
            yield make_finding(
                codes.DATES_REVERSED,
                at("valid_until"),
                field=field_name(BODY, "valid_until"),
                start=body.valid_from,
                end=body.valid_until,
            )
