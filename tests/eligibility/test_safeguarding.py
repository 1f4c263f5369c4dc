"""Safeguarding signals in free text: how children actually write, without false alarms."""

from importlib import resources

import pytest

from intake.eligibility import safeguarding
from intake.eligibility.safeguarding import (
    CATEGORIES,
    load_signals,
    normalise,
    parse_signals,
    safeguarding_signals,
)


@pytest.mark.parametrize(
    "text, category",
    [
        ("My foster dad hits me when he is angry", "physical_harm"),
        ("he hit me with a belt", "physical_harm"),
        ("she beats me", "physical_harm"),
        ("he beat me at home", "physical_harm"),
        ("I got a black eye", "physical_harm"),
        ("a man at the home touched me", "sexual_harm"),
        ("he keeps asking for nudes", "sexual_harm"),
        ("I want to kill myself", "self_harm"),
        ("sometimes i want to die", "self_harm"),
        ("I cut myself last night", "self_harm"),
        ("I have been self-harming, I self harm", "self_harm"),
        ("I ran away on Friday", "missing"),
        ("I'm going to run away", "missing"),
        ("she went missing for 3 days", "missing"),
        ("the older boys make me hold stuff", "exploitation"),
        ("they want me to sell drugs for them", "exploitation"),
        ("county lines", "exploitation"),
        ("I am not safe", "unsafe_now"),
        ("I'm scared to go home", "unsafe_now"),
        ("there is no food in the house", "neglect"),
        ("they locked me in my room", "neglect"),
        ("I was locked in", "neglect"),
        ("the staff hurt my arm", "harm_by_carer"),
        ("my carer hits me", "harm_by_carer"),
    ],
)
def test_finds_signals_the_way_young_people_write_them(text, category):
    assert category in safeguarding_signals(text)


@pytest.mark.parametrize(
    "text",
    [
        "I want to hit the target for my GCSEs",
        "ghits meh",
        "my social worker never visits me",
        "I miss my brother and sister",
        "please hit me up on snapchat",
        "It hit me that I would never go back",
        "I want more pocket money",
        "they cut my pocket money",
        "the food is not very nice",
        "I'm missing my mum",
        "she is safe",
        "",
        "   ",
    ],
)
def test_ordinary_complaints_raise_no_signal(text):
    assert safeguarding_signals(text) == ()


@pytest.mark.parametrize(
    "text",
    ["I dont feel safe", "I don't feel safe", "I don\u2019t feel safe", "I don\u02bct feel safe",
     "I DON'T FEEL SAFE", "i   don't\tfeel   safe"],
)
def test_apostrophes_case_and_spaces_do_not_matter(text):
    assert safeguarding_signals(text) == ("unsafe_now",)


def test_apostrophe_in_the_phrase_list_is_optional_in_the_text():
    assert safeguarding_signals("he said I didnt come home") == ("missing",)
    assert safeguarding_signals("he said I didn't come home") == ("missing",)


def test_a_phrase_can_run_across_a_line_break():
    assert safeguarding_signals("Last night I cut\nmyself again") == ("self_harm",)
    assert safeguarding_signals("I want to\r\n\r\ndie") == ("self_harm",)


def test_a_phrase_does_not_run_across_sentences():
    assert safeguarding_signals("I asked what to cut. Myself I thought it was fine.") == ()


def test_unicode_is_normalised():
    # Full-width letters and a ligature-free NFKC form match like plain ASCII.
    assert safeguarding_signals("\uff48\uff49\uff54\uff53 me") == ("physical_harm",)
    assert safeguarding_signals("KILL MYSELF") == ("self_harm",)


def test_signals_are_sorted_and_distinct():
    text = "He hits me and beats me. I want to die and I ran away. There is no food."
    assert safeguarding_signals(text) == ("missing", "neglect", "physical_harm", "self_harm")


def test_an_ignored_phrase_does_not_hide_a_real_one_later():
    assert safeguarding_signals("hit me up hit me up") == ()
    assert safeguarding_signals("hit me up later. he hit me") == ("physical_harm",)


def test_unknown_language_falls_back_to_english():
    assert safeguarding_signals("he hit me", language="xx") == ("physical_harm",)
    assert safeguarding_signals("he hit me", language="en-GB") == ("physical_harm",)
    assert safeguarding_signals("he hit me", language="../../etc/passwd") == ("physical_harm",)
    assert safeguarding_signals("he hit me", language=None) == ("physical_harm",)


