"""Every language the council file switches on is complete: a catalogue with every message
translated (none fuzzy, no broken placeholders or markup), a safeguarding lexicon and
the chat's examples for the requests people make at any point."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po

from intake.council import load_council
from intake.safeguarding import lexicon
from intake.safeguarding.categories import CATEGORIES
from intake.languages import BY_CODE
from tests.conftest import cannot_run

ROOT = Path(__file__).resolve().parents[1]
TRANSLATIONS = ROOT / "translations"
ENABLED = load_council(str(ROOT / "intake" / "council.toml")).languages
TRANSLATED = [code for code in ENABLED if code != "en"]
#: The checks pofilter runs that would break a page or mislead a reader: placeholders,
#: escapes, markup and line breaks that differ from the English.
POFILTER_TESTS = ("variables", "escapes", "xmltags", "printf", "pythonbraceformat", "newlines")
#: What the chat must understand in every language, whatever the question (README "The chat").
CORE_INTENTS = ("explain", "not_safe", "human", "stop", "change_answer", "affirm", "deny")


def template_ids() -> set:
    return {m.id for m in read_po((TRANSLATIONS / "messages.pot").open("rb")) if m.id}


def catalogue_path(code: str) -> Path:
    return TRANSLATIONS / code / "LC_MESSAGES" / "messages.po"


def catalogue(code: str):
    path = catalogue_path(code)
    assert path.is_file(), f"{code} is switched on but has no catalogue at {path.relative_to(ROOT)}"
    return read_po(path.open("rb"), locale=BY_CODE[code].babel_locale)


def test_every_language_in_the_council_file_is_known():
    assert ENABLED and all(code in BY_CODE for code in ENABLED)


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_message_is_translated_and_none_is_fuzzy(code):
    messages = catalogue(code)
    by_id = {m.id: m for m in messages if m.id}
    missing = sorted(str(i) for i in template_ids() - set(by_id))
    assert not missing, f"{code}: not in the catalogue (run `make extract`): {missing[:5]}"
    empty, fuzzy = [], []
    for msgid in template_ids():
        message = by_id[msgid]
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not all(s and s.strip() for s in strings):
            empty.append(str(msgid))
        if message.fuzzy:
            fuzzy.append(str(msgid))
    assert not empty, f"{code}: {len(empty)} untranslated, for example {empty[:3]}"
    assert not fuzzy, f"{code}: {len(fuzzy)} fuzzy, for example {fuzzy[:3]}"


@pytest.mark.parametrize("code", TRANSLATED)
def test_the_catalogue_names_its_language_and_its_plural_forms(code):
    messages = catalogue(code)
    assert str(messages.locale).split("_")[0] == code
    header = dict(messages.mime_headers)
    assert header.get("Language", "").replace("-", "_").split("_")[0] == code
    expected = get_plural(BY_CODE[code].babel_locale)
    assert messages.num_plurals == expected.num_plurals, (
        f"{code}: Plural-Forms says {messages.num_plurals} forms; CLDR has {expected.num_plurals}")
    for message in messages:
        if message.id and isinstance(message.id, tuple):
            assert len(message.string) == expected.num_plurals, (code, message.id)


@pytest.mark.parametrize("code", TRANSLATED)
def test_placeholders_are_kept(code):
    """Babel's own check: every %(name)s of the English is in the translation, no other."""
    problems = [(str(m.id)[:60], [str(e) for e in errors])
                for m, errors in catalogue(code).check() if errors]
    assert not problems, f"{code}: {problems[:5]}"


@pytest.mark.parametrize("code", TRANSLATED)
def test_pofilter_finds_no_broken_placeholder_escape_markup_or_line_break(code, tmp_path):
    pofilter = shutil.which("pofilter", path=str(Path(__import__("sys").executable).parent))
    if not pofilter:
        cannot_run("pofilter is missing: install the test extra (translate-toolkit)")
    path = catalogue_path(code)
    assert path.is_file(), f"{code} has no catalogue"
    out = tmp_path / "failures.po"
    command = [pofilter, "--progress=none", "-i", str(path), "-o", str(out)]
    for test in POFILTER_TESTS:
        command += ["-t", test]
    subprocess.run(command, check=True, capture_output=True)
    # pofilter writes only the messages that failed, each with a "(pofilter)" comment.
    failures = out.read_text(encoding="utf-8").count("(pofilter)") if out.exists() else 0
    assert failures == 0, f"{code}: pofilter found {failures} problem(s):\n" + out.read_text(
        encoding="utf-8")[:4000]


@pytest.mark.parametrize("code", ENABLED)
def test_every_language_has_a_safeguarding_lexicon_covering_every_category(code):
    path = ROOT / "intake" / "safeguarding" / "lexicon" / f"{code}.txt"
    assert path.is_file(), f"{code} is switched on but has no {path.relative_to(ROOT)}"
    terms = lexicon.load(code)
    for category in CATEGORIES:
        plain = [t for t in terms if t.category == category and not t.soft]
        assert len(plain) >= 3, f"{code}: only {len(plain)} term(s) for {category}"


@pytest.mark.parametrize("code", ENABLED)
def test_every_language_has_chat_examples_for_the_requests_made_at_any_point(code):
    path = ROOT / "intake" / "bot" / "data" / "nlu" / f"{code}.yml"
    assert path.is_file(), f"{code} is switched on but has no {path.relative_to(ROOT)}"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    examples: dict[str, list[str]] = {}
    for block in data.get("nlu", []):
        if "intent" in block:
            lines = [line.strip()[2:].strip() for line in block["examples"].splitlines()
                     if line.strip().startswith("- ")]
            examples.setdefault(block["intent"], []).extend(lines)
    for intent in CORE_INTENTS:
        assert len(examples.get(intent, [])) >= 5, f"{code}: too few examples for {intent}"
    seen: dict[str, str] = {}
    for intent, lines in examples.items():
        for line in lines:
            other = seen.setdefault(line.casefold(), intent)
            assert other == intent, f"{code}: {line!r} is an example of both {other} and {intent}"


RIGHT_TO_LEFT = [code for code in TRANSLATED if BY_CODE[code].direction == "rtl"]
NUMBER_GROUPS = __import__("re").compile(r"(?<![\w\u2066])\d+(?:[ \u00a0]\d+)+(?![\w\u2069])")


@pytest.mark.parametrize("code", RIGHT_TO_LEFT)
def test_phone_numbers_in_right_to_left_text_keep_their_order(code):
    """In right-to-left text "0800 1111" would show as "1111 0800": numbers of several groups
    are wrapped in left-to-right isolates (U+2066 ... U+2069) in the translation."""
    import re
    reversed_ = []
    for message in catalogue(code):
        if not message.id:
            continue  # the header
        texts = message.string if isinstance(message.string, (list, tuple)) else [message.string]
        for text in texts:
            if text and NUMBER_GROUPS.search(re.sub(r"<[^>]*>", "", text)):
                reversed_.append(text)
    assert reversed_ == []
