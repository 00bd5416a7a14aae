"""What the command line says besides its output: errors and warnings, one line each.

Click shows a usage error as its usage block, a hint and the error; Python shows a
warning with the file, line and source that raised it. A clerk at a terminal and
a script reading stderr need neither: every problem is one line, ``Error: …``
(exit status 2) or ``Cảnh báo / warning: …``. The group of ``danvan`` applies
both to every command while it runs, and puts the process's warning display back
afterwards (the library itself never touches it).
"""

from __future__ import annotations

import contextlib
import warnings
from collections.abc import Iterator
from typing import Any, TextIO

import click

from danvan.cli._lazy import LazyGroup
from danvan.collector import collector_paused
from danvan.errors import DanvanWarning

#: How a stop by Ctrl-C (SIGINT, signal 2) ends, as a shell reports it: 128 + 2.
INTERRUPTED = 130


class UsageProblem(click.ClickException):
    """A problem the user can fix: bad input, a missing file, an unknown format (exit 2)."""

    exit_code = 2


def one_line(error: Exception | str) -> str:
    """``error``'s text on one line: its lines joined by `` | ``."""
    return " | ".join(line.strip() for line in str(error).splitlines() if line.strip())


def usage_line(error: click.UsageError, ctx: click.Context | None = None) -> str:
    """The one line of a usage error: what is wrong (click's message, in English, after a
    Vietnamese lead), then where the help is."""
    message = f"Lệnh chưa đúng / bad usage: {one_line(error.format_message())}"
    if error.ctx is not None:
        command = error.ctx.command_path
    elif ctx is not None:  # an error click raised before the command's context was made
        command = " ".join(filter(None, (ctx.command_path, ctx.invoked_subcommand)))
    else:
        return message
    return f"{message} (xem / see: {command} --help)"


@contextlib.contextmanager
def usage_errors_in_one_line(ctx: click.Context | None = None) -> Iterator[None]:
    """Turn click's usage errors (bad option value, missing argument …) into one ``Error:`` line.

    An error class with a ``show`` of its own (the help shown when ``danvan`` is
    called with no command) is left to show itself.
    """
    try:
        yield
    except click.UsageError as error:
        if type(error).show is not click.UsageError.show:
            raise
        raise UsageProblem(usage_line(error, ctx)) from None


def warning_line(message: Warning | str, category: type[Warning]) -> str:
    """``Cảnh báo / warning: …``, naming the category when it is not danvan's own."""
    kind = "" if issubclass(category, DanvanWarning) else f" ({category.__name__})"
    return f"Cảnh báo / warning{kind}: {one_line(str(message))}"


def _show_warning(
    message: Warning | str,
    category: type[Warning],
    filename: str,
    lineno: int,
    file: TextIO | None = None,
    line: str | None = None,
) -> None:
    click.echo(warning_line(message, category), file=file, err=file is None)


@contextlib.contextmanager
def warnings_in_one_line() -> Iterator[None]:
    """While a command runs, each warning shown is one line on stderr, without source lines.

    The warning filters stay as they are (``-W ignore`` still silences, ``-W error``
    still raises); only the display changes, and it is put back on the way out.
    """
    with warnings.catch_warnings():
        warnings.showwarning = _show_warning
        yield


class ConsoleGroup(LazyGroup):
    """The ``danvan`` group: commands loaded on first use, errors and warnings on one line.

    A Ctrl-C outside a write (which handles its own signals) ends with one line and
    status 130, as a shell reports a SIGINT, rather than click's ``Aborted!`` and 1:
    status 1 stays the answer "the data has errors".

    The cyclic collector is paused while a command runs (`danvan.collector_paused`,
    the caller's choice the library leaves to it): what a command imports and
    builds makes no garbage cycles worth walking before the process ends.
    """

    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: click.Context | None = None,
        **extra: Any,
    ) -> click.Context:
        with usage_errors_in_one_line():
            return super().make_context(info_name, args, parent, **extra)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            with usage_errors_in_one_line(ctx), warnings_in_one_line(), collector_paused():
                return super().invoke(ctx)
        except KeyboardInterrupt:
            click.echo("Error: Đã dừng / stopped by SIGINT (Ctrl-C)", err=True)
            ctx.exit(INTERRUPTED)
