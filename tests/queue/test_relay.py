"""The relay with each real transport: delivered once when all is well, again with the same
id when not, in order per case, urgent copies first, parked after too many failures."""

from __future__ import annotations

import json
import threading
from collections import Counter

import pytest
from sqlalchemy import select

from intake.cases import store
from intake.cases.models import OutboxEvent
from intake.cases.schema import case_schema
from intake.extensions import db
from intake.queue.relay import Relay, backoff_seconds, retry_parked
from intake.queue.transports import DeliveryError, SpoolTransport, WebhookTransport
from tests.queue.conftest import SECRET, Receiver, drain_queue, relay_config, submit_cases, wait_for


def relay_for(app, **overrides) -> Relay:
    return Relay(db.session, app.extensions["intake_vault"], relay_config(app, **overrides))


def events(app) -> list[OutboxEvent]:
    with app.app_context():
        db.session.expire_all()
        return db.session.execute(select(OutboxEvent).order_by(OutboxEvent.created_at)).scalars().all()


def test_spool_writes_one_complete_file_per_event_named_after_it(app, tmp_path):
    ids = submit_cases(app, 3)
    with app.app_context():
        relay_for(app, INTAKE_CASE_TRANSPORT="spool", INTAKE_SPOOL_DIR=str(tmp_path)).run(once=True)
    files = sorted(tmp_path.iterdir())
    assert [f.name.endswith(f"-{i}.json") for f, i in zip(files, ids)] == [True] * 3
    from jsonschema import Draft202012Validator, FormatChecker
    validator = Draft202012Validator(case_schema(), format_checker=FormatChecker())
    for f in files:
        event = json.loads(f.read_text())
        assert event["type"] == "case.submitted"
        validator.validate(event["data"])
    assert all(e.delivered_at for e in events(app))


def test_spool_redelivery_replaces_the_same_file(tmp_path):
    event = {"id": "e-1", "created_at": "2026-11-22T10:00:00Z", "type": "case.submitted"}
    spool = SpoolTransport(str(tmp_path))
    spool.send(event)
    spool.send(event)
    assert [p.name for p in tmp_path.iterdir()] == ["20261122T100000Z-e-1.json"]


