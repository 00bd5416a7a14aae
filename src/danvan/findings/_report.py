"""The findings of one run: sorted, filtered, capped per code, and as a table."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator

import attrs

from danvan._display import HEAD_ROWS, Preview
from danvan.findings._finding import Finding, Location, Severity
from danvan.findings._make import make_finding
from danvan.findings.codes import MORE_FINDINGS
from danvan.labels import Label
from danvan.tables import Column, ColumnType, Table

MAX_FINDINGS_PER_CODE = 1_000


def capped(
    findings: Iterable[Finding], limit: int, *, file: str | None = None
) -> Iterator[Finding]:
    """The first ``limit`` findings of each code in each file, then one DV628 counting the others.

    Files are told apart by the findings' ``location.source``, unless ``file``
    says which file they all came from (a dataset document's findings name each
    record's own provenance, which is not the file read). Findings past the
    limit are let go as they come (a rule's generator never piles them up); the
    DV628 findings come last, for a report sorts its findings anyway.
    """
    seen: Counter[tuple[str | None, str]] = Counter()
    for finding in findings:
        key = (file if file is not None else finding.location.source, finding.code)
        seen[key] += 1
        if seen[key] <= limit:
            yield finding
    for (source, code), count in seen.items():
        if count > limit:
            yield make_finding(
                MORE_FINDINGS,
                Location(source=source),
                source=source or "",
                count=count - limit,
                kind=code,
                limit=limit,
            )


def cap_findings(
    findings: Iterable[Finding], limit: int, *, file: str | None = None
) -> list[Finding]:
    """``capped`` as a list."""
    return list(capped(findings, limit, file=file))


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
    Column("letter", Label("Cột (chữ)", "Column letter")),
    Column("pointer", Label("Vị trí JSON", "JSON pointer")),
)


def _as_tuple(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    return tuple(findings)


_FINDING_HEADERS = ("code", "severity", "where", "message")


def _where(location: Location) -> str:
    parts = [location.source, location.sheet]
    if location.row is not None:
        parts.append(f"row {location.row}")
    parts.append(location.column or location.field)
    return " ".join(p for p in parts if p)


@attrs.frozen(repr=False)
class ValidationReport:
    """All findings of one run, most severe first; ``ok`` when none is an error."""

    findings: tuple[Finding, ...] = attrs.field(default=(), converter=_as_tuple)

    def _preview(self) -> Preview:
        """The counts by severity and the first findings (messages without personal data)."""
        head = [
            (f.code, f.severity.value, _where(f.location), f.impersonal_message().en)
            for f in self.findings[:HEAD_ROWS]
        ]
        rest = len(self.findings) - len(head)
        more = f"… {rest:,} more findings" if rest > 0 else ""
        facts = [f"{len(self.findings):,} findings", self.summary("en")]
        return Preview("ValidationReport", facts, _FINDING_HEADERS, head, more)

    def __repr__(self) -> str:
        """Short whatever the number of findings (``danvan._display``)."""
        return self._preview().text()

    def _repr_html_(self) -> str:
        return self._preview().html()

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
                f.location.letter,
                f.location.pointer,
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
