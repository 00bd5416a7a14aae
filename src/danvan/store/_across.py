"""The checks across files of an incremental run: over the setting and the files' stored keys.

The ids and likely-duplicate keys of every file are compared as digests (a
shared one sends the run down the cold road); the checks of the setting run
over the setting and stand-ins made from the stored keys (one meeting per team
and reporting month, the last activity's day). Their findings are kept in an
entry keyed by the setting, the stand-ins and the run's rules, day and limit:
a month whose new file changes neither runs them again from the store.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from array import array
from collections.abc import Sequence
from typing import Any

import attrs

from danvan.errors import DanvanError
from danvan.findings import Finding, RecordOrigin
from danvan.importers.limits import ReadLimits
from danvan.model import Activity, Dataset, Status
from danvan.periods import ReportingCalendar
from danvan.rules import Rule
from danvan.store._checks import FilePart, SettingPart, folder_findings, setting_findings
from danvan.store._codec import NotStorable, shared, unpacked
from danvan.store._entries import Store
from danvan.store._setting import checks_key, parts_from_raw, parts_to_raw


class KeysShared(DanvanError):
    """An id or a likely duplicate in two files: checked by reading them all."""


@attrs.frozen
class Across:
    """The checks across the files of one run."""

    rules: Sequence[Rule]
    store: Store
    limits: ReadLimits
    as_of: dt.date | None
    calendar: ReportingCalendar

    def findings(
        self,
        keys: Sequence[tuple[str, dict[str, Any] | None]],
        setting: Dataset,
        origins: tuple[RecordOrigin, ...],
        found_in: list[FilePart],
        key_of_setting: str,
        base: dict[str, Any],
    ) -> list[Finding]:
        """Every rule's findings for the folder, from the files' stored ``keys`` (each with
        the fingerprint of its sum entry) and findings (``found_in``) and the setting.
        Raises `KeysShared`, or `TooMany` from the cut."""
        ids: list[array[int]] = []
        likely: list[array[int]] = []
        names: list[str] = []
        meetings: dict[tuple[str, str], tuple[str, str]] = {}
        last: str | None = None
        for name, own in keys:
            if own is None:
                continue
            names.append(name)
            ids.append(unpacked(own["ids"]))
            likely.append(unpacked(own["likely"]))
            for team, month, day, village in own["meetings"]:
                meetings.setdefault((team, month), (day, village))
            if own["last"] is not None and (last is None or own["last"] > last):
                last = own["last"]
        self._disjoint(names, ids, likely, base)
        limit = self.limits.max_findings_per_code
        shaping = {
            "rules": [rule.name for rule in self.rules],
            "as_of": None if self.as_of is None else self.as_of.isoformat(),
            "cutoff_day": self.calendar.cutoff_day,
            "limit": limit,
        }
        key = checks_key(key_of_setting, origins, [sorted(meetings.items()), last], shaping)
        stored = self.store.get(key)
        if stored is not None:
            parts = parts_from_raw(stored)
        else:
            parts = self._setting_checks(setting, meetings, last, origins)
            with contextlib.suppress(NotStorable):  # run again next time
                self.store.put(key, parts_to_raw(parts), prune=False)
        return folder_findings(self.rules, parts, found_in, limit=limit)

    def _disjoint(
        self,
        names: list[str],
        ids: list[array[int]],
        likely: list[array[int]],
        base: dict[str, Any],
    ) -> None:
        """Raise `KeysShared` when an id or a likely-duplicate key is in two files. The files
        found apart on the run before (their sum entries named in the store) are not compared
        with each other again: only the others are, with each other and with every file."""
        key = {"entry": "disjoint", **base}
        stored = self.store.get(key)
        before = set(stored) if isinstance(stored, list) else set()
        old: list[int] = []
        new: list[int] = []
        seen: set[str] = set()
        for place, name in enumerate(names):
            (old if name in before and name not in seen else new).append(place)
            seen.add(name)
        for kind in (ids, likely):
            if len(old) < 2 or len(new) > len(old):
                together = shared(kind)
            else:
                together = shared([kind[place] for place in new]) or _meets(
                    {digest for place in new for digest in kind[place]},
                    [kind[place] for place in old],
                )
            if together:
                raise KeysShared
        if new:
            self.store.put(key, sorted(seen), prune=False)

    def _setting_checks(
        self,
        setting: Dataset,
        meetings: dict[tuple[str, str], tuple[str, str]],
        last: str | None,
        origins: tuple[RecordOrigin, ...],
    ) -> dict[str, SettingPart]:
        """The checks over the setting and stand-ins for the files' meetings and last day."""
        meeting_type = min(setting.catalog.meeting_types, default="")
        stubs = [
            Activity(f"~{n}", team, village, dt.date.fromisoformat(day), meeting_type)
            for n, ((team, _month), (day, village)) in enumerate(sorted(meetings.items()))
        ]
        if last is not None:
            stubs.append(
                Activity("~last", "", "", dt.date.fromisoformat(last), "", status=Status.CANCELLED)
            )
        return setting_findings(
            self.rules,
            attrs.evolve(setting, activities=tuple(stubs)),
            origins,
            limit=self.limits.max_findings_per_code,
            as_of=self.as_of,
            calendar=self.calendar,
        )


def _meets(few: set[int], parts: Sequence[array[int]]) -> bool:
    """Whether a digest of ``few`` is in one of ``parts``."""
    return not all(few.isdisjoint(part) for part in parts)
