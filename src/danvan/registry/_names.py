"""How people name units: the prefixes they write (xã, huyện, TP.) and what those imply."""

from __future__ import annotations

import attrs

from danvan.model import Level
from danvan.text._fold import name_key

# Prefixes people write before a name, with the level and the kind they imply.
_PREFIX_WORDS: tuple[tuple[str, Level | None, str | None], ...] = (
    ("tổ dân phố", Level.VILLAGE, None),
    ("thành phố", None, "Thành phố"),
    ("thị trấn", Level.COMMUNE, "Thị trấn"),
    ("thị xã", Level.DISTRICT, "Thị xã"),
    ("phường", Level.COMMUNE, "Phường"),
    ("huyện", Level.DISTRICT, "Huyện"),
    ("quận", Level.DISTRICT, "Quận"),
    ("tỉnh", Level.PROVINCE, "Tỉnh"),
    ("thôn", Level.VILLAGE, None),
    ("bản", Level.VILLAGE, None),
    ("xóm", Level.VILLAGE, None),
    ("tdp", Level.VILLAGE, None),
    ("ấp", Level.VILLAGE, None),
    ("xã", Level.COMMUNE, "Xã"),
)
_PREFIX_ABBREVIATIONS: tuple[tuple[str, Level | None, str | None], ...] = (
    ("tp.", None, "Thành phố"),
    ("tx.", Level.DISTRICT, "Thị xã"),
    ("tt.", Level.COMMUNE, "Thị trấn"),
    ("x.", Level.COMMUNE, "Xã"),
    ("p.", Level.COMMUNE, "Phường"),
    ("h.", Level.DISTRICT, "Huyện"),
    ("q.", Level.DISTRICT, "Quận"),
    ("t.", Level.PROVINCE, "Tỉnh"),
)
_PREFIXES = tuple(
    (name_key(text) + ("" if text.endswith(".") else " "), level, kind)
    for text, level, kind in _PREFIX_WORDS + _PREFIX_ABBREVIATIONS
)

DEFAULT_KINDS = {
    Level.PROVINCE: "Tỉnh",
    Level.DISTRICT: "Huyện",
    Level.COMMUNE: "Xã",
    Level.VILLAGE: "Bản",
}


@attrs.frozen
class _Query:
    keys: tuple[str, ...]
    level: Level | None
    kind: str | None


def parse_query(name: str) -> _Query:
    """The keys to try for ``name``, most literal first, and what its prefix implies."""
    key = name_key(name)
    keys = [key]
    level: Level | None = None
    kind: str | None = None
    for _ in range(2):
        for prefix, prefix_level, prefix_kind in _PREFIXES:
            if key.startswith(prefix) and len(key) > len(prefix):
                key = key[len(prefix) :].strip()
                keys.append(key)
                level = level or prefix_level
                kind = kind or prefix_kind
                break
        else:
            break
    return _Query(tuple(keys), level, kind)
