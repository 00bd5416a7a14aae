"""Units over time: the bundled Điện Biên registry, look-ups, successions, checks, remapping."""

from __future__ import annotations

import math
import unicodedata
from collections import Counter, defaultdict
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from danvan.bundled import bundled_registry
from danvan.loading import registry_from_raw
from danvan.model import AdminUnit, Dataset, Level, Succession
from danvan.registry import (
    UnitRegistry,
    check_reused_codes,
    check_succession_cycles,
    check_valid_after_successor,
    merge_registries,
    remap_village_parents,
)

BEFORE = date(2022, 1, 1)
LAST_DAY = date(2025, 6, 30)
REFORM = date(2025, 7, 1)


@pytest.fixture(scope="module")
def dien_bien() -> UnitRegistry:
    return bundled_registry()


# The bundled registry.


def test_a_reused_code_names_the_unit_that_held_it_that_day(dien_bien: UnitRegistry) -> None:
    assert dien_bien.by_code("03166", BEFORE).name == "Chà Cang"  # type: ignore[union-attr]
    assert dien_bien.by_code("03166", LAST_DAY).name == "Chà Cang"  # type: ignore[union-attr]
    assert dien_bien.by_code("03166", REFORM).name == "Mường Chà"  # type: ignore[union-attr]
    assert [u.id for u in dien_bien.with_code("03166")] == ["11-03166", "11-03166-2025"]
    assert dien_bien.by_code("99999", REFORM) is None


def test_dien_bien_has_129_communes_before_the_reform_and_45_after(
    dien_bien: UnitRegistry,
) -> None:
    assert len(dien_bien.units_at(Level.DISTRICT, BEFORE)) == 10
    assert len(dien_bien.units_at(Level.COMMUNE, BEFORE)) == 129
    assert len(dien_bien.units_at(Level.COMMUNE, REFORM)) == 45
    assert dien_bien.units_at(Level.DISTRICT, REFORM) == []
    kinds = Counter(dien_bien.kind(u.id) for u in dien_bien.units_at(Level.COMMUNE, REFORM))
    assert kinds == {"Xã": 42, "Phường": 3}


def test_nam_po_district_had_fifteen_communes(dien_bien: UnitRegistry) -> None:
    names = sorted(u.name for u in dien_bien.children("11-103", BEFORE))
    assert names == sorted(
        [
            "Chà Cang",
            "Chà Nưa",
            "Chà Tở",
            "Na Cô Sa",
            "Nà Bủng",
            "Nà Hỳ",
            "Nà Khoa",
            "Nậm Chua",
            "Nậm Khăn",
            "Nậm Nhừ",
            "Nậm Tin",
            "Pa Tần",
            "Phìn Hồ",
            "Si Pa Phìn",
            "Vàng Đán",
        ]
    )


def test_every_old_commune_goes_to_exactly_one_new_one(dien_bien: UnitRegistry) -> None:
    for commune in dien_bien.units_at(Level.COMMUNE, BEFORE):
        placed = dien_bien.successors(commune.id, REFORM)
        assert len(placed) == 1
        assert placed[0][1] == 1.0


def test_each_new_commune_keeps_the_code_of_one_of_its_predecessors(
    dien_bien: UnitRegistry,
) -> None:
    for succession in dien_bien.successions:
        successor = dien_bien.unit(succession.successor)
        assert successor is not None
        codes = {dien_bien.unit(p).code for p in succession.predecessors}  # type: ignore[union-attr]
        assert successor.code in codes
        assert succession.reference == "1661/NQ-UBTVQH15"


def test_the_bundled_registry_passes_its_own_checks(dien_bien: UnitRegistry) -> None:
    assert check_reused_codes(dien_bien.units) == []
    assert check_valid_after_successor(dien_bien.units, dien_bien.successions) == []
    assert check_succession_cycles(dien_bien.successions) == []


def test_full_names_say_the_kind(dien_bien: UnitRegistry) -> None:
    assert dien_bien.full_name("11-03172") == "Thị trấn Mường Chà"
    assert dien_bien.full_name("11-03166-2025") == "Xã Mường Chà"
    assert dien_bien.full_name("11-094") == "Thành phố Điện Biên Phủ"
    assert dien_bien.full_name("11-03127-2025") == "Phường Điện Biên Phủ"


def test_a_document_of_another_format_is_refused() -> None:
    with pytest.raises(ValueError, match=r"danvan\.units/1"):
        registry_from_raw({"format": "danvan.dataset/1"})


# Successions of the sample's communes.


