"""Running rules: each rule looks at a dataset and yields findings; every finding is collected.

``validate`` runs the rules it is given over one ``ValidationContext`` (the
dataset plus indexes built once) and returns a ``ValidationReport`` sorted by
severity, then by place. Bad data never raises. A rule that raises is a bug in
that rule: it becomes a DV999 finding naming the rule, and the others still run.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import attrs

from danvan.findings import (
    MAX_FINDINGS_PER_CODE,
    Finding,
    ValidationReport,
    capped,
    codes,
    make_finding,
    record_pointer,
)
from danvan.model import Dataset
from danvan.periods import ReportingCalendar
from danvan.rules.base import Rule, ValidationContext


def run_rule(
    checker: Rule, context: ValidationContext, max_findings_per_code: int | None = None
) -> Iterator[Finding]:
    """The findings of one rule; an exception inside it becomes a DV999 finding after those
    it had already found. Past ``max_findings_per_code`` of one code in one file, a DV628
    counts the others (``capped``)."""
    found: list[Finding] = []
    try:
        if max_findings_per_code is None:
            found.extend(checker.check(context))
        else:
            found.extend(capped(checker.check(context), max_findings_per_code))
    except Exception as error:  # a bug in the rule must not hide the other rules' findings
        found.append(make_finding(codes.RULE_FAILED, rule=checker.name, error=repr(error)))
    return iter(found)


def validate(
    dataset: Dataset,
    *,
    rules: Iterable[Rule],
    as_of: dt.date | None = None,
    calendar: ReportingCalendar | None = None,
    max_findings_per_code: int | None = MAX_FINDINGS_PER_CODE,
) -> ValidationReport:
    """Every finding of every rule about ``dataset``, most severe first.

    ``as_of`` is the day the data is reported as of: nothing done after it,
    leaders and meetings needed up to it. ``rules`` are the rules to run
    (``danvan.validate`` runs every registered one by default). ``calendar``
    sets the reporting months for meetings.
    ``max_findings_per_code`` findings of one code of one rule are listed per
    file (the ``source`` of their place), then one DV628 counts the others;
    ``None`` lists all. Each rule's findings are cut as it ends, so that a
    file of a million duplicate rows cannot hold a million findings of every
    rule at once (a rule that yields them lets each go as it comes).
    A finding about a record that was not read from a sheet names its JSON
    pointer in the dataset's document (``_Pointers``).
    """
    context = ValidationContext(dataset, as_of=as_of, calendar=calendar)
    findings: list[Finding] = []
    for checker in rules:
        findings.extend(run_rule(checker, context, max_findings_per_code))
    return ValidationReport.of(_Pointers(dataset).fill(findings))


class _Pointers:
    """JSON pointers for the findings a rule located by record id alone.

    A record not read from a sheet is named by its place in the dataset's
    document. Rules that walk a list give the position themselves (which
    tells a duplicated id's records apart); a rule that found a record by id
    (a team's memberships, a unit in a cycle) names its first record of that
    id, the one the dataset's look-ups give. The positions are indexed only
    for the kinds some finding needs, so a clean dataset costs nothing.
    """

    def __init__(self, dataset: Dataset) -> None:
        self._dataset = dataset
        self._positions: dict[str, dict[str, int]] = {}

    def _keys(self, kind: str) -> list[Any]:
        dataset, catalog = self._dataset, self._dataset.catalog
        lists: dict[str, Sequence[Any]] = {
            "unit": dataset.units,
            "organization": dataset.organizations,
            "member": dataset.members,
            "team": dataset.teams,
            "membership": dataset.memberships,
            "activity": dataset.activities,
            "unit_figure": dataset.figures,
            "target": dataset.targets,
            "submission": dataset.submissions,
            "reporting_body": dataset.bodies,
        }
        if kind in lists:
            return [record.id for record in lists[kind]]
        entries: dict[str, Sequence[Any]] = {
            "activity_type": catalog.activity_types,
            "topic": catalog.topics,
            "indicator": catalog.indicators,
        }
        return [entry.code for entry in entries.get(kind, ())]

    def position(self, kind: str, record_id: str) -> int | None:
        positions = self._positions.get(kind)
        if positions is None:
            positions = self._positions[kind] = {}
            for index, key in enumerate(self._keys(kind)):
                positions.setdefault(key, index)
        return positions.get(record_id)

    def fill(self, findings: list[Finding]) -> Iterator[Finding]:
        for finding in findings:
            where = finding.location
            kind = where.record_kind
            if where.pointer is not None or where.row is not None or kind is None:
                yield finding
                continue
            index = where.record_index
            if index is None and where.record_id is not None:
                index = self.position(kind, where.record_id)
            pointer = None if index is None else record_pointer(kind, index, where.field)
            if pointer is None:
                yield finding
            else:
                yield attrs.evolve(finding, location=attrs.evolve(where, pointer=pointer))
