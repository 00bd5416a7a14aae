"""read_dataset: round trips through every format, folders merged, bad files as findings."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path
from typing import Any, TypeVar

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from danvan import export, read_dataset, template_bundle
from danvan.bundled import default_catalog, sample
from danvan.importers.contents import FileContent, merge_documents
from danvan.importers.tabular import build_dataset
from danvan.layout import dataset_bundle
from danvan.loading import dataset_to_json
from danvan.model import (
    Activity,
    AdminUnit,
    Dataset,
    Level,
    Member,
    Organization,
    OrganizationKind,
    Provenance,
    Quantity,
    Succession,
    Team,
    Topic,
)
from danvan.read import DatasetReadError
from tests.strategies import datasets

RECORD_KINDS = (
    "units",
    "organizations",
    "members",
    "teams",
    "memberships",
    "activities",
    "successions",
    "figures",
    "targets",
    "submissions",
    "bodies",
)
R = TypeVar("R")


def without_origin(dataset: Dataset) -> Dataset:
    """The dataset with provenance reduced to what a table keeps: the illustrative flag."""

    def strip(record: Any) -> Any:
        kept = record.provenance is not None and record.provenance.illustrative
        return attrs.evolve(record, provenance=Provenance(illustrative=True) if kept else None)

    return attrs.evolve(
        dataset, **{kind: tuple(map(strip, getattr(dataset, kind))) for kind in RECORD_KINDS}
    )


def _none_if_empty(value: str | None) -> str | None:
    return value or None


def _digits15(value: Any) -> Any:
    """A float as XLSX keeps it (15 significant digits, as Excel does)."""
    return float(f"{value:.15g}") if isinstance(value, float) else value


def _first_of_each_id(records: tuple[R, ...]) -> tuple[R, ...]:
    seen: set[str] = set()
    kept = []
    for record in records:
        if record.id not in seen:  # type: ignore[attr-defined]
            seen.add(record.id)  # type: ignore[attr-defined]
            kept.append(record)
    return tuple(kept)


def cell_shaped(dataset: Dataset) -> Dataset:
    """What a table can hold: unique ids, no empty optional text or list item, 15 digits.

    A cell cannot tell an empty text from a missing one, a detail row names its
    record by id, and Excel keeps 15 significant digits.
    """
    units = tuple(
        attrs.evolve(u, parent=_none_if_empty(u.parent), code=_none_if_empty(u.code))
        for u in _first_of_each_id(dataset.units)
    )
    organizations = tuple(
        attrs.evolve(o, unit=_none_if_empty(o.unit))
        for o in _first_of_each_id(dataset.organizations)
    )
    members = tuple(
        attrs.evolve(
            m,
            ethnicity=_none_if_empty(m.ethnicity),
            organization=_none_if_empty(m.organization),
            position=_none_if_empty(m.position),
        )
        for m in _first_of_each_id(dataset.members)
    )
    teams = tuple(
        attrs.evolve(t, decision=_none_if_empty(t.decision))
        for t in _first_of_each_id(dataset.teams)
    )
    activities = tuple(
        attrs.evolve(
            a,
            partners=tuple(p for p in a.partners if p),
            quantities=tuple(attrs.evolve(q, value=_digits15(q.value)) for q in a.quantities),
            funding=tuple(attrs.evolve(f, donor=_none_if_empty(f.donor)) for f in a.funding),
        )
        for a in _first_of_each_id(dataset.activities)
    )
    successions = tuple(
        attrs.evolve(s, share=_digits15(s.share), reference=_none_if_empty(s.reference))
        for s in dataset.successions
    )
    figures = tuple(
        attrs.evolve(f, value=_digits15(f.value), source=_none_if_empty(f.source))
        for f in _first_of_each_id(dataset.figures)
    )
    targets = tuple(
        attrs.evolve(t, value=_digits15(t.value)) for t in _first_of_each_id(dataset.targets)
    )
    return without_origin(
        attrs.evolve(
            dataset,
            figures=figures,
            targets=targets,
            submissions=_first_of_each_id(dataset.submissions),
            bodies=_first_of_each_id(dataset.bodies),
            units=units,
            organizations=organizations,
            members=members,
            teams=teams,
            memberships=_first_of_each_id(dataset.memberships),
            activities=activities,
            successions=successions,
        )
    )


tabular_datasets = datasets.map(cell_shaped)
FOLDER_SETTINGS = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _fresh(tmp_path: Path, name: str) -> Path:
    """A path not used by an earlier example of the same test."""
    number = len(list(tmp_path.iterdir()))
    return tmp_path / f"{number}-{name}"


@FOLDER_SETTINGS
@given(datasets)
def test_a_dataset_document_round_trips_losslessly(tmp_path: Path, dataset: Dataset) -> None:
    path = _fresh(tmp_path, "ds.json")
    path.write_bytes(dataset_to_json(dataset))
    result = read_dataset(path)
    assert result.dataset == dataset
    assert result.report.ok


@pytest.mark.parametrize(
    ("name", "format"), [("ds.json", "json"), ("ds.zip", "datapackage"), ("ds", "datapackage")]
)
@FOLDER_SETTINGS
@given(dataset=tabular_datasets)
def test_the_tables_round_trip_through_json_and_data_packages(
    tmp_path: Path, name: str, format: str, dataset: Dataset
) -> None:
    target = _fresh(tmp_path, name)
    export(dataset_bundle(dataset), target, format)
    result = read_dataset(target)
    assert without_origin(result.dataset) == dataset
    assert not result.report.errors


@FOLDER_SETTINGS
@given(dataset=tabular_datasets, lang=st.sampled_from(["vi", "en"]))
def test_the_tables_round_trip_through_a_folder_of_csv_files(
    tmp_path: Path, dataset: Dataset, lang: str
) -> None:
    """One CSV file a table, named after it, as a commune might send them."""
    folder = _fresh(tmp_path, "csv")
    folder.mkdir()
    bundle = dataset_bundle(dataset)
    for table in bundle.tables:
        export(bundle, folder / f"{table.name}.csv", lang=lang, options={"table": table.name})
    result = read_dataset(folder)
    assert without_origin(result.dataset) == dataset
    assert not result.report.errors


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(dataset=tabular_datasets, lang=st.sampled_from(["vi", "en"]))
def test_the_tables_round_trip_through_xlsx(tmp_path: Path, dataset: Dataset, lang: str) -> None:
    target = _fresh(tmp_path, "ds.xlsx")
    export(dataset_bundle(dataset), target, lang=lang)
    result = read_dataset(target)
    assert without_origin(result.dataset) == dataset
    assert not result.report.errors


def test_imported_records_keep_file_sheet_and_row(tmp_path: Path) -> None:
    export(dataset_bundle(sample()), tmp_path / "mau.xlsx")
    activity = read_dataset(tmp_path / "mau.xlsx").dataset.activities[2]
    assert activity.provenance == Provenance(
        str(tmp_path / "mau.xlsx"), "Hoạt động", 4, illustrative=True
    )


def _commune(code: str, village: str) -> Dataset:
    return Dataset(
        units=(
            AdminUnit(code, f"Xã {code}", Level.COMMUNE),
            AdminUnit(village, f"Bản {village}", Level.VILLAGE, parent=code),
        ),
        teams=(Team(f"t-{village}", f"Tổ bản {village}"),),
        activities=(
            Activity(
                f"{village}-1",
                f"t-{village}",
                village,
                dt.date(2022, 3, 15),
                "meeting",
                quantities=(Quantity("gift_packages", 100),),
            ),
        ),
        catalog=default_catalog(),
    )


def test_a_folder_of_commune_workbooks_is_one_dataset(tmp_path: Path) -> None:
    folder = tmp_path / "bao-cao"
    folder.mkdir()
    export(dataset_bundle(_commune("03156", "moc4")), folder / "nam-tin.xlsx")
    export(dataset_bundle(_commune("03187", "na-su")), folder / "cha-nua.xlsx")
    (folder / "ghi-chu.txt").write_text("không phải báo cáo", encoding="utf-8")
    result = read_dataset(folder)
    assert result.report.findings == ()
    dataset = result.dataset
    assert [u.id for u in dataset.units] == ["03187", "na-su", "03156", "moc4"]
    assert [a.quantity("gift_packages") for a in dataset.activities] == [100, 100]
    origins = [(Path(a.provenance.source).name, a.provenance.row) for a in dataset.activities]  # type: ignore[union-attr]
    assert origins == [("cha-nua.xlsx", 2), ("nam-tin.xlsx", 2)]
    assert dataset.catalog == default_catalog()


def test_a_list_of_files_in_several_formats_is_merged(tmp_path: Path) -> None:
    export(dataset_bundle(_commune("03156", "moc4")), tmp_path / "a.zip")
    (tmp_path / "b.json").write_bytes(dataset_to_json(_commune("03187", "na-su")))
    result = read_dataset([tmp_path / "a.zip", tmp_path / "b.json"])
    assert [a.id for a in result.dataset.activities] == ["moc4-1", "na-su-1"]


def test_duplicate_ids_across_files_are_kept_for_validation(tmp_path: Path) -> None:
    export(dataset_bundle(_commune("03156", "moc4")), tmp_path / "a.xlsx")
    export(dataset_bundle(_commune("03156", "moc4")), tmp_path / "b.xlsx")
    dataset = read_dataset(tmp_path).dataset
    assert [u.id for u in dataset.units] == ["03156", "moc4", "03156", "moc4"]
    assert [len(a.quantities) for a in dataset.activities] == [1, 1]


def test_the_template_reads_back_as_an_empty_dataset_with_the_catalogue(tmp_path: Path) -> None:
    """An unfilled template sent back is read, and says that it holds no record (DV616)."""
    export(template_bundle(), tmp_path / "mau.xlsx")
    result = read_dataset(tmp_path / "mau.xlsx")
    assert [(f.code, f.severity.value) for f in result.report.findings] == [("DV616", "warning")]
    assert result.dataset.activities == ()
    assert result.dataset.catalog == default_catalog()


def test_a_detail_row_without_its_record_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "activity_quantities.csv"
    path.write_text("activity,indicator,value\nkhong-co,gift_packages,3\n", encoding="utf-8")
    finding = read_dataset(path).report.errors[0]
    assert finding.code == "DV613"
    assert (finding.location.row, finding.location.record_id) == (2, "khong-co")


# Bad input: findings, or one clear error naming the file -------------------------------


def _good(tmp_path: Path) -> Path:
    path = tmp_path / "tot.xlsx"
    export(dataset_bundle(_commune("03156", "moc4")), path)
    return path


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("hong.xlsx", b""),
        ("hong.xlsx", b"PK\x03\x04 not really a workbook"),
        ("hong.zip", b"not a zip"),
        ("hong.xlsx", "truncated"),
    ],
)
def test_an_unreadable_file_is_one_error_naming_it_and_the_rest_import(
    tmp_path: Path, name: str, content: bytes | str
) -> None:
    good = _good(tmp_path)
    bad = tmp_path / name
    data = good.read_bytes()
    bad.write_bytes(data[: len(data) // 2] if content == "truncated" else content)  # type: ignore[arg-type]
    result = read_dataset([bad, good])
    (finding,) = result.report.findings
    assert (finding.code, finding.location.source) == ("DV601", str(bad))
    assert str(bad) in finding.message.en
    assert len(result.dataset.activities) == 1
    with pytest.raises(DatasetReadError, match="hong"):
        read_dataset(bad)


def test_a_missing_path_is_a_clear_error() -> None:
    with pytest.raises(DatasetReadError, match=r"khong-co\.xlsx.*not found|not found.*khong-co"):
        read_dataset("khong-co.xlsx")


def test_an_unknown_suffix_lists_the_known_formats(tmp_path: Path) -> None:
    (tmp_path / "bao-cao.docx").write_bytes(b"...")
    with pytest.raises(DatasetReadError, match=r"xlsx \(\.xlsx, \.xlsm\)"):
        read_dataset(tmp_path / "bao-cao.docx")
    result = read_dataset([tmp_path / "bao-cao.docx", _good(tmp_path)])
    assert result.report.errors[0].code == "DV602"


def test_malformed_json_is_a_finding(tmp_path: Path) -> None:
    (tmp_path / "hong.json").write_bytes(b'{"format": "danvan.dataset/1", "units": [')
    result = read_dataset(tmp_path / "hong.json")
    assert [f.code for f in result.report.findings] == ["DV001"]
    assert result.dataset.units == ()


def test_a_json_document_that_does_not_fit_is_located(tmp_path: Path) -> None:
    (tmp_path / "sai.json").write_bytes(
        b'{"format": "danvan.dataset/1", "units": [{"id": "x", "name": "X", "level": "tinh"}]}'
    )
    (finding,) = read_dataset(tmp_path / "sai.json").report.findings
    assert (finding.code, finding.location.record_id) == ("DV011", "x")


def test_extra_and_empty_sheets_are_reported_and_wrong_cell_types_located(
    tmp_path: Path,
) -> None:
    import xlsxwriter

    path = tmp_path / "xa.xlsx"
    book = xlsxwriter.Workbook(path)
    book.add_worksheet("Ghi chú").write_string(0, 0, "Số liệu tạm tính")
    book.add_worksheet("Trống")
    units = book.add_worksheet("Đơn vị hành chính")
    units.write_row(0, 0, ["Mã", "Tên đơn vị", "Cấp", "Hiệu lực từ ngày"])
    units.write_row(1, 0, ["x1", "Xã Nậm Tin", "Xã", True])
    book.close()
    result = read_dataset(path)
    codes = sorted(f.code for f in result.report.findings)
    assert codes == ["DV603", "DV607", "DV610"]
    wrong = result.report.errors[0]
    assert (wrong.location.sheet, wrong.location.row, wrong.location.column) == (
        "Đơn vị hành chính",
        2,
        "Hiệu lực từ ngày",
    )
    (unit,) = result.dataset.units
    assert (unit.level, unit.valid_from) == (Level.COMMUNE, None)


def test_a_data_package_with_a_missing_resource_imports_the_rest(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    export(dataset_bundle(_commune("03156", "moc4")), buffer, "datapackage")
    with (
        zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source,
        zipfile.ZipFile(tmp_path / "goi.zip", "w") as target,
    ):
        for item in source.namelist():
            if item != "activities.csv":
                target.writestr(item, source.read(item))
    result = read_dataset(tmp_path / "goi.zip")
    missing, orphan = sorted(result.report.findings, key=lambda f: f.code)
    assert (missing.code, missing.location.sheet) == ("DV601", "activities.csv")
    assert (orphan.code, orphan.location.sheet) == ("DV613", "activity_quantities.csv")
    assert [u.id for u in result.dataset.units] == ["03156", "moc4"]
    assert result.dataset.activities == ()


def test_records_of_every_kind_come_back_from_a_workbook(tmp_path: Path) -> None:
    dataset = Dataset(
        organizations=(Organization("o1", "Hội LHPN huyện", OrganizationKind.FRONT, "d1"),),
        members=(Member("m1", "Trưởng bản", party_member=True),),
        successions=(Succession(("a", "b"), "c", dt.date(2025, 7, 1), share=0.5),),
        catalog=attrs.evolve(
            default_catalog(), topics=(Topic("rung", default_catalog().topics[0].label),)
        ),
    )
    export(dataset_bundle(dataset), tmp_path / "x.xlsx")
    assert without_origin(read_dataset(tmp_path / "x.xlsx").dataset) == dataset


def test_a_table_continued_on_further_sheets_is_read_whole(tmp_path: Path) -> None:
    dataset = sample()
    export(dataset_bundle(dataset), tmp_path / "dai.xlsx", options={"max_rows": 3})
    result = read_dataset(tmp_path / "dai.xlsx")
    assert without_origin(result.dataset) == without_origin(dataset)
    sheets = {a.provenance.sheet for a in result.dataset.activities}  # type: ignore[union-attr]
    assert {"Hoạt động", "Hoạt động (2)"} <= sheets


def test_documents_merge_alike_with_or_without_the_sheet_reader() -> None:
    nam_po = sample()
    contents = [
        FileContent("a.json", dataset=nam_po),
        FileContent("refused.json"),
        FileContent("b.json", dataset=nam_po),
    ]
    merged, origins = merge_documents(contents, catalog=nam_po.catalog)
    assert (merged, origins) == build_dataset(contents, [], nam_po.catalog)
    assert len(merged.activities) == 2 * len(nam_po.activities)
    assert origins[-1].source == "b.json"
