"""Spot words in free text that suggest a child may not be safe (domain.md section 6).

The phrase lists are plain data files, ``signals/<language>.txt``, so people who know how
children write in a language can maintain them without touching code. Each line is
``category<TAB or ':'>phrase``; ``#`` starts a comment. The special category ``ignore``
lists harmless phrases that would otherwise match ("hit me up" is not hitting); they are
blanked out before the real phrases are looked for.

Matching is deliberately forgiving about how people type (case, curly or missing
apostrophes, line breaks, punctuation) but strict about whole words, so "hits me" does
not fire on "ghits meh". Over-detection is the safer error here: a person reviews every
urgent case, while a missed signal leaves a child at risk.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from importlib import resources

CATEGORIES = (
    "physical_harm", "sexual_harm", "self_harm", "missing", "exploitation", "unsafe_now",
    "neglect", "harm_by_carer",
)
IGNORE = "ignore"
FALLBACK_LANGUAGE = "en"

# Straight, curly and look-alike apostrophes. They are dropped, so "don't" == "dont".
_APOSTROPHES = re.compile("['\u2018\u2019\u02bc\u02bb\u0060\u00b4\u2032\uff07]")
# Sentence ends become a barrier token, so a phrase cannot run from one sentence into the next.
# (Also the Urdu full stop, the Arabic question mark and the Ethiopic full stop and question mark.)
_SENTENCE_END = re.compile(r"[.!?\u06d4\u061f\u1362\u1367]+")
# Arabic-script text is typed on many keyboards: vowel marks and the stretching tatweel are
# dropped, the half-space (ZWNJ) joins, and look-alike letters become one (Arabic and
# Persian yeh and kaf, Pashto yeh forms), so a phrase matches however it was typed.
_ARABIC_MARKS = re.compile("[\u064b-\u065f\u0670\u0640\u200c\u200d\u200e\u200f]")
_ARABIC_LETTERS = str.maketrans({"\u064a": "\u06cc", "\u0649": "\u06cc", "\u06d0": "\u06cc",
                                 "\u06cd": "\u06cc", "\u0643": "\u06a9"})
# Anything that is not a letter or digit separates words (underscore too).
_NON_WORD = re.compile(r"[\W_]+")
_LINE = re.compile(r"^([a-z_]+)\s*[\t:]\s*(\S.*)$")
_LANGUAGE = re.compile(r"[a-z]{2,3}")
_BARRIER = " | "


def normalise(text: str) -> str:
    """Reduce text to lower-case words separated by single spaces, sentences by " | ".

    The same function prepares both the phrases and the text, so they always agree.
    """
    text = unicodedata.normalize("NFKC", text).casefold()
    text = _APOSTROPHES.sub("", text)
    text = _ARABIC_MARKS.sub("", text).translate(_ARABIC_LETTERS)
    sentences = (" ".join(_NON_WORD.sub(" ", s).split()) for s in _SENTENCE_END.split(text))
    return _BARRIER.join(s for s in sentences if s)


def _language_code(language: str) -> str:
    """"en-GB" -> "en"; anything that is not a plain language code -> the fallback."""
    if not isinstance(language, str):
        return FALLBACK_LANGUAGE
    code = re.split(r"[-_]", language.strip().lower(), maxsplit=1)[0]
    return code if _LANGUAGE.fullmatch(code) else FALLBACK_LANGUAGE


def parse_signals(text: str, source: str = "<signals>") -> tuple[tuple[str, str], ...]:
    """Parse a phrase file into (category, normalised phrase) pairs; raise on a bad line.

    A typo in a category name would silently switch a category off, so it fails loudly
    (a test loads every file).
    """
    entries = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        match = _LINE.match(line)
        if not match:
            raise ValueError(f"{source}:{number}: expected 'category<TAB or :>phrase'")
        category, phrase = match.group(1), normalise(match.group(2))
        if category not in CATEGORIES and category != IGNORE:
            raise ValueError(f"{source}:{number}: unknown category {category!r}")
        if not phrase or "|" in phrase:
            raise ValueError(f"{source}:{number}: a phrase must be words within one sentence")
        entries.append((category, phrase))
    return tuple(entries)


#: ``safeguarding_signals(text, EVERY_LANGUAGE)`` checks every phrase list there is.
EVERY_LANGUAGE = "*"


@lru_cache(maxsize=1)
def languages() -> tuple[str, ...]:
    """The languages that have a phrase list."""
    folder = resources.files(__package__).joinpath("signals")
    return tuple(sorted(p.name[:-4] for p in folder.iterdir() if p.name.endswith(".txt")))


@lru_cache(maxsize=None)
def load_signals(language: str) -> tuple[tuple[str, str], ...]:
    """The parsed phrase file for ``language`` (read once, then cached); () if there is none."""
    path = resources.files(__package__).joinpath("signals", f"{language}.txt")
    if not path.is_file():
        return ()
    return parse_signals(path.read_text(encoding="utf-8"), source=f"signals/{language}.txt")


def _contains(padded_text: str, phrase: str) -> bool:
    return f" {phrase} " in padded_text


def _entries(language: str) -> tuple[tuple[str, str], ...]:
    if language == EVERY_LANGUAGE:
        return tuple(e for code in languages() for e in load_signals(code))
    code = _language_code(language)
    entries = load_signals(code)
    if code != FALLBACK_LANGUAGE:
        entries = entries + load_signals(FALLBACK_LANGUAGE)
    return entries


@lru_cache(maxsize=None)
def _by_first_word(language: str) -> dict[str, tuple[tuple[int, str, str], ...]]:
    """The language's entries (with their place in the list) under each phrase's first word.

    A phrase is found only as " phrase " in the padded text, so its first word is then a
    whole word of the text: only phrases whose first word the text contains need checking
    (thousands of phrases across 13 lists, a few dozen words in a message).
    """
    index: dict[str, list[tuple[int, str, str]]] = {}
    for position, (category, phrase) in enumerate(_entries(language)):
        index.setdefault(phrase.split(" ", 1)[0], []).append((position, category, phrase))
    return {word: tuple(found) for word, found in index.items()}


def safeguarding_signals(text: str, language: str = "en") -> tuple[str, ...]:
    """The sorted, distinct signal categories found in ``text``.

    English is always checked as well, because children often mix languages and English
    is the list we maintain most closely; an unknown language falls back to English only.
    ``EVERY_LANGUAGE`` checks every list (the engine does, since a child may write in any
    language whatever the page's language is).
    """
    if not isinstance(text, str) or not text.strip():
        return ()
    padded = f" {normalise(text)} "
    index = _by_first_word(language)
    # In list order, as the lists are written: "ignore" phrases are blanked out first.
    candidates = sorted(e for word in set(padded.split(" ")) for e in index.get(word, ()))
    for _position, category, phrase in candidates:
        if category == IGNORE:
            padded = re.sub(rf"(?<= ){re.escape(phrase)}(?= )", "|", padded)
    found = {
        category
        for _position, category, phrase in candidates
        if category != IGNORE and _contains(padded, phrase)
    }
    return tuple(sorted(found))
