"""Bilingual labels: every name people read is given in Vietnamese and English.

Vietnamese is the language of the reports; English is there for developers and
for readers outside Vietnam. A label asked for in a language it lacks falls back
to the other one, so a caller never gets an empty header.
"""

from __future__ import annotations

from typing import Literal

import attrs

Language = Literal["vi", "en"]
LANGUAGES: tuple[Language, ...] = ("vi", "en")


def check_language(lang: str) -> Language:
    """Return ``lang`` as a known language code, or raise a ValueError naming the known ones."""
    if lang in LANGUAGES:
        return lang
    raise ValueError(f"Ngôn ngữ không hỗ trợ / unsupported language: {lang!r} (use 'vi' or 'en')")


@attrs.frozen
class Label:
    """A text in Vietnamese and English; ``en`` may be empty and then falls back to ``vi``."""

    vi: str
    en: str = ""

    def get(self, lang: str = "vi") -> str:
        """The label in ``lang``, falling back to the other language when it is empty."""
        if check_language(lang) == "en":
            return self.en or self.vi
        return self.vi or self.en

    def __str__(self) -> str:
        return self.vi if not self.en or self.en == self.vi else f"{self.vi} ({self.en})"
