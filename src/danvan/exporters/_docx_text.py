"""The words of a report document, from a bundle: sections I-IV as plain blocks of text.

Pure: no python-docx here, so the text can be tested and reused (a template, a
web page). Figures are written the Vietnamese way (2.055; 15,5 ha; 27.000.000
đồng; ngày 13 tháng 02 năm 2023). A bundle that is not a period report (no key
figures) still gives the four sections, with placeholders where figures would be.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator
from typing import Any, Final

import attrs

from danvan.exporters._docx_fields import PLACEHOLDER, DocumentFields
from danvan.tables import Bundle, Table
from danvan.text import format_date, format_money

#: Units of measure: "sản lượng thu hoạch 950 kg". Any other unit is a counted noun that
#: the label already names: "20 cột đèn đường", "100 suất quà cho trẻ em".
MEASURE_UNITS: Final = frozenset({"m", "km", "ha", "kg", "tấn", "m2", "m²", "m3", "m³", "đồng"})
#: Units of things given or built, which have a worth: "20 cột đèn đường trị giá …".
GOODS_UNITS: Final = frozenset({"cái", "chiếc", "bộ", "suất", "công trình"})
#: Notable results quoted per field in section II; the annex lists them all.
QUOTED_RESULTS: Final = 8
#: Teams listed by name in section II; the annex lists them all.
LISTED_TEAMS: Final = 30
#: Finding codes quoted in section III.
QUOTED_CODES: Final = 5


@attrs.frozen
class Block:
    """A paragraph of the document: ``kind`` is heading, subheading, body, bullet or note."""

    text: str
    kind: str = "body"


def vn_number(value: float) -> str:
    """``2055`` -> ``2.055``; ``15.5`` -> ``15,5`` (at most two decimals)."""
    if isinstance(value, float) and not value.is_integer():
        whole, _, decimals = f"{abs(value):.2f}".partition(".")
        sign = "-" if value < 0 else ""
        return f"{sign}{format_money(int(whole))},{decimals.rstrip('0')}"
    number = int(value)
    return f"-{format_money(-number)}" if number < 0 else format_money(number)


def vn_money(amount: int) -> str:
    """``27000000`` -> ``27.000.000 đồng``."""
    return f"{vn_number(amount)} đồng"


def vn_percent(ratio: float) -> str:
    """``0.955`` -> ``95,5%``."""
    return f"{vn_number(round(ratio * 100, 1))}%"


def vn_long_date(day: dt.date | None) -> str:
    """``ngày 13 tháng 02 năm 2023``: days below 10 and months 1 and 2 take a zero (NĐ 30/2020)."""
    if day is None:
        return f"ngày {PLACEHOLDER} tháng {PLACEHOLDER} năm {PLACEHOLDER}"
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def quantity_phrase(label: str, value: float, unit: str) -> str:
    """``Cột đèn đường``, 20, ``cái`` -> ``20 cột đèn đường``; kg -> ``sản lượng … 950 kg``."""
    name = label[:1].lower() + label[1:]
    if name.startswith("số "):
        name = name[3:]
    if unit in MEASURE_UNITS:
        return f"{name} {vn_number(value)} {unit}"
    return f"{vn_number(value)} {name}"


def _records(bundle: Bundle, name: str) -> list[dict[str, Any]] | None:
    table = next((t for t in bundle.tables if t.name == name), None)
    if table is None:
        return None
    names = [c.name for c in table.columns]
    return [dict(zip(names, row, strict=False)) for row in table.iter_rows()]


@attrs.frozen
class _Figures:
    """The key figures table read once: values, and each indicator's label and unit."""

    values: dict[str, Any]
    labels: dict[str, tuple[str, str]]

    @classmethod
    def of(cls, bundle: Bundle) -> _Figures | None:
        rows = _records(bundle, "summary")
        if rows is None or not rows or "code" not in rows[0]:
            return None
        values = {row["code"]: row.get("value") for row in rows}
        labels = {row["code"]: (str(row.get("figure")), str(row.get("unit"))) for row in rows}
        return cls(values, labels)

    def get(self, code: str) -> Any:
        return self.values.get(code) or 0

    def phrases(self, row: dict[str, Any]) -> list[str]:
        """The indicators of ``row`` (columns named by indicator code) that have a value."""
        return [phrase for phrase, _ in self.results(row)]

    def results(self, row: dict[str, Any]) -> list[tuple[str, str]]:
        """Each indicator of ``row`` with a value: its phrase and its unit."""
        found = []
        for name, value in row.items():
            if name in self.labels and not name.startswith("money") and value:
                label, unit = self.labels[name]
                if unit in ("đồng", "tỷ lệ (1 = 100%)") or name in _COUNTS_OF_ACTIVITY:
                    continue
                found.append((quantity_phrase(label, value, unit), unit))
        return found


