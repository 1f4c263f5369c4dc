"""Choosing a language: the registry, the council's switch, the chooser on every page, the
route that keeps the choice, and lang/dir on every page in every language."""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel import Locale
from babel.dates import format_date
from werkzeug.datastructures import LanguageAccept
from werkzeug.http import parse_accept_header

from intake import languages
from intake.council import load_council
from intake.public.language import local_path
from tests.public.conftest import YOUNG_PERSON_IN_CARE, Filer
from tests.public.test_info import public_get_pages

ROOT = Path(__file__).resolve().parents[1]
COUNCIL_FILE = ROOT / "intake" / "council.toml"
@pytest.fixture
def filer(client):
    return Filer(client)


ALL = ("en", "ar", "fa", "ps", "ckb", "ur", "ti", "sq", "vi", "pl", "ro", "uk", "so")
RTL = {"ar", "fa", "ps", "ckb", "ur"}


# --- the registry (pure) ---------------------------------------------------------------------

def test_the_registry_has_the_thirteen_languages_in_order():
    assert languages.CODES == ALL
    assert {l.code for l in languages.LANGUAGES if l.direction == "rtl"} == RTL
    assert languages.BY_CODE["en"].tag == "en-GB"
    assert languages.BY_CODE["ar"].name == "العربية"
    assert languages.BY_CODE["vi"].name == "Tiếng Việt"


@pytest.mark.parametrize("code", ALL)
def test_each_language_agrees_with_the_unicode_locale_data(code):
    """Babel knows the locale (dates, plurals), and CLDR's writing direction is ours."""
    language = languages.BY_CODE[code]
    locale = Locale.parse(language.babel_locale)
    assert locale.language == code
    expected = "rtl" if locale.character_order == "right-to-left" else "ltr"
    assert language.direction == expected
    assert language.name and language.name.casefold() != language.english_name.casefold() or code == "en"


@pytest.mark.parametrize("header, expected", [
    ("ar-SA,ar;q=0.9,en;q=0.8", "ar"),
    ("pl-PL,en;q=0.5", "pl"),          # Werkzeug's best_match would say English here
    ("en-US,ar;q=0.8", "en"),
    ("fa-AF", "fa"), ("prs", "fa"), ("pbt", "ps"), ("ckb-IQ", "ckb"), ("ku-Arab", "ckb"),
    ("de-DE,fr;q=0.9", None), ("", None), ("*", None),
    ("ar;q=0, pl;q=0.4", "pl"),
])
def test_the_browsers_preference_is_matched_tag_by_tag(header, expected):
    accept = parse_accept_header(header, LanguageAccept)
    assert languages.negotiate(accept, ALL) == expected


def test_a_preferred_language_the_council_switched_off_is_skipped():
    accept = parse_accept_header("ar, pl;q=0.5", LanguageAccept)
    assert languages.negotiate(accept, ("en", "pl")) == "pl"


def test_the_council_list_is_checked():
    assert languages.check_codes(["pl", "en", "ar", "pl"]) == ("en", "ar", "pl")
    with pytest.raises(ValueError, match="unknown"):
        languages.check_codes(["en", "xx"])
    with pytest.raises(ValueError, match='"en"'):
        languages.check_codes(["ar"])
    with pytest.raises(ValueError):
        languages.check_codes("en")


def test_every_language_is_on_by_default_and_a_council_can_switch_one_off(tmp_path):
    assert load_council(str(COUNCIL_FILE)).languages == ALL
    text = COUNCIL_FILE.read_text(encoding="utf-8")
    without = re.sub(r"(?m)^languages = .*$", "", text)
    (tmp_path / "all.toml").write_text(without, encoding="utf-8")
    assert load_council(str(tmp_path / "all.toml")).languages == ALL
    (tmp_path / "some.toml").write_text(
        re.sub(r"(?m)^languages = .*$", 'languages = ["en", "pl", "ar"]', text), encoding="utf-8")
    assert load_council(str(tmp_path / "some.toml")).languages == ("en", "ar", "pl")
    (tmp_path / "bad.toml").write_text(
        re.sub(r"(?m)^languages = .*$", 'languages = ["en", "klingon"]', text), encoding="utf-8")
    with pytest.raises(ValueError, match="klingon"):
        load_council(str(tmp_path / "bad.toml"))


