"""Atomic output: files and folders are made beside their target and moved into place.

Why: a report replaced every month must never be left half-written, and an export must
never delete what danvan did not write. Everything temporary of one write lives in one
staging folder beside the target, ``.<target name>.danvan-<pid>-<host>-<random>.tmp``,
removed on every path Python runs; after a SIGKILL or a power cut, the next write to the
same place removes the staging folders of this host whose process is gone.

A folder danvan writes holds a marker, ``.danvan-output.json``, listing the files it
wrote. Writing into a folder again replaces those files only (files people added stay);
a folder without the marker is refused unless the caller says ``overwrite=True``.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import io
import json
import os
import re
import shutil
import socket
import stat
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path, PurePosixPath
from typing import IO, NoReturn

from danvan.exporters.base import ExportError

#: The marker a folder written by danvan holds: the files danvan owns there.
MARKER = ".danvan-output.json"
#: A marker larger than this is not danvan's (it is read before anything is replaced).
MARKER_LIMIT = 1 << 20
_STAGING = re.compile(
    r"\.(?P<label>.{0,40})\.danvan-(?P<pid>[0-9]+)-(?P<host>[0-9a-f]{8})-[a-z0-9_]+\.tmp\Z", re.S
)
#: Label of the staging folder made inside an existing folder that is being written into.
_INSIDE = "output"


def _refuse(message: str) -> NoReturn:
    raise ExportError(message)


def _host() -> str:
    return hashlib.blake2s(socket.gethostname().encode(), digest_size=4).hexdigest()


def _process_gone(pid: int) -> bool:
    """Whether ``pid`` is no process on this host (never guessed where signals differ)."""
    if os.name != "posix" or pid <= 1 or pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:  # alive, someone else's
        return False
    return False


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        with contextlib.suppress(OSError):
            path.unlink()


def clean_stale(folder: Path, label: str) -> list[str]:
    """Remove this host's staging leftovers for ``label`` in ``folder`` whose process is gone.

    Returns the names removed. Leftovers of live processes, of other hosts (a shared
    network folder) and anything not named like a staging folder are left alone.
    """
    host, removed = _host(), []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    for entry in entries:
        found = _STAGING.match(entry.name)
        if (
            found
            and found["label"] == label[:40]
            and found["host"] == host
            and _process_gone(int(found["pid"]))
        ):
            _remove(Path(entry.path))
            removed.append(entry.name)
    return removed


@contextlib.contextmanager
def staging(folder: Path, label: str) -> Iterator[Path]:
    """A fresh staging folder in ``folder`` named after ``label`` and this process; removed after.

    Stale leftovers of the same label are removed first (see ``clean_stale``).
    """
    clean_stale(folder, label)
    prefix = f".{label[:40]}.danvan-{os.getpid()}-{_host()}-"
    root = Path(tempfile.mkdtemp(dir=folder, prefix=prefix, suffix=".tmp"))
    try:
        yield root
    finally:
        _remove(root)


@contextlib.contextmanager
def scratch_folder() -> Iterator[Path]:
    """A folder for an exporter's temporary files when it writes to a stream (no target)."""
    with staging(Path(tempfile.gettempdir()), "stream") as root:
        yield root


class _Output(io.BufferedWriter):
    """The temporary file an exporter writes into (a plain buffered file, see ``_abandon``)."""


def _abandon(stream: _Output) -> None:
    """Close a failed write's file so that anything still holding it writes into nothing.

    A writer the exporter left open (XlsxWriter's zip after a failed ``close``) still
    writes its end when it is collected, maybe after the file was closed: that would
    print an "Exception ignored" traceback under the one error line.
    """

    def nothing(*_args: object) -> int:
        return 0

    for name in ("write", "writelines", "seek", "tell", "flush", "truncate", "close"):
        setattr(stream, name, nothing)
    with contextlib.suppress(OSError, ValueError):
        stream.raw.close()


