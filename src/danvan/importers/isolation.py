"""Running a reader in native code in a worker process, where its crash cannot end the run.

A reader written in Rust or C (python-calamine for XLSX) can abort the whole
process on a hostile file, or allocate without bound. ``Isolated`` runs it in
a child process with a memory limit (``RLIMIT_AS``, set in the child only)
and a timeout; an abort, a kill, running out of memory or of time becomes a
DV627 finding for that file, and the run goes on with the others.

The child is forked when the calling process has a single thread: forking is
cheap (the file's bytes and the loaded modules are shared, nothing is sent)
and, with no other thread, no lock can be held across the fork. With other
threads running (a caller's), the child is a fresh interpreter running the
reader's script (``python -P script MEMORY …``; ``-P`` keeps the script's
folder, where ``csv.py`` and ``json.py`` live, off the path), which imports
nothing of danvan: no lock is copied, and unlike multiprocessing's
``forkserver`` or ``spawn`` it never re-imports the caller's ``__main__``, so
a script without a ``__main__`` guard still works.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any, Generic, TypeVar

from danvan.findings import codes
from danvan.importers.base import UnreadableFileError
from danvan.importers.calamine_worker import FAILED, NO_MEMORY, TOO_LARGE, outcome, quiet
from danvan.importers.limits import ReadLimits, refuse

T = TypeVar("T")


def start_method() -> str:
    """``fork`` in a process with one thread where fork exists, else ``script``."""
    forks = "fork" in multiprocessing.get_all_start_methods()
    return "fork" if forks and threading.active_count() == 1 else "script"


def _work(function: Callable[[bytes], Any], data: bytes, memory: int, sender: Connection) -> None:
    """The forked child: send back the pickled outcome and leave at once."""
    quiet()
    sender.send_bytes(outcome(function, data, memory))
    sender.close()
    os._exit(0)  # without taking apart what was read object by object


def _death(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        return f"trình đọc dừng đột ngột / the reader died ({name})"
    return f"trình đọc dừng đột ngột / the reader died (exit code {exitcode})"


class Isolated(Generic[T]):
    """``function(data)`` running in a worker process: ``result`` waits for it, ``stop`` ends it.

    ``script`` is the same reader as a script (see ``calamine_worker.main``),
    for when the worker cannot be forked, given the memory limit and
    ``arguments``. Started before the caller's own
    checks of the same input (the zip pre-scan), so that both run at once on
    two cores; a caller that refuses the input meanwhile stops the worker.
    """

    def __init__(
        self,
        function: Callable[[bytes], T],
        data: bytes,
        limits: ReadLimits,
        script: Path,
        arguments: Sequence[str] = (),
    ) -> None:
        self.limits = limits
        self._deadline = time.monotonic() + limits.worker_timeout
        self._process: BaseProcess | None = None
        self._popen: subprocess.Popen[bytes] | None = None
        self._receiver: Connection | None = None
        self._data = data
        if start_method() == "fork":
            context: Any = multiprocessing.get_context("fork")
            self._receiver, sender = context.Pipe(duplex=False)
            self._process = context.Process(
                target=_work, args=(function, data, limits.worker_memory, sender), daemon=True
            )
            self._process.start()
            sender.close()
        else:
            self._popen = subprocess.Popen(
                [sys.executable, "-P", str(script), str(limits.worker_memory), *arguments],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )

    def _payload(self, source: str) -> bytes:
        """The worker's pickled outcome; a DV627 ``RefusedFileError`` if it died or overran."""
        timeout = max(0.0, self._deadline - time.monotonic())
        out_of_time = refuse(
            codes.READER_FAILED,
            source,
            detail=f"quá thời gian / out of time ({self.limits.worker_timeout:g} s, "
            "worker_timeout)",
        )
        if self._popen is not None:
            try:
                payload, _ = self._popen.communicate(self._data, timeout=timeout)
            except subprocess.TimeoutExpired:
                raise out_of_time from None
            if self._popen.returncode != 0:
                raise refuse(codes.READER_FAILED, source, detail=_death(self._popen.returncode))
            return payload
        assert self._receiver is not None
        assert self._process is not None
        if not self._receiver.poll(timeout):
            raise out_of_time
        try:
            return self._receiver.recv_bytes()
        except EOFError:
            self._process.join()
            raise refuse(
                codes.READER_FAILED, source, detail=_death(self._process.exitcode)
            ) from None

    def result(self, source: str) -> T:
        """What the call returned; ``UnreadableFileError`` with the message of what it raised."""
        try:
            payload = self._payload(source)
        finally:
            self.stop()
        status, value = pickle.loads(payload)
        if status == NO_MEMORY:
            raise refuse(
                codes.READER_FAILED,
                source,
                detail=f"hết bộ nhớ cho phép / out of memory ({self.limits.worker_memory} "
                "bytes, worker_memory)",
            )
        if status == FAILED:
            raise UnreadableFileError(value)
        if status == TOO_LARGE:
            what, count, limit, setting = value
            raise refuse(
                codes.SHEET_TOO_LARGE, source, what=what, value=count, limit=limit, setting=setting
            )
        result: T = value
        return result

    def stop(self) -> None:
        """End the worker (if still running) and free what it holds; safe to call twice."""
        if self._popen is not None:
            if self._popen.poll() is None:
                self._popen.kill()
            self._popen.communicate()
            self._popen = None
        if self._process is not None and self._receiver is not None:
            self._receiver.close()
            if self._process.is_alive():
                self._process.kill()
            self._process.join()
            self._process.close()
            self._process = None


def run_isolated(
    function: Callable[[bytes], T],
    data: bytes,
    source: str,
    limits: ReadLimits,
    script: Path,
    arguments: Sequence[str] = (),
) -> T:
    """``function(data)`` in a worker process under ``limits.worker_memory`` and ``_timeout``.

    Returns what it returns; ``UnreadableFileError`` with the message of what
    it raises. A worker that dies, runs out of memory or of time raises
    ``RefusedFileError`` with a DV627 finding. ``function`` must be a
    module-level function; ``script`` runs it when the worker cannot be forked.
    """
    return Isolated(function, data, limits, script, arguments).result(source)
