"""Chat turn latency: through the Flask chat page versus Rasa's REST endpoint directly.

Starts the action server, Rasa (the model `make` trained) and gunicorn serving the app
(SQLite in a temporary folder), then runs N concurrent conversations that each walk a whole
complaint (typed answers and button presses) twice: once through Flask (`POST /chat`, JSON,
as the page's script does) and once straight to Rasa's REST webhook with the same messages.
Reports p50 and p95 per turn for each at each concurrency, the CPU time each process
(Rasa, the action server, gunicorn) spent per turn, and the resident memory of each process
at the end. The CPU figures show what bounds throughput: on a machine with C cores, turns
cannot finish faster than C / (CPU seconds per turn) a second, whatever the concurrency.

Run:
    .venv/bin/python bench/bot_latency.py --clients 1 10 --rounds 3

Target (issue 5): p95 per turn through Flask under 250 ms at 10 concurrent conversations.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from intake.bot import processes  # noqa: E402

#: One young person's complaint: (what the page posts, what Rasa is sent).
TURNS = [
    ({"choice": "answer:young_person"}, ("/inform", {"answer": "young_person"})),
    ({"message": "yes I am safe"}, ("yes I am safe", {})),
    ({"multi": "1", "answer": ["in_care"]}, ("/inform", {"answer": ["in_care"]})),
    ({"message": "I'm 14"}, ("I'm 14", {})),
    ({"multi": "1", "answer": ["social_worker"]}, ("/inform", {"answer": ["social_worker"]})),
    ({"choice": "answer:yes"}, ("/inform", {"answer": "yes"})),
    ({"choice": "command:explain"}, ("/explain", {})),
    ({"multi": "1", "answer": ["none"]}, ("/inform", {"answer": ["none"]})),
    ({"message": "My social worker has not visited since March."}, ("My social worker has not visited since March.", {})),
    ({"message": "A social worker who visits."}, ("A social worker who visits.", {})),
    ({"message": "Sam"}, ("Sam", {})),
    ({"choice": "answer:email"}, ("/inform", {"answer": "email"})),
    ({"message": "sam@example.com"}, ("sam@example.com", {})),
    ({"choice": "command:skip"}, ("/skip", {})),
    ({"choice": "answer:y"}, ("/inform", {"answer": "y"})),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def process_tree(pid: int) -> list[int]:
    """A process and its children (gunicorn's workers, Rasa's helpers)."""
    children = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout
    return [pid] + [int(p) for p in children.split()]


def rss_mb(pid: int) -> float:
    """Resident memory of a process and its children, in MB."""
    total = 0
    for p in process_tree(pid):
        try:
            status = Path(f"/proc/{p}/status").read_text()
        except FileNotFoundError:
            continue
        found = re.search(r"VmRSS:\s+(\d+) kB", status)
        total += int(found.group(1)) if found else 0
    return total / 1024


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) used so far by a process and its children that are running."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for p in process_tree(pid):
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:
            continue
        total += (int(fields[11]) + int(fields[12])) / tick  # utime, stime
    return total


def through_flask(base: str, times: list[float]) -> None:
    with httpx.Client(base_url=base, timeout=30, headers={"Accept": "application/json"}) as client:
        page = client.get("/chat", headers={"Accept": "text/html"}).text
        token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        for data, _ in TURNS:
            started = time.perf_counter()
            response = client.post("/chat", data={"csrf_token": token, **data})
            times.append(time.perf_counter() - started)
            response.raise_for_status()


def direct(rasa: str, times: list[float]) -> None:
    sender = secrets.token_urlsafe(12)
    with httpx.Client(timeout=30) as client:
        client.post(f"{rasa}/webhooks/rest/webhook",
                    json={"sender": sender, "message": "/greet", "metadata": {"language": "en"}})
        for _, (text, extra) in TURNS:
            started = time.perf_counter()
            response = client.post(f"{rasa}/webhooks/rest/webhook", json={
                "sender": sender, "message": text, "metadata": {"language": "en", **extra}})
            times.append(time.perf_counter() - started)
            response.raise_for_status()


def run(target, clients: int, rounds: int, where: str) -> list[float]:
    times: list[float] = []
    for _ in range(rounds):
        threads = [threading.Thread(target=target, args=(where, times)) for _ in range(clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    return times


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))] * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, nargs="+", default=[1, 10])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    args = parser.parse_args()

    instance = ROOT / "instance"
    if not processes.model_path(instance).exists():
        raise SystemExit("No trained model: run `make bot` first.")
    tmp = Path(tempfile.mkdtemp(prefix="bot-bench-"))
    rasa_port, actions_port, web_port = free_port(), free_port(), free_port()
    token = secrets.token_urlsafe(16)
    env = processes.environment(f"http://127.0.0.1:{actions_port}/webhook")
    web_env = dict(os.environ, INTAKE_INSTANCE_PATH=str(tmp),
                   INTAKE_DATABASE_URL=f"sqlite:///{tmp / 'bench.db'}",
                   INTAKE_RASA_URL=f"http://127.0.0.1:{rasa_port}", INTAKE_RASA_TOKEN=token,
                   INTAKE_RATELIMIT_STORAGE_URI="memory://")
    started = []
    try:
        actions = subprocess.Popen(processes.actions_command(actions_port), env=env,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        started.append(actions)
        rasa = subprocess.Popen(processes.rasa_command(instance, rasa_port, token), env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        started.append(rasa)
        bin_dir = Path(sys.executable).parent
        subprocess.run([str(bin_dir / "intake"), "db", "upgrade"], env=web_env, check=True,
                       capture_output=True)
        web = subprocess.Popen([str(bin_dir / "gunicorn"), "--bind", f"127.0.0.1:{web_port}",
                                "--workers", str(args.workers), "--threads", "4", "intake:create_app()"],
                               env=web_env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        started.append(web)
        processes.wait_until_up(f"http://127.0.0.1:{actions_port}/health", actions, 300)
        processes.wait_until_up(f"http://127.0.0.1:{rasa_port}/", rasa, 300)
        processes.wait_until_up(f"http://127.0.0.1:{web_port}/healthz", web, 60)
        flask_url, rasa_url = f"http://127.0.0.1:{web_port}", f"http://127.0.0.1:{rasa_port}"
        run(through_flask, 1, 1, flask_url)  # warm up both paths
        print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
        print(f"{len(TURNS)} turns per conversation, {args.rounds} rounds, gunicorn {args.workers} workers")
        print(f"{'clients':>7} {'path':>10} {'turns':>6} {'p50 ms':>8} {'p95 ms':>8}")
        processes_by_name = {"rasa": rasa, "actions": actions, "gunicorn": web}
        for clients in args.clients:
            for name, target, where in (("flask", through_flask, flask_url), ("rasa", direct, rasa_url)):
                before = {n: cpu_seconds(p.pid) for n, p in processes_by_name.items()}
                times = run(target, clients, args.rounds, where)
                used = {n: (cpu_seconds(p.pid) - before[n]) * 1000 / len(times)
                        for n, p in processes_by_name.items()}
                print(f"{clients:>7} {name:>10} {len(times):>6} {percentile(times, 50):>8.1f} "
                      f"{percentile(times, 95):>8.1f}   CPU ms a turn: "
                      + ", ".join(f"{n} {ms:.0f}" for n, ms in used.items()))
        print(f"memory (RSS): rasa {rss_mb(rasa.pid):.0f} MB, actions {rss_mb(actions.pid):.0f} MB, "
              f"gunicorn (master + {args.workers} workers) {rss_mb(web.pid):.0f} MB")
    finally:
        processes.stop(started)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
