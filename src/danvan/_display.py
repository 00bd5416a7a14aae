"""Short displays of large objects: a few lines for ``repr``, a small HTML table for notebooks.

Why: the attrs ``repr`` of a dataset of a million activities is tens of megabytes, which
a notebook tries to print. ``Dataset``, ``Table``, ``Summary`` and ``ValidationReport``
show counts and their first rows through these helpers instead: at most ``HEAD_ROWS``
rows, ``MAX_COLUMNS`` columns, and cells cut to ``MAX_CELL`` characters, whatever the
size of the object. HTML is escaped. Nothing here knows the objects it shows.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, Final

import attrs

#: Rows shown, at most.
HEAD_ROWS: Final = 5
#: Columns shown, at most (the others are counted).
MAX_COLUMNS: Final = 8
#: Characters of one cell shown, at most.
MAX_CELL: Final = 40
_ELLIPSIS: Final = "…"


def cell_text(value: Any, limit: int = MAX_CELL) -> str:
    """A cell as a short text: ``None`` empty, long text cut with an ellipsis, one line."""
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + _ELLIPSIS


def count(number: int, noun: str) -> str:
    """``1,000,000 rows``: a count with its noun."""
    return f"{number:,} {noun}"


def _clip(
    headers: Sequence[str], rows: Sequence[Sequence[Any]]
) -> tuple[list[str], list[list[str]]]:
    shown = list(headers[:MAX_COLUMNS])
    more = len(headers) - len(shown)
    if more > 0:
        shown.append(f"+{more}")
    cells = []
    for row in rows[:HEAD_ROWS]:
        line = [cell_text(v) for v in list(row)[:MAX_COLUMNS]]
        if more > 0:
            line.append(_ELLIPSIS)
        cells.append(line)
    return [cell_text(h) for h in shown], cells


def text_block(
    title: str,
    facts: Iterable[str],
    headers: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    more: str = "",
) -> str:
    """``title`` and ``facts`` on the first line, then the first rows lined up under ``headers``."""
    lines = [f"<{title}: {', '.join(facts)}>" if facts else f"<{title}>"]
    if headers and rows:
        heads, cells = _clip(headers, rows)
        widths = [
            max(len(h), *(len(r[i]) for r in cells if i < len(r))) for i, h in enumerate(heads)
        ]
        lines.append(
            "  " + "  ".join(h.ljust(w) for h, w in zip(heads, widths, strict=True)).rstrip()
        )
        for row in cells:
            lines.append(
                "  " + "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=False)).rstrip()
            )
    if more:
        lines.append(f"  {more}")
    return "\n".join(lines)


def html_block(
    title: str,
    facts: Iterable[str],
    headers: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    more: str = "",
) -> str:
    """The same as ``text_block`` as a small HTML table; every text is escaped."""
    import html  # the stdlib's, with its table of entities: only for a notebook

    parts = [f"<div><strong>{html.escape(title)}</strong>"]
    facts = list(facts)
    if facts:
        parts.append(f" <span>{html.escape(', '.join(facts))}</span>")
    if headers and rows:
        heads, cells = _clip(headers, rows)
        parts.append("<table><thead><tr>")
        parts.extend(f"<th>{html.escape(h)}</th>" for h in heads)
        parts.append("</tr></thead><tbody>")
        for row in cells:
            parts.append("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>")
        parts.append("</tbody></table>")
    if more:
        parts.append(f"<p>{html.escape(more)}</p>")
    parts.append("</div>")
    return "".join(parts)


def _tuple(items: Iterable[Any]) -> tuple[Any, ...]:
    return tuple(items)


@attrs.frozen
class Preview:
    """What a short display shows: a title, facts (counts), and the first rows under headers."""

    title: str
    facts: tuple[str, ...] = attrs.field(converter=_tuple)
    headers: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    rows: tuple[Sequence[Any], ...] = attrs.field(default=(), converter=_tuple)
    more: str = ""

    def text(self) -> str:
        """For ``__repr__``."""
        return text_block(self.title, self.facts, self.headers, self.rows, more=self.more)

    def html(self) -> str:
        """For ``_repr_html_``."""
        return html_block(self.title, self.facts, self.headers, self.rows, more=self.more)
