"""The store's entries: found by key, checked when read (a damaged, cut, foreign or
mismatched entry is rebuilt, never trusted), written whole, and kept under a size."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest

from danvan.plugins.provided import registered_rules
from danvan.store import KNOWN_RULES, Store, default_location

KEY = {"entry": "read", "sha256": "ab" * 32}
PAYLOAD = {"findings": [], "mode": "document", "title": "Xã Nậm Tin"}


def test_an_entry_comes_back_as_it_was_stored(tmp_path: Path) -> None:
    store = Store(tmp_path)
    assert store.get(KEY) is None
    store.put(KEY, PAYLOAD)
    assert store.get(KEY) == PAYLOAD
    assert store.get({**KEY, "sha256": "cd" * 32}) is None


def test_nothing_but_the_entry_is_left_after_a_write(tmp_path: Path) -> None:
    Store(tmp_path).put(KEY, PAYLOAD)
    assert [p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file()] == [
        Store(tmp_path).path_of(KEY).relative_to(tmp_path)
    ]


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        (lambda data: data[:-3], "cut short"),
        (lambda data: data.replace(b"document", b"dokument"), "checksum"),
        (lambda data: b'{"format": "other"}\n' + data, "not a danvan store entry"),
        (lambda data: data.replace(b'"version":1', b'"version":99'), "format version"),
        (lambda data: data.replace(b"ab" * 32, b"ef" * 32, 1), "another key"),
        (lambda data: b"\x80\x04\x95" + data, "damaged header"),
        (lambda data: data.replace(b"\n", b""), "header"),
    ],
)
def test_a_damaged_or_foreign_entry_is_rebuilt_and_the_rebuild_logged(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, damage: object, reason: str
) -> None:
    store = Store(tmp_path)
    store.put(KEY, PAYLOAD)
    path = store.path_of(KEY)
    path.write_bytes(damage(path.read_bytes()))  # type: ignore[operator]
    with caplog.at_level(logging.INFO, logger="danvan.store"):
        assert store.get(KEY) is None
    assert reason in caplog.text
    assert "rebuilt" in caplog.text
    assert not path.exists()  # dropped: the next write makes it afresh
    store.put(KEY, PAYLOAD)
    assert store.get(KEY) == PAYLOAD


def test_the_store_drops_the_entries_used_longest_ago_when_full(tmp_path: Path) -> None:
    store = Store(tmp_path, max_bytes=10_000)
    big = {"findings": ["x" * 1_000] * 3}
    for n in range(3):
        store.put({"n": n}, big)
        os.utime(store.path_of({"n": n}), ns=(n * 10**9, n * 10**9))
    store.get({"n": 0})  # used now: kept
    store.put({"n": 3}, big)
    assert store.get({"n": 0}) == big
    assert store.get({"n": 3}) == big
    assert store.get({"n": 1}) is None
    assert sum(p.stat().st_size for p in store.entries()) <= 10_000


def test_the_default_place_is_the_users_cache_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    if default_location().parent == tmp_path:  # Linux and the BSDs
        assert default_location() == tmp_path / "danvan"
        assert Store().location == tmp_path / "danvan"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/path")  # ignored, as the spec says
    assert default_location().is_absolute()


def test_an_entry_holds_no_pickle_only_a_header_line_and_json(tmp_path: Path) -> None:
    store = Store(tmp_path)
    store.put(KEY, PAYLOAD)
    header, body = store.path_of(KEY).read_bytes().split(b"\n", 1)
    assert header.startswith(b"{")
    assert b'"format":"danvan-store"' in header
    assert body.startswith(b"{")


def test_digests_met_in_two_files_are_found_without_a_set_of_them_all() -> None:
    import random

    from danvan.store._codec import packed, shared, unpacked

    rng = random.Random(18)
    parts = [{rng.getrandbits(63) for _ in range(2_000)} for _ in range(5)]
    words = [unpacked(packed(part)) for part in parts]
    assert [list(w) for w in words] == [sorted(part) for part in parts]
    assert not shared(words)
    meeting = next(iter(parts[1]))
    words[3] = unpacked(packed(parts[3] | {meeting}))
    assert shared(words)
    assert not shared([])


def test_the_store_folder_is_the_users_alone(tmp_path: Path) -> None:
    store = Store(tmp_path / "cache" / "danvan")
    store.put(KEY, PAYLOAD)
    if os.name == "posix":
        assert (store.location.stat().st_mode & 0o777) == 0o700


def test_the_split_of_the_checks_knows_every_built_in_rule() -> None:
    # A built-in rule the split does not know sends every folder down the cold road.
    names = {rule.name for rule in registered_rules()}
    assert names - KNOWN_RULES == set()
