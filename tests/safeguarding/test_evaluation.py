"""The detector's figures on the frozen test split, and a retrained model that gives them again.

The floors are the figures recorded in docs/safeguarding.md, less a small margin for float
rounding on another machine: a change that loses recall (or precision) anywhere fails here.
Issue 15's targets (recall >= 0.98 in English and >= 0.95 in every other language, with
precision >= 0.85) are not met yet (recorded recall 0.908 in English, 0.875-0.970 elsewhere,
precision 0.791): see "What it still gets wrong" in docs/safeguarding.md.
"""

from __future__ import annotations

import pytest

from intake.languages import CODES
from intake.safeguarding import classifier, corpus, training
from intake.safeguarding.normalise import sentences

RECALL_FLOOR = {'ar': 0.86, 'ckb': 0.92, 'en': 0.88, 'fa': 0.85, 'pl': 0.93, 'ps': 0.91, 'ro': 0.89, 'so': 0.87, 'sq': 0.86, 'ti': 0.9, 'uk': 0.91, 'ur': 0.93, 'vi': 0.95}  # recorded less 0.02
PRECISION_FLOOR = 0.77          # all languages together; recorded 0.791
PRECISION_FLOOR_EACH = 0.69     # every language; the lowest recorded is 0.719


@pytest.fixture(scope="module")
def frozen():
    model = classifier.shipped()
    items = corpus.load()
    train, test = corpus.split(items, corpus.frozen_sources())
    readings = training.read_terms(test)
    probabilities = training.model_probabilities(model, test)
    return model, train, test, readings, probabilities


def test_recall_and_precision_on_the_frozen_split_hold_their_floors(frozen):
    model, _train, test, readings, probabilities = frozen
    rows = training.table(test, readings, probabilities, model.threshold, model.weak_threshold,
                          lambda i: ["all", i.lang])
    assert rows["all"]["precision"] >= PRECISION_FLOOR, rows["all"]
    for code in CODES:
        assert rows[code]["recall"] >= RECALL_FLOOR[code], (code, rows[code])
        assert rows[code]["precision"] >= PRECISION_FLOOR_EACH, (code, rows[code])


def test_the_lexicon_and_the_classifier_each_catch_what_the_other_misses(frozen):
    model, _train, test, readings, probabilities = frozen
    disclosures = [(r, p) for i, r, p in zip(test, readings, probabilities) if i.disclosure]
    only_terms = sum(1 for r, p in disclosures if r.strong and p < model.threshold)
    only_model = sum(1 for r, p in disclosures if not r.strong and p >= model.threshold)
    assert only_terms > 0 and only_model > 0


def test_retraining_from_the_corpus_gives_the_shipped_model(frozen):
    """`intake safeguarding train` is deterministic: the same items give the same model."""
    model, train, test, _readings, probabilities = frozen
    again = training.fit(train, model.threshold, model.weak_threshold)
    assert again.fingerprint == model.fingerprint
    assert again.vocabulary == model.vocabulary
    for item in test[::25]:
        expected = model.probability(sentences(item.text))
        assert again.probability(sentences(item.text)) == pytest.approx(expected, abs=1e-4)
