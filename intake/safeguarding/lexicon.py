"""Terms per category and language, matched on stems: the detector's second layer.

A lexicon is a plain text file, ``lexicon/<language>.txt``, that people who know how children
write in a language can keep without touching code. Each line is ``category<TAB or :>term``;
``#`` starts a comment. In a term:

- each word is reduced to its stem with the language's reducer (``morphology``), so
  "hit me" also finds "hits me" and "hitting me";
- ``word*`` matches any word that starts with ``word`` (for slang and spellings stems miss);
- ``..`` lets up to three other words stand between its neighbours ("beat .. me" finds
  "beat the hell out of me");
- ``=word`` matches that word only as written, not its other forms ("=olders" is slang for
  older gang members; "older" is not).

A line ``@name = word word* ...`` defines a group of words; ``@name`` in a later term
stands for any of them ("@hurt .. @me" is every hurting word followed by "me", "us"...).

A category written with a ``?`` (``threats?: kill me``) marks a *soft* term: one often used
figuratively ("this meeting is gonna kill me"), which counts only when the classifier also
reads the text as a disclosure, like a negated term.

The category ``ignore`` lists harmless phrases that contain a term ("hit me up", "dying to
see"): where one matches, terms inside it do not count.

A council adds its own terms (local slang, gang or place names) in a file of the same shape
named by ``INTAKE_SAFEGUARDING_TERMS`` or the council file; those are read for every language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from intake.safeguarding.categories import CATEGORIES, IGNORE
from intake.safeguarding.morphology import stem
from intake.safeguarding.normalise import normalise_word, sentences

GAP = ".."
MAX_GAP = 3
_LINE = re.compile(r"^([a-z_]+)(\??)\s*[\t:]\s*(\S.*)$")
_GROUP = re.compile(r"^@([a-z_]+)\s*=\s*(\S.*)$")


@dataclass(frozen=True)
class Step:
    """One word of a term: the forms it accepts, the prefixes it accepts, and how many other
    words may stand before it (after the previous step)."""

    forms: frozenset[str]
    prefixes: tuple[str, ...]
    gap: int = 0
    weight: int = 0  # how distinctive: the length of its shortest surface form or prefix

    def accepts(self, word: str, word_forms: frozenset[str]) -> bool:
        return not self.forms.isdisjoint(word_forms) or word.startswith(self.prefixes)


@dataclass(frozen=True)
class Term:
    """One lexicon entry, compiled: a sequence of word matchers."""

    category: str
    language: str
    text: str  # as written in the file, for explanations
    soft: bool  # counts only with the classifier's support
    steps: tuple[Step, ...]


@dataclass(frozen=True)
class Match:
    term: Term
    sentence: int
    start: int
    end: int  # exclusive


@lru_cache(maxsize=None)
def _words_of(piece: str) -> tuple[str, ...]:
    """A written piece's words, normalised like the text (the same pieces recur a lot)."""
    return tuple(w for s in sentences(piece) for w in s)


@lru_cache(maxsize=None)
def _word_step(word: str, language: str, *, prefix: bool, exact: bool) -> tuple[set, set]:
    """(forms, prefixes) for one written word."""
    if prefix:
        return set(), {normalise_word(word)}
    accepted = {word}
    if language != "*" and not exact:
        accepted.add(f"{language}:{stem(word, language)}")
    return accepted, set()


def _pieces(piece: str, language: str, groups: dict[str, tuple[set, set]]):
    """The steps one written piece stands for: a group, or one or more words."""
    if piece.startswith("@"):
        if piece[1:] not in groups:
            raise KeyError(piece)
        return [groups[piece[1:]]]
    return _word_pieces(piece, language)


@lru_cache(maxsize=None)
def _word_pieces(piece: str, language: str):
    prefix = piece.endswith("*") and len(piece) > 1
    exact = piece.startswith("=")
    words = _words_of(piece.rstrip("*").lstrip("="))
    return [_word_step(w, language, prefix=prefix and n == len(words) - 1, exact=exact)
            for n, w in enumerate(words)]


@lru_cache(maxsize=None)
def _step(forms: frozenset[str], prefixes: tuple[str, ...], gap: int) -> Step:
    """One step, made once for every term that has it (the same words recur a lot)."""
    surface = [f for f in forms if ":" not in f] + list(prefixes)
    return Step(forms, prefixes, gap, min((len(f) for f in surface), default=0))


def parse(text: str, language: str, source: str = "<lexicon>") -> tuple[Term, ...]:
    """Parse a lexicon file; raise ValueError naming the line on a bad one.

    A typo in a category would silently switch terms off, so it fails loudly (a test loads
    every file, and the app checks a council's file at start-up).
    """
    terms: list[Term] = []
    groups: dict[str, tuple[set, set]] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        group = _GROUP.match(line)
        if group:
            forms_, prefixes = set(), set()
            try:
                for piece in group.group(2).split():
                    for f, p in _pieces(piece, language, groups):
                        forms_ = forms_ | f
                        prefixes = prefixes | p
            except KeyError as missing:
                raise ValueError(f"{source}:{number}: unknown group {missing}") from None
            groups[group.group(1)] = (forms_, prefixes)
            continue
        match = _LINE.match(line)
        if not match:
            raise ValueError(f"{source}:{number}: expected 'category<TAB or :>term'")
        category, soft, written = match.group(1), bool(match.group(2)), match.group(3).strip()
        if category not in CATEGORIES and category != IGNORE:
            raise ValueError(f"{source}:{number}: unknown category {category!r}")
        steps, gap = [], 0
        try:
            for piece in written.split():
                if piece == GAP:
                    gap = MAX_GAP
                    continue
                for f, p in _pieces(piece, language, groups):
                    steps.append(_step(frozenset(f), tuple(sorted(p)), gap))
                    gap = 0
        except KeyError as missing:
            raise ValueError(f"{source}:{number}: unknown group {missing}") from None
        if not steps or steps[0].gap or gap:
            raise ValueError(f"{source}:{number}: a term needs words, and '..' only between them")
        terms.append(Term(category, language, written, soft, tuple(steps)))
    return tuple(terms)