#: Key figures that are counts of the period, not results of work.
_COUNTS_OF_ACTIVITY: Final = frozenset(
    {
        "teams",
        "villages_with_team",
        "villages_with_activity",
        "activities",
        "participants",
        "households",
        "meetings_held",
        "meetings_expected",
        "completeness",
        "active_members",
        "gift_packages",
    }
)


def subject(bundle: Bundle, fields: DocumentFields) -> str:
    """The subject line: given, or the results of the teams in the bundle's period."""
    if fields.subject:
        return fields.subject
    period = bundle.metadata.period_label
    if period is None:
        return bundle.metadata.title.vi
    label = period.vi[:1].lower() + period.vi[1:]
    return f"Kết quả hoạt động của Tổ Dân vận cơ sở {label}"


def _situation(bundle: Bundle, figures: _Figures | None, fields: DocumentFields) -> Iterator[Block]:
    yield Block("I. ĐẶC ĐIỂM TÌNH HÌNH", "heading")
    if figures is not None:
        yield Block(
            f"Đến cuối kỳ báo cáo, trên địa bàn có {vn_number(figures.get('teams'))} Tổ Dân vận "
            f"cơ sở ở {vn_number(figures.get('villages_with_team'))} bản, với "
            f"{vn_number(figures.get('active_members'))} thành viên; "
            f"{vn_number(figures.get('villages_with_activity'))}/"
            f"{vn_number(figures.get('villages_with_team'))} bản có hoạt động trong kỳ."
        )
    meta = bundle.metadata
    where = "; ".join(x for x in (meta.source, meta.calendar.vi if meta.calendar else None) if x)
    if where:
        yield Block(f"Số liệu tổng hợp từ: {where}.", "note")
    if fields.situation:
        yield from (Block(text) for text in fields.situation)
    else:
        yield Block(f"{PLACEHOLDER} (đặc điểm tình hình của địa phương: đơn vị bổ sung)")


def _money_sources(figures: _Figures) -> str:
    parts = [
        (figures.labels[code][0].removeprefix("Kinh phí: ").lower(), figures.get(code))
        for code in figures.labels
        if code.startswith("money_") and code != "money_total"
    ]
    return ", ".join(f"{name} {vn_money(amount)}" for name, amount in parts if amount)


def _result_sentence(row: dict[str, Any], figures: _Figures) -> str:
    """``Tổ … vận động 20 cột đèn đường trị giá 27.000.000 đồng (…, 22/09/2022)``."""
    results, money = figures.results(row), row.get("money_total") or 0
    team, title = row.get("team") or PLACEHOLDER, row.get("title") or ""
    day = row.get("date")
    when = f", {format_date(day)}" if isinstance(day, dt.date) else ""
    if len(results) == 1 and money and results[0][1] in GOODS_UNITS:
        return f"{team} vận động {results[0][0]} trị giá {vn_money(money)} ({title}{when})."
    details = ", ".join(phrase for phrase, _ in results)
    if money:
        spent = f"kinh phí {vn_money(money)}"
        details = f"{details}; {spent}" if details else spent
    return f"{team}: {title}{when}" + (f" ({details})." if details else ".")


