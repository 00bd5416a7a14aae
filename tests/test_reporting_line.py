"""The reporting line: which body receives a team's or a commune's report on a given day."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import attrs
import pytest

from danvan import (
    bundled_registry,
    bundled_reporting_line,
    dataset_bundle,
    dataset_from_json,
    dataset_to_json,
    export,
    read_dataset,
    validate,
)
from danvan.model import (
    AdminUnit,
    Assignment,
    BodyKind,
    Dataset,
    Level,
    ReportingBody,
    Team,
    receiver,
    reporting_chain,
    team_receiver,
)

BEFORE = date(2022, 3, 15)
AFTER = date(2025, 8, 15)
UNITS = (
    AdminUnit("tinh", "Điện Biên", Level.PROVINCE, code="11"),
    AdminUnit("huyen", "Nậm Pồ", Level.DISTRICT, "tinh", valid_until=date(2025, 6, 30)),
    AdminUnit("xa-cu", "Nậm Tin", Level.COMMUNE, "huyen", valid_until=date(2025, 6, 30)),
    AdminUnit("xa-moi", "Mường Chà", Level.COMMUNE, "tinh", valid_from=date(2025, 7, 1)),
    AdminUnit("ban-cu", "Mốc 4", Level.VILLAGE, "xa-cu", valid_until=date(2025, 6, 30)),
    AdminUnit("ban-moi", "Mốc 4", Level.VILLAGE, "xa-moi", valid_from=date(2025, 7, 1)),
)
BODIES = (
    ReportingBody(
        "bdv-huyen",
        "Ban Dân vận Huyện ủy Nậm Pồ",
        BodyKind.DISTRICT_MASS_MOBILISATION_BOARD,
        unit="huyen",
        valid_until=date(2025, 6, 30),
    ),
    ReportingBody(
        "btgdv-tinh",
        "Ban Tuyên giáo và Dân vận Tỉnh ủy Điện Biên",
        BodyKind.PROVINCE_PROPAGANDA_MASS_MOBILISATION_BOARD,
        unit="tinh",
    ),
    ReportingBody(
        "du-xa-cu",
        "Đảng ủy xã Nậm Tin",
        BodyKind.COMMUNE_PARTY_COMMITTEE,
        unit="xa-cu",
        reports_to="bdv-huyen",
        valid_until=date(2025, 6, 30),
    ),
    ReportingBody(
        "du-xa-moi",
        "Đảng ủy xã Mường Chà",
        BodyKind.COMMUNE_PARTY_COMMITTEE,
        unit="xa-moi",
        reports_to="btgdv-tinh",
        valid_from=date(2025, 7, 1),
    ),
)
UNIT_OF = {u.id: u for u in UNITS}.get
TEAM = Team(
    "to-moc4",
    "Tổ Dân vận bản Mốc 4",
    villages=(
        Assignment("ban-cu", date(2021, 12, 15), date(2025, 6, 30)),
        Assignment("ban-moi", date(2025, 7, 1)),
    ),
    established=date(2021, 12, 15),
)


def test_a_team_reports_to_its_communes_party_committee_before_and_after_the_reform() -> None:
    assert team_receiver(BODIES, TEAM, BEFORE, UNIT_OF) == BODIES[2]
    assert team_receiver(BODIES, TEAM, AFTER, UNIT_OF) == BODIES[3]


def test_a_commune_reports_to_the_district_board_then_to_the_province_board() -> None:
    before = receiver(BODIES, "xa-cu", BEFORE, UNIT_OF)
    after = receiver(BODIES, "xa-moi", AFTER, UNIT_OF)
    assert before is not None
    assert before.name == "Ban Dân vận Huyện ủy Nậm Pồ"
    assert after is not None
    assert after.name == "Ban Tuyên giáo và Dân vận Tỉnh ủy Điện Biên"


def test_a_body_reports_to_the_body_it_names_and_the_top_to_none() -> None:
    assert receiver(BODIES, "du-xa-cu", BEFORE, UNIT_OF) == BODIES[0]
    assert receiver(BODIES, "btgdv-tinh", AFTER, UNIT_OF) is None


def test_the_whole_chain_of_a_village_on_each_side_of_1_july_2025() -> None:
    names = [b.id for b in reporting_chain(BODIES, "ban-cu", BEFORE, UNIT_OF)]
    assert names == ["du-xa-cu", "bdv-huyen"]
    names = [b.id for b in reporting_chain(BODIES, "ban-moi", AFTER, UNIT_OF)]
    assert names == ["du-xa-moi", "btgdv-tinh"]


def test_a_body_out_of_its_validity_receives_nothing() -> None:
    # On 1 July 2025 the old village, its commune's committee and the district board are gone.
    assert receiver(BODIES, "ban-cu", date(2025, 7, 1), UNIT_OF) is None


def test_a_team_not_yet_founded_or_with_its_own_entry() -> None:
    assert team_receiver(BODIES, TEAM, date(2021, 12, 1), UNIT_OF) is None
    own = ReportingBody("to-moc4", "Tổ Dân vận bản Mốc 4", BodyKind.TEAM, reports_to="bdv-huyen")
    assert team_receiver((*BODIES, own), TEAM, BEFORE, UNIT_OF) == BODIES[0]


def test_a_loop_in_the_line_ends_the_chain() -> None:
    loop = (
        ReportingBody("a", "A", reports_to="b"),
        ReportingBody("b", "B", reports_to="a"),
    )
    assert [b.id for b in reporting_chain(loop, "a", BEFORE, UNIT_OF)] == ["b", "a"]


def test_the_reporting_line_goes_through_json() -> None:
    dataset = Dataset(units=UNITS, bodies=BODIES)
    again = dataset_from_json(dataset_to_json(dataset))
    assert again.bodies == BODIES
    assert again.body("du-xa-moi") == BODIES[3]


@pytest.mark.parametrize(
    ("commune", "day", "expected"),
    [
        ("11-03156", BEFORE, "Ban Dân vận Huyện ủy Nậm Pồ"),
        ("11-03166-2025", AFTER, "Ban Tuyên giáo và Dân vận Tỉnh ủy Điện Biên"),
        ("11-03127", BEFORE, "Ban Dân vận Thành ủy Điện Biên Phủ"),
    ],
)
def test_the_bundled_dien_bien_line(commune: str, day: date, expected: str) -> None:
    found = receiver(bundled_reporting_line(), commune, day, bundled_registry().unit)
    assert found is not None
    assert found.name == expected


def test_every_bundled_body_names_its_source_and_what_is_not_verified() -> None:
    line = bundled_reporting_line()
    assert all(body.source for body in line[1:])
    board = next(b for b in line if b.kind is BodyKind.PROVINCE_PROPAGANDA_MASS_MOBILISATION_BOARD)
    assert "chưa xác minh / not verified" in board.source
    ids = {b.id for b in line}
    assert all(b.reports_to in ids for b in line if b.reports_to is not None)
    registry = bundled_registry()
    assert all(b.unit is not None and registry.unit(b.unit) is not None for b in line)
    district = next(b for b in line if b.unit == "11-103")
    assert district.valid_until == date(2025, 6, 30)
    assert "1661/NQ-UBTVQH15" in district.source


def test_a_line_that_names_what_is_not_there_is_a_finding_at_its_field() -> None:
    stray = ReportingBody(
        "du-xa-la",
        "Đảng ủy xã lạ",
        BodyKind.COMMUNE_PARTY_COMMITTEE,
        unit="xa-khong-co",
        reports_to="ban-khong-co",
        valid_from=date(2025, 7, 1),
        valid_until=date(2025, 6, 30),
    )
    report = validate(Dataset(units=UNITS, bodies=(*BODIES, stray)))
    found = {(f.code, f.location.field) for f in report if f.location.record_id == "du-xa-la"}
    assert found == {("DV102", "unit"), ("DV105", "reports_to"), ("DV306", "valid_until")}
    assert all(f.location.record_id == "du-xa-la" for f in report)


def test_the_bundled_line_holds_together_with_the_bundled_units() -> None:
    registry = bundled_registry()
    dataset = Dataset(units=tuple(registry.units), bodies=bundled_reporting_line())
    codes = {f.code for f in validate(dataset, as_of=date(2026, 1, 1))}
    assert not codes & {"DV101", "DV102", "DV105", "DV306"}


@pytest.mark.parametrize("name", ["tuyen.json", "tuyen.xlsx", "tuyen.zip"])
def test_the_reporting_line_comes_back_from_every_format(tmp_path: Path, name: str) -> None:
    dataset = Dataset(units=UNITS, bodies=BODIES)
    path = tmp_path / name
    fmt = "datapackage" if name.endswith(".zip") else None
    export(dataset_bundle(dataset), path, format=fmt)
    again = read_dataset(path).dataset
    assert tuple(attrs.evolve(b, provenance=None) for b in again.bodies) == BODIES


def test_a_data_package_of_the_reporting_line_validates(tmp_path: Path) -> None:
    frictionless = pytest.importorskip("frictionless")
    dataset = Dataset(units=UNITS, bodies=BODIES)
    export(dataset_bundle(dataset), tmp_path / "goi", format="datapackage")
    report = frictionless.validate(str(tmp_path / "goi" / "datapackage.json"))
    assert report.flatten(["rowNumber", "fieldName", "type"]) == []
