"""Writing a command's output: one Error line for any failure, signals that stop cleanly."""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from types import FrameType
from typing import IO, Any

import attrs
import click

import danvan
from danvan.cli._common import STDOUT, echo_summary, progress_bar
from danvan.cli._console import UsageProblem, one_line
from danvan.exporters.base import ExportError
from danvan.exporting import find_exporter
from danvan.plugins.provided import available_exporters
from danvan.redact import Redaction
from danvan.tables import Bundle, Row, Table


def _ticking(table: Table, tick: Callable[[int], None]) -> Table:
    """``table``, ticking the progress bar once its last row has been read."""

    def rows() -> Iterator[Row]:
        yield from table.iter_rows()
        tick(1)

    return attrs.evolve(table, rows=rows)


class _Stopped(BaseException):
    """A signal arrived while writing: unwinds like KeyboardInterrupt so cleanup runs."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


@contextlib.contextmanager
def _signals_stop_the_write() -> Iterator[None]:
    """While writing: SIGTERM, SIGINT and SIGHUP raise ``_Stopped`` once; SIGXFSZ is ignored.

    Raising lets every ``finally`` remove its temporary files; ignoring SIGXFSZ turns
    a file size limit into an EFBIG error instead of a killed process. Signals a
    parent set to be ignored (``nohup``) stay ignored; the handlers are put back after.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    fired = False

    def stop(signum: int, _frame: FrameType | None) -> None:
        nonlocal fired
        if not fired:  # a second signal must not cut the cleanup of the first
            fired = True
            raise _Stopped(signum)

    previous: dict[int, Any] = {}
    for name in ("SIGTERM", "SIGINT", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is not None and signal.getsignal(number) is not signal.SIG_IGN:
            previous[number] = signal.signal(number, stop)
    if hasattr(signal, "SIGXFSZ"):
        previous[signal.SIGXFSZ] = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


_WHY = {
    errno.ENOSPC: "hết chỗ trên đĩa / disk full",
    errno.EDQUOT: "hết hạn mức đĩa / disk quota exceeded",
    errno.EFBIG: "tệp vượt giới hạn kích thước / file size limit reached",
    errno.EACCES: "không có quyền ghi / permission denied",
    errno.EPERM: "không có quyền ghi / permission denied",
    errno.EROFS: "ổ đĩa chỉ đọc / read-only file system",
    errno.ENOENT: "không có thư mục / no such folder",
    errno.ENOTDIR: "không có thư mục / no such folder",
    errno.EPIPE: "đầu ra đã đóng / the reader closed the output (broken pipe)",
    errno.EBADF: "đầu ra đã đóng / the output is closed",
}


def _os_error(error: BaseException) -> OSError | None:
    """The OSError behind ``error`` (XlsxWriter wraps it in its own exception), if any."""
    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, OSError):
            return seen
        seen = seen.__cause__ or seen.__context__
    return None


def _silence_stdout() -> None:
    """Point stdout at the null device: its reader has gone, so flushing at exit says nothing."""
    with contextlib.suppress(OSError, ValueError):
        fileno = sys.stdout.fileno()
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, fileno)
        os.close(null)


def _is_an_input(output: str, inputs: Sequence[str]) -> bool:
    for path in inputs:
        with contextlib.suppress(OSError):
            if os.path.samefile(path, output):
                return True
    return False


def _plugin_format(output: str, fmt: str | None) -> str | None:
    """The name of the exporter an output goes through when a plugin provides it, else None.

    Why: a plugin exporter that raises (``SystemExit`` included) is a failed
    write, one ``Error:`` line; a built-in one that raises is a bug, whose
    traceback must stay visible.
    """
    try:
        exporter = find_exporter(available_exporters(), fmt, None if output == STDOUT else output)
    except ExportError:
        return None
    module = getattr(exporter.write, "__module__", None) or ""
    return None if module == "danvan" or module.startswith("danvan.") else exporter.name


