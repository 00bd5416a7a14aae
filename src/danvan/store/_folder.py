"""The incremental run: a folder checked and summed, each unchanged file from its stored entry.

Every month one commune's file changes and the office reports the whole folder
again. Here a file is hashed (SHA-256 of its bytes); a file seen before, with
the same setting and the same question, gives back what was kept of it: its
import findings, the findings of the checks that look at its activities one by
one, its partial aggregate and the keys the checks across files need. Only a
new or changed file is read and summed. Which checks run per file, which
across files over the stored keys (ids and likely-duplicate keys as 64-bit
digests, the (team, month) pairs with a meeting, the last activity's day) and
which over the setting alone: see ``_checks``.

What the store cannot answer exactly sends the whole run down the cold road
(``read_dataset``, ``validate``, ``summarize``): rules other than the built-in
ones, a data package folder, a file that cannot be read, keys shared by files.
A file holding setting records (units, teams …) keeps them in its read entry
(``_setting``), so that an unchanged setting is neither parsed nor checked
again; only one whose records do not come back exactly from their JSON form is
read on every run.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Mapping, Sequence
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any, Final

import attrs

from danvan.aggregate import Partial, Query, combine, partial, summarize
from danvan.aggregate import partial_from_raw as _partial_from_raw
from danvan.aggregate import partial_to_raw as _partial_to_raw
from danvan.errors import DanvanError
from danvan.findings import Finding, RecordOrigin, ValidationReport
from danvan.importers.base import Importer
from danvan.importers.contents import FileContent
from danvan.importers.limits import DEFAULT_LIMITS, ReadLimits
from danvan.importers.sources import DatasetReadError, expand_sources
from danvan.importers.tabular import build_dataset
from danvan.loading import converter
from danvan.model import Catalog, Dataset
from danvan.read import ImportResult, read_dataset
from danvan.registry import UnitRegistry
from danvan.rules import Rule, validate
from danvan.store._across import Across, KeysShared
from danvan.store._checks import KNOWN_RULES, FilePart, TooMany, file_findings
from danvan.store._codec import (
    NotStorable,
    activity_keys,
    findings_from_raw,
    findings_to_raw,
)
from danvan.store._entries import Store, fingerprint, log
from danvan.store._result import FolderReport
from danvan.store._setting import BadSetting, setting_from_raw, setting_key, setting_to_raw

#: The layout of this module's payloads: changed with them, so that older entries are not used.
LAYOUT: Final = 6
_SETTING_KINDS: Final = (
    *("units", "organizations", "members", "teams", "memberships"),
    *("successions", "figures", "targets", "submissions"),
)


class _Cold(DanvanError):
    """The store cannot answer this run exactly: it goes down the cold road."""


def _danvan_version() -> str:
    try:
        return version("danvan")
    except PackageNotFoundError:  # pragma: no cover - run from a source tree
        return "unknown"


def report_folder(
    sources: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    query: Query,
    *,
    importers: Mapping[str, Importer],
    catalog: Catalog,
    rules: Sequence[Rule],
    registry: UnitRegistry | None,
    store: Store | None,
    limits: ReadLimits = DEFAULT_LIMITS,
    as_of: dt.date | None = None,
) -> FolderReport:
    """The summary of ``query`` and every finding of the files in ``sources``, as the cold road
    (read, validate, summarize) gives them; with a ``store``, each unchanged file from it."""
    if isinstance(sources, str | os.PathLike):
        sources = [sources]
    if store is not None and all(rule.name in KNOWN_RULES for rule in rules):
        run = _Run(query, importers, catalog, tuple(rules), registry, store, limits, as_of)
        try:
            return run.report(sources)
        except _Cold:
            pass
        except (KeyError, TypeError, ValueError, IndexError) as error:
            # An entry whose header and checksum hold but whose payload has another shape
            # (written by hand, say) is not trusted either.
            log.info("store entries not as expected (%r): the folder is read again", error)
        finally:
            store.prune()  # once, after the run's writes
    return _cold(sources, query, importers, catalog, rules, registry, limits, as_of)


def _cold(
    sources: Sequence[str | os.PathLike[str]],
    query: Query,
    importers: Mapping[str, Importer],
    catalog: Catalog,
    rules: Sequence[Rule],
    registry: UnitRegistry | None,
    limits: ReadLimits,
    as_of: dt.date | None,
) -> FolderReport:
    read = read_dataset(sources, importers=importers, catalog=catalog, limits=limits)
    found = read.report + read.locate(_validate(read.dataset, rules, query, limits, as_of))
    summary = summarize(
        read.dataset,
        query.period,
        by=query.by,
        per=query.per,
        measures=query.measures,
        calendar=query.calendar,
        units_on=query.units_on,
        registry=registry,
    )
    setting = attrs.evolve(read.dataset, activities=())
    return FolderReport(summary, found, setting, files=len(expand_sources(sources, importers)))


def _validate(
    dataset: Dataset,
    rules: Sequence[Rule],
    query: Query,
    limits: ReadLimits,
    as_of: dt.date | None,
) -> ValidationReport:
    return validate(
        dataset,
        rules=rules,
        as_of=as_of,
        calendar=query.calendar,
        max_findings_per_code=limits.max_findings_per_code,
    )


@attrs.define
class _File:
    """One file of the run: its place, its read entry's key, and what is known of it."""

    path: Path
    read_key: dict[str, Any]
    entry: dict[str, Any] | None = None  # the read entry (stored or just made)
    read: ImportResult | None = None  # the file read on this run
    sums: dict[str, Any] | None = None  # the sum entry (stored or just made)
    sums_id: str = ""  # the fingerprint of the sum entry's key

    @property
    def source(self) -> str:
        return os.fspath(self.path)


