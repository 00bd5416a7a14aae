"""danvan.report_folder: a folder's summary and findings, each unchanged file from the store.

The registered formats, rules, catalogue and units are filled here, and the
store chosen: the user's cache folder by default, a folder given, or none.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Sequence

from danvan.aggregate import Dimension, GroupBy, Measure, Query
from danvan.importers.limits import DEFAULT_LIMITS, ReadLimits
from danvan.model import Level
from danvan.periods import Period, ReportingCalendar
from danvan.plugins import PluginManager, provided
from danvan.store import FolderReport, Store
from danvan.store import report_folder as _report_folder

__all__ = ["report_folder"]


def report_folder(
    sources: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    period: Period | str,
    *,
    by: GroupBy = Level.COMMUNE,
    per: Sequence[Dimension] = (),
    measures: Iterable[Measure | str] | None = None,
    calendar: ReportingCalendar = ReportingCalendar(1),  # noqa: B008 (frozen, immutable)
    units_on: dt.date | None = None,
    as_of: dt.date | None = None,
    cache: bool | str | os.PathLike[str] | Store = True,
    limits: ReadLimits = DEFAULT_LIMITS,
    plugin_manager: PluginManager | None = None,
) -> FolderReport:
    """Read, check and sum a folder as ``read_dataset``, ``validate`` and ``summarize`` do,
    reading again only the files that changed since the last run.

    ``cache`` is where what was kept of each file lives: ``True`` the user's cache
    folder (``$XDG_CACHE_HOME/danvan``, else ``~/.cache/danvan``), a path a folder
    of your own (beside the data, say), a `Store` one with its own size, ``False``
    none (every file read, the cold road). The result is the same either way.
    """
    query = Query.of(
        period, by=by, per=per, measures=measures, calendar=calendar, units_on=units_on
    )
    store: Store | None
    if isinstance(cache, Store):
        store = cache
    elif cache is True:
        store = Store()
    elif cache is False:
        store = None
    else:
        store = Store(os.fspath(cache))
    return _report_folder(
        sources,
        query,
        importers=provided.available_importers(plugin_manager),
        catalog=provided.catalog(plugin_manager),
        rules=provided.registered_rules(plugin_manager),
        registry=provided.unit_registry(plugin_manager),
        store=store,
        limits=limits,
        as_of=as_of,
    )