@attrs.frozen
class Target:
    """Where and how a command writes: the output options ``report``, ``export`` and
    ``sample`` share, gathered once so that all of them write by one road."""

    output: str
    fmt: str | None
    lang: str
    table: str | None = None
    redact: Redaction | None = None
    overwrite: bool = False
    inputs: tuple[str, ...] = ()
    #: The format's own options (``report --form``, ``--settings``), beside ``table``.
    options: Mapping[str, Any] | None = None


def write_summarised(
    bundle: Bundle, target: Target, dataset: danvan.Dataset, found: danvan.ValidationReport
) -> None:
    """Write ``bundle``, then the summary of the datasets it came from (``report``, ``export``)."""
    write_output(bundle, target)
    echo_summary(dataset, found, target.output)


def write_output(bundle: Bundle, target: Target) -> str:
    """Write ``bundle`` to ``target.output`` (``-`` for stdout); return the format used.

    Any failure is one ``Error:`` line and exit status 2 (128 + n for signal n),
    with nothing partial left at the output. An output that is one of the
    ``inputs`` is refused unless ``overwrite``: it would replace the original.
    """
    output, fmt, table, overwrite = target.output, target.fmt, target.table, target.overwrite
    destination: str | IO[bytes] = output
    where = "stdout" if output == STDOUT else output
    if output != STDOUT and not overwrite and _is_an_input(output, target.inputs):
        raise UsageProblem(
            f"Tệp kết quả là tệp đầu vào / the output {output} is one of the inputs; "
            "nothing was written (--overwrite to replace it)"
        )
    if output == STDOUT:
        if fmt is None:
            raise UsageProblem(
                "Ghi ra stdout cần --format / writing to stdout (-o -) needs --format"
            )
        if sys.stdout is None or not hasattr(sys.stdout, "buffer"):
            raise UsageProblem("Đầu ra chuẩn đã đóng / standard output is closed (-o -)")
        destination = sys.stdout.buffer
    bar: AbstractContextManager[Any] = progress_bar("Ghi / writing", len(bundle.tables))
    try:
        with _signals_stop_the_write(), bar as progress:
            if progress is not None:
                tables = tuple(_ticking(t, progress.update) for t in bundle.tables)
                bundle = attrs.evolve(bundle, tables=tables)
            options = {**(target.options or {}), **({"table": table} if table else {})} or None
            exporter = danvan.export(
                bundle,
                destination,
                fmt,
                lang=target.lang,
                options=options,
                redact=target.redact,
                overwrite=overwrite,
            )
            if output == STDOUT:
                sys.stdout.buffer.flush()
    except ExportError as error:
        raise UsageProblem(one_line(error)) from None
    except _Stopped as stop:
        if output == STDOUT:
            _silence_stdout()
        left = (
            "những gì đã ra stdout là dở dang / what reached stdout is incomplete"
            if output == STDOUT
            else f"không ghi gì / nothing was written to {where}"
        )
        name = signal.Signals(stop.signum).name
        click.echo(f"Error: Đã dừng / stopped by {name}; {left}", err=True)
        sys.exit(128 + stop.signum)
    except (Exception, SystemExit) as error:
        cause = _os_error(error) if isinstance(error, Exception) else None
        if cause is None:
            plugin = _plugin_format(output, fmt)
            if plugin is None:
                raise
            if output == STDOUT:
                _silence_stdout()
            raise UsageProblem(
                f"Định dạng / format {plugin!r} (plugin) lỗi khi ghi / failed while writing: "
                f"{type(error).__name__}: {error}; không ghi gì / nothing was written to {where}"
            ) from None
        if output == STDOUT:
            _silence_stdout()
        why = _WHY.get(cause.errno or 0, "lỗi ghi / write error")
        kept = "" if output == STDOUT else "; tệp cũ giữ nguyên / anything there is unchanged"
        raise UsageProblem(
            f"Không ghi được / cannot write {where}: {why} ({cause.strerror or cause}){kept}"
        ) from None
    return exporter.name
