"""Fault proofs: real processes killed with SIGKILL, a broker connection cut mid-stream.
Each test counts end to end: events produced against events received, by id."""

from __future__ import annotations

import json
import re
import signal
import socket
import subprocess
import threading
import time

import httpx
import pika
from sqlalchemy import select

from intake.cases.models import Case, OutboxEvent
from intake.extensions import db
from intake.queue.relay import Relay
from tests.queue.conftest import (
    INTAKE, SECRET, Receiver, drain_queue, free_port, process_env, relay_config, submit_cases,
    wait_for,
)


def undelivered(app) -> set[str]:
    with app.app_context():
        db.session.expire_all()
        return set(db.session.execute(
            select(OutboxEvent.id).where(OutboxEvent.delivered_at.is_(None))).scalars())


def test_a_relay_killed_mid_delivery_loses_nothing_and_redelivers_with_the_same_ids(app):
    receiver = Receiver(delay=0.05).start()
    ids = submit_cases(app, 30)
    env = process_env(app, INTAKE_CASE_TRANSPORT="webhook", INTAKE_WEBHOOK_URL=receiver.url,
                      INTAKE_WEBHOOK_SECRET=SECRET, INTAKE_RELAY_BATCH=10)
    relay = subprocess.Popen([INTAKE, "relay"], env=env, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    try:
        assert wait_for(lambda: len(receiver.received) >= 4, 30), "the relay never started delivering"
    finally:
        relay.send_signal(signal.SIGKILL)
        relay.wait(10)
    time.sleep(0.5)  # a request the relay sent just before dying may still be arriving
    received_before = set(receiver.received)
    assert received_before & undelivered(app), "the kill should land mid-batch, before the commit"

    # A new relay takes over (PostgreSQL frees the dead one's row locks when it notices the
    # dropped connection), delivers the rest, and stops gracefully on SIGTERM.
    relay = subprocess.Popen([INTAKE, "relay"], env=env, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    try:
        assert wait_for(lambda: not undelivered(app), 60), "the second relay did not finish"
    finally:
        relay.send_signal(signal.SIGTERM)
        assert relay.wait(10) == 0
    receiver.stop()
    assert set(receiver.received) == set(ids)  # nothing lost, nothing invented
    duplicates = {i for i in receiver.received if receiver.received.count(i) > 1}
    assert duplicates <= received_before  # only what was in flight went twice, same id
    assert undelivered(app) == set()


class CuttableProxy:
    """A TCP proxy to RabbitMQ whose connections can be cut mid-stream."""

    def __init__(self, upstream_port: int):
        self.upstream_port = upstream_port
        self.port = free_port()
        self.sockets: list[socket.socket] = []
        self.lock = threading.Lock()
        self.listener = socket.create_server(("127.0.0.1", self.port))
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(("127.0.0.1", self.upstream_port))
            with self.lock:
                self.sockets += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    @staticmethod
    def _pump(source, target):
        try:
            while data := source.recv(65536):
                target.sendall(data)
        except OSError:
            pass
        finally:
            for s in (source, target):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def cut(self):
        with self.lock:
            for s in self.sockets:
                try:
                    s.shutdown(socket.SHUT_RDWR)
                    s.close()
                except OSError:
                    pass
            self.sockets.clear()

    def close(self):
        self.cut()
        self.listener.close()


def queued(url: str, queue: str) -> int:
    connection = pika.BlockingConnection(pika.URLParameters(url))
    count = connection.channel().queue_declare(queue, durable=True).method.message_count
    connection.close()
    return count


def test_a_broker_connection_cut_mid_stream_loses_nothing(app, amqp_url, amqp_queue):
    upstream = pika.URLParameters(amqp_url)
    proxy = CuttableProxy(upstream.port)
    proxied = amqp_url.replace(f"{upstream.host}:{upstream.port}", f"127.0.0.1:{proxy.port}")
    ids = submit_cases(app, 60)
    config = relay_config(app, INTAKE_CASE_TRANSPORT="amqp", INTAKE_AMQP_URL=proxied,
                          INTAKE_AMQP_QUEUE=amqp_queue, INTAKE_RELAY_BATCH=5)
    done = threading.Event()

    def run_relay():
        with app.app_context():
            relay = Relay(db.session, app.extensions["intake_vault"], config)
            while not done.is_set():
                relay.drain_once()
                time.sleep(0.01)
            relay.close()
            db.session.remove()

    worker = threading.Thread(target=run_relay)
    worker.start()
    try:
        assert wait_for(lambda: queued(amqp_url, amqp_queue) >= 10, 30)
        proxy.cut()  # twice, mid-stream
        assert wait_for(lambda: queued(amqp_url, amqp_queue) >= 30, 30)
        proxy.cut()
        assert wait_for(lambda: not undelivered(app), 60), "the relay did not recover"
    finally:
        done.set()
        worker.join(30)
        proxy.close()
    received = [p.message_id for p, _ in drain_queue(amqp_url, amqp_queue)]
    assert set(received) == set(ids)


CHILD_PAGES = [
    ("filer", {"filer": "young_person"}), ("safe_now", {"safe_now": "yes"}),
    ("young_person_status", {"young_person_status": "in_care"}), ("young_person_age", {"young_person_age": "14"}),
    ("topics", {"topics": "placement"}), ("event_within_12_months", {"event_within_12_months": "yes"}),
    ("ongoing_proceedings", {"ongoing_proceedings": "none"}),
    ("description", {"description": "Nobody fixes the heating"}),
    ("desired_outcome", {"desired_outcome": "Fix it"}),
    ("contact", {"contact_name": "Sam", "contact_method": "email", "contact_email": "sam@example.com"}),
]


def file_one_complaint(base: str) -> str:
    """Walk the whole form over HTTP like a browser; returns the reference shown."""
    with httpx.Client(base_url=base, timeout=10) as browser:
        for page, data in CHILD_PAGES:
            html = browser.get(f"/questions/{page}").text
            token = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
            response = browser.post(f"/questions/{page}", data=data | {"csrf_token": token})
            assert response.status_code == 302, (page, response.status_code)
        html = browser.get("/check").text
        token = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
        assert browser.post("/check", data={"csrf_token": token}).status_code == 302
        page = browser.get("/confirmation").text
        return re.search(r'data-testid="reference">([A-Z0-9-]+)<', page).group(1)


def test_the_web_server_killed_mid_submission_keeps_every_case_whose_reference_was_shown(app, tmp_path):
    port = free_port()
    spool = tmp_path / "spool"
    env = process_env(app, INTAKE_SPOOL_DIR=str(spool))
    server = subprocess.Popen([INTAKE, "run", "--port", str(port), "--with-threads"], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    assert wait_for(lambda: _answers(base), 30), "the web server did not start"
    shown: list[str] = []
    lock = threading.Lock()
    stop = threading.Event()

    def young_person():
        while not stop.is_set():
            try:
                reference = file_one_complaint(base)
            except (httpx.HTTPError, AttributeError, AssertionError):
                return  # the server died under us: this submission was never confirmed
            with lock:
                shown.append(reference)

    people = [threading.Thread(target=young_person) for _ in range(6)]
    for p in people:
        p.start()
    wait_for(lambda: len(shown) >= 8, 60)
    server.send_signal(signal.SIGKILL)
    server.wait(10)
    stop.set()
    for p in people:
        p.join(30)
    assert len(shown) >= 8

    with app.app_context():
        db.session.expire_all()
        stored = set(db.session.execute(select(Case.reference)).scalars())
    assert set(shown) <= stored
    subprocess.run([INTAKE, "relay", "--once"], env=env, check=True, timeout=120,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    delivered = {json.loads(f.read_text())["data"]["reference"] for f in spool.glob("*.json")}
    assert set(shown) <= delivered
    assert delivered == stored  # every stored case reached the case system, once each
    assert len(list(spool.glob("*.json"))) == len(stored)


def _answers(base: str) -> bool:
    try:
        return httpx.get(f"{base}/healthz", timeout=1).status_code == 200
    except httpx.HTTPError:
        return False
