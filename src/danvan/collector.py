"""Pausing the garbage collector around a bulk load: the caller's choice, never the library's.

Reading a large dataset makes millions of small objects and no reference
cycles; Python's cyclic collector would walk them again and again. danvan
itself never touches the collector (it is process-wide state); a program that
loads in bulk can wrap the load in ``collector_paused()``, as the ``danvan``
command and the benchmarks do.

>>> import gc
>>> import danvan
>>> with danvan.collector_paused():
...     dataset = danvan.sample()
>>> gc.isenabled()
True
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["collector_paused"]


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for a bulk build; restore its state after.

    What the build made is long-lived (a dataset), so it joins the oldest
    generation at once (``gc.freeze`` then ``gc.unfreeze``, which only moves
    lists): otherwise the first young collection after the pause walks
    every object made during it. Skipped if the caller has frozen objects,
    which unfreezing would release.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            if gc.get_freeze_count() == 0:
                gc.freeze()
                gc.unfreeze()
            gc.enable()
