"""``danvan report``: the period report, from reading the inputs to writing the bundle."""

from __future__ import annotations

import datetime as dt
import sys

import click

import danvan
from danvan.aggregate import GroupBy
from danvan.classification import DEFAULT_PRESET, PRESETS, preset
from danvan.cli._common import (
    CUTOFF_DAY,
    FORMAT,
    LANG,
    LIMITS,
    OVERWRITE,
    REDACT,
    SALT,
    TABLE,
    parse_date_option,
    parse_period_option,
    read_inputs,
    redaction_asked,
)
from danvan.cli._console import UsageProblem, one_line
from danvan.cli._writing import Target, write_summarised
from danvan.exporters.base import ExportError
from danvan.exporters.docx import FORMS, read_document_settings
from danvan.model import Level
from danvan.reports import report_notes

GROUPINGS: dict[str, GroupBy] = {
    "village": Level.VILLAGE,
    "commune": Level.COMMUNE,
    "district": Level.DISTRICT,
    "province": Level.PROVINCE,
    "team": "team",
}


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(dir_okay=True))
@click.option(
    "--period",
    "period",
    default="2022",
    show_default=True,
    callback=parse_period_option,
    help="Kỳ báo cáo / reporting period: 2022, 2022-Q1, 2022-03, 2022-H1, 2022-9M, "
    "2022-03-15/2022-06-14.",
)
@click.option(
    "--by",
    type=click.Choice(sorted(GROUPINGS)),
    default="commune",
    show_default=True,
    help="Tổng hợp theo / group the main table by.",
)
@CUTOFF_DAY
@LANG
@click.option(
    "--units-on",
    "--as-of",
    "units_on",
    callback=parse_date_option,
    default=None,
    help="Địa giới ngày / report under the units of this day (e.g. 01/07/2025); "
    "--as-of is its former spelling, still accepted.",
)
@click.option(
    "--grades",
    type=click.Choice(list(PRESETS)),
    default=DEFAULT_PRESET,
    show_default=True,
    help="Bộ tiêu chí xếp loại Tổ khi kỳ là một năm / the scale teams are graded by when the "
    "period is a year: danvan (this library's proposal) or 366 (Quy định 366-QĐ/TW, 2025).",
)
@click.option(
    "--excellent-cap",
    type=click.FloatRange(0, 1),
    default=None,
    help="Tỷ lệ tối đa xếp loại Hoàn thành xuất sắc / the largest share graded excellent, "
    "e.g. 0.2: 20% of those graded Good, as Nghị định 335/2025/NĐ-CP sets for officials "
    "(default: no cap).",
)
@click.option(
    "-o",
    "--output",
    default="report.xlsx",
    show_default=True,
    help="Tệp kết quả / output file; - for stdout.",
)
@FORMAT
@TABLE
@REDACT
@SALT
@click.option(
    "--quote-personal",
    is_flag=True,
    help="Trích dữ liệu cá nhân trong bảng kết quả kiểm tra / let the findings table quote "
    "members' names and positions (by default it names the record instead).",
)
@OVERWRITE
@LIMITS
@click.option(
    "--form",
    type=click.Choice(FORMS),
    default=None,
    help="Thể thức báo cáo .docx/.pdf: party (văn bản của Đảng) hoặc state (văn bản hành chính) "
    "/ form of a .docx or .pdf report: party (36-HD/VPTW) or state (Decree 30/2020); "
    "default party.",
)
@click.option(
    "--settings",
    "settings_file",
    type=click.Path(dir_okay=False),
    default=None,
    help="Tệp thiết lập TOML/JSON của báo cáo .docx/.pdf (cơ quan, số, người ký, nơi nhận …) "
    "/ a TOML or JSON file of the document's fields (body, number, signer, recipients …).",
)
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning"]),
    default=None,
    help="Thoát với mã 1 khi dữ liệu có lỗi (error) hoặc có lỗi hay cảnh báo (warning); báo "
    "cáo vẫn được ghi / exit 1 when the data has errors (error), or errors or warnings "
    "(warning), as validate does; the report is still written.",
)
def report(
    paths: tuple[str, ...],
    period: danvan.Period,
    by: str,
    cutoff_day: int,
    lang: str,
    units_on: dt.date | None,
    grades: str,
    excellent_cap: float | None,
    output: str,
    fmt: str | None,
    table: str | None,
    redact: str | None,
    salt: str | None,
    quote_personal: bool,
    overwrite: bool,
    limits: danvan.ReadLimits,
    form: str | None,
    settings_file: str | None,
    fail_on: str | None,
) -> None:
    """The main job: import, validate, aggregate and export the period report."""
    options = document_options(form, settings_file)
    redaction = redaction_asked(redact, salt)
    target = Target(output, fmt, lang, table, redaction, overwrite, paths, options)
    read = read_inputs(paths, limits)
    dataset = read.dataset
    calendar = danvan.ReportingCalendar(cutoff_day)
    found = read.report + read.locate(
        danvan.validate(
            dataset, calendar=calendar, max_findings_per_code=limits.max_findings_per_code
        )
    )
    bundle = danvan.period_report(
        dataset,
        period,
        by=GROUPINGS[by],
        calendar=calendar,
        criteria=preset(grades, excellent_cap=excellent_cap),
        findings=found.to_table(personal=quote_personal),
        lang=lang,
        units_on=units_on,
    )
    for note in report_notes(bundle):  # a district abolished on the units day (DV210) …
        click.echo(f"Cảnh báo / warning: {note.vi} / {note.en}", err=True)
    write_summarised(bundle, target, dataset, found)
    failing = failing_findings(found, fail_on)
    if failing:
        vi, en = _FAILING[fail_on or ""]
        click.echo(
            f"Dữ liệu có {failing} {vi} / the data has {failing} {en} (--fail-on {fail_on}): "
            "mã thoát / exit status 1",
            err=True,
        )
        sys.exit(1)


def document_options(form: str | None, settings_file: str | None) -> dict[str, object]:
    """The report document's options: the settings file's, then ``--form`` over them."""
    try:
        options = read_document_settings(settings_file) if settings_file else {}
    except ExportError as error:
        raise UsageProblem(one_line(error)) from None
    if form is not None:
        options["form"] = form
    return options


_FAILING = {"error": ("lỗi", "errors"), "warning": ("lỗi hoặc cảnh báo", "errors or warnings")}


def failing_findings(found: danvan.ValidationReport, fail_on: str | None) -> int:
    """How many findings make ``--fail-on`` end the command with status 1 (none: never)."""
    errors, warnings = danvan.Severity.ERROR, danvan.Severity.WARNING
    worst = {"error": (errors,), "warning": (errors, warnings)}
    counts = found.counts
    return sum(counts[severity] for severity in worst.get(fail_on or "", ()))
