"""A bounded fuzz of every built-in importer: mutated real files end in findings, never a traceback.

Each input starts from the small sample written in the importer's format
(``danvan.testing.fuzz.seeds``) and is mutated where the format has structure:
zip members, XML, JSON values, CSV fields, and raw bytes. Reading it must give
an ``ImportResult`` or a ``DatasetReadError``, with every finding naming the
file, and validating what was read must not raise. The long run, crashes of
the interpreter included, is ``benchmarks/fuzz.py`` (see docs/reliability.md).

The XLSX case leaves out, for now, the mutations that abort the XLSX reader
natively or make it allocate gigabytes (``hazards=False``: cell references,
dimensions, declared counts; issue 13). Once workbooks are read in a worker
process, ``HAZARDS`` becomes True and this test covers them too. Likewise
``EMPTY_IS_A_FINDING``: today a workbook without its ``xl/workbook.xml``, or a
CSV whose header comes after its rows, gives no record and no finding.
"""

from __future__ import annotations

import gc
import random
import tempfile
from pathlib import Path

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from danvan import load_checked, read_dataset
from danvan.testing.fuzz import FORMATS, check_contract, materialise, mutate, seeds

#: Whether mutations that end the XLSX reader's process are tried (not before issue 13's worker).
HAZARDS = True
#: Whether a file that gives no record must say why (not before issue 13's empty-file findings).
EMPTY_IS_A_FINDING = True
EXAMPLES = 250
fuzzed = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_seeds_are_real_files_read_without_findings(fmt: str, tmp_path: Path) -> None:
    for number, seed in enumerate(seeds(fmt)):
        folder = tmp_path / str(number)
        folder.mkdir()
        result = read_dataset(materialise(seed, fmt, folder))
        assert result.report.findings == ()
        assert result.dataset.teams or result.dataset.activities or result.dataset.memberships


@pytest.mark.parametrize("fmt", FORMATS)
@fuzzed
@given(data=st.data(), rng=st.randoms(use_true_random=False))
def test_a_mutated_file_is_read_or_refused_with_findings(
    fmt: str, data: st.DataObject, rng: random.Random, tmp_path_factory: pytest.TempPathFactory
) -> None:
    seed = data.draw(st.sampled_from(seeds(fmt)), label="seed")
    mutated = mutate(seed, fmt, rng, hazards=HAZARDS)
    with tempfile.TemporaryDirectory(dir=tmp_path_factory.getbasetemp()) as tmp:
        check_contract(materialise(mutated, fmt, Path(tmp)), empty_is_a_finding=EMPTY_IS_A_FINDING)


def test_the_mutations_change_what_they_are_given() -> None:
    rng = random.Random(13)
    for fmt in FORMATS:
        seed = seeds(fmt)[0]
        changed = sum(mutate(seed, fmt, rng) != seed for _ in range(20))
        assert changed >= 15, fmt


def test_a_document_that_does_not_fit_leaves_nothing_to_collect() -> None:
    """Found by the fuzz: each failed structuring left its half-built records in cycles.

    Reading pauses the cyclic collector (a whole folder is read so), so a
    folder of broken documents kept every one of them: 400 small broken files
    took 99 MB of peak memory where 400 clean ones took 51 MB.
    """
    document = orjson.loads(seeds("json-document")[0])
    document["activities"][0]["participants"] = "4x"
    load_checked(document, source="xa.json")  # what is built once (hooks, caches) is built
    gc.collect()
    _, report = load_checked(document, source="xa.json")
    assert [f.code for f in report.findings] == ["DV011"]
    assert gc.collect() < 50


def test_a_list_in_a_column_of_ids_is_a_finding_at_its_cell(tmp_path: Path) -> None:
    """Found by the fuzz: a list among the first cells of a text column lost the whole file."""
    rows = [[f"to-{n}", f"Tổ {n}", None, None, None, None] for n in range(3)]
    rows[1][0] = ["to-1"]
    columns = ["id", "name", "decision", "established", "dissolved", "illustrative"]
    document = {"metadata": {}, "tables": [{"name": "teams", "columns": columns, "rows": rows}]}
    path = tmp_path / "xa.json"
    path.write_bytes(orjson.dumps(document))
    result = read_dataset(path)
    assert [t.id for t in result.dataset.teams] == ["to-0", "to-2"]
    (finding,) = [f for f in result.report.findings if f.location.row == 2]  # rows from 1
    assert (finding.location.source, finding.location.sheet) == (str(path), "teams")
