"""Durable submissions per second into PostgreSQL, with the relay delivering to RabbitMQ.

Producers (separate processes) build, assess, seal and commit complete cases exactly as
the web form's submit step does (case row + outbox event in one transaction). Relay
processes deliver the outbox to a RabbitMQ queue with publisher confirms at the same
time. A consumer counts what arrives, by event id. Reported: the submission rate, the
relay's delivery rate, the end-to-end rate (first submission to last message received),
and lost / duplicated counts (lost must be 0).

Run (the README in this folder says more):
    .venv/bin/python bench/submissions.py --cases 4000 --producers 2 --relays 2

It resets the database at --database-url (default: a local `intake_bench` database, which
it creates) and uses its own queue, so it never touches real data.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import multiprocessing as mp
import os
import platform
import subprocess
import sys
import time
import uuid

import pika

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

ANSWERS = {"filer": "young_person", "young_person_status": ["in_care"], "young_person_age": 14,
           "topics": ["placement", "social_worker"], "main_topic": "placement",
           "event_within_12_months": True, "ongoing_proceedings": ["none"], "safe_now": "yes",
           "description": "The heating in my room has been broken since October and nobody "
                          "has come to fix it even though I told my social worker three times.",
           "desired_outcome": "Fix the heating and tell me when it will be done.",
           "contact_name": "Robin Example", "contact_method": "email",
           "contact_email": "robin@example.com", "contact_not_via_carer": True}


def make_app(database_url: str, keys: str, queue: str, amqp_url: str):
    from intake import create_app
    return create_app({
        "SQLALCHEMY_DATABASE_URI": database_url.replace("postgresql://", "postgresql+psycopg://", 1),
        "INTAKE_DATA_KEYS": keys.split(","), "SECRET_KEY": "bench",
        "INTAKE_CASE_TRANSPORT": "amqp", "INTAKE_AMQP_URL": amqp_url, "INTAKE_AMQP_QUEUE": queue,
        "INTAKE_URGENT_TRANSPORT": "amqp", "INTAKE_URGENT_AMQP_URL": amqp_url,
        "INTAKE_URGENT_AMQP_QUEUE": queue + ".urgent", "INTAKE_RELAY_POLL_SECONDS": 0.01,
    }, instance_path=os.path.join(ROOT, "instance", "bench"))


def producer(args, count: int, started: mp.Event):
    from intake.cases import store
    from intake.cases.builder import build_case
    from intake.eligibility import assess
    from intake.extensions import db
    from intake.journey import vocabulary_answers
    app = make_app(args.database_url, args.keys, args.queue, args.amqp_url)
    with app.app_context():
        vault = app.extensions["intake_vault"]
        started.wait()
        for _ in range(count):
            decision = assess(vocabulary_answers(ANSWERS))
            case = build_case(ANSWERS, decision, channel="web", language="en-GB",
                              submitted_at=dt.datetime.now(dt.timezone.utc))
            store.submit(db.session, vault, case)


def relay(args, stop: mp.Event, started: mp.Event):
    from intake.extensions import db
    from intake.queue.relay import Relay
    app = make_app(args.database_url, args.keys, args.queue, args.amqp_url)
    with app.app_context():
        worker = Relay(db.session, app.extensions["intake_vault"], app.config)
        started.wait()
        while not stop.is_set():
            if worker.drain_once() == 0:
                time.sleep(0.005)
        worker.close()


def consumer(args, expected: int, result: mp.Queue, started: mp.Event):
    connection = pika.BlockingConnection(pika.URLParameters(args.amqp_url))
    channel = connection.channel()
    channel.queue_declare(args.queue, durable=True)
    channel.basic_qos(prefetch_count=500)
    ids: list[str] = []
    last = None
    started.wait()
    for method, properties, _body in channel.consume(args.queue, inactivity_timeout=30):
        if method is None:
            break
        ids.append(properties.message_id)
        channel.basic_ack(method.delivery_tag)
        last = time.time()
        if len(set(ids)) >= expected:
            break
    channel.cancel()
    connection.close()
    result.put((ids, last))


def reset(args):
    from intake.cases.models import Base
    from intake.extensions import db
    app = make_app(args.database_url, args.keys, args.queue, args.amqp_url)
    with app.app_context():
        from flask_migrate import upgrade
        from sqlalchemy import text
        Base.metadata.drop_all(db.engine)
        with db.engine.begin() as conn:
            conn.execute(text("DROP TABLE IF EXISTS alembic_version"))
        upgrade()
    connection = pika.BlockingConnection(pika.URLParameters(args.amqp_url))
    channel = connection.channel()
    channel.queue_delete(args.queue)
    channel.queue_declare(args.queue, durable=True)
    connection.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cases", type=int, default=4000)
    parser.add_argument("--producers", type=int, default=2)
    parser.add_argument("--relays", type=int, default=2)
    parser.add_argument("--database-url", default="postgresql://postgres@127.0.0.1:5432/intake_bench")
    parser.add_argument("--amqp-url", default="amqp://guest:guest@127.0.0.1:5672/%2F")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    args.queue = f"intake.bench.{uuid.uuid4().hex[:6]}"
    from cryptography.fernet import Fernet
    args.keys = Fernet.generate_key().decode()
    if args.database_url.endswith("/intake_bench"):
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", "intake_bench"],
                       capture_output=True)
    reset(args)

    started, stop = mp.Event(), mp.Event()
    results: mp.Queue = mp.Queue()
    per = [args.cases // args.producers + (i < args.cases % args.producers) for i in range(args.producers)]
    producers = [mp.Process(target=producer, args=(args, n, started)) for n in per]
    relays = [mp.Process(target=relay, args=(args, stop, started)) for _ in range(args.relays)]
    reader = mp.Process(target=consumer, args=(args, args.cases, results, started))
    for p in producers + relays + [reader]:
        p.start()
    time.sleep(3)  # let every process import and connect before the clock starts
    t0 = time.time()
    started.set()
    for p in producers:
        p.join()
    t_submitted = time.time()
    ids, t_last = results.get(timeout=600)
    stop.set()
    for p in relays + [reader]:
        p.join(30)
    unique = set(ids)
    figures = {
        "cases": args.cases, "producers": args.producers, "relays": args.relays,
        "submissions_per_second": round(args.cases / (t_submitted - t0), 1),
        "end_to_end_per_second": round(args.cases / ((t_last or time.time()) - t0), 1),
        "relay_lag_seconds": round((t_last or time.time()) - t_submitted, 2),
        "received": len(ids), "lost": args.cases - len(unique), "duplicates": len(ids) - len(unique),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
    }
    cleanup = pika.BlockingConnection(pika.URLParameters(args.amqp_url))
    cleanup.channel().queue_delete(args.queue)
    cleanup.close()
    if args.json:
        print(json.dumps(figures))
    else:
        for key, value in figures.items():
            print(f"{key:>24}: {value}")
    sys.exit(0 if figures["lost"] == 0 else 1)


if __name__ == "__main__":
    main()
