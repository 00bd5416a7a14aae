"""Submissions (báo cáo đã nộp): which file a team, a commune or an office sent, for which days.

A district spends its month chasing files: who has sent this month's results,
who sent twice. A `Submission` makes the sending itself a record: who reports,
for which period, received on which day, in which file (its name and the
SHA-256 of its bytes), sent by whom, and which earlier submission it replaces.
Reading files can record one per file (``record_submissions=True``); a sheet
of them is read and written like every other record kind.
"""

from __future__ import annotations

from datetime import date

import attrs

from danvan.model.common import Provenance


@attrs.frozen
class Submission:
    """One report received: ``reporter`` is a team, unit or organisation id (None: not told).

    ``start`` and ``end`` are the first and last day the report covers (both
    inclusive, None when its content says no day); ``received`` is the day it
    came in, None when nothing says it (never the day it was read).
    """

    id: str
    reporter: str | None = None
    start: date | None = None
    end: date | None = None
    received: date | None = None
    file: str = ""
    sha256: str = ""
    sent_by: str = ""
    replaces: str | None = None
    note: str = ""
    provenance: Provenance | None = None
