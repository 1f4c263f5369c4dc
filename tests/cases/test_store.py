"""Storing cases: the case and its event in one transaction, personal data sealed."""

import datetime as dt

import pytest
from sqlalchemy import select
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
