"""Training and evaluating the classifier (needs scikit-learn: ``pip install -e .[test]``).

``intake safeguarding train`` fits the model on the corpus's training split and writes
``model.zip``; ``intake safeguarding eval`` measures the whole detector (lexicon, context and
model together) on the frozen test split, whose sources no training item and no lexicon entry
came from, and by 5-fold cross-validation grouped by source on the training split.

Everything is deterministic (fixed solver and order), so retraining from the same corpus gives
the same model and the same figures.
"""

from __future__ import annotations

from array import array
from collections import defaultdict
from dataclasses import dataclass

from intake.safeguarding import classifier, detector
from intake.safeguarding.categories import CATEGORIES
from intake.safeguarding.corpus import Item, fingerprint
from intake.safeguarding.normalise import sentences

C = 4.0                      # inverse regularisation (chosen on cross-validation)
MAX_FEATURES = 120_000
MIN_DF = 2
MAX_ORDINARY_ALARMS = 0.10    # on cross-validation: at most one ordinary complaint in ten
                              # raises an alarm, or the urgent queue hides the real ones
WEAK_SHARE = 0.5             # a weak term needs this share of the threshold


def _analyser(text: str) -> list[str]:
    return classifier.features(sentences(text))


def fit_sklearn(items: list[Item]):
    """The scikit-learn vectoriser and models (disclosure, and category among disclosures)."""
    import numpy
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    texts = [i.text for i in items]
    vectoriser = TfidfVectorizer(analyzer=_analyser, sublinear_tf=True, min_df=MIN_DF,
                                 max_features=MAX_FEATURES, dtype=numpy.float64)
    matrix = vectoriser.fit_transform(texts)
    labels = [1 if i.disclosure else 0 for i in items]
    binary = LogisticRegression(C=C, solver="liblinear", class_weight="balanced",
                                max_iter=1000)
    binary.fit(matrix, labels)
    rows = [n for n, i in enumerate(items) if i.disclosure]
    multi = LogisticRegression(C=C, solver="lbfgs", max_iter=2000)
    multi.fit(matrix[rows], [items[n].category for n in rows])
    return vectoriser, binary, multi


def fit(items: list[Item], threshold: float = 0.5, weak_threshold: float = 0.25):
    """Fit the disclosure and category models; return an exported ``classifier.Model``."""
    vectoriser, binary, multi = fit_sklearn(items)
    order = [list(multi.classes_).index(c) for c in CATEGORIES if c in multi.classes_]
    categories = tuple(multi.classes_[k] for k in order)
    vocabulary = {name: int(i) for name, i in vectoriser.vocabulary_.items()}
    width = len(categories)
    category_weights = array("f", [0.0]) * (len(vocabulary) * width)
    coef = multi.coef_
    size = len(vocabulary)
    for k, source_row in enumerate(order):
        category_weights[k * size:(k + 1) * size] = array("f", (float(x) for x in coef[source_row]))
    return classifier.Model(
        vocabulary=vocabulary,
        idf=array("f", (float(x) for x in vectoriser.idf_)),
        weights=array("f", (float(x) for x in binary.coef_[0])),
        intercept=float(binary.intercept_[0]),
        categories=categories,
        category_weights=category_weights,
        category_intercepts=tuple(float(multi.intercept_[k]) for k in order),
        threshold=threshold, weak_threshold=weak_threshold,
        fingerprint=fingerprint(items),
    )


@dataclass
class Reading:
    """What the lexicon found in an item (strong and weak categories), computed once."""

    strong: tuple[str, ...]
    weak: tuple[str, ...]


def read_terms(items: list[Item], local_file: str | None = None) -> list[Reading]:
    found_lexicon, speller = detector._resources(local_file)
    readings = []
    for item in items:
        text_sentences = sentences(item.text)
        identified, prepared = detector.prepare(text_sentences, speller)
        strong, weak = set(), set()
        for match, why in detector._term_matches(text_sentences, prepared, found_lexicon,
                                                 identified):
            (weak if why else strong).add(match.term.category)
        readings.append(Reading(tuple(sorted(strong)), tuple(sorted(weak))))
    return readings


