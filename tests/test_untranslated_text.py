"""No English a reader did not choose: every word on a public page comes from a catalogue.

The pages are rendered with a pseudo-translation: a catalogue in which every message is
its English wrapped in ⟪ ⟫. Whatever text is left on the page once the marked parts are
removed was not translated: a literal in a template, a GOV.UK Frontend default (such as
"Error:" or "Back"), or a string built in Python without gettext. Visible text, the tab
title, alternative text, labels for screen readers and the texts given to scripts in
``data-`` attributes are all looked at; so are the error pages of each kind of question,
check your answers, the confirmation, Easy Read and the chat.

What may be left: numbers, dates (Babel formats them in the reader's language), the
council's own details from the council file, and text in elements marked as another
language (the language chooser, the English resume words).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from babel import Locale
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from cryptography.fernet import Fernet
from flask_babel import get_domain

from intake import create_app
from intake.council import load_council
from tests.public.conftest import Filer
from tests.public.test_info import public_get_pages
from tests.test_catalogues import ROOT, TRANSLATIONS

OPEN, CLOSE = "\u27ea", "\u27eb"
MARKED = re.compile(f"{OPEN}[^{OPEN}{CLOSE}]*{CLOSE}")
#: Not words for the reader: scripts, and technical names shown as code (page paths on the
#: accessibility statement, the cookie's name).
#: A case reference ("K7QM-4XRT-9HPW"), shown as it is in every language.
REFERENCE = re.compile(r"\b[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}\b")
IGNORED_ELEMENTS = {"script", "style", "template", "code"}
TEXT_ATTRIBUTES = {"alt", "title", "aria-label", "placeholder"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}


def mark(text: str) -> str:
    return f"{OPEN}{text}{CLOSE}"


ANSWERS = {
    "filer": "young_person", "safe_now": "yes", "young_person_status": ["in_care"],
    "young_person_age": "14", "topics": ["social_worker"], "event_within_12_months": "yes",
    "ongoing_proceedings": ["none"], "description": mark("My social worker never visits."),
    "desired_outcome": mark("Visits every month."), "contact_name": mark("Sam"),
    "contact_method": "text", "contact_phone": "07700 900982", "contact_not_via_carer": "y",
}
#: Question pages posted with a wrong answer, to see their error messages.
WRONG = [("filer", {}), ("young_person_status", {}), ("young_person_age", {"young_person_age": "x"}),
         ("description", {"description": ""}), ("contact", {"contact_method": "text"})]


class VisibleText(HTMLParser):
    """Text a person can see or hear, outside elements in another language."""

    def __init__(self, page_lang: str):
        super().__init__(convert_charrefs=True)
        self.page_lang = page_lang
        self.stack: list[tuple[str, bool]] = []  # (tag, skipped)
        self.found: list[str] = []

    def skipping(self) -> bool:
        return any(skipped for _, skipped in self.stack)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        # The language chooser names each language in itself, whatever the page's language.
        other_language = tag != "html" and ("lang" in attrs and attrs["lang"] != self.page_lang
                                            or "hreflang" in attrs
                                            or "app-languages__current" in attrs.get("class", ""))
        skipped = tag in IGNORED_ELEMENTS or other_language
        if not (self.skipping() or skipped):
            for name, value in attrs.items():
                if value and (name in TEXT_ATTRIBUTES or (name.startswith("data-") and " " in value)
                              or (tag == "input" and name == "value"
                                  and attrs.get("type") in ("submit", "button"))):
                    self.found.append(value)
        if tag not in VOID:
            self.stack.append((tag, skipped))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data):
        if data.strip() and not self.skipping():
            self.found.append(data)


def allowed_words(council) -> list[str]:
    """The council's own details and English dates: shown as they are, by design."""
    values = []
    for part in (council, council.advocacy, council.privacy):
        values += [v for v in vars(part).values() if isinstance(v, str) and v]
    english = Locale.parse("en_GB")
    values += list(english.days["format"]["wide"].values()) + list(english.months["format"]["wide"].values())
    # The pictures' source and licence, named as their authors name them.
    values += ["OpenMoji", "CC BY-SA", "CC BY"]
    return sorted(values, key=len, reverse=True)


