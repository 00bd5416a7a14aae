"""Long values quoted short: about 80 characters ending in "…", wherever a message is read.

A clerk's cell of ten thousand characters is quoted in about 80 (never
cutting a letter from its tone mark) in the console, the JSON output and the
findings sheet; the finding's values keep it whole.
"""

from __future__ import annotations

import json
import string
import unicodedata
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from danvan import read_dataset
from danvan.cli import main
from danvan.findings import Finding, FindingCode, Severity, make_finding
from danvan.findings._finding import EXPLANATION_VALUES
from danvan.findings.codes import BUILTIN, BY_ID
from danvan.labels import Label
from danvan.layout import field_name

#: A cell as a clerk may paste it: a long Vietnamese text with doubled spaces.
LONG = "Tuyên truyền  phòng chống ma túy ở bản Mốc 4 " * 250
#: The length of a quoted value, quotes included: 80 characters and two quotes.
QUOTED = 82
#: The length of a reader's explanation, which may itself quote the value.
EXPLAINED = 240
EXPLANATIONS = EXPLANATION_VALUES
#: The values naming a file: a place, quoted whole.
PLACES = {"source", "folder"}


def _placeholders(template: str) -> list[str]:
    return [name for _, name, _, _ in string.Formatter().parse(template) if name]


def _quoting(code: FindingCode, text: str) -> dict[str, Any]:
    numbers: dict[str, Any] = {"month": 3, "year": 2022, "source": "bao-cao.xlsx", "folder": "."}
    return {
        name: numbers.get(name, text)
        for name in _placeholders(code.message.vi) + _placeholders(code.message.en)
    }


def _bound(template: str) -> int:
    names = _placeholders(template)
    return len(template) + sum(EXPLAINED if n in EXPLANATIONS else QUOTED for n in names)


def test_every_message_quotes_a_long_value_in_about_80_characters() -> None:
    for code in BUILTIN:
        finding = make_finding(code, **_quoting(code, LONG))
        for lang in ("vi", "en"):
            message = finding.message.get(lang)
            template = code.message.get(lang)
            assert len(message) <= _bound(template), (code.id, lang, message)
            if set(_placeholders(template)) - {"month", "year", *PLACES}:
                assert "…" in message, (code.id, lang)
        kept = {k: v for k, v in finding.values.items() if k not in {"month", "year", *PLACES}}
        assert all(v == LONG for v in kept.values())


def test_a_shortened_quote_ends_with_the_ellipsis_and_the_value_is_kept_whole() -> None:
    finding = make_finding(BY_ID["DV503"], field=field_name("activity", "title"), before=LONG)
    quoted = finding.message.vi.split("(", 1)[1].split(")")[0]
    assert quoted.startswith("'Tuyên truyền")
    assert quoted.endswith("…'")
    assert len(quoted) <= QUOTED
    assert finding.values["before"] == LONG
    short = make_finding(BY_ID["DV503"], field="title", before="Nậm  Tin")
    assert "'Nậm  Tin'" in short.message.vi


ONE = FindingCode("XX001", Severity.INFO, Label("t"), Label("{value}", "{value}"), "a quote")


@given(
    st.text(alphabet=st.sampled_from("aăâeêoôơuưy \u0300\u0301\u0303\u0309\u0323"), max_size=200)
)
def test_a_quote_never_cuts_a_letter_from_its_tone_mark(text: str) -> None:
    text = unicodedata.normalize("NFD", text)
    quote = make_finding(ONE, value=text).message.vi
    if len(text) <= 80:
        assert quote == text
        return
    assert quote.endswith("…")
    assert len(quote) <= 80
    kept = quote[:-1]
    assert text.startswith(kept)
    # Only a letter with more than 78 marks cannot be kept whole in 80 characters.
    marks_only = all(unicodedata.combining(ch) for ch in text[1:80])
    assert marks_only or not unicodedata.combining(text[len(kept)])


def test_a_long_list_is_quoted_short_too() -> None:
    quote = make_finding(ONE, value=list(range(5000))).message.en
    assert quote.startswith("[0, 1, 2")
    assert quote.endswith("…")
    assert len(quote) <= 80


def _long_cells(folder: Path) -> Path:
    """An activity sheet whose title and participants cells hold ten thousand characters."""
    path = folder / "activities.csv"
    participants = "khoảng " * 1500
    path.write_text(
        "id,team,village,date,type,title,participants\n"
        f'a1,t1,v1,2022-03-15,monthly_meeting,"{LONG}","{participants}"\n',
        encoding="utf-8",
    )
    return path


def _short_enough(message: str) -> bool:
    """No more than 80 characters of either long cell in one message."""
    return len(message) < 400 and "khoảng " * 12 not in message and LONG[:81] not in message


def test_long_cells_are_quoted_short_in_the_findings_and_their_table(tmp_path: Path) -> None:
    report = read_dataset(_long_cells(tmp_path)).report
    quoting = [f for f in report if f.code in {"DV503", "DV610"}]
    assert {f.code for f in quoting} == {"DV503", "DV610"}
    for finding in quoting:
        assert _short_enough(finding.message.vi)
        assert _short_enough(finding.message.en)
        assert "…'" in finding.message.vi
    for personal in (True, False):
        rows = list(report.to_table(personal=personal).iter_rows())
        assert rows
        assert all(_short_enough(str(cell)) for row in rows for cell in row)
    assert all(len(value) > 10_000 for f in quoting for value in _texts(f))


def _texts(finding: Finding) -> list[str]:
    quoting = ("before", "value", "detail_vi")
    return [finding.values[k] for k in quoting if isinstance(finding.values.get(k), str)]


def test_long_cells_are_quoted_short_by_danvan_validate(tmp_path: Path) -> None:
    path = _long_cells(tmp_path)
    runner = CliRunner()
    lines = runner.invoke(main, ["validate", str(path)]).output.splitlines()
    quoting = [line for line in lines if line.startswith(("DV503", "DV610"))]
    assert len(quoting) == 2
    assert all(_short_enough(line) and "…'" in line for line in quoting)
    result = runner.invoke(main, ["validate", str(path), "--format", "json"])
    findings = json.loads(result.stdout)
    messages = [f["message"][lang] for f in findings for lang in ("vi", "en")]
    assert len(messages) >= 4
    assert all(_short_enough(m) for m in messages)
