"""Rules on the submissions of reports: who sent them exists, their days run forward.

A submission is checked with the codes its kind of mistake already has: a
reporter that is no team, unit, organisation or reporting body of the dataset is DV103 (a
team is what most often reports), a period that ends before it starts DV306,
and one that replaces a submission the dataset does not hold DV110.
Each finding is at the submission's row and the column of the field.
"""

from __future__ import annotations

from collections.abc import Iterator

from danvan.findings import Finding, Location, codes, make_finding
from danvan.layout import field_name
from danvan.model import Submission
from danvan.rules.base import ValidationContext, rule

KIND = "submission"


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
