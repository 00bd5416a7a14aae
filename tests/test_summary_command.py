"""``danvan summary``: a folder summed twice, the second time from the store, the same file
written; ``--no-cache`` reads everything again."""

from __future__ import annotations

import json
from pathlib import Path

import attrs
from click.testing import CliRunner

import danvan
from danvan.cli import main
from danvan.model import Dataset


def _folder(tmp_path: Path) -> Path:
    sample = danvan.sample()
    folder = tmp_path / "bao-cao"
    folder.mkdir()
    (folder / "0-setting.json").write_bytes(
        danvan.dataset_to_json(attrs.evolve(sample, activities=()))
    )
    half = len(sample.activities) // 2
    for name, part in (
        ("xa-1.json", sample.activities[:half]),
        ("xa-2.json", sample.activities[half:]),
    ):
        (folder / name).write_bytes(
            danvan.dataset_to_json(Dataset(activities=part, catalog=sample.catalog))
        )
    return folder


def _summary(tmp_path: Path, *options: str) -> tuple[str, object]:
    out = tmp_path / "summary.json"
    result = CliRunner().invoke(
        main,
        [
            "summary",
            str(tmp_path / "bao-cao"),
            "--per",
            "month",
            "-o",
            str(out),
            "--overwrite",
            *options,
        ],
    )
    assert result.exit_code == 0, result.output
    document = json.loads(out.read_text(encoding="utf-8"))
    document["metadata"].pop("generated_at", None)
    return result.output, document


def test_the_second_run_reads_every_file_from_the_store(tmp_path: Path) -> None:
    _folder(tmp_path)
    store = str(tmp_path / "store")
    first, written = _summary(tmp_path, "--cache-dir", store)
    assert "từ bộ nhớ đệm / from the store: 0" in first
    second, again = _summary(tmp_path, "--cache-dir", store)
    assert "Tệp / files: 3, từ bộ nhớ đệm / from the store: 3" in second  # the setting too
    cold, uncached = _summary(tmp_path, "--no-cache")
    assert "from the store: 0" in cold
    assert written == again == uncached


def test_no_cache_and_a_cache_folder_exclude_each_other(tmp_path: Path) -> None:
    _folder(tmp_path)
    result = CliRunner().invoke(
        main, ["summary", str(tmp_path / "bao-cao"), "--no-cache", "--cache-dir", "x"]
    )
    assert result.exit_code == 2
    assert "--no-cache" in result.output
