"""Soak and fault proof: many people at once, while processes die, and nothing is lost.

For --duration seconds, --clients concurrent people make complaints against gunicorn,
PostgreSQL and RabbitMQ: most walk the web form, --chat-share of them use the chat (through
the Flask chat page to a real Rasa and action server). Each takes --think seconds on
average to read a page or reply and answer it. With --think 0 nobody pauses at all: on two
shared cores the web form then takes all the CPU, Rasa's turns queue past the chat's
10-second timeout, and the chat answers 503 ("not working, use the form"), so the proof
fails on its 5xx rule while still losing nothing (docs/performance.md has both runs). Meanwhile, every --fault-every
seconds, a fault is injected, in turn: the relay is killed with SIGKILL (and started again
a few seconds later), or one gunicorn worker is killed with SIGKILL (gunicorn starts a new
one). A person whose connection dies with a worker tries again, as a person would.

A consumer reads the case system's RabbitMQ queue (and the duty team's) the whole time. At
the end the relay drains the outbox and the proof checks:

- every reference a person was shown is a case in the database;
- every case in the database was delivered to the consumer, exactly once by event id
  (RabbitMQ may hand the same id over twice if the relay died between the broker's confirm
  and its own commit: that is a redelivery, counted and reported, and a consumer that keeps
  the ids it has seen, as the case-system contract says, processes it once);
- the consumer saw no event the database does not know;
- no response was a 5xx.

Run (the README in this folder says more):
    .venv/bin/python bench/soak.py                       # 10 minutes, 50 people, chat too
    .venv/bin/python bench/soak.py --duration 60 --clients 10 --no-chat

It resets the database at --database-url (default: a local `intake_soak` database, which it
creates) and uses queues of its own, so it never touches real data. Exit status 0 only when
every check holds. The test suite runs a short version (tests/bench/test_soak.py).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from pathlib import Path

import httpx
import pika

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.bot_latency import process_tree  # noqa: E402
from bench.journey_latency import CSRF, free_port, percentile, walk_questions  # noqa: E402
from intake.bot import processes  # noqa: E402

REFERENCE = re.compile(r"\b[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}\b")
#: Connection failures a person retries through (a worker died under them).
TRANSPORT_RETRIES = 6


class Tally:
    """What the people saw, shared between their threads."""

    def __init__(self):
        self.lock = threading.Lock()
        self.statuses: Counter = Counter()
        self.times: list[float] = []
        self.references: dict[str, str] = {}  # reference -> channel
        self.retries = 0
        self.unanswered_submissions = 0
        self.failures: list[str] = []

    def add(self, status: int, seconds: float) -> None:
        with self.lock:
            self.statuses[status] += 1
            self.times.append(seconds)


def request(client: httpx.Client, tally: Tally, method: str, url: str, **kw) -> httpx.Response:
    """One request as a person makes it: if the connection dies, wait a moment and try again."""
    for attempt in range(TRANSPORT_RETRIES + 1):
        started = time.perf_counter()
        try:
            response = client.request(method, url, **kw)
        except httpx.TransportError:
            if attempt == TRANSPORT_RETRIES:
                raise
            with tally.lock:
                tally.retries += 1
            time.sleep(0.3 + random.random() * 0.4)
            continue
        tally.add(response.status_code, time.perf_counter() - started)
        return response
    raise AssertionError("unreachable")


def pause(think: float) -> None:
    """A person reading and answering: on average ``think`` seconds, never the same twice."""
    time.sleep(think * (0.5 + random.random()))


def web_journey(client: httpx.Client, tally: Tally, think: float = 0.0) -> None:
    """The web form from the first question to the confirmation page."""
    client.cookies.clear()
    walk_questions(lambda method, url, **kw: request(client, tally, method, url, **kw),
                   lambda: pause(think))
    page = request(client, tally, "GET", "/check")
    token = CSRF.search(page.text).group(1)
    pause(think)
    response = request(client, tally, "POST", "/check", data={"csrf_token": token})
    if response.headers.get("location") != "/confirmation":
        # The worker died after the case was stored but before the answer reached the
        # person: they were shown no reference, so the proof does not count on one.
        with tally.lock:
            tally.unanswered_submissions += 1
        return
    page = request(client, tally, "GET", "/confirmation")
    found = REFERENCE.search(page.text)
    if not found:
        raise RuntimeError("confirmation page without a reference")
    with tally.lock:
        tally.references[found.group(0)] = "web"


#: What a person posts when the chat asks each question (typed where typing is natural).
CHAT_ANSWERS = {
    "filer": {"choice": "answer:young_person"},
    "safe_now": {"message": "yes I am safe"},
    "young_person_status": {"multi": "1", "answer": ["in_care"]},
    "young_person_age": {"message": "I'm 14"},
    "topics": {"multi": "1", "answer": ["social_worker"]},
    "event_within_12_months": {"choice": "answer:yes"},
    "ongoing_proceedings": {"multi": "1", "answer": ["none"]},
    "description": {"message": "My social worker has not visited since March."},
    "desired_outcome": {"message": "A social worker who visits."},
    "contact_name": {"message": "Sam"},
    "contact_method": {"choice": "answer:email"},
    "contact_email": {"message": "sam@example.com"},
    "contact_safe_times": {"choice": "command:skip"},
    "contact_not_via_carer": {"choice": "answer:y"},
}
ASKING = re.compile(r'data-asking="([^"]*)"')
SEND = 'value="command:affirm"'


def chat_journey(client: httpx.Client, tally: Tally, think: float = 0.0) -> None:
    """The chat, as its script posts it, answering whatever the bot asks, to the reference.

    Led by what is asked rather than by a fixed script, so a message retried after a worker
    died (and so perhaps said twice) is handled the way a person would: by answering the
    question now on screen.
    """
    client.cookies.clear()
    page = request(client, tally, "GET", "/chat", headers={"Accept": "text/html"}).text
    found = CSRF.search(page)
    if not found:
        raise RuntimeError("the chat page offered nothing to type into (it said the chat is not working)")
    token = found.group(1)
    explained = False
    for _ in range(50):
        asking = (ASKING.search(page) or [None, ""])[1]
        if asking == "ongoing_proceedings" and not explained:
            data, explained = {"choice": "command:explain"}, True
        elif asking in CHAT_ANSWERS:
            data = CHAT_ANSWERS[asking]
        elif SEND in page:
            data = {"choice": "command:affirm"}
        else:
            raise RuntimeError(f"the chat is asking nothing this person can answer ({asking!r})")
        pause(think)  # reading the reply and typing the next
        response = request(client, tally, "POST", "/chat", data={"csrf_token": token, **data},
                           headers={"Accept": "application/json"})
        if response.status_code == 400:  # a retried button no longer on offer: look again
            page = request(client, tally, "GET", "/chat", headers={"Accept": "text/html"}).text
            continue
        if response.status_code != 200:
            raise RuntimeError(f"chat turn {data}: {response.status_code}")
        body = response.json()
        page = body.get("log", "") + body.get("controls", "")
        if data.get("choice") == "command:affirm":
            found = REFERENCE.search(body.get("log", ""))
            if found:
                with tally.lock:
                    tally.references[found.group(0)] = "chat"
            else:
                with tally.lock:
                    tally.unanswered_submissions += 1
            return
    raise RuntimeError("the chat did not reach the end in 50 turns")


def person(base: str, chats: bool, stop: threading.Event, tally: Tally, think: float) -> None:
    with httpx.Client(base_url=base, timeout=60) as client:
        while not stop.is_set():
            try:
                if chats:
                    chat_journey(client, tally, think)
                else:
                    web_journey(client, tally, think)
            except Exception as exc:  # noqa: BLE001 - every failure is reported, none hidden
                with tally.lock:
                    tally.failures.append(f"{'chat' if chats else 'web'}: {exc!r}")
                time.sleep(1)


class Consumer(threading.Thread):
    """The case system: reads both queues and keeps every delivery, in order."""

    def __init__(self, amqp_url: str, queues: list[str]):
        super().__init__(daemon=True)
        self.amqp_url, self.queues = amqp_url, queues
        self.deliveries: list[tuple[str, str, str]] = []  # (queue, event id, reference)
        self.halt = threading.Event()
        self.ready = threading.Event()

    def run(self) -> None:
        connection = pika.BlockingConnection(pika.URLParameters(self.amqp_url))
        channel = connection.channel()
        channel.basic_qos(prefetch_count=200)
        for queue in self.queues:
            channel.queue_declare(queue, durable=True)
            channel.basic_consume(queue, self._received(queue))
        self.ready.set()
        while not self.halt.is_set():
            connection.process_data_events(time_limit=0.2)
        connection.close()

    def _received(self, queue: str):
        def callback(channel, method, properties, body):
            event = json.loads(body)
            self.deliveries.append((queue, properties.message_id, event["data"]["reference"]))
            channel.basic_ack(method.delivery_tag)
        return callback


def ensure_database(url: str) -> None:
    """Create the database named in ``url`` if it is missing (trust auth, as on this machine)."""
    import psycopg
    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def reset_database(url: str, env: dict) -> None:
    import psycopg
    ensure_database(url)
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("DROP SCHEMA public CASCADE")
        conn.execute("CREATE SCHEMA public")
    intake = Path(sys.executable).parent / "intake"
    subprocess.run([str(intake), "db", "upgrade"], env=env, check=True, capture_output=True)


def outbox_state(url: str) -> tuple[dict[str, str], dict[str, tuple[str, str]], int]:
    """(case id -> reference, case.submitted/urgent event id -> (case id, type), undelivered)."""
    import psycopg
    with psycopg.connect(url) as conn:
        cases = dict(conn.execute("SELECT id, reference FROM cases").fetchall())
        events = {event_id: (case_id, kind) for event_id, case_id, kind in conn.execute(
            "SELECT id, case_id, type FROM outbox_events"
            " WHERE type IN ('case.submitted', 'case.urgent')").fetchall()}
        pending = conn.execute("SELECT count(*) FROM outbox_events WHERE delivered_at IS NULL"
                               " AND dead_at IS NULL").fetchone()[0]
    return cases, events, pending


class Faults(threading.Thread):
    """Kill the relay and a web worker in turn; start the relay again after a pause."""

    def __init__(self, every: float, start_relay, web: subprocess.Popen):
        super().__init__(daemon=True)
        self.every, self.start_relay, self.web = every, start_relay, web
        self.relay = start_relay()
        self.halt = threading.Event()
        self.done = Counter()

    def run(self) -> None:
        kill_relay = True
        while not self.halt.wait(self.every):
            if kill_relay:
                self.relay.send_signal(signal.SIGKILL)
                self.relay.wait()
                self.done["relay killed"] += 1
                if self.halt.wait(3):
                    break
                self.relay = self.start_relay()
            else:
                workers = process_tree(self.web.pid)[1:]  # gunicorn's workers
                if workers:
                    os.kill(random.choice(workers), signal.SIGKILL)
                    self.done["web worker killed"] += 1
            kill_relay = not kill_relay

    def finish(self) -> subprocess.Popen:
        """Stop injecting faults; make sure a relay is running; return it."""
        self.halt.set()
        self.join()
        if self.relay.poll() is not None:
            self.relay = self.start_relay()
        return self.relay


def verify(shown: dict[str, str], cases: dict[str, str], events: dict[str, tuple[str, str]],
           deliveries: list[tuple[str, str, str]], statuses: Counter) -> tuple[dict, list[str]]:
    """The proof: (counts, problems); no problems means nothing was lost or doubled.

    ``shown``: reference -> channel, as people saw them; ``cases``: case id -> reference in
    the database; ``events``: event id -> (case id, type) for every case.submitted and
    case.urgent in the outbox; ``deliveries``: (queue, event id, reference) as consumed.
    """
    delivered = Counter(event_id for _, event_id, _ in deliveries)
    missing = sorted(set(shown) - set(cases.values()))
    undelivered = sorted(e for e in events if not delivered[e])
    unknown = sorted(set(delivered) - set(events))
    wrong = sorted(e for _, e, ref in deliveries if e in events and cases.get(events[e][0]) != ref)
    per_case = Counter((case_id, kind) for case_id, kind in events.values())
    doubled = sorted(case_id for (case_id, kind), n in per_case.items() if n > 1)
    without_event = sorted(c for c in cases if (c, "case.submitted") not in per_case)
    five_xx = sum(n for status, n in statuses.items() if status >= 500)
    counts = {
        "redeliveries_of_the_same_id": sum(n - 1 for n in delivered.values() if n > 1),
        "shown_but_not_stored": len(missing), "stored_but_not_delivered": len(undelivered),
        "delivered_but_unknown": len(unknown), "five_xx": five_xx,
    }
    checks = [
        (missing, "references shown but not in the database"),
        (undelivered, "events stored but never delivered"),
        (unknown, "events delivered that the database does not know"),
        (wrong, "events delivered with another case's reference"),
        (doubled, "cases with more than one event of a kind (would be processed twice)"),
        (without_event, "cases stored without a case.submitted event"),
    ]
    problems = [f"{what}: {found[:5]}" for found, what in checks if found]
    if five_xx:
        problems.append(f"{five_xx} responses were 5xx")
    if not shown:
        problems.append("no complaint was completed")
    return counts, problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=float, default=600, help="seconds of load")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--chat-share", type=float, default=0.2, help="share of people using the chat")
    parser.add_argument("--no-chat", action="store_true", help="web form only (no Rasa needed)")
    parser.add_argument("--think", type=float, default=1.5,
                        help="seconds a person takes to read a page or reply before acting, on average"
                             " (0: no pause at all)")
    parser.add_argument("--fault-every", type=float, default=30, help="seconds between faults")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers")
    parser.add_argument("--threads", type=int, default=8, help="threads per gunicorn worker")
    parser.add_argument("--database-url", default="postgresql://postgres@127.0.0.1:5432/intake_soak")
    parser.add_argument("--amqp-url", default="amqp://guest:guest@127.0.0.1:5672/%2F")
    parser.add_argument("--rasa-url", help="use a running Rasa (its REST channel) instead of starting one")
    parser.add_argument("--rasa-token", default="", help="that Rasa's API token")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    if not args.database_url.startswith("postgresql://"):
        parser.error("--database-url must be PostgreSQL: the proof is about the production database")

    tmp = Path(tempfile.mkdtemp(prefix="soak-"))
    queue = f"intake.soak.{uuid.uuid4().hex[:8]}"
    from cryptography.fernet import Fernet
    env = dict(os.environ, INTAKE_INSTANCE_PATH=str(tmp), INTAKE_DATABASE_URL=args.database_url,
               INTAKE_DATA_KEYS=Fernet.generate_key().decode(), INTAKE_SECRET_KEY=secrets.token_hex(32),
               INTAKE_CASE_TRANSPORT="amqp", INTAKE_AMQP_URL=args.amqp_url, INTAKE_AMQP_QUEUE=queue,
               INTAKE_URGENT_AMQP_QUEUE=queue + ".urgent", INTAKE_RELAY_POLL_SECONDS="0.2",
               INTAKE_RATELIMIT_STORAGE_URI="memory://", INTAKE_LOG_FORMAT="json", PYTHONPATH=str(ROOT))
    bin_dir = Path(sys.executable).parent
    started: list[subprocess.Popen] = []
    logs = open(tmp / "processes.log", "ab")  # noqa: SIM115 - closed in finally
    chat = not args.no_chat and args.chat_share > 0
    try:
        reset_database(args.database_url, env)
        if chat and not args.rasa_url:
            instance = ROOT / "instance"
            if not processes.model_path(instance).exists():
                raise SystemExit("No trained model: run `make bot` first, or pass --no-chat.")
            rasa_port, actions_port = free_port(), free_port()
            args.rasa_token = secrets.token_urlsafe(16)
            bot_env = processes.environment(f"http://127.0.0.1:{actions_port}/webhook")
            actions = subprocess.Popen(processes.actions_command(actions_port), env=bot_env,
                                       stdout=logs, stderr=logs)
            started.append(actions)
            rasa = subprocess.Popen(processes.rasa_command(instance, rasa_port, args.rasa_token),
                                    env=bot_env, stdout=logs, stderr=logs)
            started.append(rasa)
            processes.wait_until_up(f"http://127.0.0.1:{actions_port}/health", actions, 300)
            processes.wait_until_up(f"http://127.0.0.1:{rasa_port}/", rasa, 300)
            args.rasa_url = f"http://127.0.0.1:{rasa_port}"
        if chat:
            env.update(INTAKE_RASA_URL=args.rasa_url, INTAKE_RASA_TOKEN=args.rasa_token)

        consumer = Consumer(args.amqp_url, [queue, queue + ".urgent"])
        consumer.start()
        consumer.ready.wait(30)
        port = free_port()
        web = subprocess.Popen(
            [str(bin_dir / "gunicorn"), "--bind", f"127.0.0.1:{port}", "--workers", str(args.workers),
             "--threads", str(args.threads), "--graceful-timeout", "5", "intake:create_app()"],
            env=env, cwd=ROOT, stdout=logs, stderr=logs)
        started.append(web)
        processes.wait_until_up(f"http://127.0.0.1:{port}/healthz", web, 60)

        def start_relay() -> subprocess.Popen:
            relay = subprocess.Popen([str(bin_dir / "intake"), "relay"], env=env, stdout=logs, stderr=logs)
            started.append(relay)
            return relay

        faults = Faults(args.fault_every, start_relay, web)
        tally, stop = Tally(), threading.Event()
        chatting = round(args.clients * args.chat_share) if chat else 0
        base = f"http://127.0.0.1:{port}"
        people = [threading.Thread(target=person, args=(base, i < chatting, stop, tally, args.think))
                  for i in range(args.clients)]
        t0 = time.time()
        faults.start()
        for p in people:
            p.start()
        stop.wait(args.duration)
        stop.set()
        for p in people:
            p.join(120)
        load_seconds = time.time() - t0
        faults.finish()

        # Drain: the relay delivers what is left; the consumer reads it.
        deadline = time.time() + 120
        while time.time() < deadline:
            cases, events, pending = outbox_state(args.database_url)
            if pending == 0 and len({d[1] for d in consumer.deliveries}) >= len(events):
                break
            time.sleep(0.5)
        time.sleep(1)
        consumer.halt.set()
        consumer.join(10)
        cases, events, pending = outbox_state(args.database_url)

        counts, problems = verify(tally.references, cases, events, consumer.deliveries, tally.statuses)
        if tally.failures:
            problems.append(f"{len(tally.failures)} journeys failed, first: {tally.failures[:3]}")
        figures = {
            "duration_seconds": round(load_seconds, 1), "clients": args.clients, "chatting": chatting,
            "think_seconds": args.think,
            "gunicorn": f"{args.workers} workers x {args.threads} threads",
            "faults": dict(faults.done), "complaints_shown_a_reference": len(tally.references),
            "by_channel": dict(Counter(tally.references.values())), "cases_in_database": len(cases),
            "requests": sum(tally.statuses.values()), "statuses": dict(sorted(tally.statuses.items())),
            "p50_ms": round(percentile(tally.times, 50), 1) if tally.times else None,
            "p99_ms": round(percentile(tally.times, 99), 1) if tally.times else None,
            "connection_retries": tally.retries, "submissions_without_an_answer": tally.unanswered_submissions,
            "deliveries": len(consumer.deliveries), "still_pending_in_outbox": pending,
            **counts, "client_failures": len(tally.failures),
            "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        }
        figures["problems"] = problems
        if args.json:
            print(json.dumps(figures))
        else:
            for key, value in figures.items():
                print(f"{key:>30}: {value}")
        if problems:
            keep = Path(tempfile.mkdtemp(prefix="soak-logs-"))
            shutil.copy(tmp / "processes.log", keep)
            print(f"process logs kept in {keep}", file=sys.stderr)
        return 0 if not problems else 1
    finally:
        processes.stop(started)
        logs.close()
        try:
            cleanup = pika.BlockingConnection(pika.URLParameters(args.amqp_url))
            cleanup.channel().queue_delete(queue)
            cleanup.channel().queue_delete(queue + ".urgent")
            cleanup.close()
        except pika.exceptions.AMQPError:
            pass
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
