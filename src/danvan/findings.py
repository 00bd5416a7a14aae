"""Findings: what validation says about a dataset, each with a stable code, a severity and a place.

One error model for file, type and domain problems: a finding from a broken
JSON document, from a field cattrs could not structure and from a rule about
leaders all look the same, so one report (and one table) holds them all.

Codes are grouped by hundreds: DV0xx load and structure, DV1xx references and
duplicates, DV2xx the administrative hierarchy, DV3xx teams, leaders and
memberships, DV4xx activities, DV5xx text, DV6xx importing files. A published code never changes
meaning; a new check gets a new code.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import attrs

from danvan.labels import Label
from danvan.model import Provenance
from danvan.model.people import MEMBER_PERSONAL_FIELDS
from danvan.tables import Column, ColumnType, Table

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


@attrs.frozen
class Location:
    """Where a finding is, as far as known: the cell of a file and the record it holds.

    ``row`` is 1-based, as a spreadsheet shows it; ``record_index`` is the
    0-based position of the record in its list of the document, for records
    that have no usable id. ``field`` is a path inside the record, such as
    ``quantities[0].unit``.
    """

    source: str | None = None
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    field: str | None = None
    record_kind: str | None = None
    record_id: str | None = None
    record_index: int | None = None

    @classmethod
    def of(
        cls,
        record_kind: str,
        record_id: str | None,
        provenance: Provenance | None = None,
        *,
        field: str | None = None,
    ) -> Location:
        """The location of a record of ``record_kind``, taking file, sheet and row from it."""
        if provenance is None:
            return cls(field=field, record_kind=record_kind, record_id=record_id)
        return cls(
            source=provenance.source,
            sheet=provenance.sheet,
            row=provenance.row,
            field=field,
            record_kind=record_kind,
            record_id=record_id,
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
        if self.column:
            parts.append(f"column {self.column}")
        if self.record_kind:
            which = self.record_id if self.record_id is not None else self.record_index
            parts.append(f"{self.record_kind} {which}" if which is not None else self.record_kind)
        if self.field:
            parts.append(f"field {self.field}")
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


CODES: dict[str, FindingCode] = {}
"""Every built-in code by id, in the order they were declared (the rule reference's order)."""


def declare(
    code_id: str,
    severity: Severity,
    title: Label,
    message: Label,
    description: str,
    tags: Iterable[str] = (),
) -> FindingCode:
    """Declare a built-in code; declaring one id twice is a programming error."""
    if code_id in CODES:
        raise ValueError(f"finding code {code_id} is declared twice")
    code = FindingCode(code_id, severity, title, message, description, frozenset(tags))
    CODES[code_id] = code
    return code


def _render_value(value: Any, lang: str) -> Any:
    if value is None:
        return "…"
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y") if lang == "vi" else value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    return value


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

    def sort_key(self) -> tuple[int, tuple[str, str, int, str, str, int, str, str], str, str]:
        """Most severe first, then by place, then by code and message."""
        return (-self.severity.rank, self.location.sort_key(), self.code, self.message.en)

    def __str__(self) -> str:
        return f"{self.code} {self.severity.value} at {self.location}: {self.message.get('en')}"

    def impersonal_message(self) -> Label:
        """The message with each personal value replaced by the record it belongs to.

        ``<member m3 full_name>`` stands where the member's name was quoted.
        """
        if not self.personal:
            return self.message
        where = self.location
        parts = (where.record_kind or "record", where.record_id or "?", where.field)
        stand_in = "<" + " ".join(part for part in parts if part) + ">"
        kind = CODES.get(self.code)
        if kind is None:  # not declared: take the quoted texts out of the message
            vi, en = self.message.vi, self.message.en
            for name in self.personal:
                text = str(self.values.get(name, ""))
                if text:
                    vi, en = vi.replace(text, stand_in), en.replace(text, stand_in)
            return Label(vi, en)
        values = {k: stand_in if k in self.personal else v for k, v in self.values.items()}
        return _render(kind, values)


def make_finding(
    code: FindingCode | str,
    location: Location | None = None,
    *,
    severity: Severity | None = None,
    personal: Iterable[str] | None = None,
    **values: Any,
) -> Finding:
    """A finding of ``code`` at ``location`` with its messages rendered from ``values``.

    ``personal`` names the values that quote personal data. By default they are
    the values quoting the field's content (``before``, ``after``, ``value``,
    ``suggestion``) when the location is a personal field (a member's name …).
    """
    if isinstance(code, str):
        if code not in CODES:
            import danvan.rules.codes  # noqa: F401  (declares the built-in codes)
        kind = CODES[code]
    else:
        kind = code
    location = location or Location()
    if personal is None:
        personal = CONTENT_VALUES.intersection(values) if location.personal else ()
    return Finding(
        code=kind.id,
        severity=severity or kind.severity,
        message=_render(kind, values),
        location=location,
        tags=kind.tags,
        values=values,
        personal=personal,
    )


def _render(kind: FindingCode, values: Mapping[str, Any]) -> Label:
    return Label(
        kind.message.vi.format(**{k: _render_value(v, "vi") for k, v in values.items()}),
        kind.message.en.format(**{k: _render_value(v, "en") for k, v in values.items()}),
    )


#: Findings of one code listed per file by default; one DV628 finding counts the others.
MAX_FINDINGS_PER_CODE = 1_000


def capped(findings: Iterable[Finding], limit: int) -> Iterator[Finding]:
    """The first ``limit`` findings of each code in each file, then one DV628 counting the others.

    Files are told apart by the findings' ``location.source``. Findings past
    the limit are let go as they come (a rule's generator never piles them
    up); the DV628 findings come last, for a report sorts its findings anyway.
    """
    seen: Counter[tuple[str | None, str]] = Counter()
    for finding in findings:
        key = (finding.location.source, finding.code)
        seen[key] += 1
        if seen[key] <= limit:
            yield finding
    for (source, code), count in seen.items():
        if count > limit:
            yield make_finding(
                "DV628",
                Location(source=source),
                source=source or "",
                count=count - limit,
                kind=code,
                limit=limit,
            )


def cap_findings(findings: Iterable[Finding], limit: int) -> list[Finding]:
    """``capped`` as a list."""
    return list(capped(findings, limit))


FINDING_COLUMNS = (
    Column("code", Label("Mã", "Code")),
    Column("severity", Label("Mức độ", "Severity")),
    Column("message_vi", Label("Nội dung", "Message (Vietnamese)")),
    Column("message_en", Label("Nội dung (tiếng Anh)", "Message")),
    Column("source", Label("Tệp nguồn", "Source")),
    Column("sheet", Label("Trang tính", "Sheet")),
    Column("row", Label("Dòng", "Row"), ColumnType.INTEGER),
    Column("column", Label("Cột", "Column")),
    Column("field", Label("Trường", "Field")),
    Column("record_kind", Label("Loại bản ghi", "Record kind")),
    Column("record_id", Label("Mã bản ghi", "Record id")),
    Column("record_index", Label("Vị trí bản ghi", "Record index"), ColumnType.INTEGER),
    Column("tags", Label("Nhãn", "Tags")),
)


def _as_tuple(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    return tuple(findings)


@attrs.frozen
class ValidationReport:
    """All findings of one run, most severe first; ``ok`` when none is an error."""

    findings: tuple[Finding, ...] = attrs.field(default=(), converter=_as_tuple)

    @classmethod
    def of(cls, findings: Iterable[Finding]) -> ValidationReport:
        """A report of ``findings`` in the deterministic order: severity, then place."""
        return cls(sorted(findings, key=Finding.sort_key))

    @property
    def counts(self) -> dict[Severity, int]:
        """How many findings of each severity, every severity present."""
        counts = dict.fromkeys(Severity, 0)
        for finding in self.findings:
            counts[finding.severity] += 1
        return counts

    @property
    def ok(self) -> bool:
        return not any(f.severity is Severity.ERROR for f in self.findings)

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity is Severity.ERROR)

    @property
    def codes(self) -> frozenset[str]:
        return frozenset(f.code for f in self.findings)

    def filter(
        self,
        *,
        code: str | Iterable[str] | None = None,
        severity: Severity | None = None,
        min_severity: Severity | None = None,
        tag: str | None = None,
    ) -> ValidationReport:
        """The findings that match every criterion given, as a new report."""
        codes = {code} if isinstance(code, str) else None if code is None else set(code)
        return ValidationReport(
            f
            for f in self.findings
            if (codes is None or f.code in codes)
            and (severity is None or f.severity is severity)
            and (min_severity is None or f.severity >= min_severity)
            and (tag is None or tag in f.tags)
        )

    def __add__(self, other: ValidationReport) -> ValidationReport:
        return ValidationReport.of((*self.findings, *other.findings))

    def __iter__(self) -> Iterator[Finding]:
        return iter(self.findings)

    def __len__(self) -> int:
        return len(self.findings)

    def summary(self, lang: str = "vi") -> str:
        counts = self.counts
        errors, warnings, infos = (counts[s] for s in Severity)
        if lang == "en":
            return f"{errors} errors, {warnings} warnings, {infos} notes"
        return f"{errors} lỗi, {warnings} cảnh báo, {infos} thông tin"

    def to_table(self, name: str = "findings", *, personal: bool = False) -> Table:
        """The findings as a table, one row each, ready for any exporter.

        Personal data a message quotes (a member's name …) is replaced by the
        record it belongs to, ``<member m3 full_name>``, unless ``personal=True``;
        then the message columns are marked personal, so that redaction
        (``danvan.redact``) still leaves them out.
        """
        messages = [f.message if personal else f.impersonal_message() for f in self.findings]
        rows = [
            (
                f.code,
                f.severity.value,
                message.vi,
                message.en,
                f.location.source,
                f.location.sheet,
                f.location.row,
                f.location.column,
                f.location.field,
                f.location.record_kind,
                f.location.record_id,
                f.location.record_index,
                ", ".join(sorted(f.tags)),
            )
            for f, message in zip(self.findings, messages, strict=True)
        ]
        columns: tuple[Column, ...] = FINDING_COLUMNS
        if personal:
            quoting = {"message_vi", "message_en"}
            columns = tuple(attrs.evolve(c, personal=c.name in quoting) for c in columns)
        return Table(
            name=name,
            title=Label("Kết quả kiểm tra dữ liệu", "Validation findings"),
            columns=columns,
            rows=rows,
            description=Label(self.summary("vi"), self.summary("en")),
        )


def rule_reference_markdown(codes: Iterable[FindingCode] | None = None) -> str:
    """The rule reference (``docs/rules.md``), generated from the codes so that it cannot drift."""
    from danvan.rules import registered_rules
    from danvan.rules.codes import REPORTED_OUTSIDE_RULES

    checked_by: dict[str, list[str]] = {
        code_id: [f"`{function}`"] for code_id, function in REPORTED_OUTSIDE_RULES.items()
    }
    for checker in registered_rules():
        for code in checker.codes:
            checked_by.setdefault(code.id, []).append(f"`{checker.name}`")
    lines = [
        "# Validation rules: the finding codes",
        "",
        "<!-- Generated by danvan.findings.rule_reference_markdown(); do not edit by hand. -->",
        "",
        "Every finding has a stable code; a published code never changes meaning.",
        "Codes are grouped by hundreds: DV0xx load and structure, DV1xx references",
        "and duplicates, DV2xx the administrative hierarchy, DV3xx teams, leaders and",
        "memberships, DV4xx activities, DV5xx text, DV6xx importing files. Validation",
        "never stops at the first problem and never raises on bad data; a rule that",
        "fails with an exception is reported as DV999 and the other rules still run.",
        "DV0xx and DV5xx findings of a file come from `danvan.rules.load.load_checked`",
        "and DV6xx (with DV5xx) from `danvan.read.read_dataset`; see",
        "[validation](validation.md) and [importing](importing.md).",
        "",
        "| code | severity | title | what it means | tags | checked by |",
        "|---|---|---|---|---|---|",
    ]
    for code in CODES.values() if codes is None else codes:
        title = f"{code.title.vi} / {code.title.en}"
        tags = ", ".join(sorted(code.tags))
        by = checked_by.get(code.id, [])
        if code.id < "DV100" or code.id.startswith("DV5"):
            by = [*by, "`load_checked`"]
        if code.id.startswith(("DV5", "DV6")):
            by = [*by, "`read_dataset`"]
        rules = ", ".join(by or ["`validate`"])
        lines.append(
            f"| {code.id} | {code.severity.value} | {title} | {code.description} | {tags} "
            f"| {rules} |"
        )
    return "\n".join(lines) + "\n"
