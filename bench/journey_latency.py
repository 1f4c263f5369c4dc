"""Journey latency: every step of the web form under 1, 8 and 32 concurrent clients, against a
bare Flask page of the same size served by the same gunicorn in the same run.

Each client walks the whole journey as a browser does (GET the question, POST the answer,
follow the redirect), sends the complaint, and starts again, until it has done --rounds
journeys. The bare page is a route added only in this benchmark's WSGI module
(``bench/bench_app.py``) that returns a fixed HTML string as large as an average question
page, through the same Flask app (sessions, security headers, logging), so the ratio shows
what the journey itself costs.

Run:
    .venv/bin/python bench/journey_latency.py --clients 1 8 32 --rounds 4

Targets (issue 9): at 32 clients, p50 of each step at most 1.5x the bare page's p50 and
p99 under 100 ms.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from intake.bot.processes import stop, wait_until_up  # noqa: E402

ANSWERS = {
    "filer": {"filer": "young_person"},
    "safe_now": {"safe_now": "yes"},
    "young_person_status": {"young_person_status": "in_care"},
    "young_person_age": {"young_person_age": "15"},
    "topics": {"topics": "social_worker"},
    "event_within_12_months": {"event_within_12_months": "yes"},
    "ongoing_proceedings": {"ongoing_proceedings": "none"},
    "description": {"description": "My social worker has not visited since March and does not answer."},
    "desired_outcome": {"desired_outcome": "A social worker who visits every month."},
    "contact": {"contact_name": "Robin", "contact_method": "email",
                "contact_email": "robin@example.com", "contact_not_via_carer": "y"},
}
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def timed(times: dict, step: str, call):
    started = time.perf_counter()
    response = call()
    times[step].append(time.perf_counter() - started)
    if response.status_code >= 400:
        raise RuntimeError(f"{step}: {response.status_code}")
    return response


def walk_questions(send, pause=lambda: None) -> None:
    """Answer the form's questions as a browser does, from the first to the check page.

    ``send(method, url, **kw)`` makes one request and returns the response; each question
    is fetched, its answer posted with the page's CSRF token, and the redirect followed.
    ``pause()`` runs between reading a page and answering it (a person thinking).
    """
    url = "/questions/filer"
    for _ in range(30):
        if url == "/check":
            return
        page = send("GET", url)
        if page.status_code != 200:
            raise RuntimeError(f"GET {url}: {page.status_code}")
        token = CSRF.search(page.text).group(1)
        pause()
        response = send("POST", url, data={"csrf_token": token, **ANSWERS[url.rsplit("/", 1)[1]]})
        if response.status_code != 302:
            raise RuntimeError(f"POST {url}: {response.status_code}")
        url = response.headers["location"]
    raise RuntimeError("the form did not reach the check page in 30 questions")


def journey(base: str, rounds: int, times: dict) -> None:
    with httpx.Client(base_url=base, timeout=30) as client:
        def send(method: str, url: str, **kw):
            step = f"{method} {url.rsplit('/', 1)[1]}"
            return timed(times, step, lambda: client.request(method, url, **kw))

        for _ in range(rounds):
            client.cookies.clear()
            walk_questions(send)
            page = timed(times, "GET check", lambda: client.get("/check"))
            token = CSRF.search(page.text).group(1)
            timed(times, "POST check", lambda: client.post("/check", data={"csrf_token": token}))
            timed(times, "GET confirmation", lambda: client.get("/confirmation"))
            timed(times, "GET bare", lambda: client.get("/bench-bare"))


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))] * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, nargs="+", default=[1, 8, 32])
    parser.add_argument("--rounds", type=int, default=4, help="journeys per client")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=8)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="journey-bench-"))
    port = free_port()
    env = dict(os.environ, INTAKE_INSTANCE_PATH=str(tmp),
               INTAKE_DATABASE_URL=os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{tmp / 'bench.db'}"),
               INTAKE_RATELIMIT_STORAGE_URI="memory://", PYTHONPATH=str(ROOT))
    bin_dir = Path(sys.executable).parent
    subprocess.run([str(bin_dir / "intake"), "db", "upgrade"], env=env, check=True, capture_output=True)
    server = subprocess.Popen(
        [str(bin_dir / "gunicorn"), "--bind", f"127.0.0.1:{port}", "--workers", str(args.workers),
         "--threads", str(args.threads), "bench.bench_app:app"],
        env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until_up(f"http://127.0.0.1:{port}/healthz", server, 60)
        base = f"http://127.0.0.1:{port}"
        journey(base, 1, defaultdict(list))  # warm up
        print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
              f"gunicorn {args.workers} workers x {args.threads} threads; database {env['INTAKE_DATABASE_URL'].split(':')[0]}")
        for clients in args.clients:
            times: dict = defaultdict(list)
            threads = [threading.Thread(target=journey, args=(base, args.rounds, times))
                       for _ in range(clients)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            bare50, bare99 = percentile(times["GET bare"], 50), percentile(times["GET bare"], 99)
            print(f"\n{clients} concurrent clients, {args.rounds} journeys each; bare page p50 "
                  f"{bare50:.1f} ms, p99 {bare99:.1f} ms")
            print(f"{'step':34} {'n':>5} {'p50 ms':>8} {'p99 ms':>8} {'p50/bare':>9}")
            worst_ratio, worst_p99 = 0.0, 0.0
            for step, values in times.items():
                if step == "GET bare":
                    continue
                p50, p99 = percentile(values, 50), percentile(values, 99)
                worst_ratio, worst_p99 = max(worst_ratio, p50 / bare50), max(worst_p99, p99)
                print(f"{step:34} {len(values):>5} {p50:>8.1f} {p99:>8.1f} {p50 / bare50:>9.2f}")
            print(f"worst step: p50 {worst_ratio:.2f}x the bare page, p99 {worst_p99:.1f} ms")
    finally:
        stop([server])
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
