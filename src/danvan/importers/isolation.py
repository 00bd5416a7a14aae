"""Running a reader in native code in a worker process, where its crash cannot end the run.

A reader written in Rust or C (python-calamine for XLSX) can abort the whole
process on a hostile file, or allocate without bound. ``run_isolated`` runs it
in a child process with a memory limit (``RLIMIT_AS``, set in the child only)
and a timeout; an abort, a kill, running out of memory or of time becomes a
DV627 finding for that file, and the run goes on with the others.

The child is forked when the calling process has a single thread: forking is
cheap (the file's bytes and the loaded modules are shared, nothing is sent)
and, with no other thread, no lock can be held across the fork. With other
threads running, the child comes from a ``forkserver`` (or ``spawn`` where
there is none), which costs an interpreter start and sending the bytes.
"""

from __future__ import annotations

import faulthandler
import multiprocessing
import os
import pickle
import signal
import threading
import time
from collections.abc import Callable
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any, Generic, TypeVar

from danvan.importers.limits import ReadLimits, refuse
from danvan.rules import codes

T = TypeVar("T")

_OK, _FAILED, _NO_MEMORY = "ok", "failed", "memory"


def start_method() -> str:
    """``fork`` in a process with one thread, else ``forkserver`` or ``spawn``."""
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return "fork"
    return "forkserver" if "forkserver" in methods else "spawn"


def _limit_memory(extra: int) -> None:
    """Allow this (child) process ``extra`` bytes of address space beyond what it holds now."""
    try:
        import resource
    except ImportError:  # no rlimits on this platform: the timeout still holds
        return
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            held = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        held = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = held + extra
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _work(function: Callable[[bytes], Any], data: bytes, memory: int, sender: Connection) -> None:
    """The child: limit memory, read, send back ``(status, value)`` pickled.

    Its standard error goes nowhere: a native reader that aborts prints a
    backtrace there, and the finding already says what happened.
    """
    _quiet()
    try:
        _limit_memory(memory)
        result: tuple[str, Any] = (_OK, function(data))
    except MemoryError:
        result = (_NO_MEMORY, None)
    except Exception as error:
        result = (_FAILED, error if _picklable(error) else Exception(str(error)))
    try:
        payload = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
    except MemoryError:
        payload = pickle.dumps((_NO_MEMORY, None))
    sender.send_bytes(payload)
    sender.close()
    # Done: leave at once, without taking apart what was read object by object.
    os._exit(0)


def _quiet() -> None:
    # In the child only: an abort's traceback dump would land in the caller's stderr.
    faulthandler.disable()
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 2)
        os.close(devnull)
    except OSError:
        pass


def _picklable(error: Exception) -> bool:
    try:
        pickle.loads(pickle.dumps(error))
    except Exception:
        return False
    return True


def _death(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        return f"trình đọc dừng đột ngột / the reader died ({name})"
    return f"trình đọc dừng đột ngột / the reader died (exit code {exitcode})"


class Isolated(Generic[T]):
    """A call running in a worker process: ``result`` waits for it, ``stop`` ends it.

    Started before the caller's own checks of the same input (the zip
    pre-scan), so that both run at once on two cores; a caller that refuses
    the input meanwhile stops the worker and drops what it read.
    """

    def __init__(self, function: Callable[[bytes], T], data: bytes, limits: ReadLimits) -> None:
        self.limits = limits
        context: Any = multiprocessing.get_context(start_method())
        self._receiver, sender = context.Pipe(duplex=False)
        self._process: BaseProcess = context.Process(
            target=_work, args=(function, data, limits.worker_memory, sender), daemon=True
        )
        self._deadline = time.monotonic() + limits.worker_timeout
        self._process.start()
        sender.close()

    def result(self, source: str) -> T:
        """What the call returned (or raised); a DV627 ``RefusedFileError`` if the worker failed."""
        limits = self.limits
        try:
            if not self._receiver.poll(max(0.0, self._deadline - time.monotonic())):
                raise refuse(
                    codes.READER_FAILED,
                    source,
                    detail=f"quá thời gian / out of time ({limits.worker_timeout:g} s, "
                    "worker_timeout)",
                )
            try:
                payload = self._receiver.recv_bytes()
            except EOFError:
                self._process.join()
                detail = _death(self._process.exitcode)
                raise refuse(codes.READER_FAILED, source, detail=detail) from None
        finally:
            self.stop()
        status, value = pickle.loads(payload)
        if status == _NO_MEMORY:
            raise refuse(
                codes.READER_FAILED,
                source,
                detail=f"hết bộ nhớ cho phép / out of memory ({limits.worker_memory} bytes, "
                "worker_memory)",
            )
        if status == _FAILED:
            raise value
        result: T = value
        return result

    def stop(self) -> None:
        """End the worker (if still running) and free its resources; safe to call twice."""
        if self._receiver.closed:
            return
        self._receiver.close()
        if self._process.is_alive():
            self._process.kill()
        self._process.join()
        self._process.close()


def run_isolated(function: Callable[[bytes], T], data: bytes, source: str, limits: ReadLimits) -> T:
    """``function(data)`` run in a worker process under ``limits.worker_memory`` and ``_timeout``.

    Returns what it returns; re-raises what it raises (as ``Exception`` with
    its message when it cannot be sent back). A worker that dies, runs out of
    memory or of time raises ``RefusedFileError`` with a DV627 finding.
    ``function`` must be a module-level function (it is pickled unless forked).
    """
    return Isolated(function, data, limits).result(source)
