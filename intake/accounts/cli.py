"""``intake audit verify`` and ``intake grant-app-role``: proving the audit log is whole, and
giving the web processes a database role that cannot rewrite it."""

from __future__ import annotations

import os
import re
import sys

import click
from flask.cli import AppGroup, with_appcontext
from sqlalchemy import select, text

from intake.accounts import chain
from intake.accounts.models import AuditEntry
from intake.extensions import db

audit_cli = AppGroup("audit", help="The audit log.")

#: Tables the app may read and add to but never change.
APPEND_ONLY = ("audit_entries",)
ROLE_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


@audit_cli.command("verify")
def verify_command():
    """Check every entry's hash chain; exit 1 and name the first entry that breaks it."""
    rows = db.session.execute(select(
        AuditEntry.id, AuditEntry.at, AuditEntry.staff_id, AuditEntry.action,
        AuditEntry.case_id, AuditEntry.detail, AuditEntry.chain).order_by(AuditEntry.id))
    checked, broken = chain.verify(rows)
    if broken is not None:
        click.echo(f"BROKEN: audit entry {broken.entry_id} ({broken.reason}); it or an entry "
                   f"before it was edited, removed or added outside the app "
                   f"({checked - 1} entries before it are intact)", err=True)
        sys.exit(1)
    last = db.session.execute(select(AuditEntry.chain).order_by(AuditEntry.id.desc()).limit(1)
                              ).scalar_one_or_none()
    click.echo(f"ok: {checked} entries, chain intact; last hash {last or chain.GENESIS}")
    click.echo("Keep the last hash somewhere else (the ops log): it proves later that no "
               "entries were removed from the end.")


@click.command("grant-app-role")
@click.argument("role")
@click.option("--password-env", default="INTAKE_APP_DB_PASSWORD", show_default=True,
              help="Environment variable with the role's password, used when the role is "
                   "created (leave it unset where the server trusts local connections).")
@with_appcontext
def grant_app_role_command(role: str, password_env: str):
    """Create (if needed) the PostgreSQL role the web processes connect as, and give it only
    what they need: read and write the tables, never DDL, and only SELECT and INSERT on the
    audit log. Run as the database owner after every ``intake db upgrade``."""
    if not ROLE_NAME.match(role):
        raise click.ClickException("use a role name of lower-case letters, digits and _")
    if db.engine.dialect.name != "postgresql":
        raise click.ClickException("database roles are a PostgreSQL feature; SQLite has none")
    password = os.environ.get(password_env)
    with db.engine.begin() as conn:
        exists = conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role}).first()
        if not exists:
            conn.exec_driver_sql(f'CREATE ROLE "{role}" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE')
        if password:
            quoted = conn.execute(text("SELECT quote_literal(:p)"), {"p": password}).scalar_one()
            conn.exec_driver_sql(f'ALTER ROLE "{role}" PASSWORD {quoted}')
        database = conn.execute(text("SELECT current_database()")).scalar_one()
        conn.exec_driver_sql(f'GRANT CONNECT ON DATABASE "{database}" TO "{role}"')
        conn.exec_driver_sql(f'REVOKE CREATE ON SCHEMA public FROM PUBLIC, "{role}"')
        conn.exec_driver_sql(f'GRANT USAGE ON SCHEMA public TO "{role}"')
        conn.exec_driver_sql(f'REVOKE ALL ON ALL TABLES IN SCHEMA public FROM "{role}"')
        conn.exec_driver_sql(
            f'GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO "{role}"')
        for table in APPEND_ONLY:
            conn.exec_driver_sql(f'REVOKE UPDATE, DELETE, TRUNCATE ON "{table}" FROM "{role}"')
        conn.exec_driver_sql(f'REVOKE ALL ON alembic_version FROM "{role}"')
        conn.exec_driver_sql(f'GRANT SELECT ON alembic_version TO "{role}"')
        conn.exec_driver_sql(
            f'GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO "{role}"')
    click.echo(f"{role}: may read and write the service's tables, may only add to "
               f"{', '.join(APPEND_ONLY)}, and may not change the schema")
