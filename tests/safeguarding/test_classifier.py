"""The classifier served without scikit-learn gives exactly what scikit-learn would."""

from __future__ import annotations

import pytest

from intake.safeguarding import classifier, training
from intake.safeguarding.corpus import Item
from intake.safeguarding.normalise import normalise, sentences

TEXTS = [
    ("my stepdad hits me when mum is out", "physical_abuse"),
    ("he touched me and said dont tell", "sexual_abuse"),
    ("i want to disappear forever", "self_harm"),
    ("they make me sell for them and i owe them", "criminal_exploitation"),
    ("nobody feeds us and the heating is off", "neglect"),
    ("i am scared of him every night", "emotional_abuse"),
    ("my social worker never rings me back", None),
    ("the food here is killing me lol", None),
    ("i want more contact with my brother", None),
    ("hit me up after the meeting", None),
    ("the house rules are so unfair", None),
    ("nobody hurts me here i just want to move", None),
]


def items(texts=TEXTS) -> list[Item]:
    return [Item(f"t-{n}", "en", "disclosure" if c else "negative", c, "direct", "native",
                 f"s{n % 3}", t) for n, (t, c) in enumerate(texts)]


def test_features_are_sklearns_character_n_grams_within_words():
    from sklearn.feature_extraction.text import CountVectorizer
    text = "He HITS me!! ok. sooo scared"
    ours = sorted(f[1:] for f in classifier.features(sentences(text)) if f[0] == "c")
    analyse = CountVectorizer(analyzer="char_wb", ngram_range=(3, 5), lowercase=False).build_analyzer()
    assert ours == sorted(analyse(normalise(text).replace(" | ", " ")))


def test_the_exported_model_scores_as_scikit_learn_does():
    training_items = items()
    vectoriser, binary, multi = training.fit_sklearn(training_items)
    model = training.fit(training_items)
    for text in ("he hits me", "i feel like disappearing", "my social worker is late",
                 "totally unseen words zzz", ""):
        expected = binary.predict_proba(vectoriser.transform([text]))[0, 1]
        assert model.probability(sentences(text)) == pytest.approx(expected, abs=1e-5)
    assert model.category(sentences("my stepdad hits me")) == multi.predict(
        vectoriser.transform(["my stepdad hits me"]))[0]


def test_a_saved_model_reads_back_the_same(tmp_path):
    model = training.fit(items(), threshold=0.42, weak_threshold=0.21)
    path = tmp_path / "model.zip"
    classifier.save(model, path)
    again = classifier.read(path.read_bytes())
    assert again.threshold == 0.42 and again.weak_threshold == 0.21
    assert again.vocabulary == model.vocabulary and again.categories == model.categories
    assert again.probability(sentences("he hits me")) == pytest.approx(
        model.probability(sentences("he hits me")))
    classifier.save(again, tmp_path / "again.zip")
    assert (tmp_path / "again.zip").read_bytes() == path.read_bytes()  # byte for byte
