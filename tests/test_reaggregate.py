"""Re-aggregation: past activities summed over the units of a later day, totals preserved."""

from __future__ import annotations

from datetime import date
from typing import Any

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from danvan import annual_report, summarize
from danvan.aggregate import Summary
from danvan.model import Activity, AdminUnit, Dataset, Level, Status, Succession
from danvan.registry import UnitRegistry
from danvan.tables import Table
from tests.strategies import consistent_datasets

LAST_DAY = date(2025, 6, 30)
REFORM = date(2025, 7, 1)


def _totals(summary: Summary) -> tuple[int | float, ...]:
    columns = zip(*(summary.additive(row) for row in summary.rows), strict=True)
    return tuple(sum(column) for column in columns)


def _sum_rows(summary: Summary, *groups: str) -> tuple[int | float, ...]:
    columns = zip(*(summary.additive(summary.row(g)) for g in groups), strict=True)
    return tuple(sum(column) for column in columns)


# The sample, under the 2022 communes and under those of 1 July 2025.


def test_the_2022_sample_reports_onto_the_2025_communes(nampo: Dataset) -> None:
    then = summarize(nampo, "2022", by=Level.COMMUNE)
    now = summarize(nampo, "2022", by=Level.COMMUNE, units_on=REFORM)
    assert [(r.group, r.name, r.code) for r in then.rows] == [
        ("xa-cha-nua", "Chà Nưa", "03187"),
        ("xa-na-hy", "Nà Hỳ", "03169"),
        ("xa-nam-tin", "Nậm Tin", "03156"),
        ("xa-phin-ho", "Phìn Hồ", "03198"),
        ("xa-si-pa-phin", "Si Pa Phìn", "03199"),
    ]
    assert [(r.group, r.name, r.code) for r in now.rows] == [
        ("11-03166-2025", "Mường Chà", "03166"),
        ("11-03169-2025", "Nà Hỳ", "03169"),
        ("11-03199-2025", "Si Pa Phìn", "03199"),
    ]
    assert _totals(now) == _totals(then)
    assert now.unplaced == then.unplaced == 0


def test_each_2025_commune_is_the_sum_of_its_predecessors(nampo: Dataset) -> None:
    then = summarize(nampo, "2022", by=Level.COMMUNE)
    now = summarize(nampo, "2022", by=Level.COMMUNE, units_on=REFORM)
    muong_cha = now.row("11-03166-2025")
    assert now.additive(muong_cha) == _sum_rows(then, "xa-nam-tin", "xa-cha-nua")
    assert muong_cha.indicators["street_lights"] == 20  # bản Mốc 4's lights, now in Mường Chà
    assert now.additive(now.row("11-03199-2025")) == _sum_rows(then, "xa-si-pa-phin", "xa-phin-ho")
    assert now.additive(now.row("11-03169-2025")) == _sum_rows(then, "xa-na-hy")


def test_a_reused_code_is_told_apart_by_its_validity(nampo: Dataset) -> None:
    # Add the old xã Chà Cang (code 03166 until 30/06/2025) with a village and one activity.
    cha_cang = AdminUnit(
        "xa-cha-cang", "Chà Cang", Level.COMMUNE, "huyen-nam-po", "03166", valid_until=LAST_DAY
    )
    village = AdminUnit("ban-cha-cang", "Chà Cang", Level.VILLAGE, "xa-cha-cang")
    done = next(a for a in nampo.activities if a.status is Status.DONE and a.date.year == 2022)
    visit = attrs.evolve(done, id="hd-cha-cang", village="ban-cha-cang")
    dataset = attrs.evolve(
        nampo,
        units=(*nampo.units, cha_cang, village),
        activities=(*nampo.activities, visit),
    )
    then = summarize(dataset, "2022", by=Level.COMMUNE)
    now = summarize(dataset, "2022", by=Level.COMMUNE, units_on=REFORM)
    assert (then.row("xa-cha-cang").name, then.row("xa-cha-cang").code) == ("Chà Cang", "03166")
    assert then.row("xa-cha-cang").activities == 1
    assert [r.group for r in now.rows if r.code == "03166"] == ["11-03166-2025"]
    assert now.row("11-03166-2025").name == "Mường Chà"
    assert (
        now.row("11-03166-2025").activities
        == _sum_rows(then, "xa-nam-tin", "xa-cha-nua", "xa-cha-cang")[0]
    )


