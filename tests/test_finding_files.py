"""Findings on records read from JSON documents name their file, however many were merged.

A record read from a sheet carries its file, sheet and row; one read from a
JSON document carries no place of its own, and once documents are merged its
place in the merged lists is not its place in its file. ``ImportResult.locate``
gives each such finding its file and its JSON pointer in that file.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import attrs
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import danvan
from danvan.cli import main
from danvan.loading import dataset_to_json
from danvan.model import Dataset


def _documents(folder: Path, nampo: Dataset, cuts: list[int], wrong: set[int]) -> list[Path]:
    """The sample's activities cut into documents at ``cuts``; activities in ``wrong`` get a
    team that does not exist. The first document holds the setting (units, teams …)."""
    activities = [
        attrs.evolve(a, team="to-khong-co", provenance=None) if i in wrong else a
        for i, a in enumerate(nampo.activities)
    ]
    bounds = [0, *sorted(set(cuts)), len(activities)]
    paths = []
    for n, (start, end) in enumerate(itertools.pairwise(bounds)):
        part = activities[start:end]
        document = attrs.evolve(nampo, activities=tuple(part))
        if n:  # the setting once: the other documents carry activities only
            document = Dataset(activities=tuple(part), catalog=nampo.catalog)
        path = folder / f"{n:02d}.json"
        path.write_bytes(dataset_to_json(document))
        paths.append(path)
    return paths


def test_a_finding_on_the_second_document_names_it_and_its_own_pointer(
    tmp_path: Path, nampo: Dataset
) -> None:
    first, second = _documents(tmp_path, nampo, [40], {45})
    result = danvan.read_dataset([first, second])
    merged = danvan.validate(result.dataset)
    (unknown,) = [f for f in merged if f.code == "DV103"]
    assert unknown.location.pointer == "/activities/45/team"  # in the merged dataset
    (found,) = [f for f in result.locate(merged) if f.code == "DV103"]
    assert (found.location.source, found.location.pointer) == (str(second), "/activities/5/team")
    assert found.location.record_id == nampo.activities[45].id


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    cuts=st.lists(st.integers(1, 90), max_size=4),
    wrong=st.sets(st.integers(0, 90), min_size=1, max_size=4),
)
def test_every_finding_names_the_document_and_place_of_its_record(
    tmp_path_factory: pytest.TempPathFactory, nampo: Dataset, cuts: list[int], wrong: set[int]
) -> None:
    folder = tmp_path_factory.mktemp("documents")
    paths = _documents(folder, nampo, cuts, wrong)
    result = danvan.read_dataset(paths)
    found = [f for f in result.locate(danvan.validate(result.dataset)) if f.code == "DV103"]
    bounds = [0, *sorted(set(cuts)), len(nampo.activities)]
    expected = set()
    for index in wrong:
        n = max(i for i, start in enumerate(bounds[:-1]) if start <= index)
        expected.add((str(paths[n]), f"/activities/{index - bounds[n]}/team"))
    assert {(f.location.source, f.location.pointer) for f in found} == expected


def test_the_command_line_names_the_document(tmp_path: Path, nampo: Dataset) -> None:
    first, second = _documents(tmp_path, nampo, [40], {45})
    result = CliRunner().invoke(main, ["validate", str(first), str(second)])
    (line,) = [line for line in result.output.splitlines() if line.startswith("DV103")]
    assert f"{second}, /activities/5/team, hoạt động {nampo.activities[45].id}:" in line


def test_a_record_read_from_a_sheet_keeps_its_cell(tmp_path: Path, nampo: Dataset) -> None:
    wrong = attrs.evolve(nampo.activities[3], team="to-khong-co")
    book = tmp_path / "xa.xlsx"
    danvan.export(danvan.dataset_bundle(attrs.evolve(nampo, activities=(wrong,))), book)
    result = danvan.read_dataset(book)
    (found,) = [f for f in result.locate(danvan.validate(result.dataset)) if f.code == "DV103"]
    assert (found.location.source, found.location.row) == (str(book), 2)
    assert found.location.pointer is None
