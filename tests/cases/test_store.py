"""Storing cases: the case and its event in one transaction, personal data sealed."""

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError

from intake.cases import store
from intake.cases.builder import build_case
from intake.cases.models import Case, Draft, OutboxEvent
from intake.crypto import Vault, new_key
from intake.eligibility import assess
from intake.extensions import db

NOW = dt.datetime(2026, 11, 20, 10, 0, tzinfo=dt.timezone.utc)
ANSWERS = {"filer": "young_person", "young_person_status": ["in_care"], "young_person_age": 14,
           "topics": ["placement"], "event_within_12_months": True, "ongoing_proceedings": ["none"],
           "description": "The home is cold and nobody listens", "contact_name": "Robin Example",
           "contact_method": "email", "contact_email": "robin@example.com"}


@pytest.fixture
def session(app):
    with app.app_context():
        yield db.session


@pytest.fixture
def vault(app):
    return app.extensions["intake_vault"]


def make_case(reference=None):
    return build_case(ANSWERS, assess(ANSWERS, received=NOW.date()), channel="web",
                      language="en-GB", submitted_at=NOW, reference=reference)


def test_a_submitted_case_is_stored_with_its_outbox_event(session, vault):
    case = make_case()
    row = store.submit(session, vault, case)
    event = session.execute(select(OutboxEvent)).scalar_one()
    assert event.case_id == row.id and event.type == "case.submitted" and event.delivered_at is None
    assert vault.open(event.sealed)["data"] == case
    assert store.case_document(vault, row) == case
    assert row.route == "statutory_stage1" and row.stage1_due == dt.date(2026, 12, 4)


def test_personal_data_and_free_text_are_never_stored_in_the_clear(session, vault):
    store.submit(session, vault, make_case())
    raw = [str(v) for row in session.execute(select(Case.__table__)).all() for v in row]
    raw += [str(v) for row in session.execute(select(OutboxEvent.__table__)).all() for v in row]
    for secret in ("Robin", "robin@example.com", "cold"):
        assert not any(secret in value for value in raw)


def test_a_case_is_never_stored_without_its_event(session, vault):
    first = make_case(reference="AAAA-BBBB-CCCC")
    store.submit(session, vault, first)
    clash = make_case(reference="AAAA-BBBB-CCCC")  # a second case that cannot be stored
    with pytest.raises(IntegrityError):
        store.submit(session, vault, clash)
    session.rollback()
    assert session.execute(select(Case)).scalars().all().__len__() == 1
    assert len(session.execute(select(OutboxEvent)).scalars().all()) == 1


def test_data_keys_can_be_rotated_without_losing_anything(session, vault):
    old_key = new_key()
    old = Vault([old_key])
    sealed = old.seal({"a": "b"})
    rotated = Vault([new_key(), old_key])
    assert rotated.open(sealed) == {"a": "b"}
    assert rotated.open(rotated.rotate(sealed)) == {"a": "b"}


def test_the_draft_goes_in_the_same_commit_as_the_case_so_a_retried_send_cannot_store_it_twice(session, vault):
    token = store.new_draft_token()
    store.save_draft(session, vault, token, {"filer": "young_person"}, days=30)
    clash = make_case(reference="AAAA-BBBB-CCCC")
    store.submit(session, vault, make_case(reference="AAAA-BBBB-CCCC"))
    with pytest.raises(IntegrityError):  # the send fails: the draft must still be there
        store.submit(session, vault, clash, draft_token=token)
    session.rollback()
    assert store.load_draft(session, vault, token) == {"filer": "young_person"}
    store.submit(session, vault, make_case(), draft_token=token)
    assert store.load_draft(session, vault, token) is None


def test_drafts_expire_and_are_purged(session, vault):
    token = store.new_draft_token()
    store.save_draft(session, vault, token, {"filer": "parent"}, days=30)
    assert store.load_draft(session, vault, token) == {"filer": "parent"}
    row = session.execute(select(Draft)).scalar_one()
    row.expires_at = dt.datetime.now(dt.timezone.utc) - dt.timedelta(minutes=1)
    session.commit()
    assert store.load_draft(session, vault, token) is None
    assert store.purge_expired_drafts(session) == 1


def test_an_unknown_draft_token_finds_nothing(session, vault):
    assert store.load_draft(session, vault, "not-a-token") is None
    assert store.load_draft(session, vault, None) is None


def test_purge_removes_old_delivered_cases_but_keeps_anything_undelivered(session, vault):
    old_delivered = store.submit(session, vault, make_case())
    old_pending = store.submit(session, vault, make_case())
    recent = store.submit(session, vault, make_case())
    long_ago = dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=400)
    for row in (old_delivered, old_pending):
        row.submitted_at = long_ago
    for event in session.execute(select(OutboxEvent)).scalars():
        if event.case_id != old_pending.id:
            event.delivered_at = long_ago
    session.commit()
    assert store.purge_old_cases(session, retention_days=365) == 1
    remaining = set(session.execute(select(Case.id)).scalars())
    assert remaining == {old_pending.id, recent.id}


def test_rotating_keys_re_encrypts_everything_readable_with_the_new_key_alone(app, session):
    old_key = app.config["INTAKE_DATA_KEYS"][0]
    old = Vault([old_key])
    store.submit(session, old, make_case())
    store.save_draft(session, old, store.new_draft_token(), {"filer": "parent"}, days=30)
    new_key_ = new_key()
    both = Vault([new_key_, old_key])
    assert store.rotate_keys(session, both) == 3  # the case, its event and the draft
    only_new = Vault([new_key_])
    for model in (Case, OutboxEvent, Draft):
        for row in session.execute(select(model)).scalars():
            only_new.open(row.sealed)


def test_the_raw_database_holds_no_plaintext_of_a_description(app, session, vault, database_url):
    store.submit(session, vault, make_case())
    if database_url.startswith("sqlite"):
        session.execute(text("PRAGMA wal_checkpoint(FULL)"))
        raw = Path(database_url.removeprefix("sqlite:///")).read_bytes()
    else:
        dump = []
        for table in ("cases", "outbox_events"):
            dump += [str(row) for row in session.execute(text(f"SELECT * FROM {table}")).all()]
        raw = "\n".join(dump).encode()
    assert b"The home is cold" not in raw and b"robin@example.com" not in raw
    assert store.case_document(vault, session.execute(select(Case)).scalar_one())["answers"]["description"]
