"""export(): choosing the exporter, options, and atomic writes."""

from __future__ import annotations

import io
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest

from danvan import export
from danvan.exporters.base import ExportError, UnknownFormatError
from danvan.exporting import atomic_folder, atomic_write, find_exporter
from danvan.plugins import available_exporters
from danvan.tables import Bundle
from danvan.testing import reference_bundles
from danvan.testing.readers import read_csv


@pytest.fixture
def bundle() -> Bundle:
    return reference_bundles()["vietnamese"]


def test_the_built_in_formats_are_available() -> None:
    assert set(available_exporters()) >= {"csv", "datapackage", "json", "jsonl", "xlsx"}


@pytest.mark.parametrize(
    ("filename", "name"),
    [
        ("bao-cao.csv", "csv"),
        ("BAO-CAO.XLSX", "xlsx"),
        ("rows.ndjson", "jsonl"),
        ("rows.jsonl", "jsonl"),
        ("report.json", "json"),
        ("package.zip", "datapackage"),
    ],
)
def test_the_exporter_is_chosen_by_suffix(filename: str, name: str) -> None:
    assert find_exporter(available_exporters(), filename=filename).name == name


def test_an_unknown_suffix_lists_the_known_formats(tmp_path: Path, bundle: Bundle) -> None:
    with pytest.raises(UnknownFormatError, match=r"Known formats: csv \(\.csv\);.*xlsx"):
        export(bundle, tmp_path / "report.odt")
    with pytest.raises(UnknownFormatError, match="unknown format 'odt'"):
        export(bundle, tmp_path / "report.csv", format="odt")


def test_format_overrides_the_suffix(tmp_path: Path, bundle: Bundle) -> None:
    target = tmp_path / "report.txt"
    exporter = export(bundle, target, format="csv")
    assert exporter.name == "csv"
    assert read_csv(target, bundle)["activities"][0][0] == "Bản Mốc 4"


def test_a_stream_needs_a_format_or_a_name(bundle: Bundle) -> None:
    with pytest.raises(UnknownFormatError, match="give format="):
        export(bundle, io.BytesIO())
    stream = io.BytesIO()
    export(bundle, stream, "json", lang="en")
    assert stream.getvalue().startswith(b'{"metadata":{"title":"Reference bundle')


def test_labels_follow_the_chosen_language(bundle: Bundle) -> None:
    vi, en = io.BytesIO(), io.BytesIO()
    export(bundle, vi, "csv")
    export(bundle, en, "csv", lang="en")
    assert vi.getvalue().decode("utf-8-sig").startswith("Bản,Nội dung tuyên truyền,")
    assert en.getvalue().decode("utf-8-sig").startswith("Village,Dissemination topic,")
    with pytest.raises(ValueError, match="unsupported language"):
        export(bundle, io.BytesIO(), "csv", lang="fr")


def test_unknown_options_are_refused_with_the_known_ones(bundle: Bundle) -> None:
    with pytest.raises(ExportError, match="has no option 'bommm'; known: bom, delimiter"):
        export(bundle, io.BytesIO(), "csv", options={"bommm": False})
    with pytest.raises(ExportError, match="must be true or false"):
        export(bundle, io.BytesIO(), "csv", options={"bom": "no"})


def test_a_single_table_format_refuses_a_bundle_of_several_unless_told_which() -> None:
    several = reference_bundles()["several_tables"]
    with pytest.raises(ExportError, match=r"holds one table, but the bundle has 4 \(per_month"):
        export(several, io.BytesIO(), "csv")
    stream = io.BytesIO()
    export(several, stream, "csv", options={"table": "per_month"})
    assert stream.getvalue().decode("utf-8-sig").splitlines()[1] == "2022-01-01,4,130"


def _failing(bundle: Bundle) -> Bundle:
    table = bundle.tables[0]

    def rows() -> Iterator[tuple[object, ...]]:
        yield next(iter(table.iter_rows()))
        raise OSError("đĩa đầy / disk full")

    return attrs.evolve(bundle, tables=[attrs.evolve(table, rows=rows)])


@pytest.mark.parametrize("suffix", [".csv", ".json", ".xlsx", ".zip"])
def test_a_failed_export_leaves_the_old_file_and_no_temporary_one(
    tmp_path: Path,
    bundle: Bundle,
    suffix: str,
) -> None:
    target = tmp_path / f"report{suffix}"
    target.write_bytes(b"last month's report")
    with pytest.raises(OSError, match="disk full"):
        export(_failing(bundle), target)
    assert target.read_bytes() == b"last month's report"
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


def test_a_failed_folder_export_leaves_the_old_folder(tmp_path: Path, bundle: Bundle) -> None:
    folder = tmp_path / "package"
    export(bundle, folder, format="datapackage")
    before = sorted(p.name for p in folder.iterdir())
    with pytest.raises(OSError, match="disk full"):
        export(_failing(bundle), folder, format="datapackage")
    assert sorted(p.name for p in folder.iterdir()) == before
    assert [p.name for p in tmp_path.iterdir()] == ["package"]


def test_a_folder_export_refuses_a_folder_danvan_did_not_write(
    tmp_path: Path, bundle: Bundle
) -> None:
    folder = tmp_path / "package"
    folder.mkdir()
    (folder / "stale.csv").write_text("old")
    with pytest.raises(ExportError, match="did not write"):
        export(bundle, folder, format="datapackage")
    assert [p.name for p in folder.iterdir()] == ["stale.csv"]
    assert [p.name for p in tmp_path.iterdir()] == ["package"]


def test_atomic_write_keeps_the_mode_of_the_file_it_replaces(tmp_path: Path) -> None:
    target = tmp_path / "report.csv"
    target.write_bytes(b"old")
    target.chmod(0o640)
    with atomic_write(target) as stream:
        stream.write(b"new")
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_atomic_write_gives_a_new_file_the_usual_mode(tmp_path: Path) -> None:
    target = tmp_path / "report.csv"
    with atomic_write(target) as stream:
        stream.write(b"new")
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask


def test_atomic_folder_refuses_a_file_in_the_way(tmp_path: Path) -> None:
    (tmp_path / "package").write_text("a file")
    with pytest.raises(ExportError, match="not a folder"), atomic_folder(tmp_path / "package"):
        pass


def test_only_single_table_formats_take_the_table_option() -> None:
    several = reference_bundles()["several_tables"]
    with pytest.raises(ExportError, match="has no option 'table'"):
        export(several, io.BytesIO(), "json", options={"table": "per_month"})