@pytest.mark.parametrize(
    ("sample_id", "registry_id", "successor"),
    [
        ("xa-nam-tin", "11-03156", "11-03166-2025"),
        ("xa-cha-nua", "11-03187", "11-03166-2025"),
        ("xa-si-pa-phin", "11-03199", "11-03199-2025"),
        ("xa-phin-ho", "11-03198", "11-03199-2025"),
        ("xa-na-hy", "11-03169", "11-03169-2025"),
    ],
)
def test_the_sample_communes_link_to_the_registry_and_their_successors(
    nampo: Dataset, dien_bien: UnitRegistry, sample_id: str, registry_id: str, successor: str
) -> None:
    unit = nampo.unit(sample_id)
    assert unit is not None
    assert dien_bien.match(unit) == dien_bien.unit(registry_id)
    assert dien_bien.successors(registry_id, REFORM) == [(successor, 1.0)]
    assert dien_bien.successors(registry_id, BEFORE) == [(registry_id, 1.0)]


def test_a_successor_before_it_existed_has_no_place(dien_bien: UnitRegistry) -> None:
    assert dien_bien.successors("11-03166-2025", BEFORE) == []


def test_chains_are_followed_and_splits_use_their_shares() -> None:
    registry = UnitRegistry(
        units=(
            AdminUnit("a", "A", Level.COMMUNE, valid_until=date(2019, 12, 31)),
            AdminUnit("b", "B", Level.COMMUNE, valid_from=date(2020, 1, 1), valid_until=LAST_DAY),
            AdminUnit("c", "C", Level.COMMUNE, valid_from=REFORM),
            AdminUnit("d", "D", Level.COMMUNE, valid_from=REFORM),
        ),
        successions=(
            Succession(("a",), "b", date(2020, 1, 1)),
            Succession(("b",), "c", REFORM, share=0.25),
            Succession(("b",), "d", REFORM),
        ),
    )
    assert registry.successors("a", date(2021, 1, 1)) == [("b", 1.0)]
    assert sorted(registry.successors("a", REFORM)) == [("c", 0.25), ("d", 0.75)]


def test_a_succession_loop_is_walked_once() -> None:
    registry = UnitRegistry(
        units=(AdminUnit("a", "A", Level.COMMUNE, valid_until=BEFORE),),
        successions=(Succession(("a",), "b", REFORM), Succession(("b",), "a", REFORM)),
    )
    assert registry.successors("a", REFORM) == []


# Looking units up by name.


@pytest.mark.parametrize(
    "written",
    [
        "Nậm Tin",
        "xã Nậm Tin",
        "Xã Nậm Tin",
        "X. Nậm Tin",
        "x.Nậm Tin",
        "  XÃ   NẬM  TIN ",
        unicodedata.normalize("NFD", "Xã Nậm Tin"),
        "Nam Tin",
    ],
)
def test_a_name_is_found_however_it_is_written(dien_bien: UnitRegistry, written: str) -> None:
    assert dien_bien.lookup(written).unit == dien_bien.unit("11-03156")


@pytest.mark.parametrize(
    ("written", "unit_id"),
    [
        ("huyện Nậm Pồ", "11-103"),
        ("H. Nậm Pồ", "11-103"),
        ("thị trấn Mường Chà", "11-03172"),
        ("TT. Mường Chà", "11-03172"),
        ("Thành phố Điện Biên Phủ", "11-094"),
        ("phường Điện Biên Phủ", "11-03127-2025"),
        ("P. Mường Lay", "11-03151-2025"),
        ("Sá Tổng", "11-03178"),
        ("Xá Tổng", "11-03178"),
    ],
)
def test_a_prefix_says_which_kind_of_unit_is_meant(
    dien_bien: UnitRegistry, written: str, unit_id: str
) -> None:
    assert dien_bien.lookup(written).unit == dien_bien.unit(unit_id)


def test_tone_placement_does_not_matter_but_tones_do() -> None:
    registry = UnitRegistry(
        units=(
            AdminUnit("hoa-binh", "Hòa Bình", Level.COMMUNE),
            AdminUnit("thuy", "Thủy", Level.VILLAGE),
            AdminUnit("hoa-ba", "Hoá Ba", Level.COMMUNE),
        )
    )
    assert registry.lookup("Hoà Bình").unit == registry.unit("hoa-binh")
    assert registry.lookup("bản Thuỷ").unit == registry.unit("thuy")
    assert registry.lookup("thôn Thủy").unit == registry.unit("thuy")
    assert registry.lookup("Hòa Ba").unit == registry.unit("hoa-ba")  # only by the bare fallback
    assert registry.lookup("Hóa Bình").unit == registry.unit("hoa-binh")


