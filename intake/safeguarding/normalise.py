"""Make typed text comparable: the first layer of the safeguarding detector.

Children type on phones, in any script, with text-speak, emoji, repeated letters and no
accents. The same function prepares the lexicon's terms, the classifier's training text and
every message, so all three always agree on what a word looks like.

Steps, in order: emoji become words (the ``emoji`` package: a knife, a pill, a crying face
carry meaning); Unicode compatibility forms are folded (NFKC, case folding); invisible,
control and bidirectional characters go; apostrophes go ("don't" == "dont"); Arabic-script
spellings are unified (vowel marks, tatweel, the yeh and kaf variants); accents are stripped
(people type "zgwalcil" for "zgwałcił" and "bat" for "bát"); a word mixing Latin letters with
Cyrillic look-alikes or digits ("h1ts", "kіll" with a Cyrillic і) is read as Latin; letters
repeated three or more times become one ("sooo", "hurtttt"); sentences are kept apart.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import emoji

#: Longest text read, in characters. Longer text is read in full up to here; no complaint box
#: accepts more, and a cap keeps a pathological input from costing seconds.
MAX_CHARACTERS = 50_000

_APOSTROPHES = re.compile("['\u2018\u2019\u02bc\u02bb\u0060\u00b4\u2032\uff07]")
# Sentence ends (also the Arabic and Urdu full stop and question mark, the Ethiopic full stop,
# question mark and comma-like separators) and line breaks.
_SENTENCE_END = re.compile(r"[.!?;\n\r\u06d4\u061f\u061b\u1362\u1364\u1367\u0964]+")
_ARABIC_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")
_ARABIC_LETTERS = str.maketrans({
    "\u064a": "\u06cc", "\u0649": "\u06cc", "\u06d0": "\u06cc", "\u06cd": "\u06cc",
    "\u0643": "\u06a9", "\u0629": "\u0647", "\u06c1": "\u0647", "\u06d5": "\u0647",
    "\u0623": "\u0627", "\u0625": "\u0627", "\u0622": "\u0627", "\u0671": "\u0627",
    "\u06be": "\u0647",
})
# Letters NFD cannot take apart.
_LATIN_EXTRA = str.maketrans({"ł": "l", "đ": "d", "ø": "o", "ß": "ss", "æ": "ae", "œ": "oe",
                              "ı": "i", "ħ": "h", "ŧ": "t", "ð": "d", "þ": "th"})
# Cyrillic and Greek letters that look like Latin ones, used in a Latin word to dodge filters.
_LOOK_ALIKES = str.maketrans({
    "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "і": "i", "ј": "j",
    "к": "k", "м": "m", "н": "h", "т": "t", "в": "b", "ѕ": "s", "ԁ": "d", "ο": "o", "α": "a",
    "ι": "i", "κ": "k", "ν": "v", "τ": "t",
})
# Digits and signs inside a Latin word ("h1t", "r4pe", "$uicide"). Arabic chat alphabet digits
# (3, 7, 2) are read the same way in the lexicon's Latin terms, so both sides still agree.
_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a",
                       "$": "s", "!": "i"})
_WORD = re.compile(r"[^\W_]+(?:_[^\W_]+)*|[@$]\w+")
_HAS_LATIN = re.compile(r"[a-z]")
_HAS_DIGIT_OR_SIGN = re.compile(r"[0-9@$!]")
_REPEATS = re.compile(r"(\D)\1{2,}")
_EMOJI_PREFIX = "emoji_"


# Format and control characters (zero-width, bidi controls, NUL, soft hyphen, tags),
# surrogates and private use: never letters. Line breaks and tabs stay (sentence ends).
_INVISIBLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\xad\u0600-\u0605\u061c\u06dd\u070f"
    "\u0890\u0891\u08e2\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f"
    "\ufeff\ufff9-\ufffb\ud800-\udfff\ue000-\uf8ff\U000110bd\U000110cd\U00013430-\U0001343f"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
    "\U000f0000-\U0010ffff]")
# Emoji and pictographs: only text with one of these is given to the emoji package.
_MAYBE_EMOJI = re.compile("[\u00a9\u00ae\u203c-\u3299\U0001f000-\U0001faff]")


def _drop_invisible(text: str) -> str:
    """Remove format and control characters (zero-width, bidi overrides, NUL), keep line breaks."""
    return _INVISIBLE.sub("", text)


def _strip_accents(text: str) -> str:
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFD", text.translate(_LATIN_EXTRA))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=65_536)
def normalise_word(word: str) -> str:
    """One word as the lexicon and the classifier see it (already case-folded)."""
    if word.startswith(_EMOJI_PREFIX):
        return word
    if _HAS_LATIN.search(word):
        word = word.translate(_LOOK_ALIKES)
        if _HAS_DIGIT_OR_SIGN.search(word) and not word.isdigit():
            word = word.translate(_LEET)
    return _REPEATS.sub(r"\1", word)


def _emoji_as_words(text: str) -> str:
    if not _MAYBE_EMOJI.search(text) or not emoji.emoji_count(text):
        return text
    return emoji.demojize(text, delimiters=(f" {_EMOJI_PREFIX}", " "))


def sentences(text: object) -> list[list[str]]:
    """Normalised words, sentence by sentence. Never raises: anything that is not text is empty."""
    if not isinstance(text, str) or not text:
        return []
    text = _emoji_as_words(text[:MAX_CHARACTERS])
    text = unicodedata.normalize("NFKC", _drop_invisible(text)).casefold()
    text = _APOSTROPHES.sub("", text)
    text = _ARABIC_MARKS.sub("", text).translate(_ARABIC_LETTERS)
    text = _strip_accents(text)
    found = []
    for part in _SENTENCE_END.split(text):
        words = [normalise_word(w) for w in _WORD.findall(part)]
        if words:
            found.append(words)
    return found


def normalise(text: object) -> str:
    """The text as one string: words separated by spaces, sentences by " | "."""
    return " | ".join(" ".join(words) for words in sentences(text))
