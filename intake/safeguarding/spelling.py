"""Misspellings of the lexicon's words: "hitts", "sucidal", "stepdda", "touchd".

A word the English dictionary does not know (pyspellchecker's word list) and that is one
edit away from a word of the lexicon is also read as that word. Only the lexicon's own words
are candidates, so an ordinary word is never "corrected" into an alarming one, and the
look-up is a symmetric-delete index (as SymSpell does): a handful of dictionary look-ups per
unknown word, whatever the size of the lexicon.
"""

from __future__ import annotations

from functools import lru_cache

MIN_LENGTH = 5  # shorter words are too often another language's own words ("mele", "nist")


@lru_cache(maxsize=1)
def _dictionary():
    from spellchecker import SpellChecker
    return SpellChecker(language="en", distance=1)


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1:] for i in range(len(word))}


class Speller:
    def __init__(self, vocabulary):
        self._index: dict[str, set[str]] = {}
        for word in vocabulary:
            if len(word) >= MIN_LENGTH and word.isascii() and word.isalpha():
                for key in _deletes(word) | {word}:
                    self._index.setdefault(key, set()).add(word)
        self._known = _dictionary().word_frequency.dictionary

    @lru_cache(maxsize=30_000)  # noqa: B019 - one Speller per loaded lexicon, kept for the process
    def corrections(self, word: str) -> frozenset[str]:
        """Lexicon words one edit away from an unknown word (empty for a known word)."""
        if len(word) < MIN_LENGTH or not word.isascii() or word in self._known:
            return frozenset()
        found = set()
        for key in _deletes(word) | {word}:
            found.update(self._index.get(key, ()))
        found.discard(word)
        return frozenset(w for w in found if _one_edit(word, w))


def _one_edit(a: str, b: str) -> bool:
    """Damerau-Levenshtein distance of at most one (a swap of neighbours counts as one)."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        return (len(diff) == 2 and diff[1] == diff[0] + 1
                and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    shorter, longer = (a, b) if len(a) < len(b) else (b, a)
    for i in range(len(longer)):
        if longer[:i] + longer[i + 1:] == shorter:
            return True
    return False
