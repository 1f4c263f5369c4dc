"""``intake audit verify`` reports a row edited outside the app, and the role the app runs as
(``intake grant-app-role``) can add to the audit log but never change it or the schema."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from intake.accounts import immutability
from intake.accounts.audit import audit
from intake.extensions import db

ROLE = "intake_test_app"


def write_entries(app, count: int = 3) -> None:
    with app.test_request_context():
        for number in range(count):
            audit("case_viewed", case_id=f"case-{number}", detail={"n": number})
        db.session.commit()


def test_verify_passes_on_the_log_the_app_wrote(app, runner):
    write_entries(app)
    result = runner.invoke(args=["audit", "verify"])
    assert result.exit_code == 0, result.output
    assert "ok: 3 entries, chain intact" in result.output


def test_verify_names_a_row_edited_by_someone_with_the_owners_credentials(app, runner):
    write_entries(app)
    with app.app_context():
        with db.engine.begin() as conn:
            immutability.unprotect(conn)
            second = conn.execute(sa.text("SELECT min(id) + 1 FROM audit_entries")).scalar_one()
            conn.execute(sa.text("UPDATE audit_entries SET detail = '{\"n\": 7}' WHERE id = :id"),
                         {"id": second})
            immutability.protect(conn)
    result = runner.invoke(args=["audit", "verify"])
    assert result.exit_code == 1
    assert f"BROKEN: audit entry {second} (changed)" in result.output


def test_entries_written_in_one_transaction_chain_in_order(app, runner):
    with app.test_request_context():
        audit("a")
        audit("b")
        db.session.commit()
        audit("c")
        db.session.commit()
    assert runner.invoke(args=["audit", "verify"]).exit_code == 0


@pytest.fixture
def app_role_engine(app, database_url):
    # Only the postgresql_only tests below use this (their SQLite runs are deselected).
    assert database_url.startswith("postgresql"), "database roles are a PostgreSQL feature"
    result = app.test_cli_runner().invoke(args=["grant-app-role", ROLE])
    assert result.exit_code == 0, result.output
    url = sa.engine.make_url(database_url).set(username=ROLE, password=None)
    engine = sa.create_engine(url)
    yield engine
    engine.dispose()


@pytest.mark.postgresql_only
@pytest.mark.parametrize("statement", [
    "UPDATE audit_entries SET action = 'x'",
    "DELETE FROM audit_entries",
    "TRUNCATE audit_entries",
    "ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_read_only",
    "DROP TRIGGER audit_entries_read_only ON audit_entries",
    "ALTER TABLE cases ADD COLUMN sneaky text",
    "CREATE TABLE sneaky (id int)",
    "UPDATE alembic_version SET version_num = 'x'",
])
def test_the_app_role_cannot_rewrite_the_audit_log_or_change_the_schema(app, app_role_engine,
                                                                         statement):
    write_entries(app, 1)
    with pytest.raises(sa.exc.ProgrammingError, match="permission denied|must be owner"):
        with app_role_engine.begin() as conn:
            conn.execute(sa.text(statement))


@pytest.mark.postgresql_only
def test_the_app_role_can_do_what_the_app_does(app, app_role_engine):
    write_entries(app, 1)
    with app_role_engine.begin() as conn:
        conn.execute(sa.text("INSERT INTO audit_entries (at, action, detail) "
                             "VALUES (now(), 'by_app_role', '{}')"))
        assert conn.execute(sa.text("SELECT count(*) FROM audit_entries")).scalar_one() == 2
        conn.execute(sa.text("INSERT INTO guess_counts (scope, key, hour, count) "
                             "VALUES ('s', 'k', 1, 1)"))
        conn.execute(sa.text("UPDATE guess_counts SET count = 2"))
        conn.execute(sa.text("DELETE FROM guess_counts"))


def test_grant_app_role_refuses_a_strange_role_name(app, runner, database_url):
    result = runner.invoke(args=["grant-app-role", 'x"; DROP TABLE cases; --'])
    assert result.exit_code != 0
    assert "use a role name of lower-case letters" in result.output
