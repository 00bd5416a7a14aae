"""The normal form of Vietnamese text (NFC, tones placed, spacing) and what it fixes."""

from __future__ import annotations

import enum
import re
import unicodedata
from typing import Final

from danvan.text._syllables import retone, retone_token


class NormalizationIssue(enum.StrEnum):
    """Why a string is not in danvan's normal form."""

    NFC = "nfc"
    TONE_PLACEMENT = "tone_placement"
    WHITESPACE = "whitespace"


def normalize(text: str) -> str:
    """NFC, one tone-mark placement, whitespace trimmed and collapsed to single spaces.

    The tone goes where traditional spelling (kiểu cũ) puts it: ``hòa``, ``thủy``,
    ``khỏe``, ``quý``, ``hoàng``, ``người``. Words that are not Vietnamese syllables
    are left as they are.
    """
    if text.isascii():
        return " ".join(text.split())
    nfc = unicodedata.normalize("NFC", text)
    # Words never span a space, so retoning token by token is retoning the whole.
    return " ".join(map(retone_token, nfc.split()))


def normalization_issues(text: str) -> frozenset[NormalizationIssue]:
    """The reasons ``text`` differs from ``normalize(text)``; empty when it is normal."""
    issues: set[NormalizationIssue] = set()
    if not unicodedata.is_normalized("NFC", text):
        issues.add(NormalizationIssue.NFC)
    nfc = unicodedata.normalize("NFC", text)
    if " ".join(nfc.split()) != nfc:
        issues.add(NormalizationIssue.WHITESPACE)
    if retone(nfc) != nfc:
        issues.add(NormalizationIssue.TONE_PLACEMENT)
    return frozenset(issues)


def is_normalized(text: str) -> bool:
    """Whether ``text`` is already in normal form."""
    return normalize(text) == text


_CONTROL_CHARACTERS: Final = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
"""C0 control characters and DEL, but for tab, line feed and carriage return."""


def without_control_characters(text: str) -> str:
    """``text`` with its control characters removed: NUL and the other C0 controls, and DEL.

    Tab, line feed and carriage return stay (``normalize`` makes them spaces).
    Such a character has no business in a name or a note and breaks the
    formats danvan writes (XML cannot hold it). This is the one place that
    says which characters go: every reader (JSON loading, sheets, the CSV
    pre-pass) removes them through here, and reports it (DV504).
    """
    return text if text.isprintable() else _CONTROL_CHARACTERS.sub("", text)


def has_control_characters(text: str) -> bool:
    """Whether ``without_control_characters`` would change ``text`` (one C-level test if not)."""
    return not text.isprintable() and _CONTROL_CHARACTERS.search(text) is not None


def canonical_text(text: str) -> str:
    """``text`` as danvan keeps it: control characters removed, then the normal form.

    The one clean-up road of text read from a file, whatever the format; the
    readers compare it with what they read to report what changed.

    >>> canonical_text("  Bản\\x00 Mốc  4 ") == "Bản Mốc 4"
    True
    """
    return normalize(without_control_characters(text))
