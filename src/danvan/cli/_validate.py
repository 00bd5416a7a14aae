"""``danvan validate``: every finding of the inputs, as lines or JSON; exit 1 on errors."""

from __future__ import annotations

import datetime as dt
import sys
from typing import Any

import attrs
import click
import orjson

import danvan
from danvan.cli._common import (
    CUTOFF_DAY,
    INPUTS,
    LANG,
    LIMITS,
    parse_date_option,
    read_inputs,
)
from danvan.layout import kind_name


@click.command(name="validate")
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
    limits: danvan.ReadLimits,
) -> None:
    """Check datasets and list every finding; exit 1 when there are errors."""
    read = read_inputs(paths, limits)
    found = read.report + read.locate(
        danvan.validate(
            read.dataset,
            as_of=as_of,
            calendar=danvan.ReportingCalendar(cutoff_day),
            max_findings_per_code=limits.max_findings_per_code,
        )
    )
    if fmt == "json":
        click.echo(orjson.dumps([_finding_json(f) for f in found], option=orjson.OPT_INDENT_2))
    else:
        for finding in found:
            click.echo(_finding_line(finding, lang))
        click.echo(found.summary(lang))
    sys.exit(0 if found.ok else 1)


def _finding_line(finding: danvan.Finding, lang: str) -> str:
    where = finding.location
    column = f"{where.letter} ({where.column})" if where.letter and where.column else where.column
    place = ", ".join(
        str(part)
        for part in (
            where.source,
            where.sheet,
            f"dòng/row {where.row}" if where.row else None,
            column or where.pointer or where.field,
            f"{kind_name(where.record_kind).get(lang)} {where.record_id}"
            if where.record_kind and where.record_id
            else None,
        )
        if part
    )
    return f"{finding.code} {finding.severity.value:<7} {place or '-'}: {finding.message.get(lang)}"


def _finding_json(finding: danvan.Finding) -> dict[str, Any]:
    location = attrs.asdict(finding.location)
    return {
        "code": finding.code,
        "severity": finding.severity.value,
        "message": {"vi": finding.message.vi, "en": finding.message.en},
        "location": {k: v for k, v in location.items() if v is not None},
        "tags": sorted(finding.tags),
    }
