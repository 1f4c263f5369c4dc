"""Bad input everywhere: every string of the Big List of Naughty Strings typed into every
free-text field of the web form and Easy Read, then a whole journey with the nastiest of them.

Nothing may give a 5xx, and what is stored is exactly what was typed (the journey strips
surrounding spaces from one-line answers, names, emails and phone numbers only; long
answers are kept exactly as written).
"""

from __future__ import annotations

import pytest

from intake.extensions import vault
from intake.cases import store
from intake.cases.models import Case
from intake.extensions import db
from tests.naughty import NASTIEST, batches, draft, long_text, naughty_strings
from tests.public.conftest import Filer

#: An advocate who is late: every free-text field of the journey is asked.
ADVOCATE_LATE = {
    "filer": "advocate", "represents": "young_person", "young_person_status": ["care_leaver"],
    "young_person_age": "19", "consent": "yes", "topics": ["leaving_care_support"],
    "event_within_12_months": "no", "late_reason": "I only just found out.",
    "ongoing_proceedings": ["none"], "description": "Jo has had no personal adviser.",
    "desired_outcome": "A personal adviser.", "contact_name": "Alex Advocate",
    "young_person_name": "Jo", "organisation": "Advocacy Service", "contact_method": "letter",
    "contact_address": "1 High Street", "contact_safe_times": "", "contact_not_via_carer": "",
}
#: The free-text fields of the contact page that are kept exactly, and those stripped.
CONTACT_LINES = ("contact_name", "young_person_name", "organisation", "contact_safe_times")


def the_case(app) -> dict:
    with app.app_context():
        rows = db.session.query(Case).all()
        assert len(rows) == 1
        return store.case_document(vault(), rows[0])


def post(client, url: str, data: dict):
    response = client.post(url, data=data)
    assert response.status_code < 500, (url, data, response.get_data(as_text=True)[:1000])
    return response


@pytest.mark.postgresql_only  # five hundred requests: once, on the production database
def test_every_naughty_string_typed_as_what_happened_is_kept_exactly(app, client):
    """One request per string, on the page that matters most and runs the most checks
    (the safeguarding words are looked for in what happened)."""
    Filer(client).fill(ADVOCATE_LATE)
    for typed in naughty_strings():
        response = post(client, "/questions/description", {"description": typed})
        if not typed.strip():
            assert response.status_code == 400, repr(typed)  # "Tell us what happened"
            continue
        assert response.status_code == 302, repr(typed)
        assert draft(app, client)["description"] == typed, repr(typed)


@pytest.mark.parametrize("prefix", ["", "/easy-read"], ids=["web", "easy_read"])
def test_every_naughty_string_in_every_free_text_field_is_kept_exactly(app, client, prefix):
    """The other fields get the whole list too, in as few answers as their length allows."""
    Filer(client, prefix).fill(ADVOCATE_LATE)
    # Easy Read asks the same questions with the same rules through its own pages: what
    # happened proves it keeps the text; the web form gets every field.
    pages = {"description": 5000} if prefix else {"desired_outcome": 2000, "late_reason": 2000}
    for page, limit in pages.items():
        for typed in batches(limit):
            response = post(client, f"{prefix}/questions/{page}", {page: typed})
            assert response.status_code == 302, (page, typed)
            assert draft(app, client)[page] == typed, (page, typed)
    if prefix:
        return
    for typed in batches(200, separator=" | "):
        response = post(client, "/questions/contact", dict(
            {f: typed for f in CONTACT_LINES}, contact_method="letter", contact_address=typed))
        if len(typed.strip()) > 200:
            assert response.status_code == 400, typed  # "Please use 200 characters or fewer"
            continue
        assert response.status_code == 302, typed
        kept = draft(app, client)
        assert {f: kept[f] for f in CONTACT_LINES} == {f: typed.strip() for f in CONTACT_LINES}
        assert kept["contact_address"] == typed
    # Email and phone, string by string on a sample of the list: almost every string is
    # refused with a 400; one that is accepted is kept without its surrounding spaces.
    valid = {k: v for k, v in ADVOCATE_LATE.items() if k.startswith("contact_") or k in CONTACT_LINES}
    for typed in naughty_strings()[::6] + ("  alex@example.org ", " 07700 900982\t"):
        response = post(client, "/questions/contact", dict(
            valid, contact_method="email", contact_email=typed, contact_phone=typed))
        if response.status_code == 302:
            kept = draft(app, client)
            assert kept["contact_email"] == kept["contact_phone"] == typed.strip(), repr(typed)
        else:
            assert response.status_code == 400, repr(typed)