def leftovers(page: str, allowed: list[str]) -> list[str]:
    parser = VisibleText(page_lang="en-GB")
    parser.feed(page)
    text = "\n".join(parser.found)
    previous = None
    while previous != text:  # marked parts can hold marked parts (a translated value)
        previous, text = text, MARKED.sub(" ", text)
    for value in allowed:
        text = text.replace(value, " ")
    text = REFERENCE.sub(" ", text)
    return sorted({w for w in re.findall(r"[^\W\d_]{2,}", text)})


@pytest.fixture(scope="module")
def pseudo_app(tmp_path_factory):
    """The app reading a pseudo-translated English catalogue, on a SQLite file."""
    from flask_migrate import upgrade

    folder = tmp_path_factory.mktemp("pseudo")
    catalogue = read_po((TRANSLATIONS / "messages.pot").open("rb"), locale="en_GB")
    for message in catalogue:
        if message.id:
            if isinstance(message.id, tuple):
                message.string = tuple(mark(i) for i in message.id)
            else:
                message.string = mark(message.id)
    target = folder / "en" / "LC_MESSAGES"
    target.mkdir(parents=True)
    with (target / "messages.mo").open("wb") as f:
        write_mo(f, catalogue)
    instance = tmp_path_factory.mktemp("instance")
    app = create_app({
        "TESTING": True, "SECRET_KEY": "test", "WTF_CSRF_ENABLED": False,
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{instance / 'pseudo.db'}",
        "INTAKE_DATA_KEYS": [Fernet.generate_key().decode()],
        "BABEL_TRANSLATION_DIRECTORIES": str(folder),
        "INTAKE_RASA_URL": "http://127.0.0.1:9",  # nothing there: the chat's own words show
    }, instance_path=str(instance))
    with app.app_context():
        upgrade()
        # Flask-Babel caches catalogues by locale for every app in the process: forget them
        # before (so the pseudo one is read) and after (so other tests get the real ones).
        get_domain().cache.clear()
    yield app
    with app.app_context():
        get_domain().cache.clear()


class Recording:
    """A test client that keeps every page it was given."""

    def __init__(self, client):
        self.client = client
        self.pages: dict[str, str] = {}

    def _keep(self, method, url, response):
        if response.mimetype == "text/html" and not 300 <= response.status_code < 400:
            self.pages[f"{method} {url}"] = response.get_data(as_text=True)
        return response

    def get(self, url, **kwargs):
        return self._keep("GET", url, self.client.get(url, **kwargs))

    def post(self, url, **kwargs):
        return self._keep("POST", url, self.client.post(url, **kwargs))


def every_page(app) -> dict[str, str]:
    client = Recording(app.test_client())
    for path in public_get_pages(app) + ["/chat", "/easy-read/pictures", "/easy-read/privacy",
                                         "/easy-read/get-help", "/easy-read/continue"]:
        client.get(path, follow_redirects=True)
    Filer(client).fill(ANSWERS)
    for question, data in WRONG:
        client.get(f"/questions/{question}?change=1")
        client.post(f"/questions/{question}?change=1", data=data)
    client.get("/check")
    client.get("/save")
    client.post("/check")
    client.get("/confirmation")
    client.get("/start-again")
    easy = Recording(app.test_client())
    Filer(easy, prefix="/easy-read").fill(ANSWERS)
    easy.post("/easy-read/questions/filer?change=1", data={})
    easy.get("/easy-read/check")
    easy.get("/easy-read/save")
    easy.post("/easy-read/check")
    easy.get("/easy-read/confirmation")
    return {**client.pages, **{f"{k} (Easy Read)": v for k, v in easy.pages.items()}}


def test_every_word_on_every_public_page_comes_from_a_catalogue(pseudo_app):
    allowed = allowed_words(load_council(str(ROOT / "intake" / "council.toml")))
    pages = every_page(pseudo_app)
    assert len(pages) > 40
    assert any(OPEN in page for page in pages.values()), "the pseudo-translation was not used"
    untranslated = {where: words for where, page in pages.items()
                    if (words := leftovers(page, allowed))}
    assert not untranslated, "text outside gettext:\n" + "\n".join(
        f"  {where}: {', '.join(words[:12])}" for where, words in sorted(untranslated.items()))


def test_the_check_finds_an_english_literal():
    page = '<html lang="en-GB"><p>⟪Hello⟫ there</p><p lang="ar">مرحبا</p><p>⟪Bye⟫</p></html>'
    assert leftovers(page, []) == ["there"]
    assert leftovers('<img alt="A picture"><button aria-label="⟪Close⟫">x</button>', []) == ["picture"]
