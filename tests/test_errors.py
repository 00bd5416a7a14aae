"""One root: every error danvan raises on purpose is a DanvanError, every warning a
DanvanWarning."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest

import danvan
from danvan.errors import DanvanError, DanvanWarning

#: Exceptions that never leave danvan (caught where they are raised) or are test verdicts;
#: TooLarge lives in the XLSX worker, which runs without danvan.
_INSIDE = {
    "CellError",
    "_NotClean",
    "ConformanceError",
    "ContractBroken",
    "_Boom",
    "_Stopped",
    "UsageProblem",
    "TooLarge",
}


def _danvan_classes() -> list[type]:
    found: dict[str, type] = {}
    for module_info in pkgutil.walk_packages(danvan.__path__, "danvan."):
        if module_info.name.endswith("__main__"):
            continue
        module = importlib.import_module(module_info.name)
        for _, value in inspect.getmembers(module, inspect.isclass):
            if value.__module__.startswith("danvan."):
                found[f"{value.__module__}.{value.__qualname__}"] = value
    return list(found.values())


@pytest.mark.parametrize(
    "error",
    [c for c in _danvan_classes() if issubclass(c, Exception) and not issubclass(c, Warning)],
    ids=lambda c: c.__qualname__,
)
def test_every_danvan_error_has_the_one_root(error: type) -> None:
    assert error.__name__ in _INSIDE or issubclass(error, DanvanError)


@pytest.mark.parametrize(
    "warning",
    [c for c in _danvan_classes() if issubclass(c, Warning)],
    ids=lambda c: c.__qualname__,
)
def test_every_danvan_warning_has_the_one_root(warning: type) -> None:
    assert issubclass(warning, DanvanWarning)


def test_errors_keep_their_built_in_kinds_for_existing_handlers() -> None:
    with pytest.raises(ValueError, match="2022-Q5"):
        danvan.parse_period("2022-Q5")
    with pytest.raises(DanvanError):
        danvan.parse_money("hai mươi")
