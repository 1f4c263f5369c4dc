"""The detector: the layers put together, and what it returns."""

from __future__ import annotations

import logging
import os
import threading
from dataclasses import dataclass, field
from functools import lru_cache

from intake.safeguarding import classifier, context, language, lexicon
from intake.safeguarding.categories import IGNORE
from intake.safeguarding.morphology import forms
from intake.safeguarding.normalise import sentences
from intake.safeguarding.spelling import Speller

#: A council's own terms (see lexicon.py); read for every language.
LOCAL_TERMS_VARIABLE = "INTAKE_SAFEGUARDING_TERMS"
#: A council's own operating point for the classifier (0 to 1), instead of the trained one:
#: higher means fewer false alarms and more missed disclosures (docs/safeguarding.md).
THRESHOLD_VARIABLE = "INTAKE_SAFEGUARDING_THRESHOLD"
#: Below this many words the classifier has too little to read ("14", "yes", a name, "after
#: 4pm on weekdays"): the lexicon alone decides ("kms", "help me", "hit me" are terms).
MODEL_MIN_WORDS = 5
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Signal:
    """One reason to think the writer may not be safe, for staff to read."""

    category: str
    how: str            # "term" (a lexicon entry) or "model" (the classifier)
    evidence: str       # the term as written in the lexicon, or the model's probability
    language: str = ""  # the lexicon's language, for a term
    tentative: bool = False  # negated, hypothetical or joking: help is worded gently

    def as_dict(self) -> dict:
        return {"category": self.category, "how": self.how, "evidence": self.evidence,
                "language": self.language, "tentative": self.tentative}


@dataclass(frozen=True)
class Detection:
    signals: tuple[Signal, ...] = ()
    probability: float = 0.0
    languages: tuple[str, ...] = field(default=())

    @property
    def categories(self) -> tuple[str, ...]:
        return tuple(sorted({s.category for s in self.signals}))

    @property
    def tentative(self) -> bool:
        """Every signal is uncertain (so the help should be worded gently, never hidden)."""
        return bool(self.signals) and all(s.tentative for s in self.signals)

    def __bool__(self) -> bool:
        return bool(self.signals)


#: Held while the lexicons and the model are looked up (loaded once, about 2 s and 200 MB):
#: without it, every thread that reads a text before the first load ends loads its own copy.
_LOADING = threading.Lock()


@lru_cache(maxsize=4)
def _resources(local_file: str | None):
    try:
        found = lexicon.lexicon(local_file)
    except (OSError, ValueError, UnicodeDecodeError):
        # Checked at start-up (settings_check); if the file broke since, the built-in
        # lexicons still run rather than no detection at all.
        log.exception("the council's safeguarding terms could not be read; using the built-in ones")
        found = lexicon.lexicon(None)
    return found, Speller(found.vocabulary)


def _thresholds(model) -> tuple[float, float]:
    """(threshold, weak threshold): the council's, if it set one, else the trained ones."""
    if model is None:
        return 1.0, 1.0
    try:
        chosen = float(os.environ.get(THRESHOLD_VARIABLE) or "nan")
    except ValueError:
        chosen = float("nan")
    if not 0.0 < chosen < 1.0:  # unset or out of range (start-up refuses a bad value)
        return model.threshold, model.weak_threshold
    return chosen, chosen * model.weak_threshold / model.threshold


def _local_file() -> str | None:
    return os.environ.get(LOCAL_TERMS_VARIABLE) or None


def _with_forms(text_sentences: list[list[str]], speller: Speller):
    """Each word with its forms (stems per language) and the lexicon words it may be a
    misspelling of. Every sentence is spell-checked, whatever language it was identified as:
    English words and misspellings turn up in every language's messages."""
    prepared = []
    for words in text_sentences:
        row = []
        for word in words:
            word_forms = forms(word)
            for corrected in speller.corrections(word):
                word_forms = word_forms | forms(corrected)
            row.append((word, word_forms))
        prepared.append(row)
    return prepared


def prepare(text_sentences, speller):
    """(each sentence's identified languages, the words with their forms)."""
    identified = [language.identify(words) for words in text_sentences]
    return identified, _with_forms(text_sentences, speller)


def _term_matches(text_sentences, prepared, found_lexicon, identified=None):
    """Matches outside any ``ignore`` phrase, each with why it is weak (or None)."""
    matches = found_lexicon.find(prepared)
    ignored = {(m.sentence, i) for m in matches if m.term.category == IGNORE
               for i in range(m.start, m.end)}
    kept = []
    for m in matches:
        if m.term.category == IGNORE or (m.sentence, m.start) in ignored:
            continue
        why = context.weakened(text_sentences[m.sentence], m.start, m.term.language,
                               identified[m.sentence] if identified else ())
        kept.append((m, why or ("figurative" if m.term.soft else None)))
    return kept


def detect(text: object, *, local_file: str | None = None) -> Detection:
    """Read ``text`` (any language, any length, anything at all) and say what it suggests."""
    text_sentences = sentences(text)
    if not text_sentences:
        return Detection()
    with _LOADING:  # the first texts in a threaded server wait for one load, not make six
        found_lexicon, speller = _resources(local_file if local_file is not None else _local_file())
        model = classifier.shipped()
    identified, prepared = prepare(text_sentences, speller)
    if sum(len(words) for words in text_sentences) < MODEL_MIN_WORDS:
        model = None
    read = model.vector(text_sentences) if model else None
    probability = model.probability(text_sentences, read) if model else 0.0
    threshold, weak_threshold = _thresholds(model)
    signals: dict[tuple[str, bool], Signal] = {}
    for match, weak in _term_matches(text_sentences, prepared, found_lexicon, identified):
        if weak and (model is None or probability < weak_threshold):
            continue
        signal = Signal(match.term.category, "term", match.term.text, match.term.language,
                        tentative=bool(weak))
        key = (signal.category, signal.tentative)
        signals.setdefault(key, signal)
    if model and probability >= threshold and not any(
            not s.tentative for s in signals.values()):
        # No term said plainly: the classifier's reading is the signal, in the kind of harm
        # it finds likeliest.
        category = model.category(text_sentences, read)
        signals.setdefault((category, False),
                           Signal(category, "model", f"{probability:.2f}"))
    # A category found plainly needs no tentative copy.
    chosen = [s for (category, tentative), s in signals.items()
              if not (tentative and (category, False) in signals)]
    seen = []
    for codes in identified:
        for code in codes:
            if code not in seen:
                seen.append(code)
    return Detection(tuple(sorted(chosen, key=lambda s: (s.category, s.tentative))),
                     round(probability, 4), tuple(seen))


def signals(text: object) -> tuple[str, ...]:
    """The sorted, distinct categories found in ``text`` (what the case records)."""
    return detect(text).categories
