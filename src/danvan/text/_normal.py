"""The normal form of Vietnamese text (NFC, tones placed, spacing) and what it fixes."""

from __future__ import annotations

import enum
import unicodedata

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
