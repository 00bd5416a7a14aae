"""Folders danvan writes: it replaces only the files its marker lists, and refuses the others."""

from __future__ import annotations

import json
import os
from pathlib import Path

import attrs
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from danvan import export
from danvan.atomic import MARKER, read_marker
from danvan.cli import main
from danvan.exporters.base import ExportError
from danvan.tables import Bundle
from danvan.testing import reference_bundles

SEVERAL = reference_bundles()["several_tables"]  # per_month, activities, no_rows, formulas


def _with(*names: str) -> Bundle:
    return attrs.evolve(SEVERAL, tables=[t for t in SEVERAL.tables if t.name in names])


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _package(tmp_path: Path, *names: str) -> Path:
    folder = tmp_path / "package"
    export(_with(*names), folder, format="datapackage")
    return folder


def test_a_new_folder_lists_what_danvan_wrote_in_its_marker(tmp_path: Path) -> None:
    folder = _package(tmp_path, "per_month", "activities")
    assert read_marker(folder) == {"datapackage.json", "per_month.csv", "activities.csv"}
    assert sorted(_files(folder)) == [MARKER, "activities.csv", "datapackage.json", "per_month.csv"]
    assert [p.name for p in tmp_path.iterdir()] == ["package"]  # no staging folder left


def test_writing_again_replaces_only_what_danvan_owns(tmp_path: Path) -> None:
    folder = _package(tmp_path, "per_month", "activities")
    (folder / "ghi-chu.txt").write_text("the user's own notes")
    export(_with("activities", "no_rows"), folder, format="datapackage")
    assert sorted(_files(folder)) == [
        MARKER,
        "activities.csv",
        "datapackage.json",
        "ghi-chu.txt",  # stays
        "no_rows.csv",  # new
    ]  # per_month.csv, which the new export no longer has, went
    assert (folder / "ghi-chu.txt").read_text() == "the user's own notes"
    assert read_marker(folder) == {"datapackage.json", "activities.csv", "no_rows.csv"}


def test_a_folder_danvan_did_not_write_is_refused_and_untouched(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "activities.csv").write_text("my own table")
    with pytest.raises(ExportError, match="did not write"):
        export(SEVERAL, folder, format="datapackage")
    assert _files(folder) == {"activities.csv": b"my own table"}
    assert [p.name for p in tmp_path.iterdir()] == ["mine"]


def test_overwrite_writes_into_a_foreign_folder_and_keeps_its_other_files(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "activities.csv").write_text("my own table")
    (folder / "keep.txt").write_text("keep me")
    export(_with("activities"), folder, format="datapackage", overwrite=True)
    assert sorted(_files(folder)) == [MARKER, "activities.csv", "datapackage.json", "keep.txt"]
    assert (folder / "activities.csv").read_text() != "my own table"
    assert (folder / "keep.txt").read_text() == "keep me"
    assert read_marker(folder) == {"activities.csv", "datapackage.json"}


def test_an_empty_folder_is_written_into(tmp_path: Path) -> None:
    folder = tmp_path / "empty"
    folder.mkdir()
    export(_with("activities"), folder, format="datapackage")
    assert read_marker(folder) == {"activities.csv", "datapackage.json"}


def test_a_users_file_of_the_same_name_inside_a_danvan_folder_is_refused(tmp_path: Path) -> None:
    folder = _package(tmp_path, "activities")
    (folder / "no_rows.csv").write_text("the user's file")
    before = _files(folder)
    with pytest.raises(ExportError, match=r"no_rows\.csv"):
        export(_with("activities", "no_rows"), folder, format="datapackage")
    assert _files(folder) == before
    export(_with("activities", "no_rows"), folder, format="datapackage", overwrite=True)
    assert (folder / "no_rows.csv").read_text() != "the user's file"
    assert "no_rows.csv" in (read_marker(folder) or set())


@pytest.mark.parametrize("hard_links", [True, False], ids=["links", "no-links (FAT)"])
def test_a_move_that_fails_undoes_the_others(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, hard_links: bool
) -> None:
    if not hard_links:

        def no_link(*_args: object, **_kwargs: object) -> None:
            raise OSError(1, "Operation not permitted")

        monkeypatch.setattr(os, "link", no_link)
    folder = _package(tmp_path, "per_month", "activities")
    (folder / "notes.txt").write_text("mine")
    before = _files(folder)
    real_replace, failed = os.replace, []

    def replace(src: os.PathLike[str], dst: os.PathLike[str]) -> None:
        if Path(dst).name == "per_month.csv" and not failed:
            failed.append(dst)
            raise OSError(5, "Input/output error")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(OSError, match="Input/output"):
        export(_with("activities", "per_month", "no_rows"), folder, format="datapackage", lang="en")
    assert failed
    assert _files(folder) == before  # the marker and every file as they were


