"""The ``danvan`` command line: the public API, driven from a terminal.

Every command reads datasets, works through ``danvan``'s own functions and
writes files through the exporter plugins. Errors a user can fix (a bad
option, a missing file, an unknown format) and failed writes (disk full, file
size limit, closed stdout) end in one line on stderr and exit status 2;
``danvan validate`` exits 1 when the data has errors. While writing, SIGTERM,
SIGINT and SIGHUP stop the write cleanly (temporary files removed, exit
128 + the signal's number) and SIGXFSZ is ignored, so that a file size limit is
an error rather than a killed process.

The rooms: this module (the commands), ``_common`` (reading inputs, shared
options), ``_writing`` (writing outputs safely).
"""

from __future__ import annotations

import datetime as dt
import sys
from typing import Any

import attrs
import click
import orjson

import danvan
from danvan._face import template_bundle
from danvan.cli._common import (
    CUTOFF_DAY,
    FORMAT,
    GROUPINGS,
    INPUTS,
    LANG,
    LIMITS,
    OVERWRITE,
    REDACT,
    SALT,
    STDOUT,
    TABLE,
    echo_summary,
    parse_date_option,
    parse_period_option,
    read_inputs,
    redaction_asked,
)
from danvan.cli._writing import write_output
from danvan.findings import Finding
from danvan.importers.limits import ReadLimits
from danvan.layout import dataset_bundle
from danvan.periods import Period, ReportingCalendar
from danvan.reports import report_notes


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(danvan.__version__, prog_name="danvan")
def main() -> None:
    """danvan: records, validation and reports of the Tổ Dân vận cơ sở.

    With no PATH, the commands work on the bundled sample: Nậm Pồ district
    (Điện Biên) in 2022.
    """


@main.command()
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
def report(
    paths: tuple[str, ...],
    period: Period,
    by: str,
    cutoff_day: int,
    lang: str,
    units_on: dt.date | None,
    output: str,
    fmt: str | None,
    table: str | None,
    redact: str | None,
    salt: str | None,
    quote_personal: bool,
    overwrite: bool,
    limits: ReadLimits,
) -> None:
    """The main job: import, validate, aggregate and export the period report."""
    redaction = redaction_asked(redact, salt)
    dataset, loaded = read_inputs(paths, limits)
    calendar = ReportingCalendar(cutoff_day)
    found = loaded + danvan.validate(
        dataset, calendar=calendar, max_findings_per_code=limits.max_findings_per_code
    )
    bundle = danvan.period_report(
        dataset,
        period,
        by=GROUPINGS[by],
        calendar=calendar,
        findings=found.to_table(personal=quote_personal),
        lang=lang,
        units_on=units_on,
    )
    for note in report_notes(bundle):  # a district abolished on the units day (DV210) …
        click.echo(f"Cảnh báo / warning: {note.vi} / {note.en}", err=True)
    write_output(
        bundle,
        output,
        fmt,
        lang,
        table,
        redact=redaction,
        overwrite=overwrite,
        inputs=paths,
    )
    echo_summary(dataset, found, output)


@main.command(name="validate")
@INPUTS
@click.option(
    "--as-of",
    "as_of",
    callback=parse_date_option,
    default=None,
    help="Ngày số liệu / the day the data is reported as of.",
)
@CUTOFF_DAY
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
@LANG
@LIMITS
def validate_command(
    paths: tuple[str, ...],
    as_of: dt.date | None,
    cutoff_day: int,
    fmt: str,
    lang: str,
    limits: ReadLimits,
) -> None:
    """Check datasets and list every finding; exit 1 when there are errors."""
    dataset, loaded = read_inputs(paths, limits)
    found = loaded + danvan.validate(
        dataset,
        as_of=as_of,
        calendar=ReportingCalendar(cutoff_day),
        max_findings_per_code=limits.max_findings_per_code,
    )
    if fmt == "json":
        click.echo(orjson.dumps([_finding_json(f) for f in found], option=orjson.OPT_INDENT_2))
    else:
        for finding in found:
            click.echo(_finding_line(finding, lang))
        click.echo(found.summary(lang))
    sys.exit(0 if found.ok else 1)