@contextlib.contextmanager
def staged_file(path: str | os.PathLike[str]) -> Iterator[tuple[IO[bytes], Path]]:
    """The one road of ``atomic_write``: a stream and a scratch folder, both beside ``path``.

    ``path`` is followed through symbolic links (the link keeps pointing at the report).
    An existing file is replaced (atomically, keeping its mode); a folder or a device
    at ``path`` is refused before anything is written.
    """
    target = Path(os.path.realpath(path))
    mode: int | None = None  # a new file: the umask decides, as for any file made
    try:
        info = target.stat()
    except FileNotFoundError:
        pass
    else:
        if stat.S_ISDIR(info.st_mode):
            _refuse(f"Là một thư mục / is a folder, not a file: {target}")
        if not stat.S_ISREG(info.st_mode):
            _refuse(f"Không phải tệp thường / not a regular file: {target} (use -o - for stdout)")
        mode = stat.S_IMODE(info.st_mode)
    with staging(target.parent, target.name) as root:
        scratch, tmp = root / "scratch", root / "output"
        scratch.mkdir()
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666 if mode is None else 0o600)
        stream = _Output(io.FileIO(fd, "wb"))
        try:
            yield stream, scratch
            stream.flush()
            os.fsync(stream.fileno())
        except BaseException:
            _abandon(stream)
            raise
        stream.close()
        if mode is not None:
            tmp.chmod(mode)
        tmp.replace(target)


def _valid_name(name: object) -> bool:
    if not isinstance(name, str) or not name or "\0" in name or "\\" in name:
        return False
    pure = PurePosixPath(name)
    return (
        not pure.is_absolute()
        and str(pure) == name
        and all(part not in ("", ".", "..") for part in pure.parts)
        and name != MARKER
        and not _STAGING.match(pure.parts[0])
    )


def read_marker(folder: Path) -> frozenset[str] | None:
    """The files danvan owns in ``folder`` by its marker; None when the marker is missing or bad.

    The marker is read as hostile input: a name reaching out of the folder makes it bad.
    """
    try:
        with (folder / MARKER).open("rb") as file:
            raw = file.read(MARKER_LIMIT + 1)
        data = json.loads(raw) if len(raw) <= MARKER_LIMIT else None
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("written_by") != "danvan":
        return None
    files = data.get("files")
    if not isinstance(files, list) or not all(_valid_name(name) for name in files):
        return None
    return frozenset(files)


def _write_marker(folder: Path, files: Iterable[str], root: Path) -> None:
    data = {
        "written_by": "danvan",
        "note": "Tệp danvan đã ghi; danvan chỉ thay các tệp này / "
        "the files danvan wrote here; danvan replaces only these",
        "files": sorted(files),
    }
    tmp = root / MARKER
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    tmp.replace(folder / MARKER)


def _written(folder: Path) -> list[str]:
    names = []
    for top, dirs, files in os.walk(folder):
        base = PurePosixPath(Path(top).relative_to(folder).as_posix())
        links = [d for d in dirs if os.path.islink(os.path.join(top, d))]
        names += [str(base / name) if str(base) != "." else name for name in files + links]
    if MARKER in names:
        _refuse(f"Tên tệp dành riêng / the file name {MARKER} is danvan's own")
    return sorted(names)


def _plain_parents(folder: Path, name: str) -> bool:
    """Whether every folder on the way to ``name`` inside ``folder`` is a real folder (or none)."""
    current = folder
    for part in PurePosixPath(name).parts[:-1]:
        current = current / part
        try:
            if not stat.S_ISDIR(current.lstat().st_mode):
                return False
        except FileNotFoundError:
            return True
    return True


def _lexists(path: Path) -> bool:
    return os.path.lexists(path)


def _owned(target: Path, overwrite: bool) -> frozenset[str]:
    owned = read_marker(target)
    if owned is not None:
        return owned
    others = sorted(e.name for e in os.scandir(target) if not _STAGING.match(e.name))
    if others and not overwrite:
        shown = ", ".join(others[:3]) + (f" … {len(others)}" if len(others) > 3 else "")
        _refuse(
            f"Thư mục đã có tệp không do danvan ghi, không ghi gì / the folder {target} holds "
            f"files danvan did not write ({shown}); nothing was "
            "written. Choose a new folder, or give --overwrite (overwrite=True) to write "
            "danvan's files into it (its other files stay)"
        )
    return frozenset()


