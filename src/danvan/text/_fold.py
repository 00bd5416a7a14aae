"""Comparison keys of names: the one fold every caller uses to match what people type."""

from __future__ import annotations

import re
import unicodedata

_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")  # huyền, sắc, ngã, hỏi, nặng
_SPACES = re.compile(r"\s+")


def name_key(name: str) -> str:
    """The comparison key of a name: NFC, casefolded, spaces collapsed, tone placement ignored.

    Each word's tone mark is moved to the end of the word, so "hoà" and "hòa"
    (old and new placement) give one key while "hoà" and "hoá" stay apart. Every
    look-up of a name by what people type goes through here, so a change of the
    rule happens in one place.

    >>> name_key("  Xã  Nậm   Tin ") == name_key("xã nậm tin")
    True
    >>> name_key("Hoà") == name_key("Hòa"), name_key("hoà") == name_key("hoá")
    (True, False)
    """
    text = _SPACES.sub(" ", unicodedata.normalize("NFC", name).casefold()).strip()
    words = []
    for word in text.split(" "):
        decomposed = unicodedata.normalize("NFD", word)
        tones = "".join(sorted(c for c in decomposed if c in _TONE_MARKS))
        words.append("".join(c for c in decomposed if c not in _TONE_MARKS) + tones)
    return " ".join(words)


def bare_key(key: str) -> str:
    """A ``name_key`` without any diacritic ("nậm tin" and "nam tin" alike): the last resort.

    >>> bare_key(name_key("Nậm Tin")) == bare_key(name_key("nam tin"))
    True
    """
    return "".join(c for c in key if not unicodedata.combining(c)).replace("đ", "d")