def test_an_ambiguous_name_lists_its_candidates(dien_bien: UnitRegistry) -> None:
    result = dien_bien.lookup("Si Pa Phìn")
    assert result.unit is None
    assert result.ambiguous
    assert [u.id for u in result.candidates] == ["11-03199", "11-03199-2025"]
    assert dien_bien.lookup("Si Pa Phìn", at=BEFORE).unit == dien_bien.unit("11-03199")
    assert dien_bien.lookup("Si Pa Phìn", at=REFORM).unit == dien_bien.unit("11-03199-2025")


def test_level_date_and_parent_narrow_a_name(dien_bien: UnitRegistry) -> None:
    assert len(dien_bien.lookup("Mường Chà").candidates) == 3
    assert dien_bien.lookup("Mường Chà", level=Level.DISTRICT).unit == dien_bien.unit("11-097")
    assert dien_bien.lookup("Mường Chà", level=Level.COMMUNE, at=REFORM).unit == dien_bien.unit(
        "11-03166-2025"
    )
    assert dien_bien.lookup("Nà Hỳ", parent="11-103").unit == dien_bien.unit("11-03169")
    assert dien_bien.lookup("Nà Hỳ", parent="11").ambiguous


def test_an_unknown_name_finds_nothing(dien_bien: UnitRegistry) -> None:
    result = dien_bien.lookup("Hà Nội")
    assert result.unit is None
    assert result.candidates == ()
    assert not result.ambiguous


_SYLLABLES = ["Nậm", "Tin", "Hòa", "Thủy", "Chà", "Nưa", "Mường", "Phìn", "Hồ", "Khuyến", "Quý"]


@given(st.lists(st.sampled_from(_SYLLABLES), min_size=1, max_size=4))
def test_nfd_and_case_never_change_what_a_name_finds(words: list[str]) -> None:
    name = " ".join(words)
    registry = UnitRegistry(units=(AdminUnit("u", name, Level.COMMUNE),))
    for written in (unicodedata.normalize("NFD", name), name.upper(), f"xã  {name.lower()}"):
        assert registry.lookup(written).unit == registry.unit("u")


# The three checks, failing and passing.


def test_a_code_reused_while_its_old_holder_is_valid_is_a_problem() -> None:
    old = AdminUnit("old", "Chà Cang", Level.COMMUNE, code="03166", valid_until=REFORM)
    new = AdminUnit("new", "Mường Chà", Level.COMMUNE, code="03166", valid_from=REFORM)
    (problem,) = check_reused_codes([old, new])
    assert problem.code == "units.code-overlap"
    assert problem.units == ("old", "new")
    assert "03166" in problem.message.vi
    assert "03166" in problem.message.en
    fixed = AdminUnit("old", "Chà Cang", Level.COMMUNE, code="03166", valid_until=LAST_DAY)
    assert check_reused_codes([fixed, new]) == []


def test_a_unit_valid_after_its_successor_starts_is_a_problem() -> None:
    merge = Succession(("old",), "new", REFORM)
    open_ended = AdminUnit("old", "Chà Cang", Level.COMMUNE)
    (problem,) = check_valid_after_successor([open_ended], [merge])
    assert problem.code == "units.valid-after-successor"
    assert problem.units == ("old", "new")
    closed = AdminUnit("old", "Chà Cang", Level.COMMUNE, valid_until=LAST_DAY)
    assert check_valid_after_successor([closed], [merge]) == []
    part_leaves = Succession(("old",), "new", REFORM, share=0.3)
    assert check_valid_after_successor([open_ended], [part_leaves]) == []


def test_a_succession_loop_is_a_problem() -> None:
    loop = [
        Succession(("a",), "b", REFORM),
        Succession(("b", "x"), "c", REFORM),
        Succession(("c",), "a", REFORM),
        Succession(("s",), "s", REFORM),
    ]
    problems = check_succession_cycles(loop)
    assert [p.units for p in problems] == [("a", "b", "c"), ("s",)]
    assert all(p.code == "units.succession-cycle" for p in problems)
    assert "a → b → c → a" in problems[0].message.en
    assert check_succession_cycles(loop[:2]) == []


# Re-aggregation: villages onto the communes of another day.


def test_the_2022_sample_lands_on_todays_communes(nampo: Dataset, dien_bien: UnitRegistry) -> None:
    placed = remap_village_parents(nampo, REFORM, dien_bien)
    assert placed == {
        "ban-moc-4": (("11-03166-2025", 1.0),),
        "ban-na-su": (("11-03166-2025", 1.0),),
        "ban-van-ho": (("11-03199-2025", 1.0),),
        "ban-huoi-hoi": (("11-03169-2025", 1.0),),
        "ban-may-hoc": (("11-03199-2025", 1.0),),
    }
    per_commune: defaultdict[str, float] = defaultdict(float)
    for activity in nampo.activities:
        for commune, share in placed[activity.village]:
            per_commune[commune] += share
    assert sum(per_commune.values()) == len(nampo.activities)
    assert {dien_bien.full_name(c) for c in per_commune} == {
        "Xã Mường Chà",
        "Xã Si Pa Phìn",
        "Xã Nà Hỳ",
    }


