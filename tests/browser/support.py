"""Helpers for the browser journeys.

A ``Visitor`` drives one phone-sized Chromium page through the service and, on every page
it lands on, checks what every page must have: the "Exit this page" button, a full-page
screenshot for people to look at, and zero axe-core violations of WCAG 2.2 A and AA.
It also refuses to let the browser talk to anything but the local test server.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

LOCAL_HOST = "127.0.0.1"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

#: Runs axe in the page and keeps only what a failure message needs.
AXE_RUN = """async (tags) => {
  const results = await axe.run(document, {
    runOnly: {type: 'tag', values: tags},
    resultTypes: ['violations'],
  });
  return results.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
    nodes: v.nodes.map(n => ({target: n.target, html: n.html, summary: n.failureSummary})),
  }));
}"""

#: What the browser is given instead of the neutral site "Exit this page" sends people to,
#: so that no request ever leaves the machine.
NEUTRAL_PAGE = ("<!DOCTYPE html><html lang='en'><head><title>Weather</title></head>"
                "<body><h1>Weather</h1><p>Stand-in for the neutral exit site.</p></body></html>")

_NOSCRIPT = re.compile(r"</?noscript\b[^>]*>", re.IGNORECASE)


def is_local(url: str) -> bool:
    return urlsplit(url).hostname == LOCAL_HOST


def same_url(a: str, b: str) -> bool:
    return a.rstrip("/") == b.rstrip("/")


@dataclass
class NetworkLog:
    """Every request a context tried to send off the machine.

    Two layers keep the browser on 127.0.0.1. ``guard`` (a ``context.route("**/*")``
    handler) aborts any request to another host, and answers a direct request for the exit
    site with a tiny local page. But Playwright never routes the hops of a redirect (by
    design: microsoft/playwright#3993, #12527), and "Exit this page" reaches the neutral
    site through a 302 from ``/exit``; so Chromium is also started with host-resolver rules
    that resolve no name at all (see conftest.py): such a hop fails with
    ``net::ERR_NAME_NOT_RESOLVED`` and nothing leaves the machine. ``saw`` (a ``request``
    event listener, which does fire for redirect hops) records every foreign request,
    whichever layer stopped it.
    """

    exit_url: str
    foreign: list[str] = field(default_factory=list)  # third-party requests (all stopped)
    exits: list[str] = field(default_factory=list)  # requests for the neutral exit site

    def saw(self, request) -> None:
        if is_local(request.url):
            return
        if same_url(request.url, self.exit_url):
            self.exits.append(request.url)
        else:
            self.foreign.append(f"{request.method} {request.url} ({request.resource_type})")

    def guard(self, route, request) -> None:
        if is_local(request.url):
            route.continue_()
        elif same_url(request.url, self.exit_url):
            route.fulfill(status=200, content_type="text/html; charset=utf-8", body=NEUTRAL_PAGE)
        else:
            route.abort("blockedbyclient")


def format_violations(where: str, violations: list[dict]) -> str:
    lines = [f"axe found {len(violations)} WCAG 2.2 A/AA violation(s) on {where}:"]
    for v in violations:
        lines.append(f"  - {v['id']} [{v['impact']}]: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"]:
            target = " ".join(" >>> ".join(t) if isinstance(t, list) else t for t in node["target"])
            lines.append(f"      at {target}")
            lines.append(f"         {node['html'][:200]}")
            for detail in (node["summary"] or "").splitlines():
                lines.append(f"         {detail}")
    return "\n".join(lines)


class ReplayAuditor:
    """Runs axe on exactly the HTML a JavaScript-off visitor was shown.

    axe is JavaScript: it cannot run in a page whose context has JavaScript disabled
    (a script tag added there never executes, and with script execution disabled axe's
    own timers never fire, so ``axe.run`` never settles). Re-requesting the URL in a
    JavaScript-on browser would not check what the JS-off visitor saw either: a page
    showing validation errors is the answer to a POST and a GET gives a different page,
    the draft is different by then, and the service's own scripts would change the page
    (``js-enabled`` classes, enhanced components).

    So each page is replayed instead. The visitor's DOM is captured with
    ``page.content()`` (with JavaScript off that is the server's HTML as parsed, plus the
    values the server filled in). This auditor, a JavaScript-enabled context with the same
    phone viewport, navigates to the *same URL* and that one document request is
    answered with the captured HTML, so relative URLs, the stylesheet, the origin and the
    layout are the real ones, and nothing is sent to the app (no resubmission, no change
    to the draft). The replayed document carries ``Content-Security-Policy: script-src
    'none'``, so none of the page's own scripts can run in it, and ``<noscript>`` contents
    are unwrapped, because a JS-off browser renders them. axe itself comes in as an init
    script through the DevTools protocol, which a page's CSP does not govern, and
    ``axe.run`` checks the document the JS-off visitor saw, with the colours and sizes
    they saw.
    """

    def __init__(self, context, axe_source: str):
        self.context = context
        self.log: NetworkLog | None = None  # the current test's log
        self._pending: tuple[str, str] | None = None
        context.route("**/*", self._route)
        context.add_init_script(script=axe_source)
        self.page = context.new_page()

    def _route(self, route, request) -> None:
        if (self._pending and request.is_navigation_request()
                and request.url == self._pending[0]):
            route.fulfill(status=200, body=self._pending[1], headers={
                "content-type": "text/html; charset=utf-8",
                "content-security-policy": "script-src 'none'",
            })
        elif is_local(request.url):
            route.continue_()
        else:
            if self.log is not None:
                self.log.foreign.append(
                    f"{request.method} {request.url} ({request.resource_type}, JS-off replay)")
            route.abort("blockedbyclient")

    def audit(self, url: str, html: str) -> list[dict]:
        self._pending = (url, _NOSCRIPT.sub("", html))
        try:
            self.page.goto(url, wait_until="load")
        finally:
            self._pending = None
        assert self.page.evaluate(
            "() => !document.body.classList.contains('js-enabled') && typeof axe === 'object'"), (
            "the replay is not a script-free page with axe loaded")
        return self.page.evaluate(AXE_RUN, AXE_TAGS)


@dataclass
class Visit:
    number: int
    url: str
    name: str
    screenshot: Path
    status: int
    title: str = ""  # the tab title, for checks that nothing personal is in it

    @property
    def path(self) -> str:
        return urlsplit(self.url).path


def page_name(url: str) -> str:
    path = urlsplit(url).path.strip("/")
    if not path:
        return "start"
    return path.removeprefix("questions/").replace("/", "-")


class Visitor:
    """One person on a phone, with JavaScript on or off, going through the service."""

    def __init__(self, page, *, base_url: str, javascript: bool, shots: Path,
                 axe_path: Path, auditor: ReplayAuditor | None, log: NetworkLog):
        self.page = page
        self.base_url = base_url
        self.javascript = javascript
        self.shots = shots
        self.axe_path = axe_path
        self.auditor = auditor
        self.log = log
        self.visits: list[Visit] = []
        self._loaded: list[str] = []
        #: The words on the page in the visitor's language: buttons are pressed by their
        #: English name put through this (tests/browser/test_languages.py sets a catalogue's).
        self.gettext = lambda text: text
        page.on("response", self._on_response)

    @property
    def mode(self) -> str:
        return "JS on" if self.javascript else "JS off"

    def _on_response(self, response) -> None:
        request = response.request
        if (request.is_navigation_request() and request.frame == self.page.main_frame
                and is_local(response.url) and not 300 <= response.status < 400):
            self._loaded.append((response.url, response.status))

    # --- moving about --------------------------------------------------------------------

    def open(self, path: str):
        response = self.page.goto(self.base_url + path, wait_until="load")
        self.arrived()
        return response

    def follow(self, locator):
        """Click something that loads a new page, and check the page it lands on."""
        with self.page.expect_navigation(wait_until="load") as navigation:
            locator.click()
        self.arrived()
        return navigation.value

    def press(self, name: str):
        return self.follow(self.page.get_by_role("button", name=self.gettext(name), exact=True))

    def answer(self, question_id: str, values: dict) -> None:
        """Answer one question page: radios and checkboxes by value, text by typing."""
        assert self.path == f"/questions/{question_id}", (
            f"expected the {question_id!r} question, got {self.page.url}")
        for name, value in values.items():
            fields = self.page.locator(f'[name="{name}"]')
            kind = fields.first.get_attribute("type")
            if kind in ("radio", "checkbox"):
                if value is True:
                    fields.first.check()
                else:
                    for v in [value] if isinstance(value, str) else value:
                        self.page.locator(f'[name="{name}"][value="{v}"]').check()
            else:
                fields.fill(value)
        self.press("Continue")

    @property
    def path(self) -> str:
        return urlsplit(self.page.url).path

    # --- what every page must pass --------------------------------------------------------

    def arrived(self) -> Visit:
        page = self.page
        page.wait_for_load_state("load")
        assert self._loaded, f"{page.url}: no new page came from the service"
        assert len(self._loaded) == 1, f"pages loaded without being checked: {self._loaded[:-1]}"
        url, status = self._loaded.pop()
        assert url.split("#")[0] == page.url.split("#")[0], (url, page.url)

        name = page_name(url)
        if page.locator(".govuk-error-summary").count():
            name += "-error"
        number = len(self.visits) + 1
        shot = self.shots / f"{number:02d}-{name}.png"
        page.screenshot(path=str(shot), full_page=True)
        visit = Visit(number, url, name, shot, status, page.title())
        self.visits.append(visit)
        if status >= 500 or (status >= 400 and not name.endswith("-error")):
            heading = page.locator("h1").first.inner_text() if page.locator("h1").count() else ""
            raise AssertionError(f"{url} ({self.mode}) answered {status}: {heading!r} (see {shot})")

        exit_button = page.locator("a.govuk-exit-this-page__button")
        assert exit_button.count() == 1, f"{url} ({self.mode}): no 'Exit this page' button"
        assert exit_button.get_attribute("href") == "/exit"
        assert exit_button.is_visible(), f"{url} ({self.mode}): 'Exit this page' is hidden"
        assert self.gettext("Exit this page") in exit_button.inner_text()

        self.check_accessibility(url)
        return visit

    def check_accessibility(self, url: str) -> None:
        if self.javascript:
            self.page.add_script_tag(path=str(self.axe_path))
            violations = self.page.evaluate(AXE_RUN, AXE_TAGS)
            where = f"{url} (JS on)"
        else:
            violations = self.auditor.audit(url, self.page.content())
            where = f"{url} (JS off, replayed)"
        assert not violations, format_violations(where, violations)

    def question_pages(self) -> list[str]:
        seen: list[str] = []
        for visit in self.visits:
            if visit.path.startswith("/questions/") and visit.path not in seen:
                seen.append(visit.path)
        return seen

    def finish(self, *, exited: bool = False) -> None:
        """No page went unchecked and nothing was asked of any other site."""
        assert not self._loaded, f"pages loaded without being checked: {self._loaded}"
        assert self.log.foreign == [], (
            "the service made third-party requests (blocked):\n  " + "\n  ".join(self.log.foreign))
        if not exited:
            assert self.log.exits == [], f"went to the exit site without exiting: {self.log.exits}"
