"""Quoting values in a message: long texts shortened, never a letter cut from its accent.

A clerk's cell may hold ten thousand characters; a message that quotes it
whole buries the reason in the console, the JSON output and the findings
sheet. A message quotes at most ``QUOTE_LIMIT`` characters of a value, ending
in "…"; the finding's ``values`` keep the whole value for a program to read.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

#: Characters of a value a message quotes; a longer one is cut and ends in "…".
QUOTE_LIMIT = 80
#: Characters of an explanation (a reader's reason, which may itself quote the value).
EXPLANATION_LIMIT = 240
ELLIPSIS = "\u2026"

# A value quoted inside an explanation, as Python's repr writes a string.
_QUOTED = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"")


def shorten(text: str, limit: int = QUOTE_LIMIT) -> str:
    """``text``, or its first characters and "…" in at most ``limit`` characters.

    The cut never separates a letter from the combining marks after it (a
    Vietnamese tone or a decomposed vowel).
    """
    if len(text) <= limit:
        return text
    end = max(limit - 1, 0)
    cut = end
    while cut > 0 and unicodedata.combining(text[cut]):
        cut -= 1
    return (text[:cut] if cut else text[:end]).rstrip() + ELLIPSIS


def shorten_quotes(text: str, limit: int = QUOTE_LIMIT) -> str:
    """``text`` with every quoted value inside it longer than ``limit`` shortened, quotes kept."""

    def short(match: re.Match[str]) -> str:
        quoted = match.group(0)
        if len(quoted) <= limit + 2:
            return quoted
        return quoted[0] + shorten(quoted[1:-1], limit) + quoted[-1]

    return _QUOTED.sub(short, text) if len(text) > limit else text


class _Shortened:
    """A value that is not text (a list, a mapping from JSON) quoted in a few characters."""

    __slots__ = ("_repr", "_str")

    def __init__(self, value: object) -> None:
        self._repr = shorten(repr(value))
        self._str = shorten(str(value))

    def __repr__(self) -> str:
        return self._repr

    def __str__(self) -> str:
        return self._str

    def __format__(self, spec: str) -> str:
        return format(self._str, spec)


def quoted(value: Any, *, explanation: bool = False) -> Any:
    """``value`` as a message quotes it: long text shortened; numbers and short values as they are.

    An explanation (a reader's reason) keeps its words: only the values it
    quotes are shortened, then the whole to ``EXPLANATION_LIMIT``.
    """
    if isinstance(value, str):
        if explanation:
            return shorten(shorten_quotes(value), EXPLANATION_LIMIT)
        return shorten(value)
    containers = (list, tuple, dict, set, frozenset, bytes)
    if isinstance(value, containers) and len(repr(value)) > QUOTE_LIMIT:
        return _Shortened(value)
    return value
