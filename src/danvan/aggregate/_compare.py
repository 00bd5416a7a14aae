"""Comparisons: a summary beside the plan's targets and the same period a year earlier.

A report says how the results stand to the plan ("đạt 85% kế hoạch") and to
the same period last year ("tăng 12% so với cùng kỳ"). Both are read off two
summaries, not a second road through the activities: the summary of the
period, and the same `summarize` call for the period one year earlier
(`year_earlier`), each its own single pass. When the earlier period holds no
activity at all, the previous value is ``None`` and the words say there is no
data, never 0.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Final

import attrs

from danvan.aggregate._measures import GroupBy
from danvan.aggregate._summary import Summary, SummaryRow
from danvan.labels import Label
from danvan.model import Dataset, Level
from danvan.periods import Period

#: What a measure of every activity is called (indicators are named by the catalogue).
MEASURE_LABELS: Final[Mapping[str, Label]] = {
    "activities": Label("Số hoạt động", "Activities"),
    "participants": Label("Số người tham gia", "Participants"),
    "households": Label("Số hộ", "Households"),
    "money": Label("Tiền vận động (đồng)", "Money mobilised (đồng)"),
}


def year_earlier(period: Period) -> Period | None:
    """The same period one year earlier ("cùng kỳ"): "2022-Q1" gives "2021-Q1"; a custom
    period moves both its days (29 February to the 28th); ``None`` before the first year."""
    if period.start is not None and period.end is not None:
        try:
            return Period.between(_year_before(period.start), _year_before(period.end))
        except ValueError:
            return None
    if period.year is None:
        return None
    try:
        return attrs.evolve(period, year=period.year - 1)
    except ValueError:
        return None


def _year_before(day: dt.date) -> dt.date:
    if day.month == 2 and day.day == 29:
        day = day.replace(day=28)
    return day.replace(year=day.year - 1)


@attrs.frozen
class Comparison:
    """One measure of one summary row beside its target and its value a year earlier.

    ``previous`` is ``None`` when the earlier period has no data (no activity at
    all), ``target`` when no target of the row's unit (or of the units below it)
    lies in the period.
    """

    group: str
    name: str
    code: str | None
    keys: tuple[str, ...]
    measure: str
    value: int | float | None
    target: int | float | None
    previous: int | float | None

    @property
    def share(self) -> float | None:
        """The share of the target reached (0.85 for 85 %); ``None`` without a target."""
        if self.value is None or not self.target:
            return None
        return self.value / self.target

    @property
    def change(self) -> float | None:
        """The change on the year before as a ratio (0.12 for +12 %); ``None`` without a
        previous value or when it was 0."""
        if self.value is None or not self.previous:
            return None
        return (self.value - self.previous) / self.previous

    def words(self, lang: str = "vi") -> str:
        """ "đạt 85% kế hoạch; tăng 12% so với cùng kỳ" / "85% of the plan; up 12% on …"."""
        parts: list[str] = []
        share = self.share
        if share is not None:
            parts.append(_PLAN.get(lang).format(_percent(share, lang)))
        parts.append(self._against_last_year().get(lang))
        return "; ".join(parts)

    def _against_last_year(self) -> Label:
        previous, value = self.previous, self.value or 0
        if previous is None:
            return _NO_DATA
        if value == previous:
            return _SAME
        if not previous:
            return _NONE_BEFORE
        change = (value - previous) / previous
        words = _UP if change > 0 else _DOWN
        return Label(
            words.vi.format(_percent(abs(change), "vi")),
            words.en.format(_percent(abs(change), "en")),
        )


_PLAN: Final = Label("đạt {} kế hoạch", "{} of the plan")
_UP: Final = Label("tăng {} so với cùng kỳ", "up {} on the same period last year")
_DOWN: Final = Label("giảm {} so với cùng kỳ", "down {} on the same period last year")
_SAME: Final = Label("bằng cùng kỳ", "the same as the same period last year")
_NONE_BEFORE: Final = Label("cùng kỳ không có", "none in the same period last year")
_NO_DATA: Final = Label("chưa có số liệu cùng kỳ", "no data for the same period last year")


def _percent(ratio: float, lang: str) -> str:
    """A ratio in whole percent ("85%"); under one percent but not nothing, "dưới 1%"."""
    whole = round(ratio * 100)
    if whole == 0 and ratio:
        return "dưới 1%" if lang == "vi" else "less than 1%"
    return f"{whole}%"


def compare(
    dataset: Dataset,
    summary: Summary,
    previous: Summary | None,
    measures: Sequence[str] | None = None,
) -> tuple[Comparison, ...]:
    """Every row of ``summary``, per measure, beside its target and ``previous``'s row.

    ``previous`` is the same summary of `year_earlier` (same ``by``, ``per`` and
    units day), or ``None`` when there is no earlier period. ``measures`` are
    codes of `MEASURE_TARGETS` or of indicators; by default activities,
    participants and money, then households and each indicator that has a target
    in the period. A unit's target is the sum of its own targets whose days lie in
    the period; a unit without any is given the sum of its children's.
    """
    bounds = summary.calendar.bounds(summary.period)
    targets = _targets_in(dataset, bounds.start, bounds.end)
    if measures is None:
        measures = default_measures(dataset, summary)
    has_data = previous is not None and (
        previous.unplaced > 0 or any(row.activities for row in previous.rows)
    )
    plan = _Plan(dataset, targets)
    out: list[Comparison] = []
    for row in summary.rows:
        before = _row_of(previous, row) if has_data else None
        for measure in measures:
            value = measure_value(row, measure)
            out.append(
                Comparison(
                    group=row.group,
                    name=row.name,
                    code=row.code,
                    keys=row.keys,
                    measure=measure,
                    value=value,
                    target=plan.of_row(summary.by, row, measure),
                    previous=None if before is None else (measure_value(before, measure) or 0),
                )
            )
    return tuple(out)


def default_measures(dataset: Dataset, summary: Summary) -> tuple[str, ...]:
    """Activities, participants, money, then households and the indicators with a target."""
    bounds = summary.calendar.bounds(summary.period)
    planned = {code for unit, code in _targets_in(dataset, bounds.start, bounds.end)}
    chosen = ["activities", "participants", "money"]
    if "households" in planned:
        chosen.insert(2, "households")
    chosen += [i.code for i in summary.indicators if i.code in planned and i.code not in chosen]
    return tuple(dict.fromkeys(chosen))


def measure_value(row: SummaryRow, measure: str) -> int | float | None:
    """The value of ``measure`` (a code of `MEASURE_TARGETS` or an indicator's) in ``row``."""
    if measure == "activities":
        return row.activities
    if measure == "participants":
        return row.participants
    if measure == "households":
        return row.households
    if measure == "money":
        return row.money_total
    return row.indicators.get(measure)


def measure_label(summary: Summary, measure: str) -> Label:
    """What ``measure`` is called: a fixed measure's name or the indicator's label."""
    fixed = MEASURE_LABELS.get(measure)
    if fixed is not None:
        return fixed
    indicator = summary.catalog.indicator(measure)
    return Label(measure, measure) if indicator is None else indicator.label


def _row_of(previous: Summary | None, row: SummaryRow) -> SummaryRow | None:
    if previous is None:
        return None
    try:
        return previous.row(row.group, *row.keys)
    except KeyError:
        return None


def _targets_in(
    dataset: Dataset, first: dt.date, last: dt.date
) -> dict[tuple[str, str], int | float]:
    """The sum of the targets per (unit, indicator) whose every day lies in the period."""
    sums: defaultdict[tuple[str, str], int | float] = defaultdict(int)
    for target in dataset.targets:
        if target.within(first, last):
            sums[(target.unit, target.indicator)] += target.value
    return dict(sums)


@attrs.frozen
class _Plan:
    """A unit's target: its own, else the sum of its children's (a unit visited once)."""

    dataset: Dataset
    own: dict[tuple[str, str], int | float]

    def of_row(self, by: GroupBy, row: SummaryRow, measure: str) -> int | float | None:
        if isinstance(by, Level):
            return self.of_unit(row.group, measure, frozenset())
        if by == "all":
            roots = [u.id for u in self.dataset.units if self.dataset.unit(u.parent or "") is None]
            return _sum(self.of_unit(unit, measure, frozenset()) for unit in roots)
        return None  # a team has no target of its own

    def of_unit(self, unit: str, measure: str, seen: frozenset[str]) -> int | float | None:
        own = self.own.get((unit, measure))
        if own is not None:
            return own
        if unit in seen:  # a loop of parents is a finding of validation, not a hang here
            return None
        seen = seen | {unit}
        children = self.dataset.children(unit)
        return _sum(self.of_unit(child.id, measure, seen) for child in children)


def _sum(values: Iterable[int | float | None]) -> int | float | None:
    """The sum of the values that are not ``None``; ``None`` when all are."""
    present = [v for v in values if v is not None]
    return sum(present) if present else None
