"""What the commands share: reading the inputs, the summary line, options declared once."""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Sequence
from contextlib import AbstractContextManager, nullcontext
from typing import Any

import attrs
import click

import danvan
from danvan.cli._console import UsageProblem, one_line
from danvan.importers.limits import DEFAULT_LIMITS
from danvan.redact import Redaction, RedactMode

STDOUT = "-"


def _stderr_is_terminal() -> bool:
    return sys.stderr.isatty()


def progress_bar(label: str, length: int | None = None) -> Any:
    """A progress bar on stderr when it is a terminal; nothing otherwise."""
    if not _stderr_is_terminal():
        return nullcontext(None)
    return click.progressbar(length=length, label=label, file=sys.stderr)


def parse_date_option(
    _ctx: click.Context, _param: click.Parameter, value: str | None
) -> dt.date | None:
    if value is None:
        return None
    try:
        return danvan.parse_date(value)
    except ValueError as error:
        raise click.BadParameter(one_line(error)) from None


def parse_period_option(_ctx: click.Context, _param: click.Parameter, value: str) -> danvan.Period:
    try:
        return danvan.parse_period(value)
    except danvan.PeriodParseError as error:
        raise click.BadParameter(one_line(error)) from None


def read_inputs(
    paths: Sequence[str],
    limits: danvan.ReadLimits = DEFAULT_LIMITS,
    *,
    record_submissions: bool = False,
    received: dt.date | None = None,
) -> danvan.ImportResult:
    """The dataset in ``paths`` (the bundled sample when there are none) and the import findings.

    ``record_submissions`` and ``received`` go to `danvan.read_dataset`: one submission
    recorded per file read.
    """
    if not paths:
        return danvan.ImportResult(danvan.sample(), danvan.ValidationReport())
    bar: AbstractContextManager[Any] = progress_bar("Đọc / reading", len(paths))
    with bar as progress:

        def tick(done: int, total: int) -> None:
            if progress is not None:
                progress.length = total
                progress.update(done - progress.pos)

        try:
            result = danvan.read_dataset(
                list(paths),
                progress=tick,
                limits=limits,
                record_submissions=record_submissions,
                received=received,
            )
        except danvan.DatasetReadError as error:
            raise UsageProblem(one_line(error)) from None
    return result


def findings_line(report: danvan.ValidationReport) -> str:
    """How many findings of each severity, as the summary of a command says it."""
    counts = report.counts
    return (
        f"Phát hiện / findings: {counts[danvan.Severity.ERROR]} lỗi / errors, "
        f"{counts[danvan.Severity.WARNING]} cảnh báo / warnings, "
        f"{counts[danvan.Severity.INFO]} thông tin / notes"
    )


def echo_summary(
    dataset: danvan.Dataset, report: danvan.ValidationReport, output: str | None
) -> None:
    """The short summary every command that writes a file prints (to stderr with ``-o -``)."""
    err = output == STDOUT
    click.echo(
        f"Tổ / teams: {len(dataset.teams)}, hoạt động / activities: {len(dataset.activities)}",
        err=err,
    )
    click.echo(findings_line(report), err=err)
    if output is not None and output != STDOUT:
        click.echo(f"Đã ghi / written: {os.fspath(output)}", err=err)


# Options shared by several commands, declared once.
CUTOFF_DAY = click.option(
    "--cutoff-day",
    type=click.IntRange(1, 28),
    default=1,
    show_default=True,
    help="Ngày chốt số liệu / the day a reporting month starts (15: 15th to 14th).",
)
LANG = click.option(
    "--lang",
    type=click.Choice(["vi", "en"]),
    default="vi",
    show_default=True,
    help="Ngôn ngữ / language of headers, names and messages.",
)
FORMAT = click.option(
    "--format", "fmt", default=None, help="Định dạng / format (default: by suffix)."
)
TABLE = click.option(
    "--table",
    default=None,
    help="Bảng cần ghi / the one table to write, for one-table formats (csv, jsonl).",
)
OVERWRITE = click.option(
    "--overwrite",
    is_flag=True,
    help="Ghi vào thư mục có sẵn không do danvan ghi (các tệp khác giữ nguyên), hoặc đè "
    "tệp đầu vào / write into an existing folder danvan did not write (its other files "
    "stay), or over one of the inputs.",
)


class PathsToRead(click.Path):
    """The files or folders a command reads; given none, the error says that it needs one."""

    def get_missing_message(self, param: click.Parameter, ctx: click.Context | None) -> str:
        command = ctx.command_path if ctx is not None else "danvan"
        return (
            f"{command} cần ít nhất một PATH, tệp hoặc thư mục để đọc / needs at least one "
            "PATH, a file or folder to read (only danvan report works without one, on the "
            "bundled sample)"
        )


INPUTS = click.argument(
    "paths", nargs=-1, required=True, metavar="PATH...", type=PathsToRead(dir_okay=True)
)


def parse_limits_option(
    _ctx: click.Context, _param: click.Parameter, values: Sequence[str]
) -> danvan.ReadLimits:
    """``--limit max_rows=1000000`` (repeatable) onto the default limits; a bad one is exit 2."""
    known = attrs.fields_dict(danvan.ReadLimits)
    changes: dict[str, Any] = {}
    for item in values:
        name, equals, text = item.partition("=")
        name = name.strip().replace("-", "_")
        if not equals or name not in known:
            raise click.BadParameter(
                f"{item!r}: cần TÊN=GIÁ_TRỊ / expected NAME=VALUE with NAME one of "
                f"{', '.join(known)}"
            )
        kind: type[int] | type[float] = float if isinstance(known[name].default, float) else int
        try:
            changes[name] = kind(text.strip())
        except ValueError:
            raise click.BadParameter(
                f"{item!r}: {text!r} không phải số / is not a number ({kind.__name__})"
            ) from None
    try:
        return attrs.evolve(DEFAULT_LIMITS, **changes)
    except ValueError as error:
        raise click.BadParameter(one_line(error)) from None


LIMITS = click.option(
    "--limit",
    "limits",
    multiple=True,
    metavar="NAME=VALUE",
    callback=parse_limits_option,
    help="Đổi một giới hạn đọc tệp / change a read limit, e.g. --limit max_rows=1000000 "
    "(repeatable; every limit and its default: docs/reliability.md).",
)
REDACT = click.option(
    "--redact",
    type=click.Choice([m.value for m in RedactMode]),
    default=None,
    help="Ẩn dữ liệu cá nhân / leave out (omit) or pseudonymise members' personal fields "
    "(name, position, gender, ethnicity, party membership) in every table.",
)
SALT = click.option(
    "--salt",
    envvar="DANVAN_REDACT_SALT",
    default=None,
    help="Muối bí mật / secret salt of the pseudonyms (also DANVAN_REDACT_SALT); the same "
    "salt gives the same pseudonyms in every run. Default: a random one each run.",
)


def redaction_asked(redact: str | None, salt: str | None) -> Redaction | None:
    """The redaction asked for; a salt matters only to pseudonyms."""
    if redact is None:
        return None
    try:
        return Redaction(redact, salt or None)
    except ValueError as error:
        raise UsageProblem(one_line(error)) from None