def test_english_is_checked_alongside_another_language(monkeypatch):
    welsh = parse_signals("physical_harm: mae'n fy nharo i")
    real = safeguarding.load_signals

    def fake(language):
        return welsh if language == "cy" else real(language)

    monkeypatch.setattr(safeguarding, "load_signals", fake)
    assert safeguarding_signals("mae'n fy nharo i", language="cy") == ("physical_harm",)
    assert safeguarding_signals("I ran away", language="cy") == ("missing",)


def test_normalise():
    assert normalise("  I DON\u2019T\n feel-safe!! Help ") == "i dont feel safe | help"


@pytest.mark.parametrize(
    "line",
    ["physical_harm\thits me", "physical_harm: hits me", "physical_harm :  hits me"],
)
def test_tab_or_colon_separates_category_and_phrase(line):
    assert parse_signals(line) == (("physical_harm", "hits me"),)


def test_comments_and_blank_lines_are_skipped():
    assert parse_signals("# a comment\n\n  \nneglect: no food\n") == (("neglect", "no food"),)


@pytest.mark.parametrize("bad", ["physcal_harm: hits me", "just a phrase", "neglect: !!!"])
def test_a_bad_line_fails_loudly(bad):
    with pytest.raises(ValueError):
        parse_signals(bad)


def test_every_signals_file_loads_and_the_english_one_covers_each_category():
    folder = resources.files("intake.eligibility").joinpath("signals")
    languages = [p.name[:-4] for p in folder.iterdir() if p.name.endswith(".txt")]
    assert "en" in languages
    for language in languages:
        assert load_signals(language)
    english = load_signals("en")
    for category in CATEGORIES:
        phrases = [p for c, p in english if c == category]
        assert len(phrases) >= 10, category
        assert len(set(phrases)) == len(phrases), f"duplicate phrase in {category}"


def test_loading_is_cached():
    assert load_signals("en") is load_signals("en")


@pytest.mark.parametrize("text", [
    "my carer locks me in my room", "they lock me out at night", "I am scared of my foster dad",
    "I do not feel safe at home", "I do not feel safe where I live",
])
def test_everyday_ways_of_saying_it_are_caught(text):
    assert safeguarding_signals(text)


def test_arabic_script_is_matched_however_it_was_typed():
    from intake.eligibility.safeguarding import normalise
    # vowel marks, tatweel, the half-space and Arabic/Persian letter forms do not matter
    assert normalise("يَضْرِبُنِي") == normalise("یضربنی")
    assert normalise("می\u200cزنه") == normalise("میزنه")
    assert normalise("كـتك") == normalise("کتک")
    # the Urdu full stop and the Arabic question mark end a sentence
    assert " | " in normalise("ایک۔ دو") and " | " in normalise("واحد؟ اثنان")


def test_the_engine_reads_every_language_whatever_the_page_language():
    from intake.eligibility import assess
    from intake.eligibility.safeguarding import EVERY_LANGUAGE, languages
    assert "en" in languages()
    assert assess({"description": "my foster carer hits me"}).urgent
    assert EVERY_LANGUAGE == "*"


def _every_phrase_checked(text: str) -> tuple[str, ...]:
    """The plain way: every phrase of every list against the text (the reference)."""
    import re
    entries = tuple(e for code in safeguarding.languages() for e in safeguarding.load_signals(code))
    padded = f" {safeguarding.normalise(text)} "
    for category, phrase in entries:
        if category == safeguarding.IGNORE:
            padded = re.sub(rf"(?<= ){re.escape(phrase)}(?= )", "|", padded)
    return tuple(sorted({c for c, p in entries if c != safeguarding.IGNORE and f" {p} " in padded}))


def test_looking_up_phrases_by_their_first_word_finds_exactly_what_checking_every_phrase_finds():
    import random
    rng = random.Random(2026)
    entries = [e for code in safeguarding.languages() for e in safeguarding.load_signals(code)]
    filler = ["my", "foster", "carer", "said", "the", "school", "and", "not", "never", "I", "was"]
    found_any = 0
    for _ in range(400):
        words = []
        for _ in range(rng.randint(1, 12)):
            words.append(rng.choice(entries)[1] if rng.random() < 0.3 else rng.choice(filler))
        text = " ".join(words)
        expected = _every_phrase_checked(text)
        assert safeguarding.safeguarding_signals(text, safeguarding.EVERY_LANGUAGE) == expected, text
        found_any += bool(expected)
    assert found_any > 100  # the texts did carry signals, so the comparison means something