def _remove_owned(target: Path, name: str) -> bool:
    """Remove a file danvan owns and the folders it leaves empty; False when it must stay."""
    path = target / name
    if not _plain_parents(target, name):
        return True
    try:
        if stat.S_ISDIR(path.lstat().st_mode):
            return True
        path.unlink()
    except FileNotFoundError:
        return True
    except OSError:
        return False
    for parent in path.relative_to(target).parents[:-1]:
        try:
            (target / parent).rmdir()
        except OSError:
            break
    return True


def _keep_aside(path: Path, backup: Path) -> Path | None:
    """A hard link to (or else a copy of) ``path``, to put it back if the commit fails.

    None when neither works: that file alone cannot be put back.
    """
    try:
        backup.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(path, backup, follow_symlinks=False)
        except (OSError, NotImplementedError):  # FAT and exFAT sticks have no hard links
            shutil.copy2(path, backup, follow_symlinks=False)
    except OSError:
        return None
    return backup


def _commit(target: Path, out: Path, root: Path, owned: frozenset[str], overwrite: bool) -> None:
    """Move the files in ``out`` into ``target``, undoing every move if one fails."""
    new = _written(out)
    theirs = [n for n in new if n not in owned and _lexists(target / n)]
    if theirs and not overwrite:
        _refuse(
            f"Sẽ ghi đè tệp không do danvan ghi / would replace files danvan did not write in "
            f"{target}: {', '.join(theirs[:5])}; nothing was written (--overwrite to replace)"
        )
    for name in new:
        dest = target / name
        if not _plain_parents(target, name) or (dest.is_dir() and not dest.is_symlink()):
            _refuse(f"Có thư mục cản đường / a folder is in the way: {dest}")
    try:
        previous: bytes | None = (target / MARKER).read_bytes()
    except FileNotFoundError:
        previous = None
    _write_marker(target, owned | set(new), root)
    moved: list[tuple[str, Path | None, bool]] = []
    try:
        for name in new:
            dest = target / name
            existed = _lexists(dest)
            saved = _keep_aside(dest, root / "previous" / name) if existed else None
            if not existed:
                dest.parent.mkdir(parents=True, exist_ok=True)
            moved.append((name, saved, existed))
            os.replace(out / name, dest)
    except BaseException:
        for name, saved, existed in reversed(moved):
            with contextlib.suppress(OSError):
                if saved is not None:
                    os.replace(saved, target / name)
                elif not existed:
                    (target / name).unlink()
        with contextlib.suppress(OSError):
            if previous is None:
                (target / MARKER).unlink()
            else:
                (root / MARKER).write_bytes(previous)
                (root / MARKER).replace(target / MARKER)
        raise
    kept = set(new) | {n for n in owned - set(new) if not _remove_owned(target, n)}
    _write_marker(target, kept, root)


@contextlib.contextmanager
def staged_folder(
    path: str | os.PathLike[str], *, overwrite: bool = False
) -> Iterator[tuple[Path, Path]]:
    """The one road of ``atomic_folder``: a folder to fill and a scratch folder.

    A new folder is made beside ``path`` and renamed into place. An existing folder is
    written into in place (it keeps its identity: a shell inside it, its permissions):
    the files of its marker are replaced or removed, files people added stay, and a file
    of the same name that danvan did not write, or a folder without a marker that is not
    empty, is refused unless ``overwrite``.
    """
    target = Path(os.path.realpath(path))
    if _lexists(target) and not target.is_dir():
        _refuse(f"Không phải thư mục / not a folder: {target}")
    if not target.exists():
        with staging(target.parent, target.name) as root:
            out, scratch = root / "output", root / "scratch"
            out.mkdir()  # the umask decides its mode, as for any folder made
            scratch.mkdir()
            yield out, scratch
            _write_marker(out, _written(out), root)
            try:
                out.rename(target)
            except OSError as error:
                if error.errno in (errno.EEXIST, errno.ENOTEMPTY):
                    _refuse(f"Thư mục vừa xuất hiện / a folder appeared meanwhile: {target}")
                raise
        return
    owned = _owned(target, overwrite)
    with staging(target, _INSIDE) as root:
        out, scratch = root / "output", root / "scratch"
        out.mkdir()
        scratch.mkdir()
        yield out, scratch
        _commit(target, out, root, owned, overwrite)