def test_an_unwritable_spool_is_a_delivery_failure_not_a_crash(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(DeliveryError):
        SpoolTransport(str(blocker / "spool")).send({"id": "x", "created_at": "t", "type": "t"})


def test_webhooks_are_signed_and_carry_the_event_id(app, receiver):
    ids = submit_cases(app, 2)
    with app.app_context():
        relay_for(app, INTAKE_CASE_TRANSPORT="webhook", INTAKE_WEBHOOK_URL=receiver.url,
                  INTAKE_WEBHOOK_SECRET=SECRET).run(once=True)
    assert receiver.received == ids and receiver.bad_signatures == 0
    assert receiver.bodies[ids[0]]["data"]["answers"]["filer"] == "young_person"


def test_a_webhook_must_use_https_unless_it_is_this_machine():
    with pytest.raises(ValueError, match="https"):
        WebhookTransport("http://case-system.example/hook", SECRET)
    with pytest.raises(ValueError, match="secret"):
        WebhookTransport("https://case-system.example/hook", "")


def test_a_receiver_that_is_down_then_failing_then_slow_gets_every_event_once_it_recovers(app):
    port_receiver = Receiver()  # not started: connection refused
    ids = submit_cases(app, 5)
    with app.app_context():
        relay = relay_for(app, INTAKE_CASE_TRANSPORT="webhook", INTAKE_WEBHOOK_URL=port_receiver.url,
                          INTAKE_WEBHOOK_SECRET=SECRET, INTAKE_WEBHOOK_TIMEOUT=0.3)
        relay.drain_once()
        assert all(e.delivered_at is None and e.attempts == 1 and "ConnectError" in e.last_error
                   for e in events(app))
        port_receiver.start()
        port_receiver.mode = "fail"
        assert wait_for(lambda: relay.drain_once() >= 0 and all(e.attempts >= 2 for e in events(app)), 5)
        assert all("HTTP 500" in e.last_error for e in events(app))
        port_receiver.mode, port_receiver.delay = "slow", 1.0  # longer than the timeout
        assert wait_for(lambda: relay.drain_once() >= 0 and all(e.attempts >= 3 for e in events(app)), 10)
        assert any("Timeout" in (e.last_error or "") for e in events(app))
        port_receiver.mode, port_receiver.delay = "ok", 0
        assert wait_for(lambda: relay.drain_once() >= 0 and all(e.delivered_at for e in events(app)), 10)
    port_receiver.stop()
    assert set(port_receiver.received) == set(ids)
    assert all(e.last_error is None for e in events(app))


def test_amqp_messages_are_persistent_with_the_event_id(app, amqp_url, amqp_queue):
    ids = submit_cases(app, 3)
    with app.app_context():
        relay_for(app, INTAKE_CASE_TRANSPORT="amqp", INTAKE_AMQP_URL=amqp_url,
                  INTAKE_AMQP_QUEUE=amqp_queue).run(once=True)
    messages = drain_queue(amqp_url, amqp_queue)
    assert [p.message_id for p, _ in messages] == ids
    for properties, body in messages:
        assert properties.delivery_mode == 2 and properties.content_type == "application/json"
        assert json.loads(body)["id"] == properties.message_id


def test_a_broker_that_is_unreachable_is_a_delivery_failure(app):
    submit_cases(app, 1)
    with app.app_context():
        relay_for(app, INTAKE_CASE_TRANSPORT="amqp",
                  INTAKE_AMQP_URL="amqp://guest:guest@127.0.0.1:1/%2F").drain_once()
    [event] = events(app)
    assert event.delivered_at is None and event.last_error.startswith("amqp:")


def test_urgent_cases_send_a_copy_to_the_duty_team_first(app, tmp_path, receiver):
    submit_cases(app, 1)
    submit_cases(app, 1, safe_now="no")
    with app.app_context():
        relay = relay_for(app, INTAKE_CASE_TRANSPORT="spool", INTAKE_SPOOL_DIR=str(tmp_path / "cases"),
                          INTAKE_URGENT_TRANSPORT="webhook", INTAKE_URGENT_WEBHOOK_URL=receiver.url,
                          INTAKE_URGENT_WEBHOOK_SECRET=SECRET)
        relay.deliver_batch("duty_team")
    assert len(receiver.received) == 1
    urgent = receiver.bodies[receiver.received[0]]
    assert urgent["type"] == "case.urgent" and urgent["data"]["decision"]["urgent"] is True
    assert not (tmp_path / "cases").exists()  # the duty team heard first
    with app.app_context():
        relay.run(once=True)
    assert len(list((tmp_path / "cases").iterdir())) == 2


def test_failures_back_off_then_park_and_can_be_retried(app, receiver, client):
    receiver.mode = "fail"
    [event_id] = submit_cases(app, 1)
    with app.app_context():
        relay = relay_for(app, INTAKE_CASE_TRANSPORT="webhook", INTAKE_WEBHOOK_URL=receiver.url,
                          INTAKE_WEBHOOK_SECRET=SECRET, INTAKE_RELAY_MAX_ATTEMPTS=3)
        assert wait_for(lambda: relay.drain_once() >= 0 and events(app)[0].dead_at is not None, 5)
    [event] = events(app)
    assert event.attempts == 3 and event.delivered_at is None
    assert client.get("/readyz").get_json()["queue"] == {"undelivered": 0, "parked": 1}
    receiver.mode = "ok"
    with app.app_context():
        relay.run(once=True)
        assert receiver.received == []  # parked events wait for a person
        assert retry_parked(db.session) == 1
        relay.run(once=True)
    assert receiver.received == [event_id]


def test_backoff_grows_exponentially_with_jitter_and_a_ceiling():
    assert backoff_seconds(1, 2, 3600, rng=lambda: 0) == 1
    assert backoff_seconds(1, 2, 3600, rng=lambda: 1) == 2
    assert backoff_seconds(4, 2, 3600, rng=lambda: 1) == 16
    assert backoff_seconds(30, 2, 3600, rng=lambda: 1) == 3600


def test_events_for_one_case_are_delivered_in_order_while_others_go_ahead(app, receiver):
    first, second = submit_cases(app, 2)
    vault = app.extensions["intake_vault"]
    with app.app_context():
        [case_one] = [e.case_id for e in events(app) if e.id == first]
        case = store.case_document(vault, store.find_case(db.session, case_one))
        later = store.add_event(db.session, vault, case, "case.triaged").id
        db.session.commit()
        bad = db.session.get(OutboxEvent, first)
        bad.dead_at = bad.created_at  # the first event of case one is parked
        db.session.commit()
        relay_for(app, INTAKE_CASE_TRANSPORT="webhook", INTAKE_WEBHOOK_URL=receiver.url,
                  INTAKE_WEBHOOK_SECRET=SECRET).run(once=True)
        assert receiver.received == [second]  # case one's later event waits its turn
        retry_parked(db.session)
        relay_for(app, INTAKE_CASE_TRANSPORT="webhook", INTAKE_WEBHOOK_URL=receiver.url,
                  INTAKE_WEBHOOK_SECRET=SECRET).run(once=True)
    assert receiver.received == [second, first, later]


@pytest.mark.postgresql_only
def test_several_relays_at_once_never_deliver_an_event_twice(app, receiver):
    receiver.delay = 0.002
    ids = submit_cases(app, 120)
    config = relay_config(app, INTAKE_CASE_TRANSPORT="webhook", INTAKE_WEBHOOK_URL=receiver.url,
                          INTAKE_WEBHOOK_SECRET=SECRET, INTAKE_RELAY_BATCH=5)

    def one_relay():
        with app.app_context():
            Relay(db.session, app.extensions["intake_vault"], config).run(once=True)
            db.session.remove()

    threads = [threading.Thread(target=one_relay) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    counts = Counter(receiver.received)
    assert set(counts) == set(ids) and max(counts.values()) == 1


def test_a_parked_case_with_many_events_never_holds_up_other_cases(app, receiver):
    [stuck] = submit_cases(app, 1)
    vault = app.extensions["intake_vault"]
    with app.app_context():
        [case_id] = [e.case_id for e in events(app) if e.id == stuck]
        case = store.case_document(vault, store.find_case(db.session, case_id))
        for _ in range(5):
            store.add_event(db.session, vault, case, "case.triaged")
        db.session.commit()
        parked = db.session.get(OutboxEvent, stuck)
        parked.dead_at = parked.created_at
        db.session.commit()
    [other] = submit_cases(app, 1)
    with app.app_context():
        relay_for(app, INTAKE_CASE_TRANSPORT="webhook", INTAKE_WEBHOOK_URL=receiver.url,
                  INTAKE_WEBHOOK_SECRET=SECRET, INTAKE_RELAY_BATCH=2).run(once=True)
    assert receiver.received == [other]
