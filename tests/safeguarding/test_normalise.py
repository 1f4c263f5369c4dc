"""Normalisation: typed text made comparable, and never an error whatever comes in."""

from __future__ import annotations

import pytest

from intake.safeguarding.normalise import MAX_CHARACTERS, normalise, sentences


@pytest.mark.parametrize(("typed", "read"), [
    ("He HIT me", "he hit me"),
    ("don\u2019t", "dont"),
    ("sooooo scared", "so scared"),
    ("hurtttt", "hurt"),
    ("zgwałcił mnie", "zgwalcil mnie"),
    ("Tôi bị đánh", "toi bi danh"),
    ("h1ts me", "hits me"),
    ("r4pe", "rape"),
    ("k\u0456ll myself", "kill myself"),          # a Cyrillic і inside a Latin word
    ("\uff48\uff49\uff54\uff53 me", "hits me"),     # full-width letters
    ("kill\u200bmyself", "killmyself"),             # a zero-width space is not a space
    ("hit\u202eme", "hitme"),                       # a bidi override goes
    ("\u0645\u064e\u0631\u064e\u0628\u0640\u0640\u0627", "\u0645\u0631\u0628\u0627"),  # marks, tatweel
])
def test_words_are_read_the_same_however_they_are_typed(typed, read):
    assert normalise(typed) == read


def test_emoji_become_words_the_lexicon_can_name():
    assert normalise("he hurt me \U0001f52a") == "he hurt me emoji_kitchen_knife"


def test_sentences_are_kept_apart():
    assert sentences("I cut it. Myself I think\nfine") == [["i", "cut", "it"], ["myself", "i", "think"], ["fine"]]


def test_digits_alone_are_kept_as_digits():
    assert normalise("I am 14, born 2011") == "i am 14 born 2011"


@pytest.mark.parametrize("odd", [
    None, "", "   ", 42, b"bytes", ["a"], "\x00\x01\x02", "\u202e\u200f\u200e", "\ud800",
    "a" * 20_000, "مرحبا hello ሰላም привіт", "\U0001f600" * 500, "...!!!???", "\t\n\r",
])
def test_any_input_gives_a_result_and_never_an_error(odd):
    assert isinstance(normalise(odd), str)


def test_very_long_text_is_read_up_to_the_cap():
    words = sentences("hit " * (MAX_CHARACTERS // 2))
    assert sum(len(s) for s in words) <= MAX_CHARACTERS // 4 + 1
