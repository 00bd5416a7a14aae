"""Faces that import on first use: one module ``__getattr__`` and ``__dir__`` for both.

``danvan`` and ``danvan.plugin`` name each public name's holding module in a
table and import it when the name is first asked for (the scientific-python
SPEC 1 pattern, the way ``lazy_loader.attach`` does it), so that importing a
face costs little. The name is then kept in the face's namespace, so the next
use is an ordinary attribute.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from importlib import import_module


def attach(
    face: str,
    holders: Mapping[str, str],
    computed: Mapping[str, Callable[[], object]] | None = None,
) -> tuple[Callable[[str], object], Callable[[], list[str]]]:
    """The ``__getattr__`` and ``__dir__`` of the module ``face``.

    ``holders`` maps a public name to the module that holds it; ``computed``
    maps a name to a function that makes its value on first use.
    """
    namespace = sys.modules[face].__dict__
    made = dict(computed or {})

    def __getattr__(name: str) -> object:
        if name in made:
            value = made[name]()
        elif name in holders:
            value = getattr(import_module(holders[name]), name)
        else:
            raise AttributeError(f"module {face!r} has no attribute {name!r}")
        namespace[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted({*namespace, *holders, *made})

    return __getattr__, __dir__
