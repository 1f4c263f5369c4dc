"""The safeguarding detector's speed and weight on one core.

Measures, in a fresh process: how long importing and loading everything takes (lexicons,
spelling list, language model, classifier) and how much memory that adds; then the latency of
``detect()`` on texts of 1,000 characters (p50, p95, p99 over --runs different texts, each
new so no cache helps), and on 100 and 20,000 characters. Targets (issue 15): p95 <= 5 ms at
1,000 characters, load < 1 s, <= 150 MB added.

    taskset -c 0 .venv/bin/python bench/safeguarding.py --runs 2000
"""

from __future__ import annotations

import argparse
import platform
import random
import resource
import statistics
import time


def rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def corpus_texts() -> list[str]:
    """Real-looking text in all thirteen languages: the corpus's items, read as they are."""
    from intake.safeguarding import corpus
    return [item.text for item in corpus.load()]


def text_of(length: int, rng: random.Random, pool: list[str]) -> str:
    """Items of the pool joined until ``length`` characters: new words in every text, so the
    per-word caches help only as much as they would on real messages."""
    parts, size = [], 0
    while size < length:
        part = rng.choice(pool)
        parts.append(part)
        size += len(part) + 1
    return " ".join(parts)[:length]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=2000)
    args = parser.parse_args()
    before = rss_mb()
    started = time.perf_counter()
    from intake.safeguarding import detect
    detect("load everything: he hits me")
    loaded = time.perf_counter() - started
    after = rss_mb()
    rng = random.Random(15)
    pool = corpus_texts()
    print(f"python {platform.python_version()} on {platform.machine()}, "
          f"{len(__import__('os').sched_getaffinity(0))} core(s) allowed")
    print(f"load: {loaded * 1000:.0f} ms, memory added: {after - before:.0f} MB "
          f"(RSS {before:.0f} -> {after:.0f} MB)")
    for length, runs in ((100, args.runs), (1000, args.runs), (20_000, max(20, args.runs // 50))):
        times = []
        for _ in range(runs):
            text = text_of(length, rng, pool)
            t0 = time.perf_counter()
            detect(text)
            times.append((time.perf_counter() - t0) * 1000)
        print(f"{length:>6} characters, {runs} texts: p50 {statistics.median(times):.2f} ms, "
              f"p95 {percentile(times, 0.95):.2f} ms, p99 {percentile(times, 0.99):.2f} ms")
    print(f"memory after the runs: {rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
