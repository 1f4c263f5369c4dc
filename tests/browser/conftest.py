"""Browser fixtures: the app on a real local server, one headless Chromium for the whole
session, and a fresh phone-sized context for each test that can reach 127.0.0.1 only."""

from __future__ import annotations

import re
import shutil
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from tests.conftest import cannot_run
from tests.browser.support import NetworkLog, ReplayAuditor, Visitor

PROJECT = Path(__file__).resolve().parents[2]
AXE_PATH = PROJECT / "node_modules" / "axe-core" / "axe.min.js"
APP_CSS = PROJECT / "intake" / "static" / "build" / "app.css"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    # Resolve no host name at all: requests the route guard cannot see (the hops of a
    # redirect, such as /exit -> the neutral site) fail here instead of leaving the machine.
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
]
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "is_mobile": True,
    "has_touch": True,
    "device_scale_factor": 1,
    "locale": "en-GB",
    # axe is injected with a script tag; the service's CSP (script-src 'self') would block it.
    "bypass_csp": True,
}
TIMEOUT_MS = 15_000


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


@pytest.fixture(scope="session")
def live_server(app):
    """The app served by werkzeug on 127.0.0.1 (a free port), threaded, for the session."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=10)
    server.server_close()


@pytest.fixture(scope="session")
def chromium_browser():
    """One headless Debian Chromium for every browser test (never a downloaded browser)."""
    executable = shutil.which("chromium")
    if not executable:
        cannot_run("Chromium is not installed (apt-get install chromium)")
    if not AXE_PATH.is_file():
        cannot_run(f"axe-core is missing: {AXE_PATH} (npm ci)")
    if not APP_CSS.is_file():
        cannot_run(f"the compiled stylesheet is missing: {APP_CSS} (make assets)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        cannot_run("the playwright Python package is not installed")
    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS)
    except Exception as error:  # noqa: BLE001 - any launch failure means we cannot run
        playwright.stop()
        cannot_run(f"Chromium would not start: {error}")
    yield browser
    browser.close()
    playwright.stop()


@pytest.fixture
def network_log(app):
    return NetworkLog(exit_url=app.config["INTAKE_EXIT_URL"])


@pytest.fixture
def phone_context(chromium_browser, network_log):
    """Factory: ``phone_context(java_script_enabled=...)`` gives a fresh phone-sized context.

    Every request that is not to 127.0.0.1 is blocked and logged; the exit site is answered
    with a tiny local page. Contexts are closed after the test.
    """
    contexts = []

    def make(*, java_script_enabled: bool = True):
        context = chromium_browser.new_context(java_script_enabled=java_script_enabled, **PHONE)
        context.set_default_timeout(TIMEOUT_MS)
        context.on("request", network_log.saw)
        context.route("**/*", network_log.guard)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def replay_auditor(chromium_browser):
    """A JavaScript-on phone context that runs axe on the pages JS-off visitors saw."""
    # Not bypass_csp: the replayed pages forbid their own scripts with a CSP (see support.py).
    context = chromium_browser.new_context(java_script_enabled=True, **{**PHONE, "bypass_csp": False})
    context.set_default_timeout(TIMEOUT_MS)
    auditor = ReplayAuditor(context, AXE_PATH.read_text(encoding="utf-8"))
    yield auditor
    context.close()


@pytest.fixture(params=[True, False], ids=["js-on", "js-off"])
def javascript(request) -> bool:
    return request.param


@pytest.fixture
def visitor(request, live_server, phone_context, network_log, javascript, replay_auditor):
    """A person on a phone, with JavaScript on or off. Screenshots of every page go to
    ``test-artifacts/screenshots/<test name>/``."""
    shots = (request.config.rootpath / "test-artifacts" / "screenshots"
             / re.sub(r"[^A-Za-z0-9_.-]+", "-", request.node.name).strip("-"))
    shutil.rmtree(shots, ignore_errors=True)
    shots.mkdir(parents=True)
    replay_auditor.log = network_log
    page = phone_context(java_script_enabled=javascript).new_page()
    person = Visitor(page, base_url=live_server, javascript=javascript, shots=shots,
                     axe_path=AXE_PATH, auditor=replay_auditor, log=network_log)
    yield person
    replay_auditor.log = None
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.passed:
        # A safety net: the tests call finish() themselves.
        person.finish(exited=bool(network_log.exits))
