"""The store: what was read, checked and summed of each file, kept to spare the next run.

A folder reported every month changes one file at a time. ``report_folder``
keeps, per file (found by the SHA-256 of its bytes and everything that shapes
the result), its findings, its partial aggregate and the keys the checks across
files need (a file of setting records keeps those records too), and reads again
only the files that changed. The rooms: ``_entries``
(`Store`: entries with a checked header, written atomically, bounded in size),
``_result`` (`FolderReport`),
``_codec`` (findings and keys as JSON values), ``_checks`` (the split of the
checks: per file, across files, the setting's), ``_setting`` (a file's setting
records and the setting's checks as entries), ``_across`` (the checks across
files over the stored keys), ``_folder`` (``report_folder``).
See ``docs/performance.md``.
"""

from danvan.store._checks import ACTIVITY_RULES, KNOWN_RULES, PER_FILE_RULES
from danvan.store._entries import DEFAULT_MAX_BYTES, Store, default_location, fingerprint
from danvan.store._folder import report_folder
from danvan.store._result import FolderReport

__all__ = [
    "ACTIVITY_RULES",
    "DEFAULT_MAX_BYTES",
    "KNOWN_RULES",
    "PER_FILE_RULES",
    "FolderReport",
    "Store",
    "default_location",
    "fingerprint",
    "report_folder",
]
