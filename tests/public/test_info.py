"""The pages that explain the service (privacy, online safety, cookies, accessibility), the
links to them from every public page, the just-in-time notices, and the defaults: one
essential cookie, protected; nothing personal in URLs or tab titles."""

from __future__ import annotations

import json
import re

import pytest

from intake import config as settings
from intake.journey.questions import CONTACT, EQUALITY, JOURNEY, SAFE_NOW, WHO_READS
from intake.journey.vocabulary import FREE_TEXT
from intake.public import info
from tests.public.conftest import YOUNG_PERSON_IN_CARE as CHILD

INFO_PAGES = ["/privacy", "/privacy/full", "/online-safety", "/cookies", "/accessibility"]
FOOTER_LINKS = ["/get-help", "/privacy", "/online-safety", "/cookies", "/accessibility"]


def title(page: str) -> str:
    return " ".join(re.search(r"<title>(.*?)</title>", page, re.S).group(1).split())


def public_get_pages(app) -> list[str]:
    """Every public page a browser can open without arguments (from the app's url_map)."""
    return sorted(rule.rule for rule in app.url_map.iter_rules()
                  if rule.endpoint.startswith("public.") and "GET" in rule.methods
                  and not rule.arguments and rule.rule != "/exit")


@pytest.mark.parametrize("url", INFO_PAGES)
def test_each_page_renders_with_exit_this_page_and_a_neutral_title(client, url):
    response = client.get(url)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "govuk-exit-this-page" in page
    assert "complain" not in title(page).lower()
    assert page.count("<h1") == 1


def test_every_public_page_links_to_the_safety_and_privacy_pages(client, app):
    pages = public_get_pages(app)
    assert "/privacy" in pages and "/check-my-complaint" in pages
    for url in pages + ["/questions/filer"]:
        response = client.get(url, follow_redirects=True)
        page = response.get_data(as_text=True)
        footer = page.split('<footer')[1]
        for link in FOOTER_LINKS:
            assert f'href="{link}"' in footer, (url, link)
        header = page.split('<main')[0]
        assert 'href="/online-safety"' in header and 'href="/get-help"' in header, url


def test_the_privacy_notice_for_young_people_says_who_sees_what(client, app):
    page = client.get("/privacy").get_data(as_text=True)
    for words in ("The council's complaints team reads it",
                  "we have to tell people whose job is to keep you safe",
                  "If you ask for an advocate, we give them your name",
                  "We never use it against you",
                  'href="/check-my-complaint"', 'href="/privacy/full"', "0303 123 1113"):
        assert words in page, words
    assert f"{app.config['INTAKE_DRAFT_DAYS']} days after you last changed it" in page


def test_the_full_notice_names_the_council_its_officer_the_law_and_real_retention(client, app):
    council = app.config["INTAKE_COUNCIL"]
    page = client.get("/privacy/full").get_data(as_text=True)
    assert council.name in page and council.privacy.dpo_email in page
    assert council.privacy.ico_registration in page
    for law in ("Article 6(1)(e)", "Article 9(2)(g)", "Schedule 1", "paragraph 18", "paragraph 6"):
        assert law in page
    retention = page.split('data-testid="retention"')[1].split("</dl>")[0]
    assert f"({app.config['INTAKE_CASE_RETENTION_DAYS']} days), once the case system has it" in retention
    assert "6 years after it was sent" in retention  # the default, 2190 days
    assert council.privacy.records_retention in retention


def test_retention_on_the_pages_follows_the_settings(client, app):
    before = app.config["INTAKE_DRAFT_DAYS"]
    app.config["INTAKE_DRAFT_DAYS"] = 11
    try:
        assert "11 days after you last changed it" in client.get("/privacy").get_data(as_text=True)
    finally:
        app.config["INTAKE_DRAFT_DAYS"] = before


def test_the_cookies_page_lists_exactly_the_configured_session_cookie(client, app):
    page = client.get("/cookies").get_data(as_text=True)
    names = re.findall(r'data-testid="cookie-name">([^<]+)<', page)
    with app.test_request_context():
        listed = [c["name"] for c in info.cookies_in_use()]
    assert names == listed == [app.config["SESSION_COOKIE_NAME"]]
    assert "HttpOnly" in page and "SameSite=Lax" in page
    assert "When you close your browser" in page