def _anchor(term: Term) -> int:
    """The step a term is looked up by: its most distinctive word (the longest shortest form),
    so that "hit me" is found from "hit", not from every "me" in the text."""
    return max(range(len(term.steps)), key=lambda n: (term.steps[n].weight, -n))


class Lexicon:
    """Every language's terms in one index, looked up by the forms of each word of the text."""

    def __init__(self, terms: tuple[Term, ...]):
        self.terms = terms
        self._by_form: dict[str, list[tuple[Term, int]]] = {}
        self._by_prefix: dict[str, list[tuple[Term, int]]] = {}
        for term in terms:
            anchor = _anchor(term)
            step = term.steps[anchor]
            for form in step.forms:
                self._by_form.setdefault(form, []).append((term, anchor))
            for prefix in step.prefixes:
                self._by_prefix.setdefault(prefix, []).append((term, anchor))
        self._prefix_lengths = sorted({len(p) for p in self._by_prefix})
        self._cache: dict[str, tuple] = {}
        self.vocabulary = frozenset(
            form for term in terms for step in term.steps for form in step.forms
            if ":" not in form)

    def _anchored_at(self, word: str, word_forms: frozenset[str]):
        """The terms whose anchor accepts this word (kept per word: words recur)."""
        cached = self._cache.get(word)
        if cached is None or cached[0] is not word_forms:
            cached = (word_forms, tuple(self._look_up(word, word_forms)))
            if len(self._cache) > 30_000:
                self._cache.clear()
            self._cache[word] = cached
        return cached[1]

    def _look_up(self, word: str, word_forms: frozenset[str]):
        found = {}
        for form in word_forms:
            for entry in self._by_form.get(form, ()):
                found[id(entry[0])] = entry
        for length in self._prefix_lengths:
            if length > len(word):
                break
            for entry in self._by_prefix.get(word[:length], ()):
                found[id(entry[0])] = entry
        return found.values()

    def find(self, text_sentences: list[list[tuple[str, frozenset[str]]]]) -> list[Match]:
        """Every match of every term, in every sentence (words given with their forms)."""
        found = []
        for s, words in enumerate(text_sentences):
            for i, (word, word_forms) in enumerate(words):
                for term, anchor in self._anchored_at(word, word_forms):
                    start = _match_before(term, anchor, words, i)
                    if start is None:
                        continue
                    end = _match_after(term, anchor, words, i + 1)
                    if end is not None:
                        found.append(Match(term, s, start, end))
        return found


def _match_after(term: Term, anchor: int, words, position: int) -> int | None:
    """Where the term ends if its steps after the anchor match from ``position``."""
    for step in term.steps[anchor + 1:]:
        for offset in range(step.gap + 1):
            at = position + offset
            if at >= len(words):
                return None
            word, word_forms = words[at]
            if step.accepts(word, word_forms):
                position = at + 1
                break
        else:
            return None
    return position


def _match_before(term: Term, anchor: int, words, position: int) -> int | None:
    """Where the term starts if its steps before the anchor (at ``position``) match."""
    for n in range(anchor - 1, -1, -1):
        step, gap = term.steps[n], term.steps[n + 1].gap
        for offset in range(gap + 1):
            at = position - 1 - offset
            if at < 0:
                return None
            word, word_forms = words[at]
            if step.accepts(word, word_forms):
                position = at
                break
        else:
            return None
    return position


@lru_cache(maxsize=1)
def languages() -> tuple[str, ...]:
    """The languages that have a lexicon file."""
    folder = resources.files(__package__).joinpath("lexicon")
    return tuple(sorted(p.name[:-4] for p in folder.iterdir() if p.name.endswith(".txt")))


@lru_cache(maxsize=None)
def load(language: str) -> tuple[Term, ...]:
    path = resources.files(__package__).joinpath("lexicon", f"{language}.txt")
    if not path.is_file():
        return ()
    return parse(path.read_text(encoding="utf-8"), language, source=f"lexicon/{language}.txt")


def load_local(path: str | Path) -> tuple[Term, ...]:
    """A council's own terms: read for every language, matched on the words as written."""
    path = Path(path)
    return parse(path.read_text(encoding="utf-8"), "*", source=str(path))


@lru_cache(maxsize=8)
def lexicon(local_file: str | None = None) -> Lexicon:
    terms = tuple(t for code in languages() for t in load(code))
    if local_file:
        terms += load_local(local_file)
    return Lexicon(terms)


def reset() -> None:
    """Forget loaded lexicons (tests, and a council file changed at run time)."""
    load.cache_clear()
    languages.cache_clear()
    lexicon.cache_clear()