@pytest.mark.parametrize("prefix", ["", "/easy-read"], ids=["web", "easy_read"])
def test_a_whole_complaint_of_the_nastiest_strings_is_stored_exactly(app, client, prefix):
    description = "\n".join(NASTIEST) + "\n" + long_text(5000 - len("\n".join(NASTIEST)) - 1)
    assert len(description) == 5000
    outcome = " ".join(reversed(NASTIEST))[:2000]
    given = dict(ADVOCATE_LATE, description=description, desired_outcome=outcome,
                 late_reason=NASTIEST[0] + NASTIEST[8], contact_name=NASTIEST[1],
                 young_person_name=NASTIEST[2], organisation=NASTIEST[6],
                 contact_address=NASTIEST[3] + "\n" + NASTIEST[13],
                 contact_safe_times=NASTIEST[9][:200])
    filer = Filer(client, prefix).fill(given)
    check = client.get(f"{prefix}/check")
    assert check.status_code == 200
    body = check.get_data(as_text=True)
    assert "<script>window.__pwned" not in body and "<svg onload" not in body
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in body
    filer.send()
    case = the_case(app)
    assert case["channel"] == ("easy_read" if prefix else "web")
    assert case["answers"]["description"] == description
    assert case["answers"]["desired_outcome"] == outcome
    assert case["answers"]["late_reason"] == given["late_reason"]
    contact = case["contact"]
    assert contact["name"] == given["contact_name"].strip()
    assert contact["young_person_name"] == given["young_person_name"].strip()
    assert contact["organisation"] == given["organisation"].strip()
    assert contact["address"] == given["contact_address"]
    assert contact["safe_times"] == given["contact_safe_times"].strip()


# --- query parameters, headers and cookies ------------------------------------------------------

#: Every public page that reads a query parameter or a header (grep request.args,
#: request.headers, accept_languages, accept_mimetypes and cookies in intake/public,
#: intake/easy_read and intake/bot/chat.py), and the pages any of them may lead to.
READERS = (
    ("GET", "/"), ("GET", "/questions/filer"), ("GET", "/worried"), ("POST", "/worried"),
    ("GET", "/easy-read/"), ("GET", "/easy-read/questions/filer"), ("POST", "/easy-read/worried"),
    ("GET", "/get-help"), ("GET", "/easy-read/get-help"), ("GET", "/check"),
    ("POST", "/chat"),  # an empty message: answered before the bot is asked anything
)


def as_header(text: str) -> str:
    """What a server sees of a header with this text: its UTF-8 bytes as Latin-1 (WSGI),
    without line breaks, which no HTTP request can carry in a header."""
    return text.replace("\r", " ").replace("\n", " ").encode("utf-8").decode("latin-1")


def test_naughty_query_parameters_headers_and_cookies_never_break_a_public_page(app, client):
    """Each string goes, at once, into every parameter and header a page reads (change,
    next_id, next, the query string the language links are made from, Accept-Language,
    Accept and the session cookie), round the pages in turn."""
    pages = [(m, p) for m, p in READERS]
    for number, typed in enumerate(naughty_strings()):
        method, path = pages[number % len(pages)]
        header = as_header(typed)
        client.set_cookie("session", header)
        response = client.open(
            path, method=method, data={"message": ""} if method == "POST" else None,
            query_string={"change": typed, "next_id": typed, typed: typed},
            headers={"Accept-Language": header, "Accept": header, "X-Forwarded-For": header,
                     "Referer": header, "User-Agent": header})
        assert response.status_code < 500, (path, typed, response.get_data(as_text=True)[:500])
        # The language link goes back to a page on this site, whatever "next" says.
        response = client.get("/language/cy", query_string={"next": typed},
                              headers={"Accept-Language": header})
        assert response.status_code == 303, typed
        target = response.headers["Location"]
        assert target.startswith("/") and not target.startswith(("//", "/\\")), (typed, target)