def _results(bundle: Bundle, figures: _Figures | None) -> Iterator[Block]:
    yield Block("II. KẾT QUẢ THỰC HIỆN", "heading")
    fields = _records(bundle, "by_field")
    if figures is None or fields is None:
        yield Block(f"{PLACEHOLDER} (kết quả thực hiện: đơn vị bổ sung)")
        return
    period = bundle.metadata.period_label
    when = f"{period.vi}, c" if period is not None else "C"
    held, expected = figures.get("meetings_held"), figures.get("meetings_expected")
    meetings = f"; duy trì họp định kỳ {held}/{expected} tháng" if expected else ""
    sources = _money_sources(figures)
    yield Block(
        f"{when}ác Tổ Dân vận đã tổ chức {vn_number(figures.get('activities'))} hoạt động, thu "
        f"hút {vn_number(figures.get('participants'))} lượt người và "
        f"{vn_number(figures.get('households'))} lượt hộ tham gia{meetings}; vận động tổng kinh "
        f"phí {vn_money(figures.get('money_total'))}" + (f" ({sources})." if sources else ".")
    )
    yield from _against_plan(bundle)
    results = _records(bundle, "results") or []
    for number, row in enumerate(fields, start=1):
        field = str(row.get("field") or PLACEHOLDER)
        yield Block(f"{number}. Lĩnh vực {field[:1].lower()}{field[1:]}", "subheading")
        found = figures.phrases(row)
        text = (
            f"Tổ chức {vn_number(row.get('activities') or 0)} hoạt động, thu hút "
            f"{vn_number(row.get('participants') or 0)} lượt người, "
            f"{vn_number(row.get('households') or 0)} lượt hộ tham gia."
        )
        if found:
            text += f" Kết quả: {'; '.join(found)}."
        if row.get("money_total"):
            text += f" Kinh phí vận động: {vn_money(row['money_total'])}."
        yield Block(text)
        mine = [r for r in results if r.get("field") == row.get("field")]
        quoted = sorted(mine, key=lambda r: -(r.get("money_total") or 0))[:QUOTED_RESULTS]
        for result in sorted(quoted, key=mine.index):
            yield Block(_result_sentence(result, figures), "bullet")
        if len(mine) > len(quoted):
            yield Block(f"Và {len(mine) - len(quoted)} kết quả khác (xem Phụ lục).", "note")
    yield from _teams(bundle, len(fields) + 1)


def _against_plan(bundle: Bundle) -> Iterator[Block]:
    """The whole area against the plan and the same period last year, in the comparison's
    own words; then the figures of whole units, which no team reported."""
    rows = _records(bundle, "comparison") or []
    whole = [row for row in rows if row.get("unit") == rows[0].get("unit")] if rows else []
    said = []
    for row in whole:
        measure = str(row.get("measure") or "").split(" (")[0]
        if row.get("assessment"):
            words = str(row["assessment"]).replace("; ", ", ")
            said.append(f"{measure[:1].lower()}{measure[1:]} {words}")
    if said:
        yield Block(f"So với kế hoạch và cùng kỳ: {'; '.join(said)}.")
    for row in _records(bundle, "unit_figures") or []:
        figure = str(row.get("indicator") or "")
        value = row.get("figure") or vn_number(row.get("value") or 0)
        source = f" (nguồn: {row['source']})" if row.get("source") else ""
        yield Block(
            f"Toàn {str(row.get('level') or '').lower()} {row.get('unit')}: "
            f"{figure[:1].lower()}{figure[1:]} {value} {row.get('unit_of_measure') or ''}"
            f"".rstrip()
            + f"{source}.",
            "bullet",
        )


def _teams(bundle: Bundle, number: int) -> Iterator[Block]:
    teams = _records(bundle, "by_team")
    if not teams:
        return
    yield Block(f"{number}. Kết quả của các Tổ Dân vận", "subheading")
    for row in teams[:LISTED_TEAMS]:
        text = (
            f"{row.get('team') or PLACEHOLDER}: {vn_number(row.get('activities') or 0)} hoạt "
            f"động, {vn_number(row.get('participants') or 0)} lượt người tham gia"
        )
        if row.get("money_total"):
            text += f"; vận động {vn_money(row['money_total'])}"
        if row.get("classification"):
            points = row.get("points")
            score = f" ({vn_number(points)} điểm)" if isinstance(points, int | float) else ""
            text += f"; xếp loại {str(row['classification']).lower()}{score}"
        yield Block(text + ".", "bullet")
    if len(teams) > LISTED_TEAMS:
        yield Block(f"Và {len(teams) - LISTED_TEAMS} Tổ khác (xem Phụ lục).", "note")