def test_a_whole_journey_sets_only_the_listed_cookie_and_it_is_protected(client, filer, app):
    filer.fill(CHILD).send()
    response = client.get("/confirmation")
    jar = {cookie.key for cookie in client._cookies.values()}
    assert jar == {app.config["SESSION_COOKIE_NAME"]}
    assert app.config["SESSION_COOKIE_HTTPONLY"] is True
    assert app.config["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert response.status_code == 200


def test_production_cookies_are_secure_http_only_and_lax(tmp_path):
    loaded = settings.load(str(tmp_path), env={"INTAKE_SECURE_COOKIES": "true"})
    assert loaded["SESSION_COOKIE_SECURE"] is True
    assert loaded["SESSION_COOKIE_HTTPONLY"] is True and loaded["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert settings.load(str(tmp_path), env={})["SESSION_COOKIE_SECURE"] is False


def test_the_accessibility_statement_shows_the_recorded_results(client):
    results = json.loads(info.ACCESSIBILITY_RESULTS.read_text())
    page = client.get("/accessibility").get_data(as_text=True)
    assert f"axe-core {results['axe_core']}" in page
    shown = page.split('data-testid="pages-checked"')[1].split("</ul>")[0]
    assert re.findall(r"<code>([^<]+)</code>", shown) == [p["path"] for p in results["pages"]]
    assert "partially compliant" in page and "400%" in page
    for heading in ("Feedback and contact information", "Enforcement procedure",
                    "Technical information about this form", "Compliance status",
                    "Preparation of this accessibility statement"):
        assert heading in page


def test_every_free_text_question_says_who_will_read_it():
    for question in JOURNEY:
        if any(f.id in FREE_TEXT for f in question.fields):
            assert question.notice == WHO_READS, question.id
    assert "keep children safe" in WHO_READS


def test_the_just_in_time_notices_are_shown_where_they_matter(client, filer):
    client.post("/questions/filer", data={"filer": "young_person"})
    page = client.get("/questions/safe_now").get_data(as_text=True)
    assert "we have to tell people whose job is to keep you safe" in page
    assert "You will not get into trouble" in SAFE_NOW.notice
    filer.fill(CHILD)
    page = client.get("/questions/contact?change=1").get_data(as_text=True)
    assert "we will never contact you through your carer" in page
    assert 'href="/privacy"' in page.split("<main")[1]
    assert "pass them to an advocate" in CONTACT.notice.own
    filer.send()
    page = client.get("/equality").get_data(as_text=True)
    assert EQUALITY.notice.split(".")[0] in page.replace("&#39;", "'")


def test_personal_data_never_reaches_a_url_or_a_title(client, filer, app):
    """A whole journey with distinctive details: no redirect or page title carries them."""
    distinctive = CHILD | {"contact_name": "Zebedee Quilliam", "contact_phone": "07700 900417",
                           "description": "Flibbertigibbet happened at the placement."}
    seen = []
    original = client.open

    def recording(*args, **kwargs):
        response = original(*args, **kwargs)
        seen.append((response.request.url if response.request else "", response.headers.get("Location", ""),
                     title(response.get_data(as_text=True)) if b"<title>" in response.data else ""))
        return response

    client.open = recording
    filer.fill(distinctive).send()
    client.get("/check-my-complaint")
    assert len(seen) > 15
    for url, location, tab in seen:
        for value in ("Zebedee", "Quilliam", "900417", "Flibbertigibbet"):
            assert value not in url and value not in location and value not in tab, (url, location, tab)


def test_the_browser_is_told_no_location_camera_or_microphone(client):
    for url in ("/", "/questions/filer", "/privacy"):
        policy = client.get(url).headers["Permissions-Policy"]
        for feature in ("geolocation=()", "camera=()", "microphone=()"):
            assert feature in policy, (url, feature)
