"""The audit log's hash chain: each entry carries a SHA-256 of its own content and the
previous entry's hash, so editing, deleting or inserting a row anywhere but at the end
breaks every hash after it. ``intake audit verify`` walks the chain; the database role the
app runs as cannot UPDATE or DELETE the table at all (``intake db grant-app-role``), so the
chain is the second line: it shows what someone with the owner's credentials changed.

Pure: no Flask, no database (the migration and the command feed it rows).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from typing import Iterable

#: The "previous hash" of the first entry.
GENESIS = "0" * 64


def _utc(moment: dt.datetime | str) -> str:
    if isinstance(moment, str):  # a raw SQLite row
        moment = dt.datetime.fromisoformat(moment)
    if moment.tzinfo is None:  # SQLite hands back naive UTC
        moment = moment.replace(tzinfo=dt.timezone.utc)
    return moment.astimezone(dt.timezone.utc).isoformat(timespec="microseconds")


def link(previous: str | None, at: dt.datetime, staff_id: int | None, action: str,
         case_id: str | None, detail: str) -> str:
    """The hash of one entry, chained to ``previous`` (None for the first entry)."""
    content = json.dumps([previous or GENESIS, _utc(at), staff_id, action, case_id, detail],
                         separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(content.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Break:
    entry_id: int
    reason: str  # "changed" (content or order) or "missing hash"


def verify(rows: Iterable) -> tuple[int, Break | None]:
    """Walk entries in id order: (entries checked, the first break or None).

    Each row has ``id, at, staff_id, action, case_id, detail, chain``.
    """
    previous, checked = None, 0
    for row in rows:
        checked += 1
        if not row.chain:
            return checked, Break(row.id, "missing hash")
        if link(previous, row.at, row.staff_id, row.action, row.case_id, row.detail) != row.chain:
            return checked, Break(row.id, "changed")
        previous = row.chain
    return checked, None
