"""Helpers for the rule tests: the sample with one record changed, and what a report found."""

from __future__ import annotations

from datetime import date
from typing import Any

import attrs

from danvan import validate
from danvan.findings import ValidationReport
from danvan.model import Dataset
from danvan.rules import Rule

AS_OF = date(2022, 12, 31)


def check(dataset: Dataset, *rules: Rule, as_of: date | None = AS_OF) -> ValidationReport:
    """Validate as of the end of 2022, with only ``rules`` when some are given."""
    return validate(dataset, as_of=as_of, rules=rules or None)


def changed(dataset: Dataset, kind: str, record_id: str, **changes: Any) -> Dataset:
    """``dataset`` with the record ``record_id`` of ``kind`` (e.g. "activities") changed."""
    records = getattr(dataset, kind)
    assert any(r.id == record_id for r in records), f"no {record_id} in {kind}"
    updated: dict[str, Any] = {
        kind: tuple(attrs.evolve(r, **changes) if r.id == record_id else r for r in records)
    }
    return attrs.evolve(dataset, **updated)


def added(dataset: Dataset, kind: str, *records: Any) -> Dataset:
    """``dataset`` with ``records`` appended to its ``kind`` list."""
    extended: dict[str, Any] = {kind: (*getattr(dataset, kind), *records)}
    return attrs.evolve(dataset, **extended)


def found(report: ValidationReport) -> set[tuple[str, str | None, str | None]]:
    """(code, record id, field) of every finding, for compact assertions."""
    return {(f.code, f.location.record_id, f.location.field) for f in report}
