"""The one canonical cattrs converter: records to plain JSON data and back, strictly typed.

Dates travel as ISO strings, enums as their values, defaults are left out. A
value of the wrong type is refused, never coerced (1.9 people is not 1, null
is not "None"; a whole float such as 2.0 is the integer 2). Structuring
collects every failing field (cattrs detailed validation), so a bad file is
reported whole, not one mistake at a time. Every faster converter of the
loading layer is derived from this one with ``Converter.copy`` (``FULL_FIRST_TRY``
here, the quick road's in ``_quick``), so the rules are written once.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from cattrs import Converter
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override
from cattrs.preconf.orjson import OrjsonConverter, make_converter

from danvan.model import Provenance

FORMAT = "danvan.dataset/1"
"""The value of the ``format`` key that heads every dataset document."""

EXACT_FLOAT_INT = 2**53
"""Integers up to this size are exactly a float (and floats that are whole, exactly an int)."""


def _iso_date(value: Any, _: Any = None) -> date:
    """An ISO date (``2022-12-31``); ``fromisoformat`` refuses anything but a text (TypeError)."""
    return date.fromisoformat(value)


def _strict_int(value: Any, _: Any = None) -> int:
    """An integer, never from a fraction, a flag or a text: ``1.9`` people is a finding, not 1.

    A whole float (``2.0``, as some tools write every number) is the same
    number and is taken as ``2``; nothing is lost.
    """
    if value.__class__ is int:
        return int(value)
    if value.__class__ is float and value.is_integer() and abs(value) <= EXACT_FLOAT_INT:
        return int(value)
    raise TypeError(f"not an integer: {value!r}")


def _strict_float(value: Any, _: Any = None) -> float:
    """A number (an integer too, when the float is exactly it); never a flag or a text."""
    if value.__class__ is float:
        return float(value)
    if value.__class__ is int and abs(value) <= EXACT_FLOAT_INT:
        return float(value)
    raise TypeError(f"not a number: {value!r}")


def _strict_number(value: Any, _: Any = None) -> int | float:
    """``int | float`` as written: an integer stays one, a fraction stays one; no flag, no text."""
    if value.__class__ is int or value.__class__ is float:
        return value
    raise TypeError(f"not a number: {value!r}")


def _strict_bool(value: Any, _: Any = None) -> bool:
    """``true`` or ``false``; never ``1``, ``"yes"`` or ``null`` turned into a flag."""
    if value.__class__ is bool:
        return bool(value)
    raise TypeError(f"not true or false: {value!r}")


def _strict_str(value: Any, _: Any = None) -> str:
    """A text; never a number or ``null`` turned into one (``"None"``)."""
    if isinstance(value, str):
        return value
    raise TypeError(f"not a text: {value!r}")


def _is_number(kind: Any) -> bool:
    return bool(kind == (int | float))


def _is_provenance(kind: Any) -> bool:
    return kind is Provenance


def _provenance_out(kind: Any, made: Converter) -> Any:
    """A provenance's JSON form leaves out its sheet's columns (a reading aid, not data)."""
    return make_dict_unstructure_fn(
        kind, made, _cattrs_omit_if_default=made.omit_if_default, columns=override(omit=True)
    )


def _provenance_in(kind: Any, made: Converter) -> Any:
    """``columns`` is no key of a document: a provenance that names one is refused like any other.

    Made per converter (a factory, not a hook), so that every converter
    derived with ``Converter.copy`` builds it with its own hooks.
    """
    return make_dict_structure_fn(kind, made, columns=override(omit=True))


def _canonical() -> OrjsonConverter:
    made = make_converter(omit_if_default=True, forbid_extra_keys=True)
    made.register_structure_hook(date, _iso_date)
    # Wrong types are refused, never coerced (cattrs' default is ``int(value)``).
    made.register_structure_hook(int, _strict_int)
    made.register_structure_hook(float, _strict_float)
    made.register_structure_hook(bool, _strict_bool)
    made.register_structure_hook(str, _strict_str)
    made.register_structure_hook_func(_is_number, _strict_number)
    made.register_unstructure_hook_factory(_is_provenance, _provenance_out)
    made.register_structure_hook_factory(_is_provenance, _provenance_in)
    return made


converter = _canonical()
"""The canonical converter: strict hooks, detailed validation (every failing field listed)."""

FULL_FIRST_TRY = converter.copy(detailed_validation=False)
"""The same rules without detailed validation: several times faster, the full road's first try.

Only a document it refuses is structured again by ``converter``, to list every failing field.
"""
