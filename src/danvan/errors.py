"""The roots of what danvan raises and warns: catch ``DanvanError`` to catch any of them.

Why: a caller (a web service, a batch script) wants one ``except`` for "danvan
refused this" without listing every module's error. The errors themselves stay
beside the code that raises them and keep their built-in mixins (``ValueError``
for values that cannot be read, ``LookupError`` for unknown formats), so existing
``except ValueError`` code goes on working. This module imports nothing of
danvan: every layer may use it.

>>> import danvan
>>> from danvan.errors import DanvanError
>>> try:
...     danvan.parse_period("2022-Q5")
... except DanvanError as error:
...     print(type(error).__name__)
PeriodParseError
"""

from __future__ import annotations

__all__ = ["DanvanError", "DanvanWarning"]


class DanvanError(Exception):
    """The root of every exception danvan raises on purpose."""


class DanvanWarning(UserWarning):
    """The root of every warning danvan gives (a plugin skipped, a cell cut to Excel's limit)."""