def decide(reading: Reading, probability: float, threshold: float, weak_threshold: float) -> bool:
    """The detector's rule (detector.detect), on precomputed parts (the probability is 0 for
    a text too short for the classifier: see ``model_probabilities``)."""
    return bool(reading.strong) or (bool(reading.weak) and probability >= weak_threshold) \
        or probability >= threshold


def model_probabilities(model, items: list[Item]) -> list[float]:
    """What the detector takes from the classifier for each item (nothing for short texts)."""
    found = []
    for item in items:
        text_sentences = sentences(item.text)
        short = sum(len(w) for w in text_sentences) < detector.MODEL_MIN_WORDS
        found.append(0.0 if short else model.probability(text_sentences))
    return found


def out_of_fold(items: list[Item], folds: int = 5) -> list[float]:
    """Each item's probability from a model that did not see its source (GroupKFold)."""
    from sklearn.model_selection import GroupKFold

    probabilities = [0.0] * len(items)
    groups = [i.source for i in items]
    for train_rows, test_rows in GroupKFold(n_splits=folds).split(items, groups=groups):
        model = fit([items[n] for n in train_rows])
        for n, p in zip(test_rows, model_probabilities(model, [items[n] for n in test_rows])):
            probabilities[n] = p
    return probabilities


def choose_thresholds(items, readings, probabilities) -> tuple[float, float]:
    """The lowest threshold (so the most disclosures caught) at which no more than
    MAX_ORDINARY_ALARMS of the ordinary complaints raise an alarm on cross-validation.

    Recall comes first, but a classifier that flags a third of ordinary complaints (as one
    tuned for recall 0.98 did) makes every case urgent, and then none is."""
    ordinary = [(r, p) for item, r, p in zip(items, readings, probabilities) if item.ordinary]
    for step in range(5, 96):
        threshold = step / 100
        weak = round(threshold * WEAK_SHARE, 4)
        alarms = sum(decide(r, p, threshold, weak) for r, p in ordinary)
        if not ordinary or alarms <= MAX_ORDINARY_ALARMS * len(ordinary):
            return threshold, weak
    return 0.95, round(0.95 * WEAK_SHARE, 4)


def _score(items, readings, probabilities, threshold, weak) -> dict:
    tp = fp = fn = 0
    for item, reading, p in zip(items, readings, probabilities):
        hit = decide(reading, p, threshold, weak)
        if item.disclosure:
            tp += hit
            fn += not hit
        else:
            fp += hit
    return {"recall": tp / (tp + fn) if tp + fn else 1.0,
            "precision": tp / (tp + fp) if tp + fp else 1.0}


def table(items, readings, probabilities, threshold, weak, by) -> dict[str, dict]:
    """Recall and precision (and how many of each) grouped by ``by(item)``."""
    groups: dict[str, list[int]] = defaultdict(list)
    for n, item in enumerate(items):
        for key in by(item):
            groups[key].append(n)
    result = {}
    for key in sorted(groups):
        rows = groups[key]
        sub = [items[n] for n in rows]
        scores = _score(sub, [readings[n] for n in rows], [probabilities[n] for n in rows],
                        threshold, weak)
        lexicon_only = _score(sub, [readings[n] for n in rows], [0.0] * len(rows), 2.0, 2.0)
        model_only = _score(sub, [Reading((), ()) for _ in rows],
                            [probabilities[n] for n in rows], threshold, weak)
        result[key] = {
            "disclosures": sum(1 for i in sub if i.disclosure),
            "negatives": sum(1 for i in sub if not i.disclosure),
            **scores,
            "lexicon_recall": lexicon_only["recall"],
            "model_recall": model_only["recall"],
        }
    return result
