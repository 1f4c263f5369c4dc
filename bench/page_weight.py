"""Page weight as shipped: what Chromium receives, headers included, from gunicorn serving
the app exactly as docker-compose runs it (pages compressed by the app, static files
precompressed and cached as immutable).

Walks the web form as a young person would, in Debian's Chromium with a phone-sized
window, counting every byte the browser receives (Chrome DevTools Protocol
``encodedDataLength``: headers and compressed bodies):

- **first visit**: each public page opened in a new browser with an empty cache (with the
  walk's cookies, so a question page opens where a young person would be);
- **later question**: going from one question to the next in the walk (the answer POST,
  its redirect and the next page; the stylesheet and scripts are already cached).

Targets (issue 21): every public page at most 60 KB on first visit, at most 12 KB for each
later question. Exits 1 if a page is over.

    .venv/bin/python bench/page_weight.py            # table
    .venv/bin/python bench/page_weight.py --json     # figures as JSON
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
FIRST_VISIT_TARGET = 60 * 1024
LATER_QUESTION_TARGET = 12 * 1024
ANSWERS = {
    "filer": "young_person", "safe_now": "yes", "young_person_status": "in_care",
    "young_person_age": "14", "topics": "social_worker", "event_within_12_months": "yes",
    "ongoing_proceedings": "none", "description": "My social worker never visits me.",
    "desired_outcome": "Regular visits.", "contact_name": "Sam", "contact_method": "text",
    "contact_phone": "07700 900982",
}
INFORMATION = ("/get-help", "/privacy", "/online-safety", "/cookies", "/accessibility",
               "/check-my-complaint", "/continue", "/chat", "/easy-read/",
               "/easy-read/questions/filer")
#: Fills the question's fields from the answers and marks its Continue button.
ANSWER = """(answers) => {
  const field = [...document.querySelectorAll('main form [name]')]
    .find(el => Object.hasOwn(answers, el.name));
  if (!field) return false;
  const form = field.form;
  for (const el of form.elements) {
    if (!Object.hasOwn(answers, el.name)) continue;
    if (el.type === 'radio' || el.type === 'checkbox') el.checked = el.value === answers[el.name];
    else el.value = answers[el.name];
  }
  form.querySelector('button:not([type]), button[type=submit]').dataset.benchSubmit = '1';
  return true;
}"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """gunicorn with the Dockerfile's settings (2 workers here), on a throwaway SQLite."""

    def __init__(self, tmp: str):
        self.port = free_port()
        env = dict(os.environ) | {
            "INTAKE_INSTANCE_PATH": tmp, "INTAKE_DATABASE_URL": f"sqlite:///{tmp}/weight.db",
            "INTAKE_SECRET_KEY": "page-weight-" + "k" * 40,
            "INTAKE_DATA_KEYS": Fernet.generate_key().decode()}
        subprocess.run([str(BIN / "intake"), "db", "upgrade"], env=env, check=True,
                       capture_output=True)
        self.process = subprocess.Popen(
            [str(BIN / "gunicorn"), "--bind", f"127.0.0.1:{self.port}", "--workers", "2",
             "intake:create_app()"], env=env, cwd=ROOT, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL)
        self.base = f"http://127.0.0.1:{self.port}"
        for _ in range(150):
            try:
                if httpx.get(f"{self.base}/healthz", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not start")

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(30)


class Meter:
    """Bytes a page received (headers and bodies as sent), from the DevTools protocol."""

    def __init__(self, context, page):
        self.total = 0
        session = context.new_cdp_session(page)
        session.send("Network.enable")
        session.on("Network.loadingFinished", self._finished)

    def _finished(self, event):
        self.total += int(event["encodedDataLength"])

    def take(self) -> int:
        total, self.total = self.total, 0
        return total


def first_visit(browser, base: str, path: str, cookies: list) -> int:
    context = browser.new_context(viewport={"width": 375, "height": 812})
    context.add_cookies(cookies)
    page = context.new_page()
    meter = Meter(context, page)
    page.goto(base + path, wait_until="networkidle")
    received = meter.take()
    context.close()
    return received


def measure() -> list[dict]:
    from playwright.sync_api import sync_playwright

    results: list[dict] = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        server = Server(tmp)
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"))
        try:
            context = browser.new_context(viewport={"width": 375, "height": 812})
            page = context.new_page()
            meter = Meter(context, page)
            page.goto(server.base + "/", wait_until="networkidle")
            results.append({"page": "/", "first_visit": meter.take()})
            page.goto(server.base + "/questions/filer", wait_until="networkidle")
            meter.take()
            while "/questions/" in page.url:
                path = page.url.removeprefix(server.base)
                cookies = context.cookies()
                row = {"page": path, "first_visit": first_visit(browser, server.base, path, cookies)}
                meter.take()
                if not page.evaluate(ANSWER, ANSWERS):
                    raise RuntimeError(f"no answer for {path}")
                with page.expect_navigation(wait_until="networkidle"):
                    page.locator("[data-bench-submit]").click()
                row["next_question"] = meter.take()
                results.append(row)
            for path in ("/check",):
                results.append({"page": path, "first_visit": first_visit(
                    browser, server.base, path, context.cookies())})
            with page.expect_navigation(wait_until="networkidle"):
                page.locator("main form button").first.click()
            results.append({"page": page.url.removeprefix(server.base), "first_visit": first_visit(
                browser, server.base, page.url.removeprefix(server.base), context.cookies())})
            for path in INFORMATION:
                results.append({"page": path, "first_visit": first_visit(browser, server.base, path, [])})
        finally:
            browser.close()
            server.stop()
    for row in results:
        row["within_target"] = row["first_visit"] <= FIRST_VISIT_TARGET and \
            row.get("next_question", 0) <= LATER_QUESTION_TARGET
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    results = measure()
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        print(f"{'page':<34} {'first visit':>12} {'to the next question':>21}  "
              f"(bytes received; targets {FIRST_VISIT_TARGET} and {LATER_QUESTION_TARGET})")
        for r in results:
            mark = "" if r["within_target"] else "  OVER"
            nxt = f"{r['next_question']:,}" if "next_question" in r else ""
            print(f"{r['page']:<34} {r['first_visit']:>12,} {nxt:>21}{mark}")
    sys.exit(0 if all(r["within_target"] for r in results) else 1)


if __name__ == "__main__":
    main()
