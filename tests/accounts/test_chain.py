"""The audit log's hash chain finds an edited, removed or added entry anywhere but the end."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from intake.accounts import chain

START = dt.datetime(2026, 12, 7, 9, 0, tzinfo=dt.timezone.utc)


def entries(count: int = 5) -> list[SimpleNamespace]:
    rows, previous = [], None
    for number in range(1, count + 1):
        row = SimpleNamespace(id=number, at=START + dt.timedelta(minutes=number), staff_id=1,
                              action="case_viewed", case_id=f"case-{number}", detail="{}")
        row.chain = previous = chain.link(previous, row.at, row.staff_id, row.action,
                                          row.case_id, row.detail)
        rows.append(row)
    return rows


def test_an_untouched_log_verifies():
    assert chain.verify(entries()) == (5, None)
    assert chain.verify([]) == (0, None)


def test_an_edited_entry_is_found():
    rows = entries()
    rows[2].action = "case_deleted"
    assert chain.verify(rows)[1] == chain.Break(3, "changed")


def test_a_removed_entry_breaks_the_next_one():
    rows = entries()
    del rows[1]
    assert chain.verify(rows)[1] == chain.Break(3, "changed")


def test_an_added_entry_without_its_hash_is_found():
    rows = entries()
    rows.insert(2, SimpleNamespace(id=99, at=START, staff_id=None, action="x", case_id=None,
                                   detail="{}", chain=None))
    assert chain.verify(rows)[1] == chain.Break(99, "missing hash")


def test_naive_and_text_times_from_sqlite_hash_like_aware_ones():
    aware = chain.link(None, START, 1, "a", None, "{}")
    assert chain.link(None, START.replace(tzinfo=None), 1, "a", None, "{}") == aware
    assert chain.link(None, "2026-12-07 09:00:00.000000", 1, "a", None, "{}") == aware