def test_a_dataset_recording_its_own_merger_needs_no_registry(nampo: Dataset) -> None:
    ours = AdminUnit("xa-moi", "Xã Mới", Level.COMMUNE, "tinh-dien-bien", valid_from=REFORM)
    merger = Succession(("xa-nam-tin", "xa-phin-ho"), "xa-moi", REFORM)
    dataset = attrs.evolve(nampo, units=(*nampo.units, ours), successions=(merger,))
    now = summarize(dataset, "2022", by=Level.COMMUNE, units_on=REFORM, registry=UnitRegistry())
    then = summarize(dataset, "2022", by=Level.COMMUNE)
    assert now.additive(now.row("xa-moi")) == _sum_rows(then, "xa-nam-tin", "xa-phin-ho")
    # Without a registry, the communes the dataset does not succeed stay as they were.
    assert {r.group for r in now.rows} == {"xa-moi", "xa-cha-nua", "xa-na-hy", "xa-si-pa-phin"}
    assert _totals(now) == _totals(then)


def test_a_day_before_the_reform_keeps_the_2022_communes(nampo: Dataset) -> None:
    before = summarize(nampo, "2022", by=Level.COMMUNE, units_on=LAST_DAY)
    assert before.rows == summarize(nampo, "2022", by=Level.COMMUNE).rows


def test_the_province_is_the_same_under_both_hierarchies(nampo: Dataset) -> None:
    then = summarize(nampo, "2022", by=Level.PROVINCE)
    now = summarize(nampo, "2022", by=Level.PROVINCE, units_on=REFORM)
    assert now.rows == then.rows


def _records(table: Table) -> list[dict[str, Any]]:
    names = [column.name for column in table.columns]
    return [dict(zip(names, row, strict=True)) for row in table.iter_rows()]


def test_the_annual_report_comes_out_under_both_hierarchies_with_equal_totals(
    nampo: Dataset,
) -> None:
    then = annual_report(nampo, 2022).table("by_commune")
    now = annual_report(nampo, 2022, units_on=REFORM).table("by_commune")
    assert now.title.en == "By commune (units as of 2025-07-01)"
    assert now.title.vi == "Kết quả theo xã (địa giới ngày 01/07/2025)"
    assert [(r["code"], r["commune"]) for r in _records(now)] == [
        ("03166", "Mường Chà"),
        ("03169", "Nà Hỳ"),
        ("03199", "Si Pa Phìn"),
    ]
    additive = [
        c.name
        for c in then.columns
        if c.name not in ("code", "commune", "coverage", "completeness")
    ]
    max_or_last = {"households_in_hardship", "largest_gathering"}
    for name in additive:
        if name in max_or_last:
            continue
        old = sum(r[name] or 0 for r in _records(then))
        new = sum(r[name] or 0 for r in _records(now))
        assert new == old, name


# The property: any merger preserves the totals.


@st.composite
def _merged_provinces(draw: st.DrawFn) -> Dataset:
    """A consistent province whose communes end on 30/06/2025 and merge into new ones."""
    dataset = draw(consistent_datasets())
    old = [u for u in dataset.units if u.level is Level.COMMUNE]
    new = [
        AdminUnit(f"new-{i}", f"Xã mới {i}", Level.COMMUNE, "p", valid_from=REFORM)
        for i in range(draw(st.integers(1, max(1, len(old)))))
    ]
    successions = []
    for commune in old:
        targets = draw(st.lists(st.sampled_from(new), min_size=1, max_size=2, unique=True))
        shares = [None] * len(targets) if len(targets) == 1 else [0.7, 0.3]
        for target, share in zip(targets, shares, strict=True):
            successions.append(Succession((commune.id,), target.id, REFORM, share=share))
    units = tuple(
        attrs.evolve(u, valid_until=LAST_DAY) if u.level is Level.COMMUNE else u
        for u in dataset.units
    )
    return attrs.evolve(dataset, units=(*units, *new), successions=tuple(successions))


@settings(deadline=None, max_examples=40)
@given(_merged_provinces(), st.sampled_from([(), ("month",), ("type",)]))
def test_re_aggregation_preserves_every_total(dataset: Dataset, per: tuple[str, ...]) -> None:
    then = summarize(dataset, "2022", by=Level.COMMUNE, per=per)  # type: ignore[arg-type]
    now = summarize(
        dataset,
        "2022",
        by=Level.COMMUNE,
        per=per,  # type: ignore[arg-type]
        units_on=REFORM,
        registry=UnitRegistry(),
    )
    assert all(row.group.startswith("new-") for row in now.rows)
    assert _totals(now) == _totals(then)
    assert now.unplaced == then.unplaced


def test_an_activity_in_a_unit_outside_the_registry_is_not_lost() -> None:
    commune = AdminUnit("xa", "Xã", Level.COMMUNE, valid_until=LAST_DAY)
    village = AdminUnit("ban", "Bản", Level.VILLAGE, "xa")
    done = Activity("hd", "to", "ban", date(2022, 5, 1), "meeting")
    dataset = Dataset(units=(commune, village), activities=(done,))
    now = summarize(dataset, "2022", by=Level.COMMUNE, units_on=REFORM)
    assert [(r.group, r.activities) for r in now.rows] == [("xa", 1)]
