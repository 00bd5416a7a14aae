"""Redaction: a bundle without its personal data, made before any exporter sees it.

Columns marked ``personal=True`` (``danvan.tables.Column``; the members' name,
position, gender, ethnicity and party membership in danvan's own tables) are
left out (``omit``) or replaced by stable pseudonyms (``pseudonymise``). A
pseudonym is ``p-`` and the first 16 hex digits of HMAC-SHA256 of the text,
keyed with a salt: the same text gives the same pseudonym in every table of
every run made with the same salt (so records can still be counted and
joined), and without the salt nobody can tell which text it stands for. With
no salt given, a random one is drawn for each ``Redaction`` (each run).
Personal columns that are not text (a yes/no, a date) cannot be pseudonymised
and are left out in both modes.

Rows stay lazy: a redacted table reads its rows from the original as the
exporter asks for them. Tables with no personal column are passed on as they are.
"""

from __future__ import annotations

import enum
import hashlib
import hmac
import secrets
from collections.abc import Callable, Iterable, Iterator

import attrs

from danvan.tables import Bundle, ColumnType, Row, Table

#: Bytes of a salt drawn at random when none is given.
RANDOM_SALT_BYTES = 32
#: Hex digits of the HMAC kept in a pseudonym (64 bits: no collision in practice).
PSEUDONYM_DIGITS = 16
PSEUDONYM_PREFIX = "p-"


class RedactMode(enum.Enum):
    """What becomes of personal columns."""

    #: The columns are left out of every table.
    OMIT = "omit"
    #: Text becomes a salted pseudonym; other personal columns are left out.
    PSEUDONYMISE = "pseudonymise"


def _mode(value: RedactMode | str) -> RedactMode:
    if isinstance(value, RedactMode):
        return value
    text = value.strip().lower().replace("pseudonymize", "pseudonymise")
    try:
        return RedactMode(text)
    except ValueError:
        known = ", ".join(m.value for m in RedactMode)
        raise ValueError(
            f"Không biết cách ẩn / unknown redaction {value!r}; known: {known}"
        ) from None


def _salt(value: bytes | str | None) -> bytes:
    if value is None:
        return secrets.token_bytes(RANDOM_SALT_BYTES)
    salt = value.encode("utf-8") if isinstance(value, str) else bytes(value)
    if not salt:
        raise ValueError("Muối không được rỗng / the salt must not be empty")
    return salt


@attrs.frozen
class Redaction:
    """How to redact: the mode and, for pseudonyms, the salt (random when not given)."""

    mode: RedactMode = attrs.field(converter=_mode)
    salt: bytes = attrs.field(default=None, converter=_salt, repr=False)

    def pseudonym(self, text: str) -> str:
        """The stable pseudonym of ``text`` under this salt: ``p-`` and 16 hex digits."""
        digest = hmac.new(self.salt, text.encode("utf-8"), hashlib.sha256).hexdigest()
        return PSEUDONYM_PREFIX + digest[:PSEUDONYM_DIGITS]


def as_redaction(value: Redaction | RedactMode | str | None) -> Redaction | None:
    """``value`` as a ``Redaction``: a mode's name gets a random salt; ``None`` is none."""
    if value is None or isinstance(value, Redaction):
        return value
    return Redaction(value)


def _pseudonymised(redaction: Redaction, value: object) -> object:
    if value is None or value == "":
        return value
    return redaction.pseudonym(value if isinstance(value, str) else str(value))


def _row_changer(table: Table, redaction: Redaction) -> tuple[list[int], Callable[[Row], Row]]:
    """The columns kept and what becomes of a row."""
    pseudonymise = redaction.mode is RedactMode.PSEUDONYMISE
    kept: list[int] = []
    hidden: list[int] = []
    for index, column in enumerate(table.columns):
        if not column.personal:
            kept.append(index)
        elif pseudonymise and column.type is ColumnType.STRING:
            kept.append(index)
            hidden.append(index)
    hidden_set = frozenset(hidden)

    def change(row: Row) -> Row:
        return tuple(_pseudonymised(redaction, row[i]) if i in hidden_set else row[i] for i in kept)

    return kept, change


def redact_table(table: Table, redaction: Redaction) -> Table:
    """``table`` with its personal columns left out or pseudonymised; rows read lazily."""
    if not any(column.personal for column in table.columns):
        return table
    kept, change = _row_changer(table, redaction)
    columns = tuple(table.columns[i] for i in kept)
    names = {c.name for c in columns}
    chart = table.chart
    if chart is not None and not {chart.category, *chart.values} <= names:
        chart = None
    rows: Iterable[Row] | Callable[[], Iterator[Row]]
    if table.rereadable:

        def rows() -> Iterator[Row]:
            return map(change, table.iter_rows())

    else:
        rows = map(change, table.iter_rows())
    return attrs.evolve(table, columns=columns, rows=rows, chart=chart)


def redact_bundle(bundle: Bundle, redaction: Redaction | RedactMode | str | None) -> Bundle:
    """``bundle`` with every table's personal columns redacted (unchanged when ``None``)."""
    chosen = as_redaction(redaction)
    if chosen is None:
        return bundle
    tables = tuple(redact_table(table, chosen) for table in bundle.tables)
    if all(new is old for new, old in zip(tables, bundle.tables, strict=True)):
        return bundle
    return attrs.evolve(bundle, tables=tables)