# --- the route ---------------------------------------------------------------------------------

@pytest.mark.parametrize("target, expected", [
    ("/questions/filer", "/questions/filer"),
    ("/worried?next_id=description&change=0", "/worried?next_id=description&change=0"),
    ("/easy-read/", "/easy-read/"),
    ("//evil.example/", None), ("///evil.example", None), ("/\\evil.example", None),
    ("https://evil.example/", None), ("http:/evil.example", None), ("javascript:alert(1)", None),
    ("evil.example", None), (" /start", None), ("/\t/evil.example", None), ("/%0a", "/%0a"),
    ("/exit", None), ("/language/ar", None), ("", None), (None, None),
])
def test_only_a_path_on_this_site_is_returned_to(target, expected):
    assert local_path(target) == expected


def test_choosing_a_language_keeps_it_and_returns_to_the_same_page(client):
    response = client.get("/language/ar?next=/questions/filer")
    assert response.status_code == 303
    assert response.headers["Location"] == "/questions/filer"
    page = client.get("/questions/filer").get_data(as_text=True)
    assert '<html lang="ar" dir="rtl"' in page
    # The choice lasts: Easy Read and the chat are in it too, whatever the browser says.
    for path in ("/easy-read/", "/chat", "/get-help"):
        page = client.get(path, headers={"Accept-Language": "pl"}).get_data(as_text=True)
        assert '<html lang="ar" dir="rtl"' in page, path


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example", "/\\evil.example"])
def test_the_language_link_cannot_send_anyone_to_another_site(client, target):
    response = client.get("/language/pl", query_string={"next": target})
    assert response.status_code == 303
    assert response.headers["Location"] == "/"


@pytest.mark.parametrize("code", ["xx", "de", "EN", "..", "ar%00"])
def test_an_unknown_code_changes_nothing(client, code):
    client.get("/language/pl?next=/")
    response = client.get(f"/language/{code}?next=/get-help")
    assert response.status_code in (303, 404)
    assert '<html lang="pl" dir="ltr"' in client.get("/").get_data(as_text=True)


def test_a_language_switched_off_falls_back_to_the_browser_then_english(app, client, monkeypatch):
    client.get("/language/ar?next=/")
    council = app.config["INTAKE_COUNCIL"]
    monkeypatch.setitem(app.config, "INTAKE_COUNCIL",
                        council.__class__(**{**council.__dict__, "languages": ("en", "pl")}))
    page = client.get("/", headers={"Accept-Language": "pl-PL"}).get_data(as_text=True)
    assert '<html lang="pl" dir="ltr"' in page
    assert 'hreflang="ar"' not in page  # no longer offered
    page = client.get("/", headers={"Accept-Language": "ar"}).get_data(as_text=True)
    assert '<html lang="en-GB" dir="ltr"' in page
    # And choosing it again does nothing.
    client.get("/language/ar?next=/")
    assert '<html lang="en-GB"' in client.get("/").get_data(as_text=True)


def test_the_browser_preference_is_used_first_time(client):
    page = client.get("/", headers={"Accept-Language": "uk-UA,uk;q=0.9,en;q=0.5"}).get_data(as_text=True)
    assert '<html lang="uk" dir="ltr"' in page


def test_starting_again_keeps_the_language_and_exiting_forgets_it(client):
    client.get("/language/fa?next=/")
    page = client.post("/start-again").get_data(as_text=True)
    assert '<html lang="fa" dir="rtl"' in page
    client.get("/exit")
    assert '<html lang="en-GB"' in client.get("/").get_data(as_text=True)


def test_staff_pages_stay_in_english(client):
    client.get("/language/ar?next=/")
    page = client.get("/staff/sign-in", headers={"Accept-Language": "ar"}).get_data(as_text=True)
    assert '<html lang="en-GB" dir="ltr"' in page
    assert "app-languages" not in page


