"""``danvan export`` (the datasets in any format) and ``danvan sample`` (the bundled one)."""

from __future__ import annotations

import click

import danvan
from danvan.cli._common import (
    FORMAT,
    INPUTS,
    LANG,
    LIMITS,
    OVERWRITE,
    REDACT,
    SALT,
    STDOUT,
    TABLE,
    read_inputs,
    redaction_asked,
)
from danvan.cli._writing import Target, write_output, write_summarised


@click.command(name="export")
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
    limits: danvan.ReadLimits,
) -> None:
    """The datasets in PATHs, merged, in any format an exporter offers (one table per record
    kind)."""
    target = Target(output, fmt, lang, table, redaction_asked(redact, salt), overwrite, paths)
    read = read_inputs(paths, limits)
    write_summarised(danvan.dataset_bundle(read.dataset), target, read.dataset, read.report)


@click.command()
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
    bundle = danvan.template_bundle() if template else danvan.dataset_bundle(danvan.sample())
    used = write_output(bundle, Target(output, fmt, lang, overwrite=overwrite))
    what = "mẫu trống / empty template" if template else "dữ liệu mẫu / sample dataset"
    click.echo(f"Đã ghi {what} ({used}): {output}", err=output == STDOUT)
