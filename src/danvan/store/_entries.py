"""The store's entries: one file each, a header line then a JSON payload, checked when read.

Why this shape: an entry must never be trusted because it is there. Its first
line is a JSON header (the format's name and version, the key the entry was
written for, the payload's length and SHA-256); the payload follows, JSON
written by orjson. Nothing in an entry can run code when it is read: it is
parsed as JSON, never unpickled. An entry that is damaged, cut short, of
another format or version, or written for another key is not used: the caller
rebuilds it, and the rebuild is logged (``danvan.store``, level INFO) with the
reason. Entries are written atomically (``danvan.atomic.staged_file``) and the
store is kept under a size in bytes by dropping the entries used longest ago.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Final

import attrs
import orjson

from danvan.atomic import staged_file

log = logging.getLogger("danvan.store")

#: The name written in every entry's header: an entry without it is not danvan's.
FORMAT: Final = "danvan-store"
#: The entry layout's version: a change of layout changes it, and older entries are rebuilt.
VERSION: Final = 1
#: The store's size by default: 1 GiB, about 100 months of a province's files.
DEFAULT_MAX_BYTES: Final = 1 << 30
#: An entry's suffix; the store touches no other file.
SUFFIX: Final = ".dvs"
#: A header longer than this is not an entry's.
_HEADER_LIMIT: Final = 1 << 16


def default_location() -> Path:
    """The user's cache folder for danvan: ``$XDG_CACHE_HOME/danvan``, else ``~/.cache/danvan``
    (``%LOCALAPPDATA%\\danvan\\cache`` on Windows, ``~/Library/Caches/danvan`` on macOS)."""
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA")
        if base:
            return Path(base) / "danvan" / "cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "danvan"
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg and os.path.isabs(xdg):
        return Path(xdg) / "danvan"
    return Path.home() / ".cache" / "danvan"


def fingerprint(value: Any) -> str:
    """The SHA-256 of a JSON value in a canonical form (sorted keys): a key's or a setting's."""
    return hashlib.sha256(orjson.dumps(value, option=orjson.OPT_SORT_KEYS)).hexdigest()


@attrs.frozen
class Store:
    """A folder of entries, each found by its key (a JSON object), at most ``max_bytes`` in all.

    ``Store()`` is the user's cache folder (`default_location`); ``Store(path)`` any
    folder, for example one beside the data. The folder is made when first written.
    """

    location: Path = attrs.field(factory=default_location, converter=Path)
    max_bytes: int = DEFAULT_MAX_BYTES

    def path_of(self, key: Mapping[str, Any]) -> Path:
        """Where the entry of ``key`` lives: its key's fingerprint, sharded by two letters."""
        name = fingerprint(dict(key))
        return self.location / name[:2] / f"{name}{SUFFIX}"

    def get(self, key: Mapping[str, Any]) -> Any | None:
        """The payload stored for ``key``, or ``None``: none stored, or one not to be trusted
        (damaged, cut short, foreign, another version or key), which is logged and removed."""
        path = self.path_of(key)
        try:
            data = path.read_bytes()
        except (FileNotFoundError, NotADirectoryError):
            return None
        except OSError as error:
            log.info("store entry %s unreadable (%s): rebuilt", path.name, error)
            return None
        payload, problem = _open(data, dict(key))
        if problem is not None:
            log.info("store entry %s %s: rebuilt", path.name, problem)
            with contextlib.suppress(OSError):
                path.unlink()
            return None
        with contextlib.suppress(OSError):
            os.utime(path)  # used now: the last to be dropped when the store is full
        return payload

    def put(self, key: Mapping[str, Any], payload: Any, *, prune: bool = True) -> None:
        """Store ``payload`` (plain JSON values) for ``key``, atomically, then keep the store
        under its size (``prune=False``: the caller prunes once after many writes). A store
        that cannot be written is logged and left: the result stands."""
        body = orjson.dumps(payload)
        header = {
            "format": FORMAT,
            "version": VERSION,
            "key": dict(key),
            "length": len(body),
            "sha256": hashlib.sha256(body).hexdigest(),
        }
        path = self.path_of(key)
        try:
            # Only the user reads the store: findings may quote what the files hold.
            self.location.mkdir(parents=True, exist_ok=True, mode=0o700)
            path.parent.mkdir(exist_ok=True, mode=0o700)
            with staged_file(path) as (stream, _scratch):
                stream.write(orjson.dumps(header, option=orjson.OPT_SORT_KEYS) + b"\n")
                stream.write(body)
        except Exception as error:  # a cache that cannot be written costs time, never the result
            log.info("store entry %s not written (%s)", path.name, error)
            return
        if prune:
            self.prune()

    def entries(self) -> list[Path]:
        """The entries in the store (files of the store's own suffix, two levels down)."""
        if not self.location.is_dir():
            return []
        return sorted(self.location.glob(f"*/*{SUFFIX}"))

    def prune(self) -> int:
        """Drop the entries used longest ago until the store holds at most ``max_bytes``;
        returns how many were dropped."""
        sized = []
        for path in self.entries():
            with contextlib.suppress(OSError):
                info = path.stat()
                sized.append((info.st_mtime_ns, path.name, path, info.st_size))
        total = sum(size for *_rest, size in sized)
        dropped = 0
        for _used, _name, path, size in sorted(sized):
            if total <= self.max_bytes:
                break
            with contextlib.suppress(OSError):
                path.unlink()
                dropped += 1
            total -= size
        return dropped

    def clear(self) -> None:
        """Remove every entry (and nothing else)."""
        for path in self.entries():
            with contextlib.suppress(OSError):
                path.unlink()


def _open(data: bytes, key: dict[str, Any]) -> tuple[Any, str | None]:
    """The payload of an entry's bytes, or why it is not to be trusted."""
    end = data.find(b"\n", 0, _HEADER_LIMIT)
    if end < 0:
        return None, "has no header"
    try:
        header = orjson.loads(data[:end])
    except orjson.JSONDecodeError:
        return None, "has a damaged header"
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        return None, "is not a danvan store entry"
    if header.get("version") != VERSION:
        return None, f"is of format version {header.get('version')!r}, not {VERSION}"
    if header.get("key") != key:
        return None, "was written for another key"
    body = data[end + 1 :]
    if header.get("length") != len(body):
        return None, "is cut short or too long"
    if header.get("sha256") != hashlib.sha256(body).hexdigest():
        return None, "does not match its checksum"
    try:
        return orjson.loads(body), None
    except orjson.JSONDecodeError:
        return None, "holds damaged JSON"
