"""The ``danvan`` command line: the public API, driven from a terminal.

Every command reads datasets, works through ``danvan``'s own functions and
writes files through the exporter plugins. Errors a user can fix (a bad
option, a missing file, an unknown format) and failed writes (disk full, file
size limit, closed stdout) end in one line on stderr and exit status 2;
``danvan validate`` exits 1 when the data has errors. While writing, SIGTERM,
SIGINT and SIGHUP stop the write cleanly (temporary files removed, exit
128 + the signal's number) and SIGXFSZ is ignored, so that a file size limit is
an error rather than a killed process.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, nullcontext
from types import FrameType
from typing import IO, Any, TypeVar

import attrs
import click
import orjson

import danvan
from danvan.aggregate import GroupBy
from danvan.export import ExportError, available_exporters, export, find_exporter
from danvan.findings import Finding, Severity, ValidationReport
from danvan.layout import dataset_bundle, template_bundle
from danvan.model import Dataset, Level
from danvan.periods import Period, PeriodParseError, ReportingCalendar, parse_period
from danvan.read import DatasetReadError, read_dataset
from danvan.redact import Redaction, RedactMode
from danvan.tables import Bundle, Row, Table

T = TypeVar("T")

STDOUT = "-"
GROUPINGS: dict[str, GroupBy] = {
    "village": Level.VILLAGE,
    "commune": Level.COMMUNE,
    "district": Level.DISTRICT,
    "province": Level.PROVINCE,
    "team": "team",
}


class UsageProblem(click.ClickException):
    """A problem the user can fix: bad input, a missing file, an unknown format (exit 2)."""

    exit_code = 2


def _stderr_is_terminal() -> bool:
    return sys.stderr.isatty()


def _progress(label: str, length: int | None = None) -> Any:
    """A progress bar on stderr when it is a terminal; nothing otherwise."""
    if not _stderr_is_terminal():
        return nullcontext(None)
    return click.progressbar(length=length, label=label, file=sys.stderr)


def _one_line(error: Exception) -> str:
    return " | ".join(line.strip() for line in str(error).splitlines() if line.strip())


def _date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return danvan.parse_date(value)
    except ValueError as error:
        raise click.BadParameter(_one_line(error)) from None


def _period(_ctx: click.Context, _param: click.Parameter, value: str) -> Period:
    try:
        return parse_period(value)
    except PeriodParseError as error:
        raise click.BadParameter(_one_line(error)) from None


def _read(paths: Sequence[str]) -> tuple[Dataset, ValidationReport]:
    """The dataset in ``paths`` (the bundled sample when there are none) and the import findings."""
    if not paths:
        return danvan.sample(), ValidationReport()
    bar: AbstractContextManager[Any] = _progress("Đọc / reading", len(paths))
    with bar as progress:

        def tick(done: int, total: int) -> None:
            if progress is not None:
                progress.length = total
                progress.update(done - progress.pos)

        try:
            result = read_dataset(list(paths), progress=tick)
        except DatasetReadError as error:
            raise UsageProblem(_one_line(error)) from None
    return result.dataset, result.report


def _ticking(table: Table, tick: Callable[[int], None]) -> Table:
    """``table``, ticking the progress bar once its last row has been read."""

    def rows() -> Iterator[Row]:
        yield from table.iter_rows()
        tick(1)

    return attrs.evolve(table, rows=rows)


class _Stopped(BaseException):
    """A signal arrived while writing: unwinds like KeyboardInterrupt so cleanup runs."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


