"""The lexicon: its file format, matching on stems, groups, gaps, ignores and councils' terms."""

from __future__ import annotations

import pytest

from intake.safeguarding import lexicon
from intake.safeguarding.categories import CATEGORIES
from intake.safeguarding.detector import _term_matches, _with_forms
from intake.safeguarding.normalise import sentences
from intake.safeguarding.spelling import Speller


def matches(text: str, source: str, language: str = "en") -> list[tuple[str, str, str | None]]:
    found = lexicon.Lexicon(lexicon.parse(source, language))
    words = sentences(text)
    prepared = _with_forms(words, Speller(found.vocabulary))
    return [(m.term.category, m.term.text, why) for m, why in _term_matches(words, prepared, found)]


def test_one_entry_covers_the_forms_of_its_words():
    source = "physical_abuse: hit me"
    for text in ("he hits me", "she hit me", "they keep hitting me"):
        assert matches(text, source) == [("physical_abuse", "hit me", None)], text


def test_a_prefix_matches_words_that_start_so():
    assert matches("self harming again", "self_harm: self harm*")
    assert not matches("self help", "self_harm: self harm*")


def test_a_gap_allows_three_words_between():
    source = "physical_abuse: beat .. me"
    assert matches("he beat the hell out of me", source) == []  # four words between
    assert matches("he beat hell out of me", source)


def test_an_exact_word_is_not_stemmed():
    source = "criminal_exploitation: =olders"
    assert matches("the olders make me", source)
    assert not matches("the older kids", source)


def test_groups_stand_for_any_of_their_words():
    source = "@hurt = hit* punch* kick*\n@me = me us\nphysical_abuse: @hurt .. @me"
    for text in ("he punched me", "they kick us", "she hit my brother and me"):
        assert matches(text, source), text
    assert not matches("he kicked the ball", source)


def test_an_ignored_phrase_hides_the_terms_inside_it():
    source = "ignore: hit me up\nphysical_abuse: hit me"
    assert matches("hit me up later", source) == []
    assert matches("hit me up later. he hit me", source) == [("physical_abuse", "hit me", None)]


def test_a_soft_term_is_always_weak():
    assert matches("he will kill me", "threats?: kill me") == [("threats", "kill me", "figurative")]


def test_misspelt_words_are_read_as_the_lexicons_words():
    assert matches("my stepdad hitts me", "physical_abuse: hit* me")
    assert matches("im sucidal", "self_harm: suicidal")


@pytest.mark.parametrize("bad", [
    "physical_abus: hit me",          # a typo in a category would switch terms off
    "physical_abuse hit me",
    "physical_abuse: .. me",
    "physical_abuse: hit ..",
    "physical_abuse: @nothing me",
])
def test_a_bad_line_fails_loudly_naming_the_line(bad):
    with pytest.raises(ValueError, match="<lexicon>:1"):
        lexicon.parse(bad, "en")


def test_every_shipped_lexicon_loads_and_covers_every_category():
    for code in lexicon.languages():
        terms = lexicon.load(code)
        covered = {t.category for t in terms}
        missing = set(CATEGORIES) - covered
        assert not missing, f"lexicon/{code}.txt has no terms for {sorted(missing)}"


def test_the_service_has_a_lexicon_for_each_of_its_languages():
    from intake.languages import CODES
    assert set(CODES) <= set(lexicon.languages())


def test_a_council_adds_its_own_terms_without_code(tmp_path, monkeypatch):
    from intake.safeguarding import detect
    local = tmp_path / "local-terms.txt"
    local.write_text("criminal_exploitation: =zorblers\n", encoding="utf-8")
    text = "the zorblers were outside the chippy again"
    assert not [s for s in detect(text).signals if s.how == "term"]
    monkeypatch.setenv("INTAKE_SAFEGUARDING_TERMS", str(local))
    terms = [s for s in detect(text).signals if s.how == "term"]
    assert [(s.category, s.language) for s in terms] == [("criminal_exploitation", "*")]


def test_a_councils_broken_terms_file_stops_the_service_at_start_up_naming_the_line(tmp_path):
    from intake.settings_check import ConfigError, _check_local_terms
    bad = tmp_path / "terms.txt"
    bad.write_text("gangs: the zorblers\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="INTAKE_SAFEGUARDING_TERMS: .*terms.txt:1"):
        _check_local_terms(str(bad))
    with pytest.raises(ConfigError, match="cannot read"):
        _check_local_terms(str(tmp_path / "missing.txt"))


def test_a_terms_file_broken_after_start_up_falls_back_to_the_built_in_lexicons(tmp_path):
    from intake.safeguarding import detect
    bad = tmp_path / "terms.txt"
    bad.write_text("gangs: the zorblers\n", encoding="utf-8")
    assert detect("my stepdad hits me", local_file=str(bad)).categories == ("physical_abuse",)