def _shortcomings(bundle: Bundle, figures: _Figures | None) -> Iterator[Block]:
    yield Block("III. TỒN TẠI, HẠN CHẾ", "heading")
    said = False
    if figures is not None:
        held, expected = figures.get("meetings_held"), figures.get("meetings_expected")
        if expected and held < expected:
            said = True
            yield Block(
                f"Còn {vn_number(expected - held)} cuộc họp định kỳ chưa được tổ chức "
                f"(đạt {held}/{expected}, {vn_percent(held / expected)}).",
                "bullet",
            )
        idle = figures.get("villages_with_team") - figures.get("villages_with_activity")
        if idle > 0:
            said = True
            yield Block(
                f"{vn_number(idle)} bản có Tổ Dân vận nhưng chưa có hoạt động trong kỳ.", "bullet"
            )
    for row in _records(bundle, "by_team") or []:
        grade = str(row.get("classification") or "")
        if grade.lower().startswith("không hoàn thành"):
            said = True
            yield Block(f"{row.get('team')}: xếp loại {grade.lower()}.", "bullet")
    reporting = _records(bundle, "reporting")
    if reporting:
        said = True
        yield _reporting(reporting)
    for row in _records(bundle, "report_notes") or []:
        said = True
        yield Block(str(row.get("message_vi")), "bullet")
    findings = _records(bundle, "findings")
    if findings:
        said = True
        yield from _findings(findings)
    if not said:
        yield Block("Số liệu báo cáo không cho thấy tồn tại về họp định kỳ và về dữ liệu.")
    yield Block(f"{PLACEHOLDER} (tồn tại, hạn chế khác và nguyên nhân: đơn vị bổ sung)")


def _reporting(rows: list[dict[str, Any]]) -> Block:
    """The reports received, on time, late and missing (the table's last row is all teams)."""
    total = rows[-1]
    expected, received, on_time = total["expected"], total["received"], total["on_time"]
    text = f"Tình hình gửi báo cáo: đã nhận {received}/{expected} báo cáo phải nộp"
    if expected:
        text += f" ({vn_percent(received / expected)}), đúng hạn {vn_percent(on_time / expected)}"
    parts = [f"{total[k]} báo cáo {w}" for k, w in _LAPSES if total.get(k)]
    lacking = [f"{r['unit']} ({r['missing']})" for r in rows[:-1] if r.get("missing")]
    if lacking:
        parts.append("còn thiếu báo cáo ở " + ", ".join(lacking))
    return Block(text + (f"; {'; '.join(parts)}." if parts else "."), "bullet")


_LAPSES: Final = (("missing", "chưa nộp"), ("late", "nộp muộn"), ("duplicates", "nộp trùng"))


def _findings(findings: list[dict[str, Any]]) -> Iterator[Block]:
    severity = Counter(str(row.get("severity")) for row in findings)
    yield Block(
        f"Kiểm tra dữ liệu còn {vn_number(severity['error'])} lỗi và "
        f"{vn_number(severity['warning'])} cảnh báo chưa được xử lý (xem Phụ lục).",
        "bullet",
    )
    codes = Counter(str(row.get("code")) for row in findings)
    first: dict[str, Any] = {}
    for row in findings:
        first.setdefault(str(row.get("code")), row.get("message_vi"))
    for code, count in codes.most_common(QUOTED_CODES):
        yield Block(f"{code} ({vn_number(count)} lần), ví dụ: {first[code]}", "note")


def _directions(fields: DocumentFields) -> Iterator[Block]:
    yield Block("IV. PHƯƠNG HƯỚNG, NHIỆM VỤ", "heading")
    if fields.tasks:
        yield from (Block(task) for task in fields.tasks)
    else:
        yield Block(f"{PLACEHOLDER} (phương hướng, nhiệm vụ kỳ tới: đơn vị bổ sung)")


def body_blocks(bundle: Bundle, fields: DocumentFields) -> list[Block]:
    """Sections I-IV of the document, in order."""
    figures = _Figures.of(bundle)
    return [
        *_situation(bundle, figures, fields),
        *_results(bundle, figures),
        *_shortcomings(bundle, figures),
        *_directions(fields),
    ]


def annex_tables(bundle: Bundle) -> list[Table]:
    """The tables of the annex: every table of the bundle, in order."""
    return list(bundle.tables)
