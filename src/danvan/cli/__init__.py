"""The ``danvan`` command line: the public API, driven from a terminal.

Every command reads datasets, works through ``danvan``'s own functions and
writes files through the exporter plugins. Errors a user can fix (a bad
option value, a missing file, an unknown format) and failed writes (disk full,
file size limit, closed stdout) end in one line on stderr and exit status 2; a
library warning is one ``Cảnh báo / warning:`` line. ``danvan validate`` (and
``danvan report --fail-on error``) exit 1 when the data has errors; Ctrl-C
ends any command with 130. While writing, SIGTERM,
SIGINT and SIGHUP stop the write cleanly (temporary files removed, exit
128 + the signal's number) and SIGXFSZ is ignored, so that a file size limit is
an error rather than a killed process.

A command's module is imported when that command runs (``COMMANDS`` below), so
that ``danvan --version`` and ``danvan --help`` start without the services.

The rooms: this module (the group and its table of commands), ``_lazy`` (the
group that loads a command on first use), ``_console`` (the group's one-line
errors and warnings), ``_report``, ``_summary``, ``_validate``, ``_status`` (and ``_status_output``,
what it prints), ``_export`` (``export`` and ``sample``) and ``_plugins`` (the commands),
``_common`` (reading inputs, shared options), ``_writing`` (writing outputs
safely).
"""

from __future__ import annotations

import click

from danvan.cli._console import ConsoleGroup
from danvan.cli._lazy import LazyCommand

# Each command, the module and name that define it, and the first line of its
# help (a test keeps this summary equal to the command's own).
COMMANDS: dict[str, LazyCommand] = {
    "export": LazyCommand(
        "danvan.cli._export",
        "export_command",
        "The datasets in PATHs, merged, in any format an exporter offers (one table per "
        "record kind).",
    ),
    "plugins": LazyCommand(
        "danvan.cli._plugins",
        "plugins",
        "Every plugin with its distribution, version, load time, hooks and formats.",
    ),
    "report": LazyCommand(
        "danvan.cli._report",
        "report",
        "The main job: import, validate, aggregate and export the period report.",
    ),
    "sample": LazyCommand(
        "danvan.cli._export",
        "sample",
        "Write the bundled Nậm Pồ 2022 sample, or an empty template, in any format.",
    ),
    "status": LazyCommand(
        "danvan.cli._status",
        "status_command",
        "Who has not reported for a period, and who is late, commune by commune.",
    ),
    "summary": LazyCommand(
        "danvan.cli._summary",
        "summary",
        "A folder's summary and findings, reading only the files changed since the last run.",
    ),
    "validate": LazyCommand(
        "danvan.cli._validate",
        "validate_command",
        "Check datasets and list every finding; exit 1 when there are errors.",
    ),
}


@click.group(
    name="danvan",
    cls=ConsoleGroup,
    lazy=COMMANDS,
    context_settings={"help_option_names": ["-h", "--help"]},
)
# click reads the version from the installed metadata, as ``danvan.__version__`` does,
# and only when --version is given.
@click.version_option(package_name="danvan", prog_name="danvan")
def main() -> None:
    """danvan: records, validation and reports of the Tổ Dân vận cơ sở.

    With no PATH, the commands work on the bundled sample: Nậm Pồ district
    (Điện Biên) in 2022.
    """


if __name__ == "__main__":
    main()
