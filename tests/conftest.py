"""Shared fixtures: the app on real databases, migrated with Alembic exactly as in
production and emptied between tests.

Every test that uses ``app`` runs twice: on a temporary SQLite file (the local default)
and on PostgreSQL (the production database) at TEST_DATABASE_URL, which CI sets to the
machine's local server. Without TEST_DATABASE_URL the PostgreSQL run is skipped on a
laptop and fails in CI."""

from __future__ import annotations

import os

import pytest
from cryptography.fernet import Fernet
from sqlalchemy import text

from intake import create_app
from intake.cases.models import Base
from intake.extensions import db
from intake.accounts import immutability

#: The chat's real Rasa server, shared by the bot tests and the browser tests.
pytest_plugins = ["tests.bot.fixtures"]

IN_CI = os.environ.get("CI", "").lower() == "true"


def pytest_collection_modifyitems(config, items):
    """Tests marked ``postgresql_only`` (row locking, for example) run on PostgreSQL alone.

    So do the browser tests and the chat's end-to-end tests: they prove what a person sees
    and does, which does not change with the database, and they are the slow part of the
    suite; every database behaviour they rely on is tested on both databases elsewhere.
    """
    def one_database(item) -> bool:
        return bool(item.get_closest_marker("postgresql_only") or item.get_closest_marker("browser"))

    dropped = [i for i in items if one_database(i) and "[sqlite" in i.nodeid]
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = [i for i in items if i not in dropped]


def cannot_run(reason: str):
    """In CI a test that cannot run is a failure; on a laptop it is a skip with the reason."""
    if IN_CI:
        pytest.fail(f"cannot run in CI: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def database_url(request, tmp_path_factory):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        cannot_run("TEST_DATABASE_URL is not set, so the PostgreSQL run cannot happen")
    return url.replace("postgresql://", "postgresql+psycopg://", 1)


@pytest.fixture(scope="session")
def app(database_url, tmp_path_factory):
    from flask_migrate import upgrade

    instance = tmp_path_factory.mktemp("instance")
    app = create_app({
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "SQLALCHEMY_DATABASE_URI": database_url,
        "INTAKE_DATA_KEYS": [Fernet.generate_key().decode()],
    }, instance_path=str(instance))
    with app.app_context():
        Base.metadata.drop_all(db.engine)
        with db.engine.begin() as conn:
            conn.execute(text("DROP TABLE IF EXISTS alembic_version"))
        upgrade()
    return app


@pytest.fixture(autouse=True)
def _empty_tables(request):
    yield
    if "app" in request.fixturenames:
        app = request.getfixturevalue("app")
        with app.app_context():
            db.session.remove()
            with db.engine.begin() as conn:
                immutability.unprotect(conn)  # only so the next test starts empty
                for table in reversed(Base.metadata.sorted_tables):
                    conn.execute(table.delete())
                immutability.protect(conn)


@pytest.fixture
def client(app):
    app.config["WTF_CSRF_ENABLED"] = False
    yield app.test_client()
    app.config["WTF_CSRF_ENABLED"] = True


@pytest.fixture
def csrf_client(app):
    """A client that must send CSRF tokens like a real browser."""
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()