@attrs.define
class _Run:
    query: Query
    importers: Mapping[str, Importer]
    catalog: Catalog
    rules: tuple[Rule, ...]
    registry: UnitRegistry | None
    store: Store
    limits: ReadLimits
    as_of: dt.date | None

    def report(self, sources: Sequence[str | os.PathLike[str]]) -> FolderReport:
        skipped: list[Finding] = []
        paths = expand_sources(sources, self.importers, skipped)
        if not paths or any(not path.is_file() for path in paths):
            raise _Cold
        base = {
            "layout": LAYOUT,
            "danvan": _danvan_version(),
            "catalog": fingerprint(converter.unstructure(self.catalog, Catalog)),
            "limits": fingerprint(repr(self.limits)),
        }
        files = [self._known(path, base) for path in paths]
        setting, origins = self._setting(files)
        key_of_setting = setting_key(
            base, [f.entry for f in files], [f.read_key for f in files], setting
        )
        reading: list[Finding] = list(skipped)
        found_in: list[FilePart] = []
        parts: list[Partial] = []
        stored = offset = 0
        for file in files:
            stored += self._sums(file, setting, origins, key_of_setting)
            assert file.entry is not None
            assert file.sums is not None
            reading += findings_from_raw(file.entry["findings"], file.entry["source"], file.source)
            count = file.entry["activities"]
            found_in.append(
                FilePart(
                    file.source,
                    file.sums["source"],
                    offset,
                    count,
                    file.entry["document"],
                    file.sums["findings"],
                )
            )
            offset += count
            if file.sums["partial"] is not None:
                parts.append(_partial_from_raw(file.sums["partial"], setting, self.query))
            file.read = None  # its activities are summed and checked: let them go
        keys = [(file.sums_id, file.sums["keys"]) for file in files if file.sums is not None]
        try:
            checked = Across(
                self.rules, self.store, self.limits, self.as_of, self.query.calendar
            ).findings(keys, setting, origins, found_in, key_of_setting, base)
        except (KeysShared, TooMany) as error:
            raise _Cold from error
        summary = combine(setting, self.query, parts, registry=self.registry)
        found = ValidationReport.of(reading) + ValidationReport.of(checked)
        return FolderReport(summary, found, setting, files=len(files), stored=stored)

    def _known(self, path: Path, base: dict[str, Any]) -> _File:
        """The file hashed and its read entry found; read now when there is none."""
        try:
            with open(path, "rb") as stream:
                digest = hashlib.file_digest(stream, "sha256").hexdigest()
        except OSError as error:
            raise _Cold from error
        file = _File(path, {**base, "entry": "read", "sha256": digest})
        file.entry = self.store.get(file.read_key)
        if file.entry is None:
            self._read(file)
        return file

    def _read(self, file: _File) -> None:
        try:
            file.read = read = read_dataset(
                [file.path], importers=self.importers, catalog=self.catalog, limits=self.limits
            )
        except DatasetReadError as error:
            raise _Cold from error
        dataset = read.dataset
        document = any(origin.table == "activities" for origin in read.origins)
        mixed = any(getattr(dataset, kind) for kind in _SETTING_KINDS) or (
            dataset.catalog != self.catalog
            or (not document and (dataset.title or dataset.description))
        )
        entry: dict[str, Any] = {
            "mode": "mixed" if mixed else "document" if document else "sheets",
            "source": file.source,
            "title": dataset.title,
            "description": dataset.description,
            "activities": len(dataset.activities),
            "document": document,
            "findings": findings_to_raw(read.report.findings),
            "setting": None,
        }
        if mixed:
            # Its setting records, kept when they come back exactly: else read every run.
            own = attrs.evolve(dataset, activities=())
            entry["setting"] = setting_to_raw(own, self.catalog)
        file.entry = entry
        if _kept(entry):
            self.store.put(file.read_key, entry, prune=False)

    def _setting(self, files: list[_File]) -> tuple[Dataset, tuple[RecordOrigin, ...]]:
        """The folder's setting, merged as ``read_dataset`` merges it (without activities)."""
        contents = []
        for file in files:
            assert file.entry is not None
            mode = file.entry["mode"]
            if mode == "mixed":
                own = self._own_setting(file)
            elif mode == "document":
                own = Dataset(
                    catalog=self.catalog,
                    title=file.entry["title"],
                    description=file.entry["description"],
                )
            else:
                continue
            contents.append(FileContent(file.source, {}, own))
        return build_dataset(contents, [], self.catalog)

    def _own_setting(self, file: _File) -> Dataset:
        """A file's setting records: as read on this run, else from its read entry (a file
        whose stored records do not fit the model is read again)."""
        assert file.entry is not None
        if file.read is None:
            try:
                return setting_from_raw(file.entry["setting"], self.catalog)
            except BadSetting as error:
                log.info(
                    "stored setting of %s not as expected (%s): read again", file.source, error
                )
                self._read(file)
        assert file.read is not None
        return attrs.evolve(file.read.dataset, activities=())

    def _sums(
        self,
        file: _File,
        setting: Dataset,
        origins: tuple[RecordOrigin, ...],
        setting_key: str,
    ) -> int:
        """The file's sum entry (partial, per-file findings, keys): 1 if it came from the store."""
        assert file.entry is not None
        key = {
            "entry": "sums",
            "read": fingerprint(file.read_key),
            "setting": setting_key,
            "query": self.query.describe(),
            "as_of": None if self.as_of is None else self.as_of.isoformat(),
            "rules": sorted(rule.name for rule in self.rules),
            "registry": self.registry is not None,
        }
        file.sums_id = fingerprint(key)
        if _kept(file.entry) and file.read is None:
            file.sums = self.store.get(key)
            if file.sums is not None:
                return 1
            self._read(file)
        assert file.read is not None
        file.sums = self._summed(file, setting, origins)
        if _kept(file.entry) and file.sums is not None:
            self.store.put(key, file.sums, prune=False)
        return 0

    def _summed(
        self, file: _File, setting: Dataset, origins: tuple[RecordOrigin, ...]
    ) -> dict[str, Any]:
        """What is kept of a file read on this run, its activities placed in ``setting``."""
        assert file.read is not None
        assert file.entry is not None
        activities = file.read.dataset.activities
        if not activities:
            return {"source": file.source, "findings": {}, "partial": None, "keys": None}
        own = attrs.evolve(setting, activities=activities)
        # The checks of activities look at units, teams and the catalogue, not at people.
        checked = attrs.evolve(own, members=(), memberships=(), figures=(), targets=())
        found = file_findings(checked, self.rules, as_of=self.as_of, calendar=self.query.calendar)
        try:
            stored_findings = {rule: findings_to_raw(listed) for rule, listed in found.items()}
        except NotStorable as error:
            raise _Cold from error
        return {
            "source": file.source,
            "findings": stored_findings,
            "partial": _partial_to_raw(
                partial(own, self.query, registry=self.registry), setting, self.query
            ),
            "keys": activity_keys(activities, setting.catalog.meeting_types, self.query.calendar),
        }


def _kept(entry: dict[str, Any]) -> bool:
    """Whether a file's entries are kept: all but a file of setting records that do not come
    back exactly from their JSON form (such a file is read every run)."""
    return entry["mode"] != "mixed" or entry["setting"] is not None
