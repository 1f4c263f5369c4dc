"""Lighthouse mobile scores for the start page, a question page, the chat page and Easy Read.

Starts the app under gunicorn on a free port on 127.0.0.1 (SQLite in a temporary folder) and
runs Lighthouse 12 from the npm registry (``npx --yes lighthouse@12``; a benchmark tool, so
not in package.json) with Debian's chromium, mobile form factor (Lighthouse's default:
simulated slow 4G and a 4x slower CPU), categories performance and accessibility. Never
downloads a browser. Targets: performance at least 95, accessibility 100 (exits 1 if not).

Every page is loaded fresh, as a first visit with no session: the filer question is the
first question, so it renders without a draft. Rasa is not started: the chat page renders
its "the chat is not working" state, with the same stylesheet and script as when it works.

    .venv/bin/python bench/lighthouse.py               # table, median of 3 runs a page
    .venv/bin/python bench/lighthouse.py --runs 5 --json
    .venv/bin/python bench/lighthouse.py --reports /tmp/lh   # keep each run's HTML report
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.journey_latency import free_port  # noqa: E402
from intake.bot.processes import stop, wait_until_up  # noqa: E402

LIGHTHOUSE = ["npx", "--yes", "lighthouse@12"]
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-background-networking "
                "--disable-component-update --no-first-run --disable-sync")
PAGES = {
    "/": "start page",
    "/questions/filer": "question page",
    "/chat": "chat page (Rasa not running)",
    "/easy-read/questions/filer": "Easy Read question",
}
TARGETS = {"performance": 95, "accessibility": 100}
METRICS = {  # audit id -> (label, unit)
    "first-contentful-paint": ("FCP", "ms"),
    "largest-contentful-paint": ("LCP", "ms"),
    "total-blocking-time": ("TBT", "ms"),
    "cumulative-layout-shift": ("CLS", ""),
    "total-byte-weight": ("bytes", "B"),
}


def run_lighthouse(url: str, out: Path, chrome: str) -> dict:
    """One Lighthouse run; returns the parsed JSON report (also written next to an HTML one)."""
    command = LIGHTHOUSE + [
        url, "--quiet", "--only-categories=performance,accessibility",
        "--output=json", "--output=html", f"--output-path={out}",
        f"--chrome-flags={CHROME_FLAGS}"]
    done = subprocess.run(command, env=dict(os.environ, CHROME_PATH=chrome),
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if done.returncode:
        raise RuntimeError(f"Lighthouse failed on {url} (exit {done.returncode}):\n{done.stderr[-2000:]}")
    return json.loads(out.with_suffix(".report.json").read_text())


def summarise(report: dict) -> dict:
    """Scores, key metrics and every accessibility audit that failed, with its elements."""
    categories = report["categories"]
    audits = report["audits"]
    failed = []
    for ref in categories["accessibility"]["auditRefs"]:
        audit = audits[ref["id"]]
        if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
            items = (audit.get("details") or {}).get("items", [])
            failed.append({"audit": ref["id"], "title": audit["title"],
                           "elements": [(i.get("node") or {}).get("selector", "") for i in items],
                           "snippets": [(i.get("node") or {}).get("snippet", "") for i in items]})
    return {
        "performance": round(categories["performance"]["score"] * 100),
        "accessibility": round(categories["accessibility"]["score"] * 100),
        **{label: audits[audit]["numericValue"] for audit, (label, _) in METRICS.items()},
        "accessibility_failures": failed,
        "warnings": report.get("runWarnings", []),
        "benchmark_index": report["environment"].get("benchmarkIndex"),
    }


def median_run(runs: list[dict]) -> dict:
    """The run with the median performance score (ties broken by LCP), as Lighthouse advises."""
    ordered = sorted(runs, key=lambda r: (r["performance"], -r["LCP"]))
    return ordered[len(ordered) // 2]


def versions(chrome: str) -> dict:
    def out(command: list[str]) -> str:
        return subprocess.run(command, capture_output=True, text=True).stdout.strip()

    return {"lighthouse": out(LIGHTHOUSE + ["--version"]), "chromium": out([chrome, "--version"]),
            "node": out(["node", "--version"]), "python": platform.python_version(),
            "machine": f"{platform.machine()}, {os.cpu_count()} cores",
            "load_average_before": " ".join(f"{x:.2f}" for x in os.getloadavg())}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs a page (the median is kept)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--reports", type=Path, help="keep every run's JSON and HTML report here")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    chrome = shutil.which("chromium")
    if not chrome:
        sys.exit("Debian's chromium is needed: apt-get install chromium (this script never downloads a browser)")
    tmp = Path(tempfile.mkdtemp(prefix="lighthouse-bench-"))
    reports = args.reports or tmp / "reports"
    reports.mkdir(parents=True, exist_ok=True)
    port = free_port()
    env = dict(os.environ, INTAKE_INSTANCE_PATH=str(tmp), INTAKE_DATABASE_URL=f"sqlite:///{tmp / 'bench.db'}",
               INTAKE_RATELIMIT_STORAGE_URI="memory://",
               # Nothing listens here, so the chat page shows its "not working" state at once.
               INTAKE_RASA_URL=f"http://127.0.0.1:{free_port()}")
    bin_dir = Path(sys.executable).parent
    subprocess.run([str(bin_dir / "intake"), "db", "upgrade"], env=env, check=True, capture_output=True)
    server = subprocess.Popen(
        [str(bin_dir / "gunicorn"), "--bind", f"127.0.0.1:{port}", "--workers", str(args.workers),
         "intake:create_app()"],
        env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}"
        wait_until_up(f"{base}/healthz", server, 60)
        about = versions(chrome)
        results = {}
        for path in PAGES:
            runs = []
            for n in range(args.runs):
                name = path.strip("/").replace("/", "-") or "start"
                runs.append(summarise(run_lighthouse(base + path, reports / f"{name}-{n + 1}", chrome)))
            results[path] = {**median_run(runs), "runs": [{k: r[k] for k in ("performance", "accessibility",
                                                                              "LCP", "benchmark_index")} for r in runs]}
        about["load_average_after"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
    finally:
        stop([server])
    ok = all(r[c] >= t for r in results.values() for c, t in TARGETS.items())
    if args.json:
        print(json.dumps({"about": about, "targets": TARGETS, "pages": results, "met": ok}, indent=2))
    else:
        print("; ".join(f"{k} {v}" for k, v in about.items()))
        print(f"mobile, median of {args.runs} run(s) a page; targets: performance >= {TARGETS['performance']}, "
              f"accessibility = {TARGETS['accessibility']}; reports in {reports}")
        print(f"{'page':<28} {'perf':>4} {'a11y':>4} {'FCP ms':>7} {'LCP ms':>7} {'TBT ms':>7} {'CLS':>6} "
              f"{'bytes':>8}  perf of each run (CPU benchmark index)")
        for path, r in results.items():
            mark = "" if all(r[c] >= t for c, t in TARGETS.items()) else "  BELOW TARGET"
            print(f"{path:<28} {r['performance']:>4} {r['accessibility']:>4} {r['FCP']:>7.0f} {r['LCP']:>7.0f} "
                  f"{r['TBT']:>7.0f} {r['CLS']:>6.3f} {r['bytes']:>8.0f}  "
                  + " ".join(f"{x['performance']} ({x['benchmark_index']:.0f})" for x in r["runs"]) + mark)
            for failure in r["accessibility_failures"]:
                print(f"    accessibility: {failure['audit']} ({failure['title']}): "
                      + "; ".join(failure["elements"]))
            for warning in r["warnings"]:
                print(f"    warning: {warning}")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