# --- every public page, in every language ------------------------------------------------------

class Tags(HTMLParser):
    """Start tags with their attributes, in document order."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def tags(page: str) -> list[tuple[str, dict]]:
    parser = Tags()
    parser.feed(page)
    return parser.tags


def pages_to_check(app) -> list[str]:
    return public_get_pages(app) + [
        "/questions/filer", "/chat", "/easy-read/questions/filer", "/easy-read/help-now",
        "/easy-read/worried", "/easy-read/get-help", "/easy-read/privacy", "/easy-read/save",
        "/easy-read/continue", "/easy-read/pictures"]


@pytest.mark.parametrize("code", ALL)
def test_every_public_page_has_the_right_lang_dir_and_chooser(app, client, code):
    language = languages.BY_CODE[code]
    client.get(f"/language/{code}?next=/")
    for path in pages_to_check(app):
        response = client.get(path, follow_redirects=True)
        assert response.status_code == 200, (code, path, response.status_code)
        path = response.request.path
        found = tags(response.get_data(as_text=True))
        html = next(a for t, a in found if t == "html")
        assert (html["lang"], html["dir"]) == (language.tag, language.direction), (code, path)
        chooser = [a for t, a in found if t in ("a", "span") and "app-languages__" in a.get("class", "")]
        assert [(a["lang"], a["dir"]) for a in chooser] == [
            (l.tag, l.direction) for l in languages.LANGUAGES], (code, path)
        current = [a for a in chooser if a.get("aria-current") == "true"]
        assert len(current) == 1 and current[0]["lang"] == language.tag and "href" not in current[0]
        for a in chooser:
            if "href" in a:
                target = a["href"]
                assert target.startswith("/language/") and f"next={path.split('?')[0]}" in target, target


def test_numbers_references_and_codes_stay_left_to_right(client, filer):
    client.get("/language/ar?next=/")
    page = filer.fill(YOUNG_PERSON_IN_CARE).send()
    assert re.search(r'dir="ltr" data-testid="reference">', page)
    assert 'data-testid="check-code" lang="en" dir="ltr"' in page
    assert '<span dir="ltr">0300 123 4567</span>' in page  # the complaints team, in the footer
    help_page = client.get("/get-help").get_data(as_text=True)
    assert re.search(r'<a class="govuk-link" dir="ltr" href="tel:', client.get("/help-now").get_data(as_text=True))
    assert '<span dir="ltr">' in help_page


def test_what_someone_typed_is_shown_back_in_its_own_direction(client, filer):
    client.get("/language/ar?next=/")
    given = dict(YOUNG_PERSON_IN_CARE, description="المشرفة الاجتماعية لا تزورني أبداً")
    filer.fill(given)
    page = client.get("/check").get_data(as_text=True)
    assert '<p class="govuk-body app-free-text" dir="auto">المشرفة الاجتماعية لا تزورني أبداً</p>' in page


# --- dates: Babel per language, the English working-day calendar for all -------------------------

def deadline(page: str) -> str:
    return re.search(r'data-testid="stage1-due"[^>]*>([^<]+)<', page).group(1).strip()


def test_an_arabic_page_shows_the_same_deadline_as_the_english_one_in_arabic(app):
    shown = {}
    for code in ("en", "ar", "pl"):
        client = app.test_client()
        app.config["WTF_CSRF_ENABLED"] = False
        try:
            client.get(f"/language/{code}?next=/")
            shown[code] = deadline(Filer(client).fill(YOUNG_PERSON_IN_CARE).send())
        finally:
            app.config["WTF_CSRF_ENABLED"] = True
    english = dt.datetime.strptime(shown["en"].replace(",", ""), "%A %d %B %Y").date()
    assert shown["ar"] == format_date(english, format="full", locale="ar")
    assert shown["pl"] == format_date(english, format="full", locale="pl")
    assert shown["ar"] != shown["en"]