def test_a_marker_reaching_out_of_its_folder_is_not_trusted(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("precious")
    folder = tmp_path / "package"
    folder.mkdir()
    marker = {"written_by": "danvan", "files": ["../outside.txt", "activities.csv"]}
    (folder / MARKER).write_text(json.dumps(marker))
    assert read_marker(folder) is None
    with pytest.raises(ExportError, match="did not write"):
        export(_with("activities"), folder, format="datapackage")
    export(_with("activities"), folder, format="datapackage", overwrite=True)
    assert outside.read_text() == "precious"


def test_an_owned_file_behind_a_linked_folder_is_left_alone(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "x.csv").write_text("not danvan's")
    folder = tmp_path / "package"
    folder.mkdir()
    (folder / "sub").symlink_to(elsewhere)
    (folder / MARKER).write_text(json.dumps({"written_by": "danvan", "files": ["sub/x.csv"]}))
    export(_with("activities"), folder, format="datapackage")
    assert (elsewhere / "x.csv").read_text() == "not danvan's"


def test_dash_o_dot_never_empties_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "work.xlsx").write_bytes(b"a week of work")
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    result = runner.invoke(main, ["sample", "--format", "datapackage", "-o", "."])
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: ")
    assert len(result.stderr.splitlines()) == 1
    assert "did not write" in result.stderr
    assert _files(tmp_path) == {"work.xlsx": b"a week of work"}
    args = ["sample", "--format", "datapackage", "-o", ".", "--overwrite"]
    assert runner.invoke(main, args).exit_code == 0
    assert (tmp_path / "work.xlsx").read_bytes() == b"a week of work"
    assert (tmp_path / "datapackage.json").is_file()
    assert runner.invoke(main, args[:-1]).exit_code == 0  # now danvan's: replaced in place
    assert (tmp_path / "work.xlsx").read_bytes() == b"a week of work"


def test_a_file_target_that_is_a_folder_or_a_device_is_refused(tmp_path: Path) -> None:
    (tmp_path / "report.xlsx").mkdir()
    with pytest.raises(ExportError, match="is a folder"):
        export(SEVERAL, tmp_path / "report.xlsx")
    if Path(os.devnull).exists():
        with pytest.raises(ExportError, match="not a regular file"):
            export(_with("activities"), os.devnull, format="csv")
        assert not Path(os.devnull).is_file()


def test_a_link_to_a_report_keeps_pointing_at_it(tmp_path: Path) -> None:
    real = tmp_path / "2022-12.csv"
    real.write_text("last month")
    link = tmp_path / "latest.csv"
    link.symlink_to(real)
    export(_with("activities"), link)
    assert link.is_symlink()
    assert real.read_text() != "last month"


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.sets(st.sampled_from([t.name for t in SEVERAL.tables]), min_size=1),
        min_size=1,
        max_size=4,
    )
)
def test_after_any_run_of_exports_the_marker_lists_the_last_one_and_user_files_stay(
    tmp_path_factory: pytest.TempPathFactory, runs: list[set[str]]
) -> None:
    root = tmp_path_factory.mktemp("runs")
    folder = root / "package"
    for number, names in enumerate(runs):
        export(_with(*names), folder, format="datapackage")
        if number == 0:
            (folder / "ghi-chu.txt").write_text("mine")
        expected = {f"{name}.csv" for name in names} | {"datapackage.json"}
        assert read_marker(folder) == expected
        assert set(_files(folder)) == expected | {MARKER, "ghi-chu.txt"}
    assert (folder / "ghi-chu.txt").read_text() == "mine"
    assert [p.name for p in root.iterdir()] == ["package"]


def test_an_output_that_is_one_of_the_inputs_needs_overwrite(tmp_path: Path) -> None:
    original = tmp_path / "xa-nam-tin.xlsx"
    runner = CliRunner()
    assert runner.invoke(main, ["sample", "-o", str(original)]).exit_code == 0
    before = original.read_bytes()
    result = runner.invoke(main, ["export", str(original), "-o", str(original)])
    assert result.exit_code == 2
    assert "one of the inputs" in result.stderr
    assert original.read_bytes() == before
    args = ["export", str(original), "-o", str(original), "--overwrite"]
    assert runner.invoke(main, args).exit_code == 0


def test_a_new_folder_gets_the_usual_mode(tmp_path: Path) -> None:
    folder = _package(tmp_path, "activities")
    umask = os.umask(0)
    os.umask(umask)
    assert folder.stat().st_mode & 0o777 == 0o777 & ~umask


def test_a_long_vietnamese_name_still_fits_its_staging_folder(tmp_path: Path) -> None:
    target = tmp_path / f"báo-cáo-{'ộ' * 80}.csv"  # three bytes a letter
    assert 240 < len(target.name.encode()) <= 255  # near the longest a file name can be
    export(_with("activities"), target)
    assert [p.name for p in tmp_path.iterdir()] == [target.name]
