"""The detector as the channels use it: what it finds, how it explains, and that it never fails."""

from __future__ import annotations

import time

import pytest

from intake.safeguarding import Detection, detect, signals
from intake.safeguarding.categories import CATEGORIES, LABELS


@pytest.mark.parametrize(("text", "category"), [
    ("my step dad hits me when mum is at work", "physical_abuse"),
    ("staff restrained me face down and it really hurt my wrist", "physical_abuse"),
    ("i keep getting locked in my room at night", "physical_abuse"),
    ("he touched me down there and said its our secret", "sexual_abuse"),
    ("i dont want to be here anymore", "self_harm"),
    ("started cutting again after contact got cancelled", "self_harm"),
    ("i took a load of paracetamol last night but im fine now", "self_harm"),
    ("they got me going country and now i owe them", "criminal_exploitation"),
    ("a man on snap keeps asking me for pics", "sexual_exploitation"),
    ("they took my passport and i work at the car wash for no money", "trafficking"),
    ("im sleeping rough since i left care", "homelessness"),
    ("my aunties keep talking about getting me cut when we go home", "fgm"),
    ("dad says i have to marry my cousin this summer", "forced_marriage"),
    ("my dads boyfriend hit my mum again and the police came", "domestic_abuse"),
    ("bije mnie ojczym", "physical_abuse"),
])
def test_finds_disclosures_as_young_people_write_them(text, category):
    assert category in detect(text).categories


@pytest.mark.parametrize("text", [
    "hit me up when the meeting is sorted",
    "my social worker is late again, it's killing me",
    "nobody hurts me here, i just want a new social worker",
    "the rules here are so strict it's unfair",
    "",
])
def test_ordinary_complaints_and_idioms_are_not_disclosures(text):
    assert not detect(text)


def test_each_signal_says_its_category_and_why():
    found = detect("my foster carer hits me")
    assert isinstance(found, Detection) and found
    signal = found.signals[0]
    assert signal.category in CATEGORIES and signal.category in LABELS
    assert signal.how == "term" and signal.evidence and signal.language == "en"
    assert signal.as_dict()["category"] == signal.category
    assert signals("my foster carer hits me") == found.categories


def test_a_model_signal_gives_its_probability():
    found = detect("every night he comes in and i pretend to be asleep and just wait for it to be over")
    model = [s for s in found.signals if s.how == "model"]
    if model:  # the lexicon may have caught it first; then there is nothing to check here
        assert 0.0 <= float(model[0].evidence) <= 1.0


@pytest.mark.parametrize("odd", [
    None, "", " ", 0, object(), "\x00" * 100, "\u202e" * 50 + "hits me",
    "he\u200b hits\u200d me", "a" * 20_000, ("hit me " * 3000), "مرحبا hello ሰላም привіт hits me",
    "\ud83d", "\U0001f52a" * 300, "<script>alert(1)</script>", "%s %d {0}",
])
def test_any_text_gives_a_result_never_an_error(odd):
    assert isinstance(detect(odd), Detection)


def test_a_long_text_is_read_quickly():
    text = ("my social worker never rings back and the placement is too far from school " * 13)[:1000]
    detect(text)
    started = time.perf_counter()
    for _ in range(20):
        detect(text + str(_))
    # The benchmark (bench/safeguarding.py) measures p95 properly; this only catches a
    # regression of an order of magnitude.
    assert (time.perf_counter() - started) / 20 < 0.05


def test_a_council_can_choose_fewer_false_alarms_at_the_cost_of_recall(monkeypatch):
    text = "Family time with my son has been cancelled three times this month with no reason given."
    probability = detect(text).probability
    monkeypatch.setenv("INTAKE_SAFEGUARDING_THRESHOLD", f"{min(0.99, probability + 0.05):.2f}")
    assert not [s for s in detect(text).signals if s.how == "model"]
    monkeypatch.setenv("INTAKE_SAFEGUARDING_THRESHOLD", "nonsense")  # refused at start-up; ignored here
    assert detect("my stepdad hits me").categories == ("physical_abuse",)


def test_a_bad_threshold_stops_the_service_at_start_up():
    from intake.settings_check import ConfigError, _check_threshold
    for bad in ("0", "1", "1.5", "-0.2", "half"):
        with pytest.raises(ConfigError, match="INTAKE_SAFEGUARDING_THRESHOLD"):
            _check_threshold(bad)
    _check_threshold("0.5")
