"""``danvan summary``: a folder summed and checked again each month, changed files only read.

The monthly job of an office that keeps one file per commune in a folder: the
summary (by unit, team or overall, split by month, type …) and every finding,
written in any format. What was read of each file is kept in a store
(``danvan.store``), so that a month in which one file changed reads that file
only; ``--no-cache`` reads everything, ``--cache-dir`` places the store (beside
the data, say). The result is the same either way.
"""

from __future__ import annotations

import datetime as dt
import os

import click

import danvan
from danvan.aggregate import DIMENSIONS, OPT_IN, Measure
from danvan.cli._common import (
    CUTOFF_DAY,
    FORMAT,
    LANG,
    LIMITS,
    OVERWRITE,
    STDOUT,
    findings_line,
    parse_date_option,
    parse_period_option,
)
from danvan.cli._console import UsageProblem, one_line
from danvan.cli._report import GROUPINGS
from danvan.cli._writing import Target, write_output
from danvan.store import Store, default_location


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(dir_okay=True))
@click.option(
    "--period",
    "period",
    default="2022",
    show_default=True,
    callback=parse_period_option,
    help="Kỳ báo cáo / reporting period: 2022, 2022-Q1, 2022-03, 2022-H1 …",
)
@click.option(
    "--by",
    type=click.Choice(sorted([*GROUPINGS, "all"])),
    default="commune",
    show_default=True,
    help="Tổng hợp theo / group rows by.",
)
@click.option(
    "--per",
    multiple=True,
    type=click.Choice(DIMENSIONS),
    help="Chia thêm theo / split rows further by (repeat): month, quarter, type, field, topic.",
)
@click.option(
    "--measure",
    "measures",
    multiple=True,
    type=click.Choice([m.value for m in Measure if m not in OPT_IN]),
    help="Chỉ tiêu / measures to compute (repeat; default: all).",
)
@CUTOFF_DAY
@LANG
@click.option(
    "--units-on",
    "units_on",
    callback=parse_date_option,
    default=None,
    help="Địa giới ngày / report under the units of this day (e.g. 01/07/2025).",
)
@click.option(
    "--no-cache",
    is_flag=True,
    help="Không dùng bộ nhớ đệm: đọc lại mọi tệp / read every file again, keep nothing.",
)
@click.option(
    "--cache-dir",
    type=click.Path(file_okay=False),
    default=None,
    help="Thư mục bộ nhớ đệm / where the store of what each file gave lives "
    f"(default: {default_location()}).",
)
@click.option(
    "-o",
    "--output",
    default="summary.xlsx",
    show_default=True,
    help="Tệp kết quả / output file; - for stdout.",
)
@FORMAT
@OVERWRITE
@LIMITS
def summary(
    paths: tuple[str, ...],
    period: danvan.Period,
    by: str,
    per: tuple[str, ...],
    measures: tuple[str, ...],
    cutoff_day: int,
    lang: str,
    units_on: dt.date | None,
    no_cache: bool,
    cache_dir: str | None,
    output: str,
    fmt: str | None,
    overwrite: bool,
    limits: danvan.ReadLimits,
) -> None:
    """A folder's summary and findings, reading only the files changed since the last run."""
    if no_cache and cache_dir is not None:
        raise UsageProblem("--no-cache và --cache-dir loại trừ nhau / exclude each other")
    cache: bool | Store = False if no_cache else Store(os.fspath(cache_dir)) if cache_dir else True
    try:
        result = danvan.report_folder(
            list(paths),
            period,
            by=GROUPINGS.get(by, "all"),
            per=per,  # type: ignore[arg-type]  # click.Choice(DIMENSIONS) checked them
            measures=measures or None,
            calendar=danvan.ReportingCalendar(cutoff_day),
            units_on=units_on,
            cache=cache,
            limits=limits,
        )
    except danvan.DatasetReadError as error:
        raise UsageProblem(one_line(error)) from None
    target = Target(output, fmt, lang, None, None, overwrite, paths)
    write_output(result.bundle(lang=lang), target)
    err = output == STDOUT
    click.echo(
        f"Tệp / files: {result.files}, từ bộ nhớ đệm / from the store: {result.stored}",
        err=err,
    )
    click.echo(findings_line(result.report), err=err)