def test_the_2022_sample_as_it_was(nampo: Dataset, dien_bien: UnitRegistry) -> None:
    placed = remap_village_parents(nampo, date(2022, 6, 1), dien_bien)
    assert placed["ban-moc-4"] == (("xa-nam-tin", 1.0),)


def test_without_a_registry_an_abolished_commune_cannot_be_placed(nampo: Dataset) -> None:
    assert remap_village_parents(nampo, REFORM)["ban-moc-4"] == ()


def test_a_village_record_overrides_its_communes_succession(dien_bien: UnitRegistry) -> None:
    commune = AdminUnit("xa-a", "Nậm Tin", Level.COMMUNE, code="03156", valid_until=LAST_DAY)
    moved_to = AdminUnit("xa-b", "Nà Hỳ", Level.COMMUNE, code="03169", valid_from=REFORM)
    village_old = AdminUnit("ban-1", "Bản 1", Level.VILLAGE, parent="xa-a", valid_until=LAST_DAY)
    village_new = AdminUnit("ban-1b", "Bản 1", Level.VILLAGE, parent="xa-b", valid_from=REFORM)
    stays = AdminUnit("ban-2", "Bản 2", Level.VILLAGE, parent="xa-a")
    dataset = Dataset(
        units=(commune, moved_to, village_old, village_new, stays),
        successions=(Succession(("ban-1",), "ban-1b", REFORM),),
    )
    placed = remap_village_parents(dataset, REFORM, dien_bien)
    assert placed["ban-1"] == (("xa-b", 1.0),)
    assert placed["ban-2"] == (("11-03166-2025", 1.0),)


@st.composite
def _reorganisations(draw: st.DrawFn) -> tuple[Dataset, dict[str, float]]:
    """Old communes merged or split into new ones, villages under old communes, a quantity each."""
    old = [f"old-{i}" for i in range(draw(st.integers(1, 6)))]
    new = [f"new-{i}" for i in range(draw(st.integers(1, 4)))]
    units = [AdminUnit(c, c, Level.COMMUNE, valid_until=LAST_DAY) for c in old]
    units += [AdminUnit(c, c, Level.COMMUNE, valid_from=REFORM) for c in new]
    successions = []
    for commune in old:
        targets = draw(st.lists(st.sampled_from(new), min_size=1, max_size=3, unique=True))
        given_shares = draw(st.booleans())
        weights = [draw(st.integers(1, 5)) for _ in targets]
        for target, weight in zip(targets, weights, strict=True):
            share = weight / sum(weights) if given_shares else None
            successions.append(Succession((commune,), target, REFORM, share=share))
    villages = {}
    for i in range(draw(st.integers(0, 12))):
        village = f"ban-{i}"
        units.append(AdminUnit(village, village, Level.VILLAGE, parent=draw(st.sampled_from(old))))
        villages[village] = float(draw(st.integers(0, 1000)))
    return Dataset(units=tuple(units), successions=tuple(successions)), villages


@given(_reorganisations())
def test_remapping_villages_preserves_totals(case: tuple[Dataset, dict[str, float]]) -> None:
    dataset, quantity = case
    placed = remap_village_parents(dataset, REFORM)
    assert set(placed) == set(quantity)
    per_commune: defaultdict[str, float] = defaultdict(float)
    for village, value in quantity.items():
        assert math.isclose(sum(share for _, share in placed[village]), 1.0)
        for commune, share in placed[village]:
            assert commune.startswith("new-")
            per_commune[commune] += value * share
    assert math.isclose(sum(per_commune.values()), sum(quantity.values()), abs_tol=1e-6)


# Several registries, as plugins would supply them.


def test_registries_merge_with_the_first_id_winning(dien_bien: UnitRegistry) -> None:
    extra = UnitRegistry(
        units=(
            AdminUnit("11", "Tỉnh khác", Level.PROVINCE, code="11"),
            AdminUnit("12", "Lai Châu", Level.PROVINCE, code="12"),
        ),
        kinds={"12": "Tỉnh"},
        aliases={"11-03178": ("Xá Tổng cũ",)},
    )
    merged = merge_registries([dien_bien, extra])
    assert merged.unit("11").name == "Điện Biên"  # type: ignore[union-attr]
    assert merged.unit("12") is not None
    assert merged.lookup("Xá Tổng cũ").unit == dien_bien.unit("11-03178")
    assert merged.lookup("Sá Tổng").unit == dien_bien.unit("11-03178")
    assert len(merged.successions) == len(dien_bien.successions)
