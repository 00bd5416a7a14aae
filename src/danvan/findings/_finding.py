"""A finding and its code: what is wrong, how bad, where, in Vietnamese and English."""

from __future__ import annotations

import datetime as dt
import enum
import functools
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from danvan.findings._quote import EXPLANATION_LIMIT, quoted, shorten
from danvan.labels import Label
from danvan.layout import field_name, kind_name
from danvan.model import Activity, Assignment, Funding, Provenance, Quantity, Team
from danvan.model.people import MEMBER_PERSONAL_FIELDS

#: Fields of each record kind that are personal data (see ``docs/privacy.md``).
PERSONAL_FIELDS: Mapping[str, frozenset[str]] = {"member": MEMBER_PERSONAL_FIELDS}
#: The finding values that quote the content of the field a finding is at.
CONTENT_VALUES = frozenset({"before", "after", "value", "suggestion"})


@functools.total_ordering
class Severity(enum.Enum):
    """How bad a finding is; ordered so that ``INFO < WARNING < ERROR``."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """0 for information, 2 for an error: the larger, the more severe."""
        return _SEVERITY_RANK[self]

    @property
    def label(self) -> Label:
        return _SEVERITY_LABELS[self]

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank < other.rank


_SEVERITY_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}
_SEVERITY_LABELS = {
    Severity.ERROR: Label("Lỗi", "Error"),
    Severity.WARNING: Label("Cảnh báo", "Warning"),
    Severity.INFO: Label("Thông tin", "Information"),
}


#: Where each record kind sits in a dataset document (``danvan.dataset/1``).
RECORD_LISTS: Mapping[str, str] = {
    "unit": "/units",
    "organization": "/organizations",
    "member": "/members",
    "team": "/teams",
    "membership": "/memberships",
    "activity": "/activities",
    "succession": "/successions",
    "unit_figure": "/figures",
    "target": "/targets",
    "submission": "/submissions",
    "reporting_body": "/bodies",
    "activity_type": "/catalog/activity_types",
    "topic": "/catalog/topics",
    "indicator": "/catalog/indicators",
}


def record_pointer(record_kind: str, index: int, field: str | None = None) -> str | None:
    """The JSON pointer of a record (and of ``field`` in it) in its dataset document.

    ``record_pointer("activity", 3, "quantities[0].value")`` is
    ``/activities/3/quantities/0/value``; ``None`` for a kind no document lists.
    """
    records = RECORD_LISTS.get(record_kind)
    if records is None:
        return None
    pointer = f"{records}/{index}"
    if field:
        steps = field.replace("[", ".").replace("]", "").split(".")
        pointer += "".join("/" + s.replace("~", "~0").replace("/", "~1") for s in steps if s)
    return pointer


@attrs.frozen
class Location:
    """Where a finding is, as far as known: the cell of a file and the record it holds.

    ``row`` is 1-based, as a spreadsheet shows it; ``record_index`` is the
    0-based position of the record in its list of the document, for records
    that have no usable id. ``field`` is a path inside the record, such as
    ``quantities[0].unit``. ``column`` is the column's header as written in
    the file and ``letter`` its letter (``G``); ``pointer`` is the JSON
    pointer of the field in a dataset document (``/activities/3/date``), for
    a record that was not read from a sheet.
    """

    source: str | None = None
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    field: str | None = None
    record_kind: str | None = None
    record_id: str | None = None
    record_index: int | None = None
    letter: str | None = None
    pointer: str | None = None

    @classmethod
    def of(
        cls,
        record_kind: str,
        record_id: str | None,
        provenance: Provenance | None = None,
        *,
        field: str | None = None,
        column: str | None = None,
        index: int | None = None,
    ) -> Location:
        """The location of a record of ``record_kind``, taking file, sheet and row from it.

        A record read from a sheet names the column of ``column`` (by default
        ``field``, or the list ``topics[1]`` is in) from its provenance, letter
        and header as written. A record that was not (read from a document,
        or built in code) names, when its ``index`` in its list is given, the
        JSON pointer of ``field`` in the dataset's document.
        """
        if provenance is None or provenance.row is None:
            pointer = None if index is None else record_pointer(record_kind, index, field)
            if provenance is None:
                return cls(
                    field=field, record_kind=record_kind, record_id=record_id, pointer=pointer
                )
            return cls(
                source=provenance.source,
                sheet=provenance.sheet,
                field=field,
                record_kind=record_kind,
                record_id=record_id,
                pointer=pointer,
            )
        key = column or field or ""
        typed = provenance.column(key) or provenance.column(key.split("[")[0])
        return cls(
            source=provenance.source,
            sheet=provenance.sheet,
            row=provenance.row,
            column=None if typed is None else typed[1],
            field=field,
            record_kind=record_kind,
            record_id=record_id,
            letter=None if typed is None else typed[0],
        )

    @classmethod
    def of_line(
        cls,
        record_kind: str,
        record: Activity | Team,
        line: Quantity | Funding | Assignment,
        *,
        field: str,
        column: str,
        index: int | None = None,
    ) -> Location:
        """The location of a line of a record that has a sheet of its own (a quantity, a
        funding line, a team's village): the finding names the line's sheet, row and
        ``column``; a line read without a place of its own is at its record's place."""
        if line.provenance is None:
            return cls.of(record_kind, record.id, record.provenance, field=field, index=index)
        return cls.of(
            record_kind, record.id, line.provenance, field=field, column=column, index=index
        )

    def sort_key(self) -> tuple[str, str, int, str, str, int, str, str]:
        return (
            self.source or "",
            self.sheet or "",
            self.row or 0,
            self.record_kind or "",
            self.record_id or "",
            -1 if self.record_index is None else self.record_index,
            self.field or "",
            self.column or "",
        )

    def __str__(self) -> str:
        parts: list[str] = []
        if self.source:
            parts.append(self.source)
        if self.sheet:
            parts.append(f"sheet {self.sheet}")
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.letter and self.column:
            parts.append(f"column {self.letter} ({self.column})")
        elif self.column or self.letter:
            parts.append(f"column {self.column or self.letter}")
        if self.record_kind:
            which = self.record_id if self.record_id is not None else self.record_index
            parts.append(f"{self.record_kind} {which}" if which is not None else self.record_kind)
        if self.field:
            parts.append(f"field {self.field}")
        if self.pointer:
            parts.append(f"at {self.pointer}")
        return ", ".join(parts) or "(dataset)"

    @property
    def personal(self) -> bool:
        """Whether this is a personal field of a record (a member's name, say)."""
        fields = PERSONAL_FIELDS.get(self.record_kind or "")
        return fields is not None and (self.field or "").split(".")[0].split("[")[0] in fields


def _frozen_tags(tags: Iterable[str]) -> frozenset[str]:
    return frozenset(tags)


@attrs.frozen
class FindingCode:
    """A kind of finding: stable id, default severity, tags and message templates in vi and en.

    Templates are ``str.format`` strings over the finding's values; dates among
    the values are written day first in Vietnamese and ISO in English.
    """

    id: str
    severity: Severity
    title: Label
    message: Label
    description: str
    tags: frozenset[str] = attrs.field(default=frozenset(), converter=_frozen_tags)


def declare(
    code_id: str,
    severity: Severity,
    title: Label,
    message: Label,
    description: str,
    tags: Iterable[str] = (),
) -> FindingCode:
    """A finding code; a family module declares its codes and ``danvan.findings.codes`` lists them.

    Nothing is registered anywhere: a plugin's rule names the codes it emits
    (``rule(name, *codes)``), and the rule reference reads them from there.
    """
    return FindingCode(code_id, severity, title, message, description, frozenset(tags))


#: The values that explain (a reader's reason) or list what danvan knows (the candidates of a
#: name): their words are kept to ``EXPLANATION_LIMIT``, the values they quote cut.
EXPLANATION_VALUES = frozenset(
    {
        "detail",
        "detail_vi",
        "detail_en",
        "problem",
        "reason_vi",
        "reason_en",
        "error",
        "candidates",
        "cycle",
        "known",
        "what",
        "pointer",
    }
)
#: The values naming a file or folder: a place, quoted whole as the location is.
PLACE_VALUES = frozenset({"source", "folder"})


def _render_value(value: Any, lang: str, name: str = "") -> Any:
    """``value`` as the message in ``lang`` quotes it.

    A ``Label`` (a field or a record kind, say) gives its text in ``lang``; an
    enum with a label (a level, a role) its Vietnamese label in Vietnamese and
    its value in English; a long text is shortened (``QUOTE_LIMIT``), except the
    name of a file (a place, like the location).
    """
    if value is None:
        return "…"
    if isinstance(value, Label):
        return shorten(value.get(lang), EXPLANATION_LIMIT)
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y") if lang == "vi" else value.isoformat()
    if isinstance(value, enum.Enum):
        label = getattr(value, "label", None)
        if lang == "vi" and isinstance(label, Label) and label.vi:
            return label.vi[:1].lower() + label.vi[1:]
        return value.value
    if name in PLACE_VALUES:
        return value
    return quoted(value, explanation=name in EXPLANATION_VALUES)


@attrs.frozen
class Finding:
    """One problem (or remark) about one place in the data."""

    code: str
    severity: Severity
    message: Label
    location: Location = attrs.field(factory=Location)
    tags: frozenset[str] = attrs.field(default=frozenset(), converter=_frozen_tags)
    values: Mapping[str, Any] = attrs.field(factory=dict, eq=False, hash=False)
    #: The names of ``values`` that quote personal data, hidden from tables unless asked.
    personal: frozenset[str] = attrs.field(
        default=frozenset(), converter=_frozen_tags, eq=False, hash=False
    )
    #: The code the message was rendered from (None for a finding built by hand).
    kind: FindingCode | None = attrs.field(default=None, eq=False, hash=False, repr=False)

    def sort_key(self) -> tuple[int, tuple[str, str, int, str, str, int, str, str], str, str]:
        """Most severe first, then by place, then by code and message."""
        return (-self.severity.rank, self.location.sort_key(), self.code, self.message.en)

    def __str__(self) -> str:
        return f"{self.code} {self.severity.value} at {self.location}: {self.message.get('en')}"

    def impersonal_message(self) -> Label:
        """The message with each personal value replaced by the record it belongs to.

        ``<member m3 full_name>`` stands where the member's name was quoted, and
        ``<thành viên m3, Họ và tên>`` in the Vietnamese message.
        """
        if not self.personal:
            return self.message
        stand_in = self._stand_in()
        kind = self.kind
        if kind is None:  # not declared: take the quoted texts out of the message
            vi, en = self.message.vi, self.message.en
            for name in self.personal:
                text = str(self.values.get(name, ""))
                for quote in (text, shorten(text)) if text else ():
                    vi, en = vi.replace(quote, stand_in.vi), en.replace(quote, stand_in.en)
            return Label(vi, en)
        values = {k: stand_in if k in self.personal else v for k, v in self.values.items()}
        return render(kind, values)

    def _stand_in(self) -> Label:
        """The record a personal value belongs to, named in each language's words."""
        where = self.location
        record = where.record_kind
        kind = kind_name(record) if record else Label("bản ghi", "record")
        field = field_name(record, where.field) if where.field else None
        record_id = where.record_id or "?"
        vi = f"<{kind.vi} {record_id}" + (f", {field.vi}>" if field else ">")
        en = f"<{kind.en} {record_id}" + (f" {field.en}>" if field else ">")
        return Label(vi, en)


def render(kind: FindingCode, values: Mapping[str, Any]) -> Label:
    """The messages of ``kind`` quoting ``values``: names in each language, long texts shortened."""
    return Label(
        kind.message.vi.format(**{k: _render_value(v, "vi", k) for k, v in values.items()}),
        kind.message.en.format(**{k: _render_value(v, "en", k) for k, v in values.items()}),
    )


#: Findings of one code listed per file by default; one DV628 finding counts the others.
