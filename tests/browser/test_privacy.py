"""Privacy in a real browser, on a phone, with JavaScript on and off.

* Every public page (listed from the app's url_map) loads only from the service's own
  origin, passes axe-core WCAG 2.2 A/AA and has "Exit this page". The run is what the
  accessibility statement reports: with ``INTAKE_RECORD_ACCESSIBILITY=1`` it rewrites
  ``intake/accessibility-results.json``; otherwise it checks the committed results still
  describe the service (the same pages, the same axe-core, this mode included).
* A young person sends a complaint with distinctive details, then, from "Check my
  complaint", reads a copy of what they said, corrects their contact details and withdraws
  the complaint, all in the browser. Nothing they typed appears in any URL, tab title or
  log line, and the browser holds exactly the cookies the cookies page lists.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
from urllib.parse import urlsplit

import pytest
from sqlalchemy import select

from intake.cases.models import Case, OutboxEvent
from intake.extensions import db
from intake.public import info
from tests.browser.conftest import AXE_PATH, PHONE
from tests.browser.test_journeys import begin, send, walk
from tests.public.test_info import public_get_pages

pytestmark = pytest.mark.browser

RECORD = os.environ.get("INTAKE_RECORD_ACCESSIBILITY") == "1"
MODE = {True: "JavaScript on", False: "JavaScript off"}
SECRET = {"name": "Zebedee Quilliam", "phone": "07700 900417", "new_email": "zq.private@example.org",
          "words": "Flibbertigibbet hid my phone at the placement"}
DISTINCTIVE = ("Zebedee", "Quilliam", "900417", "zq.private", "Flibbertigibbet")

JOURNEY = [
    ("filer", {"filer": "young_person"}),
    ("safe_now", {"safe_now": "yes"}),
    ("young_person_status", {"young_person_status": ["in_care"]}),
    ("young_person_age", {"young_person_age": "15"}),
    ("topics", {"topics": ["placement"]}),
    ("event_within_12_months", {"event_within_12_months": "yes"}),
    ("ongoing_proceedings", {"ongoing_proceedings": ["none"]}),
    ("description", {"description": SECRET["words"] + "."}),
    ("desired_outcome", {"desired_outcome": "To get my phone back."}),
    ("contact", {"contact_name": SECRET["name"], "contact_method": "text",
                 "contact_phone": SECRET["phone"], "contact_not_via_carer": True}),
]


def record_requests(page, live_server: str) -> list[str]:
    """Every request the page makes, whatever stops it, with its origin."""
    seen: list[str] = []
    page.on("request", lambda request: seen.append(request.url))
    return seen


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def test_every_public_page_loads_only_from_the_service_and_passes_axe(visitor, app, live_server, javascript):
    requests = record_requests(visitor.page, live_server)
    checked: dict[str, int] = {}
    for path in public_get_pages(app):
        visitor.open(path)
        checked.setdefault(visitor.path, 0)  # axe found nothing, or arrived() failed the test
    visitor.finish()
    foreign = sorted({u for u in requests if origin(u) != live_server})
    assert requests and foreign == [], foreign

    axe_version = json.loads((AXE_PATH.parent / "package.json").read_text())["version"]
    pages = [{"path": p, "violations": v} for p, v in sorted(checked.items())]
    viewport = f"{PHONE['viewport']['width']}×{PHONE['viewport']['height']}"
    if RECORD:
        try:
            results = json.loads(info.ACCESSIBILITY_RESULTS.read_text())
        except (OSError, ValueError):
            results = {}
        modes = set(results.get("modes", [])) if results.get("pages") == pages else set()
        info.ACCESSIBILITY_RESULTS.write_text(json.dumps({
            "checked_on": dt.date.today().isoformat(), "axe_core": axe_version,
            "standards": ["WCAG 2.2 A", "WCAG 2.2 AA"], "viewport": viewport,
            "modes": sorted(modes | {MODE[javascript]}), "pages": pages,
        }, indent=2, ensure_ascii=False) + "\n")
        info._results_file.cache_clear()
    results = json.loads(info.ACCESSIBILITY_RESULTS.read_text())
    assert results["pages"] == pages, "re-record: INTAKE_RECORD_ACCESSIBILITY=1 (see docstring)"
    assert results["axe_core"] == axe_version and results["viewport"] == viewport
    assert MODE[javascript] in results["modes"]


def test_a_young_person_reads_corrects_and_withdraws_their_complaint(
        visitor, app, live_server, caplog, monkeypatch):
    # Capture every logger at INFO, including any that Alembic's logging config switched
    # off when an earlier app was migrated (werkzeug's request log among them).
    for logger in list(logging.root.manager.loggerDict.values()):
        if isinstance(logger, logging.Logger) and logger.disabled:
            monkeypatch.setattr(logger, "disabled", False)
    caplog.set_level(logging.INFO)
    page = visitor.page
    requests = record_requests(page, live_server)
    begin(visitor)
    walk(visitor, JOURNEY)
    reference = send(visitor)
    code = page.get_by_test_id("check-code").inner_text().strip()

    visitor.follow(page.get_by_role("link", name="Check your complaint").first)
    page.get_by_label("Your reference").fill(reference)
    page.get_by_label("Your check code").fill(code)
    visitor.press("Continue")
    rights = page.get_by_test_id("rights")
    assert rights.is_visible()

    # A copy of what they told us, which prints without the page furniture.
    visitor.follow(rights.get_by_role("link", name="See a copy of what you told us"))
    copy = page.get_by_test_id("copy")
    assert SECRET["words"] in copy.inner_text() and SECRET["name"] in copy.inner_text()
    page.emulate_media(media="print")
    assert page.locator(".govuk-footer").is_hidden() and page.locator(".app-header").is_hidden()
    assert copy.is_visible()
    page.emulate_media(media="screen")
    visitor.follow(page.get_by_role("link", name="Back", exact=True))

    # Correct the contact details, with a mistake first.
    visitor.follow(page.get_by_test_id("rights").get_by_role("link", name="Change how we contact you"))
    assert page.locator("#contact_phone").input_value() == SECRET["phone"]
    page.locator('[name="contact_method"][value="email"]').check()
    visitor.press("Save these details")
    assert "Enter an email address so we can email you" in page.locator(".govuk-error-summary").inner_text()
    page.locator("#contact_email").fill(SECRET["new_email"])
    visitor.press("Save these details")
    assert page.get_by_role("heading", name="Your contact details have been changed").is_visible()
    visitor.follow(page.get_by_role("link", name="Back to your complaint"))

    # Withdraw, kindly.
    visitor.follow(page.get_by_test_id("rights").get_by_role("link", name="Withdraw your complaint"))
    assert page.get_by_role("heading", level=1).inner_text() == "Do you want to withdraw your complaint?"
    assert "Nobody should make you withdraw" in page.locator("main").inner_text()
    visitor.press("Yes, withdraw my complaint")
    assert page.get_by_role("heading", name="Your complaint has been withdrawn").is_visible()
    visitor.follow(page.get_by_role("link", name="Back to your complaint"))
    last = page.get_by_test_id("step").last
    assert last.get_by_role("heading").inner_text().strip() == "You withdrew your complaint"
    assert page.get_by_test_id("rights").get_by_role("link", name="Withdraw your complaint").count() == 0

    with app.app_context():
        row = db.session.execute(select(Case).where(Case.reference == reference)).scalar_one()
        assert row.status == "withdrawn"
        vault = app.extensions["intake_vault"]
        assert vault.open(row.sealed)["contact"]["email"] == SECRET["new_email"]
        kinds = sorted(db.session.execute(select(OutboxEvent.type).where(
            OutboxEvent.case_id == row.id)).scalars())
    assert kinds == ["case.contact_corrected", "case.copy_requested", "case.submitted", "case.withdrawn"]

    # The cookies the browser holds are exactly the ones the cookies page lists.
    visitor.follow(page.locator("footer").get_by_role("link", name="Cookies"))
    listed = sorted(page.get_by_test_id("cookie-name").all_inner_texts())
    held = sorted(c["name"] for c in page.context.cookies())
    assert held == listed == [app.config["SESSION_COOKIE_NAME"]]
    session_cookie = page.context.cookies()[0]
    assert session_cookie["httpOnly"] and session_cookie["sameSite"] == "Lax"
    assert session_cookie["expires"] == -1  # ends with the browser
    visitor.finish()

    # Nothing they typed in a URL, a tab title or a log line; only the service's origin.
    assert len(visitor.visits) > 20
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "/check-my-complaint/withdraw" in logged  # the request log was captured
    for visit in visitor.visits:
        for value in DISTINCTIVE:
            assert value not in visit.url and value not in visit.title, (visit.url, visit.title)
    for value in DISTINCTIVE:
        assert value not in logged
        assert not [u for u in requests if value in u]
    assert {origin(u) for u in requests} == {live_server}
    titles = {visit.title.split(" – ")[0] for visit in visitor.visits}
    assert not any(word in t.lower() for t in titles for word in ("complain", "foster", "placement"))
