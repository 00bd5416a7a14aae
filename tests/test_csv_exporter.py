"""CSV and Frictionless Data Package output."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import orjson
import pytest

from danvan import export
from danvan.testing import reference_bundles
from danvan.testing.readers import read_datapackage


def _csv(bundle_name: str, **options: object) -> bytes:
    stream = io.BytesIO()
    export(reference_bundles()[bundle_name], stream, "csv", options=options)
    return stream.getvalue()


def test_csv_starts_with_a_bom_so_excel_reads_vietnamese() -> None:
    assert _csv("vietnamese").startswith("\ufeffBản,".encode())
    assert _csv("vietnamese", bom=False).startswith("Bản,".encode())


def test_csv_delimiter_and_header_can_be_chosen() -> None:
    text = _csv("vietnamese", delimiter=";", header="name", bom=False).decode()
    assert (
        text.splitlines()[0]
        == "village;topic;held_on;sessions;people;funds;share;area_ha;held;recorded_at"
    )
    assert text.splitlines()[1] == (
        'Bản Mốc 4;"Bảo vệ rừng; phòng, chống ma túy";2022-03-15;3;120;27000000;0.875;1.25;'
        "True;2022-03-15T08:00:00+07:00"
    )


def test_csv_writes_datetimes_in_vietnam_time_with_the_offset() -> None:
    lines = _csv("dates", bom=False).decode().splitlines()
    assert lines[2] == "1900-03-01,2025-07-01T07:00:00+07:00"


def test_csv_escapes_formula_like_text_unless_told_not_to() -> None:
    escaped = _csv("formulas", bom=False).decode().splitlines()
    assert escaped[1:5] == ["1,'=1+1", "2,'+84 912 345 678", "3,'-5", "4,'@SUM(A1:A2)"]
    raw = _csv("formulas", bom=False, escape_formulas=False).decode().splitlines()
    assert raw[1] == "1,=1+1"


def test_a_bundle_of_several_tables_becomes_a_data_package_zip(tmp_path: Path) -> None:
    bundle = reference_bundles()["several_tables"]
    target = tmp_path / "bao-cao.zip"
    export(bundle, target)
    with zipfile.ZipFile(target) as archive:
        names = archive.namelist()
        descriptor = orjson.loads(archive.read("datapackage.json"))
    assert names == [
        "datapackage.json",
        "per_month.csv",
        "activities.csv",
        "no_rows.csv",
        "formulas.csv",
    ]
    assert descriptor["profile"] == "tabular-data-package"
    activities = descriptor["resources"][1]
    assert activities["title"] == "Hoạt động của các Tổ Dân vận"
    assert [(f["name"], f["type"]) for f in activities["schema"]["fields"]] == [
        ("village", "string"),
        ("topic", "string"),
        ("held_on", "date"),
        ("sessions", "integer"),
        ("people", "integer"),
        ("funds", "integer"),
        ("share", "number"),
        ("area_ha", "number"),
        ("held", "boolean"),
        ("recorded_at", "datetime"),
    ]
    assert read_datapackage(target, bundle)["per_month"][0] == (dt.date(2022, 1, 1), 4, 130)


def test_a_data_package_can_be_a_folder(tmp_path: Path) -> None:
    bundle = reference_bundles()["several_tables"]
    export(bundle, tmp_path / "bao-cao", format="datapackage", lang="en")
    descriptor = orjson.loads((tmp_path / "bao-cao" / "datapackage.json").read_bytes())
    assert descriptor["title"] == "Reference bundle: nhiều bảng"
    assert descriptor["danvan"]["period"] == "2022"
    assert sorted(p.name for p in (tmp_path / "bao-cao").iterdir()) == [
        ".danvan-output.json",  # the files danvan owns there
        "activities.csv",
        "datapackage.json",
        "formulas.csv",
        "no_rows.csv",
        "per_month.csv",
    ]


@pytest.mark.parametrize("target", ["bao-cao.zip", "bao-cao"])
@pytest.mark.parametrize("bom", [True, False])
def test_frictionless_validates_the_data_package(tmp_path: Path, target: str, bom: bool) -> None:
    frictionless = pytest.importorskip("frictionless")
    path = tmp_path / target
    export(reference_bundles()["several_tables"], path, format="datapackage", options={"bom": bom})
    source = path if path.suffix == ".zip" else path / "datapackage.json"
    report = frictionless.validate(str(source))
    assert report.valid, report.flatten(["rowNumber", "fieldNumber", "type", "note"])