@contextlib.contextmanager
def _signals_stop_the_write() -> Iterator[None]:
    """While writing: SIGTERM, SIGINT and SIGHUP raise ``_Stopped`` once; SIGXFSZ is ignored.

    Raising lets every ``finally`` remove its temporary files; ignoring SIGXFSZ turns
    a file size limit into an EFBIG error instead of a killed process. Signals a
    parent set to be ignored (``nohup``) stay ignored; the handlers are put back after.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    fired = False

    def stop(signum: int, _frame: FrameType | None) -> None:
        nonlocal fired
        if not fired:  # a second signal must not cut the cleanup of the first
            fired = True
            raise _Stopped(signum)

    previous: dict[int, Any] = {}
    for name in ("SIGTERM", "SIGINT", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is not None and signal.getsignal(number) is not signal.SIG_IGN:
            previous[number] = signal.signal(number, stop)
    if hasattr(signal, "SIGXFSZ"):
        previous[signal.SIGXFSZ] = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


_WHY = {
    errno.ENOSPC: "hết chỗ trên đĩa / disk full",
    errno.EDQUOT: "hết hạn mức đĩa / disk quota exceeded",
    errno.EFBIG: "tệp vượt giới hạn kích thước / file size limit reached",
    errno.EACCES: "không có quyền ghi / permission denied",
    errno.EPERM: "không có quyền ghi / permission denied",
    errno.EROFS: "ổ đĩa chỉ đọc / read-only file system",
    errno.ENOENT: "không có thư mục / no such folder",
    errno.ENOTDIR: "không có thư mục / no such folder",
    errno.EPIPE: "đầu ra đã đóng / the reader closed the output (broken pipe)",
    errno.EBADF: "đầu ra đã đóng / the output is closed",
}


def _os_error(error: BaseException) -> OSError | None:
    """The OSError behind ``error`` (XlsxWriter wraps it in its own exception), if any."""
    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, OSError):
            return seen
        seen = seen.__cause__ or seen.__context__
    return None


def _silence_stdout() -> None:
    """Point stdout at the null device: its reader has gone, so flushing at exit says nothing."""
    with contextlib.suppress(OSError, ValueError):
        fileno = sys.stdout.fileno()
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, fileno)
        os.close(null)


def _is_an_input(output: str, inputs: Sequence[str]) -> bool:
    for path in inputs:
        with contextlib.suppress(OSError):
            if os.path.samefile(path, output):
                return True
    return False


def _plugin_format(output: str, fmt: str | None) -> str | None:
    """The name of the exporter an output goes through when a plugin provides it, else None.

    Why: a plugin exporter that raises (``SystemExit`` included) is a failed
    write, one ``Error:`` line; a built-in one that raises is a bug, whose
    traceback must stay visible.
    """
    try:
        exporter = find_exporter(available_exporters(), fmt, None if output == STDOUT else output)
    except ExportError:
        return None
    module = getattr(exporter.write, "__module__", None) or ""
    return None if module == "danvan" or module.startswith("danvan.") else exporter.name


def _write(
    bundle: Bundle,
    output: str,
    fmt: str | None,
    lang: str,
    table: str | None = None,
    *,
    redact: Redaction | None = None,
    overwrite: bool = False,
    inputs: Sequence[str] = (),
) -> str:
    """Write ``bundle`` to ``output`` (``-`` for stdout); return the format used.

    Any failure is one ``Error:`` line and exit status 2 (128 + n for signal n),
    with nothing partial left at ``output``. An output that is one of the
    ``inputs`` is refused unless ``overwrite``: it would replace the original.
    """
    target: str | IO[bytes] = output
    where = "stdout" if output == STDOUT else output
    if output != STDOUT and not overwrite and _is_an_input(output, inputs):
        raise UsageProblem(
            f"Tệp kết quả là tệp đầu vào / the output {output} is one of the inputs; "
            "nothing was written (--overwrite to replace it)"
        )
    if output == STDOUT:
        if fmt is None:
            raise UsageProblem(
                "Ghi ra stdout cần --format / writing to stdout (-o -) needs --format"
            )
        if sys.stdout is None or not hasattr(sys.stdout, "buffer"):
            raise UsageProblem("Đầu ra chuẩn đã đóng / standard output is closed (-o -)")
        target = sys.stdout.buffer
    bar: AbstractContextManager[Any] = _progress("Ghi / writing", len(bundle.tables))
    try:
        with _signals_stop_the_write(), bar as progress:
            if progress is not None:
                tables = tuple(_ticking(t, progress.update) for t in bundle.tables)
                bundle = attrs.evolve(bundle, tables=tables)
            options = {"table": table} if table else None
            exporter = export(
                bundle,
                target,
                fmt,
                lang=lang,
                options=options,
                redact=redact,
                overwrite=overwrite,
            )
            if output == STDOUT:
                sys.stdout.buffer.flush()
    except ExportError as error:
        raise UsageProblem(_one_line(error)) from None
    except _Stopped as stop:
        if output == STDOUT:
            _silence_stdout()
        left = (
            "những gì đã ra stdout là dở dang / what reached stdout is incomplete"
            if output == STDOUT
            else f"không ghi gì / nothing was written to {where}"
        )
        name = signal.Signals(stop.signum).name
        click.echo(f"Error: Đã dừng / stopped by {name}; {left}", err=True)
        sys.exit(128 + stop.signum)
    except (Exception, SystemExit) as error:
        cause = _os_error(error) if isinstance(error, Exception) else None
        if cause is None:
            plugin = _plugin_format(output, fmt)
            if plugin is None:
                raise
            if output == STDOUT:
                _silence_stdout()
            raise UsageProblem(
                f"Định dạng / format {plugin!r} (plugin) lỗi khi ghi / failed while writing: "
                f"{type(error).__name__}: {error}; không ghi gì / nothing was written to {where}"
            ) from None
        if output == STDOUT:
            _silence_stdout()
        why = _WHY.get(cause.errno or 0, "lỗi ghi / write error")
        kept = "" if output == STDOUT else "; tệp cũ giữ nguyên / anything there is unchanged"
        raise UsageProblem(
            f"Không ghi được / cannot write {where}: {why} ({cause.strerror or cause}){kept}"
        ) from None
    return exporter.name


def _echo_summary(dataset: Dataset, report: ValidationReport, output: str | None) -> None:
    """The short summary every command that writes a file prints (to stderr with ``-o -``)."""
    err = output == STDOUT
    counts = report.counts
    click.echo(
        f"Tổ / teams: {len(dataset.teams)}, hoạt động / activities: {len(dataset.activities)}",
        err=err,
    )
    click.echo(
        f"Phát hiện / findings: {counts[Severity.ERROR]} lỗi / errors, "
        f"{counts[Severity.WARNING]} cảnh báo / warnings, "
        f"{counts[Severity.INFO]} thông tin / notes",
        err=err,
    )
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
INPUTS = click.argument("paths", nargs=-1, required=True, type=click.Path(dir_okay=True))
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


def _redaction(redact: str | None, salt: str | None) -> Redaction | None:
    """The redaction asked for; a salt matters only to pseudonyms."""
    if redact is None:
        return None
    try:
        return Redaction(redact, salt or None)
    except ValueError as error:
        raise UsageProblem(_one_line(error)) from None


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
    callback=_period,
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
    callback=_date,
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
) -> None:
    """The main job: import, validate, aggregate and export the period report."""
    redaction = _redaction(redact, salt)
    dataset, loaded = _read(paths)
    calendar = ReportingCalendar(cutoff_day)
    found = loaded + danvan.validate(dataset, calendar=calendar)
    bundle = danvan.period_report(
        dataset,
        period,
        by=GROUPINGS[by],
        calendar=calendar,
        findings=found.to_table(personal=quote_personal),
        lang=lang,
        units_on=units_on,
    )
    _write(
        bundle,
        output,
        fmt,
        lang,
        table,
        redact=redaction,
        overwrite=overwrite,
        inputs=paths,
    )
    _echo_summary(dataset, found, output)


@main.command(name="validate")
@INPUTS
@click.option(
    "--as-of",
    "as_of",
    callback=_date,
    default=None,
    help="Ngày số liệu / the day the data is reported as of.",
)
@CUTOFF_DAY
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
@LANG
def validate_command(
    paths: tuple[str, ...], as_of: dt.date | None, cutoff_day: int, fmt: str, lang: str
) -> None:
    """Check datasets and list every finding; exit 1 when there are errors."""
    dataset, loaded = _read(paths)
    found = loaded + danvan.validate(dataset, as_of=as_of, calendar=ReportingCalendar(cutoff_day))
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
def export_command(
    paths: tuple[str, ...],
    output: str,
    fmt: str | None,
    lang: str,
    table: str | None,
    redact: str | None,
    salt: str | None,
    overwrite: bool,
) -> None:
    """The datasets in PATHs, merged, in any format an exporter offers (one table per record
    kind)."""
    redaction = _redaction(redact, salt)
    dataset, loaded = _read(paths)
    _write(
        dataset_bundle(dataset),
        output,
        fmt,
        lang,
        table,
        redact=redaction,
        overwrite=overwrite,
        inputs=paths,
    )
    _echo_summary(dataset, loaded, output)


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
    used = _write(bundle, output, fmt, lang, overwrite=overwrite)
    what = "mẫu trống / empty template" if template else "dữ liệu mẫu / sample dataset"
    click.echo(f"Đã ghi {what} ({used}): {output}", err=output == STDOUT)


@main.command()
def plugins() -> None:
    """Every plugin with its distribution, version, load time, hooks and formats.

    Name clashes (an exporter or importer named like another) and the plugins
    that were skipped (failed to load) are listed too.
    """
    from danvan.export import Exporter
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
