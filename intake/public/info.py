"""Pages that explain the service: privacy (short, for young people, and in full), online
safety, cookies and the accessibility statement.

What these pages say about the service is read from the service itself wherever it can be:
the council file (who runs it, who to ask), the INTAKE_* settings (how long things are
kept), the session cookie settings (the cookies page) and the committed results of the
automated accessibility checks (``intake/accessibility-results.json``, written by
``tests/browser/test_privacy.py``). So the pages cannot quietly drift from what the
service does.
"""

from __future__ import annotations

import datetime as dt
import json
from functools import lru_cache

from flask import current_app, render_template
from flask_babel import format_date, gettext, ngettext

from intake.config import PACKAGE_DIR
from intake.public.blueprint import bp

ACCESSIBILITY_RESULTS = PACKAGE_DIR / "accessibility-results.json"


def cookies_in_use() -> list[dict]:
    """Every cookie the service can set in a browser, from the app's real configuration.

    There is one: Flask's signed session cookie. A test compares this list with the
    cookies a browser actually holds after a whole journey.
    """
    config = current_app.config
    permanent = False  # nothing marks the session permanent: it ends with the browser
    return [{
        "name": config["SESSION_COOKIE_NAME"],
        "purpose": gettext(
            "Keeps your place in the form. It holds a random number that finds your answers "
            "on our computer, the language you chose, and a code that stops other websites "
            "sending the form for you. Staff use it to stay signed in. It never holds your "
            "answers."),
        "expires": gettext("When you close your browser") if not permanent else "",
        "http_only": bool(config.get("SESSION_COOKIE_HTTPONLY")),
        "same_site": config.get("SESSION_COOKIE_SAMESITE") or "",
        "secure": bool(config.get("SESSION_COOKIE_SECURE")),
    }]


def _days(setting: str) -> int:
    return int(current_app.config[setting])


def retention() -> dict:
    """How long each kind of data is kept, from the settings."""
    case_days = _days("INTAKE_CASE_RETENTION_DAYS")
    if case_days % 365 == 0:
        period = ngettext("%(num)s year", "%(num)s years", case_days // 365)
    else:
        period = ngettext("%(num)s day", "%(num)s days", case_days)
    return {
        "draft_days": _days("INTAKE_DRAFT_DAYS"),
        "idle_minutes": _days("INTAKE_PUBLIC_IDLE_MINUTES"),
        "case_days": case_days,
        "case_period": period,  # "6 years" reads better than "2190 days"
    }


@lru_cache(maxsize=1)
def _results_file() -> dict:
    return json.loads(ACCESSIBILITY_RESULTS.read_text(encoding="utf-8"))


def accessibility_results() -> dict:
    """The last recorded run of the automated checks, with totals for the statement."""
    results = dict(_results_file())
    pages = results["pages"]
    results["page_count"] = len(pages)
    results["violation_count"] = sum(p["violations"] for p in pages)
    results["checked_on_text"] = format_date(dt.date.fromisoformat(results["checked_on"]),
                                             format="long")
    return results


@bp.get("/privacy")
def privacy():
    return render_template("info/privacy.html", kept=retention())


@bp.get("/privacy/full")
def privacy_full():
    return render_template("info/privacy_full.html", kept=retention(), cookies=cookies_in_use())


@bp.get("/online-safety")
def online_safety():
    return render_template("info/online_safety.html", kept=retention())


@bp.get("/cookies")
def cookies():
    return render_template("info/cookies.html", cookies=cookies_in_use())


@bp.get("/accessibility")
def accessibility():
    return render_template("info/accessibility.html", results=accessibility_results())
