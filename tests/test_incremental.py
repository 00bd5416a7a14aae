"""The incremental run: a folder reported again after files were added, changed, renamed and
removed gives exactly what a cold run gives, while unchanged files come from the store."""

from __future__ import annotations

import tempfile
from pathlib import Path

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

import danvan
from danvan.findings import codes
from danvan.model import Activity, Dataset
from danvan.store import FolderReport, Store
from tests.strategies import consistent_datasets

PERIOD = "2022"


def _write(path: Path, dataset: Dataset) -> None:
    path.write_bytes(danvan.dataset_to_json(dataset))


def _report(folder: Path, cache: Path | bool, limit: int = 1_000) -> FolderReport:
    limits = danvan.ReadLimits(max_findings_per_code=limit)
    return danvan.report_folder(folder, PERIOD, per=("month", "type"), cache=cache, limits=limits)


def _tables(result: FolderReport) -> list[tuple[str, list[tuple[object, ...]]]]:
    return [(table.name, list(table.iter_rows())) for table in result.bundle().tables]


def _same(folder: Path, store: Path, limit: int = 1_000) -> FolderReport:
    warm, cold = _report(folder, store, limit), _report(folder, False, limit)
    assert warm.summary == cold.summary
    assert warm.report.findings == cold.report.findings
    assert _tables(warm) == _tables(cold)
    return warm


operations = st.lists(
    st.tuples(
        st.sampled_from(["add", "change", "rename", "remove", "setting"]),
        st.integers(0, 5),
        st.lists(st.integers(0, 24), max_size=8, unique=True),
    ),
    min_size=1,
    max_size=6,
)


@settings(deadline=None, max_examples=25)
@given(consistent_datasets(), operations, st.booleans(), st.sampled_from([1, 2, 1_000]))
def test_an_incremental_run_equals_a_cold_run_after_any_changes(
    dataset: Dataset, steps: list[tuple[str, int, list[int]]], own_ids: bool, limit: int
) -> None:
    """Every table of the report, and every finding, equal to the cold run's at each step.

    With ``own_ids`` each file's activities have ids of their own, so that the store
    answers; without, files share ids and the run is checked by reading the folder. Every
    third activity is spoilt (a negative count, a team that does not exist), so that files
    have findings of their own, cut at ``limit`` findings of a code as validate cuts them.
    A "setting" step changes the setting's own file (`_setting_variant`): a team, a unit or
    the members gone, another title, activities beside the setting records."""
    setting = attrs.evolve(dataset, activities=())
    pool = dataset.activities
    with tempfile.TemporaryDirectory() as scratch:
        folder, store = Path(scratch) / "data", Path(scratch) / "store"
        folder.mkdir()
        _write(folder / "0-setting.json", setting)
        names: list[str] = []
        for serial, (step, which, chosen) in enumerate(steps):
            activities = tuple(
                _spoilt(pool[i], i, f"{serial}-{pool[i].id}" if own_ids else pool[i].id)
                for i in chosen
                if i < len(pool)
            )
            part = Dataset(activities=activities, catalog=dataset.catalog)
            if step == "add" or not names:
                names.append(f"xa-{serial}.json")
                _write(folder / names[-1], part)
            elif step == "setting":
                variant = _setting_variant(setting, which, activities)
                _write(folder / "0-setting.json", variant)
            elif step == "change":
                _write(folder / names[which % len(names)], part)
            elif step == "rename":
                old = names.pop(which % len(names))
                names.append(f"moved-{serial}.json")
                (folder / old).rename(folder / names[-1])
            else:
                (folder / names.pop(which % len(names))).unlink()
            _same(folder, store, limit)


def _setting_variant(setting: Dataset, which: int, activities: tuple[Activity, ...]) -> Dataset:
    """The setting changed one way of several, chosen by ``which``."""
    if which == 0:
        return attrs.evolve(setting, teams=setting.teams[:-1])
    if which == 1:
        return attrs.evolve(setting, units=setting.units[:-1])
    if which == 2:
        return attrs.evolve(setting, members=(), memberships=())
    if which == 3:
        return attrs.evolve(setting, title=f"{setting.title} (sửa / revised)")
    if which == 4:
        return attrs.evolve(setting, activities=activities)  # a file of both
    return setting


def _spoilt(activity: Activity, index: int, new_id: str) -> Activity:
    if index % 3 == 1:
        return attrs.evolve(activity, id=new_id, participants=-1, households=-2)
    if index % 3 == 2:
        return attrs.evolve(activity, id=new_id, team="no-such-team")
    return attrs.evolve(activity, id=new_id)


def _province(folder: Path, communes: int = 4) -> None:
    """The sample's setting and its activities spread over one file per commune-sized share."""
    sample = danvan.sample()
    _write(folder / "0-setting.json", attrs.evolve(sample, activities=()))
    share = len(sample.activities) // communes + 1
    for c in range(communes):
        part = sample.activities[c * share : (c + 1) * share]
        _write(folder / f"xa-{c}.json", Dataset(activities=part, catalog=sample.catalog))


def test_unchanged_files_come_from_the_store_and_a_renamed_file_too(tmp_path: Path) -> None:
    folder, store = tmp_path / "data", tmp_path / "store"
    folder.mkdir()
    _province(folder)
    first = _same(folder, store)
    assert (first.files, first.stored) == (5, 0)
    again = _same(folder, store)
    assert again.stored == 5  # the four files of activities and the setting's own
    (folder / "xa-2.json").rename(folder / "xb-2.json")
    assert _same(folder, store).stored == 5
    (folder / "xa-1.json").unlink()
    after = _same(folder, store)
    assert (after.files, after.stored) == (4, 4)


