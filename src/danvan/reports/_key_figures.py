"""The key figures of a report (các chỉ tiêu chính): one row per figure, with its unit."""

from __future__ import annotations

from danvan.aggregate import Summary, alive_between, make_table
from danvan.labels import Label
from danvan.model import Dataset, FundingSource, QuantityUnit
from danvan.tables import Column, ColumnType, Table


def _figure(code: str, vi: str, en: str, value: int | float | None, unit: str) -> _Figure:
    return code, Label(vi, en), value, unit


_Figure = tuple[str, Label, int | float | None, str]


def key_figures_table(dataset: Dataset, overall: Summary, lang: str) -> Table:
    """Key figures, one per row: what a year-end review quotes first."""
    total = overall.rows[0]
    bounds = overall.calendar.bounds(overall.period)
    teams = sum(1 for team in dataset.teams if alive_between(team, bounds.start, bounds.end))
    completeness = total.completeness
    figures: list[_Figure] = [
        _figure("teams", "Số Tổ Dân vận", "Teams", teams, "tổ"),
        _figure(
            "villages_with_team",
            "Số bản có Tổ Dân vận",
            "Villages with a team",
            total.villages_with_team,
            "bản",
        ),
        _figure(
            "villages_with_activity",
            "Số bản có hoạt động",
            "Villages with an activity",
            total.villages_with_activity,
            "bản",
        ),
        _figure("activities", "Số hoạt động", "Activities", total.activities, "hoạt động"),
        _figure(
            "participants", "Lượt người tham gia", "Participants", total.participants, "lượt người"
        ),
        _figure("households", "Lượt hộ tham gia", "Households", total.households, "lượt hộ"),
        _figure(
            "meetings_held",
            "Số tháng có họp định kỳ",
            "Months with the monthly meeting",
            total.meetings_held,
            "tháng",
        ),
        _figure(
            "meetings_expected",
            "Số cuộc họp định kỳ phải tổ chức",
            "Monthly meetings expected",
            total.meetings_expected,
            "tháng",
        ),
        _figure(
            "completeness",
            "Tỷ lệ họp định kỳ",
            "Completeness of monthly meetings",
            completeness,  # a ratio 0..1, as in every percent column (docs/excel-policy.md)
            "tỷ lệ (1 = 100%)",
        ),
        _figure(
            "active_members",
            "Số thành viên cuối kỳ",
            "Members at the end of the period",
            total.active_members,
            "người",
        ),
    ]
    packages = [i for i in overall.indicators if i.unit is QuantityUnit.PACKAGE]
    if packages:
        gifts = sum(total.indicators.get(i.code) or 0 for i in packages)
        figures.append(
            _figure("gift_packages", "Tổng số suất quà", "Gift packages, all kinds", gifts, "suất")
        )
    for indicator in overall.indicators:
        value = total.indicators.get(indicator.code)
        figures.append((indicator.code, indicator.label, value, indicator.unit.value))
    for source in FundingSource:
        label = source.label
        figures.append(
            _figure(
                f"money_{source.value}",
                f"Kinh phí: {label.vi}",
                f"Money: {label.en}",
                total.money.get(source, 0),
                "đồng",
            )
        )
    figures.append(
        _figure(
            "money_total",
            "Tổng kinh phí vận động",
            "Money mobilised, total",
            total.money_total,
            "đồng",
        )
    )
    columns = (
        Column("code", Label("Mã chỉ tiêu", "Figure code"), identifier=True),
        Column("figure", Label("Chỉ tiêu", "Figure")),
        Column("value", Label("Giá trị", "Value"), ColumnType.NUMBER, typed_by="kind"),
        Column("unit", Label("Đơn vị tính", "Unit")),
        Column("kind", Label("Kiểu số", "Kind of number"), identifier=True),
    )
    rows = [
        (code, label.get(lang), value, unit, _kind(code, value, unit).value)
        for code, label, value, unit in figures
    ]
    return make_table("summary", Label("Các chỉ tiêu chính", "Key figures"), columns, rows)


def _kind(code: str, value: int | float | None, unit: str) -> ColumnType:
    """How a figure reads: money in đồng, the ratio of meetings as a percentage, else a count."""
    if unit == "đồng":
        return ColumnType.MONEY
    if code == "completeness":
        return ColumnType.PERCENT
    return ColumnType.INTEGER if isinstance(value, int) else ColumnType.NUMBER
