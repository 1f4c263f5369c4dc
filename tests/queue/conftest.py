"""Real receivers for the relay's tests: an HTTP server on 127.0.0.1 that checks Standard
Webhooks signatures, the local RabbitMQ, and a way to run `intake` as a real process
against the test database."""

from __future__ import annotations

import datetime as dt
import os
import socket
import sys
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pika
import pytest
from standardwebhooks import Webhook

from intake.cases import store
from intake.cases.builder import build_case
from intake.eligibility import assess
from intake.extensions import db
from tests.conftest import cannot_run

SECRET = "whsec_" + "c2VjcmV0LWZvci10ZXN0cy1vbmx5LTEyMzQ1Njc4OTA="
INTAKE = str(Path(sys.executable).parent / "intake")
CHILD = {"filer": "young_person", "young_person_status": ["in_care"], "young_person_age": 14,
         "topics": ["placement"], "event_within_12_months": True, "ongoing_proceedings": ["none"],
         "safe_now": "yes", "description": "My pocket money has been late for weeks",
         "contact_name": "Robin", "contact_method": "email", "contact_email": "robin@example.com"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Receiver:
    """A case system's webhook endpoint. ``mode`` is ok, fail (HTTP 500) or slow."""

    def __init__(self, port: int | None = None, delay: float = 0.0):
        self.port = port or free_port()
        self.mode = "ok"
        self.delay = delay
        self.received: list[str] = []  # event ids, in arrival order, duplicates kept
        self.bodies: dict[str, dict] = {}
        self.bad_signatures = 0
        self.lock = threading.Lock()
        self.server = None
        self.url = f"http://127.0.0.1:{self.port}/hooks/cases"

    def start(self):
        receiver = self
        verifier = Webhook(SECRET)

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802
                body = self.rfile.read(int(self.headers["Content-Length"]))
                if receiver.mode == "slow":
                    time.sleep(receiver.delay)
                if receiver.mode == "fail":
                    self.send_response(500)
                    self.end_headers()
                    return
                try:
                    event = verifier.verify(body, dict(self.headers))
                except Exception:  # noqa: BLE001
                    with receiver.lock:
                        receiver.bad_signatures += 1
                    self.send_response(400)
                    self.end_headers()
                    return
                if receiver.delay and receiver.mode != "slow":
                    time.sleep(receiver.delay)
                with receiver.lock:
                    if self.headers["webhook-id"] != event["id"]:
                        receiver.bad_signatures += 1
                    receiver.received.append(event["id"])
                    receiver.bodies[event["id"]] = event
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self):
        if self.server:
            self.server.shutdown()
            self.server.server_close()
            self.server = None


@pytest.fixture
def receiver():
    r = Receiver().start()
    yield r
    r.stop()


@pytest.fixture
def amqp_url():
    url = os.environ.get("TEST_AMQP_URL")
    if not url:
        cannot_run("TEST_AMQP_URL is not set (the local RabbitMQ)")
    try:
        pika.BlockingConnection(pika.URLParameters(url)).close()
    except Exception as exc:  # noqa: BLE001
        cannot_run(f"RabbitMQ is not reachable at TEST_AMQP_URL: {exc}")
    return url


@pytest.fixture
def amqp_queue(amqp_url):
    """A fresh durable queue name for one test, deleted afterwards."""
    name = f"intake.test.{uuid.uuid4().hex[:8]}"
    yield name
    connection = pika.BlockingConnection(pika.URLParameters(amqp_url))
    connection.channel().queue_delete(name)
    connection.close()


def drain_queue(url: str, queue: str) -> list[tuple[pika.BasicProperties, bytes]]:
    connection = pika.BlockingConnection(pika.URLParameters(url))
    channel = connection.channel()
    messages = []
    while True:
        method, properties, body = channel.basic_get(queue, auto_ack=True)
        if method is None:
            break
        messages.append((properties, body))
    connection.close()
    return messages


def submit_cases(app, count: int, **changes) -> list[str]:
    """Submit ``count`` cases; returns their case.submitted event ids, oldest first."""
    from sqlalchemy import select

    from intake.cases.models import OutboxEvent
    answers = CHILD | changes
    vault = app.extensions["intake_vault"]
    with app.app_context():
        case_ids = []
        for _ in range(count):
            case = build_case(answers, assess(answers), channel="web", language="en-GB",
                              submitted_at=dt.datetime.now(dt.timezone.utc))
            store.submit(db.session, vault, case)
            case_ids.append(case["id"])
        rows = db.session.execute(
            select(OutboxEvent).where(OutboxEvent.type == "case.submitted")
            .order_by(OutboxEvent.created_at)).scalars().all()
        return [r.id for r in rows if r.case_id in case_ids]


def relay_config(app, **overrides) -> dict:
    """The app's config with fast retries, for relays inside the test process."""
    return dict(app.config) | {
        "INTAKE_RELAY_BACKOFF_SECONDS": 0.02, "INTAKE_RELAY_BACKOFF_MAX_SECONDS": 0.1,
        "INTAKE_RELAY_POLL_SECONDS": 0.02, "INTAKE_WEBHOOK_TIMEOUT": 2.0,
    } | overrides


def process_env(app, **overrides) -> dict:
    """Environment for running `intake` as a separate process on the test database."""
    url = app.config["SQLALCHEMY_DATABASE_URI"].replace("postgresql+psycopg://", "postgresql://")
    env = dict(os.environ) | {
        "INTAKE_DATABASE_URL": url,
        "INTAKE_DATA_KEYS": ",".join(app.config["INTAKE_DATA_KEYS"]),
        "INTAKE_SECRET_KEY": "test-secret",
        "INTAKE_INSTANCE_PATH": app.instance_path,
        "INTAKE_RELAY_BACKOFF_SECONDS": "0.02", "INTAKE_RELAY_BACKOFF_MAX_SECONDS": "0.1",
        "INTAKE_RELAY_POLL_SECONDS": "0.02", "INTAKE_WEBHOOK_TIMEOUT": "2",
    }
    env.update({k: str(v) for k, v in overrides.items()})
    return env


def wait_for(predicate, timeout: float = 20.0, interval: float = 0.05) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return predicate()
