"""A term negated, hypothetical or joking is weak; a plain one is not."""

from __future__ import annotations

import pytest

from intake.safeguarding.context import weakened
from intake.safeguarding.normalise import sentences


def why(text: str, term_start_word: str):
    words = sentences(text)[0]
    return weakened(words, words.index(term_start_word))


@pytest.mark.parametrize(("text", "start", "reason"), [
    ("nobody hits me here", "hits", "negated"),
    ("he has never hit me", "hit", "negated"),
    ("nikt mnie nie bije", "bije", "negated"),
    ("what if someone hit me", "hit", "hypothetical"),
    ("my mum will kill me lol", "kill", "joking"),
    ("he hits me", "hits", None),
    ("my stepdad hit me and i never told anyone", "hit", None),  # the negation comes after
])
def test_why_a_term_is_weak(text, start, reason):
    assert why(text, start) == reason


@pytest.mark.parametrize(("text", "start", "language", "reason"), [
    ("mă gândesc cum să mor", "mor", "ro", None),     # Romanian "mă" is not Somali "ma"
    ("ma bije codziennie", "bije", "pl", None),        # Polish "ma" ("has") is not a negation
    ("nu mă bate nimeni", "bate", "ro", "negated"),
    ("ma i garaacaan", "garaacaan", "so", "negated"),
    ("ma bije codziennie", "bije", "*", "negated"),    # a council's own term: every language's cues
])
def test_a_term_is_read_with_the_cues_of_its_own_language(text, start, language, reason):
    words = sentences(text)[0]
    assert weakened(words, words.index(start), language) == reason