def test_a_changed_file_costs_only_itself(tmp_path: Path) -> None:
    folder, store = tmp_path / "data", tmp_path / "store"
    folder.mkdir()
    _province(folder)
    _same(folder, store)
    changed = danvan.dataset_from_json((folder / "xa-3.json").read_bytes())
    _write(folder / "xa-3.json", attrs.evolve(changed, activities=changed.activities[:5]))
    assert _same(folder, store).stored == 4


def test_an_id_in_two_files_is_found_as_the_cold_run_finds_it(tmp_path: Path) -> None:
    """Keys shared by files are checked by reading the folder: the duplicate is reported."""
    folder, store = tmp_path / "data", tmp_path / "store"
    folder.mkdir()
    _province(folder)
    sample = danvan.sample()
    _write(folder / "xz.json", Dataset(activities=sample.activities[:1], catalog=sample.catalog))
    result = _same(folder, store)
    assert codes.DUPLICATE_ID.id in result.report.codes


def test_without_a_store_nothing_is_written(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    _province(folder, communes=2)
    result = danvan.report_folder(folder, PERIOD, cache=Store(tmp_path / "store"))
    assert Store(tmp_path / "store").entries()
    cold = danvan.report_folder(folder, PERIOD, cache=False)
    assert cold.summary == result.summary
    assert cold.stored == 0


def test_findings_of_each_file_come_from_the_store_cut_as_validate_cuts_them(
    tmp_path: Path,
) -> None:
    """Negative counts in every file: the warm run lists the first of them and counts the
    rest (DV628) exactly as the cold run does, from the store."""
    folder, store = tmp_path / "data", tmp_path / "store"
    folder.mkdir()
    _province(folder)
    for name in ("xa-1.json", "xa-3.json"):
        part = danvan.dataset_from_json((folder / name).read_bytes())
        spoilt = [_spoilt(a, 1, a.id) for a in part.activities]
        _write(folder / name, attrs.evolve(part, activities=tuple(spoilt)))
    _same(folder, store, limit=3)
    warm = _same(folder, store, limit=3)
    assert warm.stored == 5
    assert codes.NEGATIVE_COUNT.id in warm.report.codes
    assert codes.MORE_FINDINGS.id in warm.report.codes


def test_an_entry_of_another_shape_is_not_trusted(tmp_path: Path) -> None:
    """An entry whose header and checksum hold but whose payload is not what was written
    (made by hand, say) does not change the result: the folder is read again."""
    import orjson

    folder, store = tmp_path / "data", tmp_path / "store"
    folder.mkdir()
    _province(folder)
    _same(folder, store)
    shelf = Store(store)
    for path in shelf.entries():
        key = orjson.loads(path.read_bytes().split(b"\n", 1)[0])["key"]
        shelf.put(key, {"findings": "nonsense", "partial": [1, 2], "keys": None})
    assert _same(folder, store).stored == 0


def test_a_run_keeps_the_store_under_its_size(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    _province(folder)
    small = Store(tmp_path / "store", max_bytes=20_000)
    result = danvan.report_folder(folder, PERIOD, cache=small)
    assert sum(path.stat().st_size for path in small.entries()) <= 20_000
    assert result.summary == danvan.report_folder(folder, PERIOD, cache=False).summary


def test_an_unchanged_setting_comes_from_the_store_and_a_changed_one_is_read(
    tmp_path: Path,
) -> None:
    """The setting's own file is kept like any other: a new team in it reads it again and
    sums every file again (their sums were made with the old setting)."""
    folder, store = tmp_path / "data", tmp_path / "store"
    folder.mkdir()
    _province(folder)
    _same(folder, store)
    setting = danvan.dataset_from_json((folder / "0-setting.json").read_bytes())
    grown = attrs.evolve(setting, teams=setting.teams[1:])
    _write(folder / "0-setting.json", grown)
    assert _same(folder, store).stored == 0
    assert _same(folder, store).stored == 5


def test_stored_setting_records_that_do_not_fit_the_model_are_not_trusted(
    tmp_path: Path,
) -> None:
    """A read entry whose setting records were changed by hand (checksum made again) is
    refused when loaded: the setting's file is read again, the result unchanged."""
    import orjson

    folder, store = tmp_path / "data", tmp_path / "store"
    folder.mkdir()
    _province(folder)
    _same(folder, store)
    shelf = Store(store)
    for path in shelf.entries():
        head, body = path.read_bytes().split(b"\n", 1)
        payload = orjson.loads(body)
        if isinstance(payload, dict) and payload.get("setting"):
            payload["setting"]["teams"] = [{"id": 7}]
            shelf.put(orjson.loads(head)["key"], payload)
    assert _same(folder, store).stored == 4  # the setting's file read and checked again
    assert _same(folder, store).stored == 5


def test_a_changed_file_that_repeats_an_unchanged_files_id_is_found(tmp_path: Path) -> None:
    """The files found apart on the run before are not compared again, but a changed file
    is compared with every one of them."""
    folder, store = tmp_path / "data", tmp_path / "store"
    folder.mkdir()
    _province(folder)
    _same(folder, store)
    _same(folder, store)
    one = danvan.dataset_from_json((folder / "xa-1.json").read_bytes())
    three = danvan.dataset_from_json((folder / "xa-3.json").read_bytes())
    repeated = (*three.activities, attrs.evolve(one.activities[0], title="Lặp lại / again"))
    _write(folder / "xa-3.json", attrs.evolve(three, activities=repeated))
    assert codes.DUPLICATE_ID.id in _same(folder, store).report.codes
