"""The safeguarding lists catch a disclosure written in each language.

``disclosures/<code>.txt`` holds sentences a child might write, one a line as
``category: sentence`` (``#`` starts a comment), written by someone who knows how children
write in that language. Each must be caught, in its category, by that language's own list:
English is always checked as well, but a sentence caught only by the English list would
prove nothing about the other language's list.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from intake.council import load_council
from intake.eligibility import safeguarding
from intake.eligibility.safeguarding import CATEGORIES, safeguarding_signals

ROOT = Path(__file__).resolve().parents[2]
FOLDER = Path(__file__).parent / "disclosures"
ENABLED = load_council(str(ROOT / "intake" / "council.toml")).languages


def disclosures(code: str) -> list[tuple[str, str]]:
    path = FOLDER / f"{code}.txt"
    assert path.is_file(), f"{code} is switched on but has no {path.relative_to(ROOT)}"
    found = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        category, _, sentence = line.partition(":")
        assert category.strip() in CATEGORIES and sentence.strip(), f"{path.name}:{number}: {line!r}"
        found.append((category.strip(), sentence.strip()))
    return found


@pytest.fixture
def own_list_only(monkeypatch):
    """safeguarding_signals with the language's own list alone (English switched off)."""
    real = safeguarding.load_signals

    def load(language):
        return () if language == safeguarding.FALLBACK_LANGUAGE else real(language)

    def check(sentence, code):
        if code != safeguarding.FALLBACK_LANGUAGE:
            monkeypatch.setattr(safeguarding, "load_signals", load)
        try:
            return safeguarding_signals(sentence, code)
        finally:
            monkeypatch.setattr(safeguarding, "load_signals", real)
    return check


@pytest.mark.parametrize("code", ENABLED)
def test_every_disclosure_is_caught_by_its_own_language_list(code, own_list_only):
    sentences = disclosures(code)
    assert len(sentences) >= 3, f"{code}: too few disclosures to test the list"
    missed = [(category, sentence) for category, sentence in sentences
              if category not in own_list_only(sentence, code)]
    assert not missed, f"{code}: {len(missed)} of {len(sentences)} not caught:\n" + "\n".join(
        f"  {c}: {s}" for c, s in missed)


@pytest.mark.parametrize("code", ENABLED)
def test_the_disclosures_are_caught_through_the_public_language_code(code):
    """The form passes the page's language tag ("en-GB", "ar"); it must reach the same list."""
    tag = "en-GB" if code == "en" else code
    for category, sentence in disclosures(code):
        assert category in safeguarding_signals(sentence, tag), (code, sentence)
