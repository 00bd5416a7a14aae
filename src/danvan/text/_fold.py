"""Comparison keys of names and headers: the one fold every caller uses to match what people type.

Three keys, each coarser than the one before, built one from another so that
the shared steps are written once:

- ``name_key``: normal form (NFC), case and spacing aside, tone placement aside;
- ``bare_key``: a ``name_key`` without any diacritic (the last resort for names);
- ``header_key``: a ``bare_key`` with punctuation aside too, for headers, table
  and sheet names and the words of a yes/no or a list of choices.
"""

from __future__ import annotations

import functools
import re
import unicodedata

_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")  # huyền, sắc, ngã, hỏi, nặng
_SPACES = re.compile(r"\s+")
_NOT_WORD = re.compile(r"[\W_]+")


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


@functools.lru_cache(maxsize=4096)
def header_key(text: str) -> str:
    """``text`` for matching headers and labels: case, diacritics, spacing and punctuation aside.

    The ``bare_key`` of its ``name_key``, with one step more: every run of
    punctuation (and ``_``) counts as a space. Headers are written with and
    without brackets, dashes and underscores ("Số tiền (đồng)", ``amount_vnd``),
    while in a name punctuation tells places apart, so names keep it. Cached:
    the same headers, choices and sheet names come back in every file.

    >>> header_key("Số tiền (đồng)") == header_key("so  tien dong")
    True
    >>> header_key("Tổ_Dân-vận") == header_key("to dan van")
    True
    """
    return _NOT_WORD.sub(" ", bare_key(name_key(text))).strip()
