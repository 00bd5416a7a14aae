"""Every example written in a docstring (``>>>``) runs and gives what it shows."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import danvan

_MODULES = sorted(
    info.name
    for info in pkgutil.walk_packages(danvan.__path__, "danvan.")
    if not info.name.endswith("__main__")
)


@pytest.mark.parametrize("name", _MODULES)
def test_the_examples_of_the_module_run(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
