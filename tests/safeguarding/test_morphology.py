"""One lexicon entry covers a word's forms: library stemmers, and small tested suffix rules."""

from __future__ import annotations

import pytest

from intake.safeguarding.morphology import forms, script, stem


@pytest.mark.parametrize(("language", "words"), [
    ("en", ["hit", "hits", "hitting"]),
    ("en", ["touch", "touches", "touched", "touching"]),
    ("pl", ["bije", "bijesz"]),
    ("ro", ["bătut", "bătută"]),
    ("uk", ["бити", "бити"]),
    ("uk", ["вітчим", "вітчима", "вітчимом"]),
    ("sq", ["babai", "babait", "baba"]),
    ("so", ["aabbahay", "aabbahayga"]),
    ("so", ["garaac", "garaacay", "garaacaa"]),
    ("ur", ["مارتا", "مارتی", "مارتے"]),
    ("ps", ["وهل", "وهلي"]),
    ("ckb", ["باوک", "باوکم"]),
    ("ti", ["ወቕዕ", "ይወቕዓኒ"]),
])
def test_forms_of_a_word_share_a_stem(language, words):
    from intake.safeguarding.normalise import normalise
    stems = {stem(normalise(w), language) for w in words}
    assert len(stems) == 1, stems


def test_a_short_word_is_not_cut_to_nothing():
    assert stem("ka", "so") == "ka"
    assert stem("ኒ", "ti") == "ን"  # one syllable: only its vowel goes


@pytest.mark.parametrize(("word", "expected"), [
    ("hello", "latin"), ("مرحبا", "arabic"), ("привіт", "cyrillic"), ("ሰላም", "ethiopic"),
    ("123", "latin"), ("漢字", "other"),
])
def test_scripts(word, expected):
    assert script(word) == expected


def test_a_word_carries_its_stem_in_each_language_of_its_script():
    found = forms("hitting")
    assert "hitting" in found and "en:hit" in found
    assert not any(f.startswith(("ar:", "uk:", "ti:")) for f in found)
