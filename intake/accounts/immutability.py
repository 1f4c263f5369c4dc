"""Database triggers that make the audit log append-only: UPDATE and DELETE are refused by
the database itself, whatever the application (or anyone with its credentials) tries.

Used by the migration that creates the table; tests lift them only to empty the table
between tests.
"""

from __future__ import annotations

MESSAGE = "the audit log cannot be changed"


def protect(conn) -> None:
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql(
            "CREATE OR REPLACE FUNCTION audit_entries_read_only() RETURNS trigger "
            f"LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '{MESSAGE}'; END $$")
        conn.exec_driver_sql(
            "CREATE TRIGGER audit_entries_read_only BEFORE UPDATE OR DELETE ON audit_entries "
            "FOR EACH ROW EXECUTE FUNCTION audit_entries_read_only()")
    else:
        for event in ("UPDATE", "DELETE"):
            conn.exec_driver_sql(
                f"CREATE TRIGGER audit_entries_no_{event.lower()} BEFORE {event} ON audit_entries "
                f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END")


def unprotect(conn) -> None:
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql("DROP TRIGGER IF EXISTS audit_entries_read_only ON audit_entries")
        conn.exec_driver_sql("DROP FUNCTION IF EXISTS audit_entries_read_only()")
    else:
        for event in ("update", "delete"):
            conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS audit_entries_no_{event}")