def _finding_line(finding: Finding, lang: str) -> str:
    where = finding.location
    place = ", ".join(
        str(part)
        for part in (
            where.source,
            where.sheet,
            f"dòng/row {where.row}" if where.row else None,
            where.column or where.field,
            f"{where.record_kind} {where.record_id}" if where.record_id else None,
        )
        if part
    )
    return f"{finding.code} {finding.severity.value:<7} {place or '-'}: {finding.message.get(lang)}"


def _finding_json(finding: Finding) -> dict[str, Any]:
    location = attrs.asdict(finding.location)
    return {
        "code": finding.code,
        "severity": finding.severity.value,
        "message": {"vi": finding.message.vi, "en": finding.message.en},
        "location": {k: v for k, v in location.items() if v is not None},
        "tags": sorted(finding.tags),
    }


@main.command(name="export")
@INPUTS
@click.option(
    "-o",
    "--output",
    required=True,
    help="Tệp kết quả / output file (.xlsx, .zip, .json …); - for stdout.",
)
@FORMAT
@LANG
@TABLE
@REDACT
@SALT
@OVERWRITE
@LIMITS
def export_command(
    paths: tuple[str, ...],
    output: str,
    fmt: str | None,
    lang: str,
    table: str | None,
    redact: str | None,
    salt: str | None,
    overwrite: bool,
    limits: ReadLimits,
) -> None:
    """The datasets in PATHs, merged, in any format an exporter offers (one table per record
    kind)."""
    redaction = redaction_asked(redact, salt)
    dataset, loaded = read_inputs(paths, limits)
    write_output(
        dataset_bundle(dataset),
        output,
        fmt,
        lang,
        table,
        redact=redaction,
        overwrite=overwrite,
        inputs=paths,
    )
    echo_summary(dataset, loaded, output)


@main.command()
@click.option(
    "-o",
    "--output",
    required=True,
    help="Tệp kết quả / output file (.xlsx, .json, .zip …); - for stdout.",
)
@click.option(
    "--template",
    is_flag=True,
    help="Mẫu trống cho xã điền / an empty template a commune fills in, instead of the sample.",
)
@FORMAT
@LANG
@OVERWRITE
def sample(output: str, template: bool, fmt: str | None, lang: str, overwrite: bool) -> None:
    """Write the bundled Nậm Pồ 2022 sample, or an empty template, in any format."""
    bundle = template_bundle() if template else dataset_bundle(danvan.sample())
    used = write_output(bundle, output, fmt, lang, overwrite=overwrite)
    what = "mẫu trống / empty template" if template else "dữ liệu mẫu / sample dataset"
    click.echo(f"Đã ghi {what} ({used}): {output}", err=output == STDOUT)


@main.command()
def plugins() -> None:
    """Every plugin with its distribution, version, load time, hooks and formats.

    Name clashes (an exporter or importer named like another) and the plugins
    that were skipped (failed to load) are listed too.
    """
    from danvan.exporters.base import Exporter
    from danvan.importers.base import Importer
    from danvan.plugins import NameClash, get_plugin_manager

    pm = get_plugin_manager()
    formats: dict[str, list[Exporter]] = {}
    for info, exporter in pm.contributions("danvan_exporters", Exporter):
        formats.setdefault(info.name, []).append(exporter)
    clashes: list[NameClash] = [
        *pm.name_clashes("danvan_exporters", Exporter),
        *pm.name_clashes("danvan_importers", Importer),
    ]
    for info in pm.plugins_info():
        hooks = sorted(c.name for c in pm.get_hookcallers(pm.get_plugin(info.name)) or [])
        took = (
            f" loaded in {info.load_seconds * 1000:.1f} ms" if info.load_seconds is not None else ""
        )
        click.echo(f"{info.describe()}{' [built-in]' if info.builtin else ''}{took}")
        click.echo(f"  hooks: {', '.join(hooks) or '-'}")
        for exporter in formats.get(info.name, []):
            suffixes = ", ".join(exporter.suffixes) or "-"
            click.echo(f"  format {exporter.name} ({suffixes}): {exporter.description.get('en')}")
        for clash in clashes:
            if info in clash.dropped:
                click.echo(f"  clash: {clash.describe()}")
    for skipped in pm.skipped():
        click.echo(f"skipped: {skipped.info.describe()}: {skipped.reason}")


if __name__ == "__main__":
    main()
