"""danvan.read_dataset and danvan.validate: reading and checking with the registered formats, rules.

Each takes ``plugin_manager`` to choose whose formats and rules (see
``danvan._face``).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Sequence

from danvan import read
from danvan import rules as rule_service
from danvan.findings import MAX_FINDINGS_PER_CODE, ValidationReport
from danvan.importers.limits import DEFAULT_LIMITS, ReadLimits
from danvan.model import Catalog, Dataset
from danvan.periods import ReportingCalendar
from danvan.plugins import PluginManager, provided
from danvan.rules.base import Rule

__all__ = ["read_dataset", "validate"]


def read_dataset(
    sources: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    *,
    catalog: Catalog | None = None,
    plugin_manager: PluginManager | None = None,
    progress: Callable[[int, int], None] | None = None,
    limits: ReadLimits = DEFAULT_LIMITS,
    record_submissions: bool = False,
    received: dt.date | None = None,
) -> read.ImportResult:
    """Read one file, a folder, or a list of files and folders into one dataset.

    Every registered format can be read. Returns the dataset and the import
    findings. ``catalog`` is used when no file carries catalogue tables (by
    default the registered catalogue: the bundled one and the plugins'
    entries). Raises ``DatasetReadError`` only when a path does not exist or
    nothing at all could be read; any other problem is a finding.
    ``progress(done, total)`` is called after each file.

    ``limits`` says what one file may cost (``ReadLimits``: sizes, cells, text
    length, nesting, findings per code, the native readers' memory and time);
    a file past one is refused with a finding and the others are still read.

    ``record_submissions=True`` adds one `Submission` per file read: its
    reporter, period, name and SHA-256, and the day it was received
    (``received``, else a day typed in the file's own submissions sheet, else
    the workbook's own last-saved day; never the clock, None when nothing says).
    """
    return read.read_dataset(
        sources,
        importers=provided.available_importers(plugin_manager),
        catalog=catalog if catalog is not None else provided.catalog(plugin_manager),
        progress=progress,
        limits=limits,
        record_submissions=record_submissions,
        received=received,
    )


def validate(
    dataset: Dataset,
    *,
    as_of: dt.date | None = None,
    rules: Iterable[Rule] | None = None,
    calendar: ReportingCalendar | None = None,
    max_findings_per_code: int | None = MAX_FINDINGS_PER_CODE,
    plugin_manager: PluginManager | None = None,
) -> ValidationReport:
    """Every finding of every registered rule about ``dataset``, most severe first.

    ``as_of`` is the day the data is reported as of: nothing done after it,
    leaders and meetings needed up to it. ``rules`` replaces the
    registered rules. ``calendar`` sets the reporting months for meetings.
    ``max_findings_per_code`` findings of one code of one rule are listed per
    file, then one DV628 counts the others; ``None`` lists all.
    """
    return rule_service.validate(
        dataset,
        rules=provided.registered_rules(plugin_manager) if rules is None else rules,
        as_of=as_of,
        calendar=calendar,
        max_findings_per_code=max_findings_per_code,
    )
