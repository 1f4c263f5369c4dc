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
