"""The corpus: enough items in every language, every item traced to a source, a frozen split
by source, and a shipped model trained from exactly the training split."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from intake.safeguarding import classifier, corpus
from intake.safeguarding.categories import CATEGORIES
from intake.languages import CODES

ITEMS = corpus.load()
FROZEN = corpus.frozen_sources()


def sources() -> dict[str, dict]:
    found = {}
    for path in sorted((corpus.folder() / "sources").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                source = json.loads(line)
                found[source["id"]] = source
    return found


def test_every_language_has_enough_disclosures_and_hard_negatives():
    counts = Counter((i.lang, i.label) for i in ITEMS)
    assert counts[("en", "disclosure")] >= 2000 and counts[("en", "negative")] >= 2000
    for code in CODES:
        assert counts[(code, "disclosure")] >= 300, code
        assert counts[(code, "negative")] >= 300, code


def test_every_category_has_disclosures_in_every_language():
    counts = Counter((i.lang, i.category) for i in ITEMS if i.disclosure)
    for code in CODES:
        for category in CATEGORIES:
            assert counts[(code, category)] >= 10, (code, category)


def test_every_item_names_a_described_source_and_ids_and_texts_are_unique():
    described = sources()
    assert {i.source for i in ITEMS} <= set(described)
    assert all(described[s].get("title") and described[s].get("publisher") for s in described)
    assert len({i.id for i in ITEMS}) == len(ITEMS)
    assert len({(i.lang, i.text) for i in ITEMS}) == len(ITEMS)


def test_the_test_split_is_frozen_and_shares_no_source_with_training():
    assert FROZEN, "run `intake safeguarding split` once"
    train, test = corpus.split(ITEMS, FROZEN)
    assert {i.split_key for i in train}.isdisjoint({i.split_key for i in test})
    for code in CODES:
        mine = [i for i in test if i.lang == code]
        assert any(i.disclosure for i in mine) and any(not i.disclosure for i in mine), code


def test_every_source_was_given_to_one_side_once_and_for_all():
    undecided = {i.split_key for i in ITEMS} - corpus.decided()
    assert not undecided, f"run `intake safeguarding split` for {sorted(undecided)[:5]}"
    train_file = corpus.folder() / corpus.FROZEN_TRAIN
    assert FROZEN.isdisjoint(corpus._keys(train_file))


def test_the_shipped_model_was_trained_on_this_training_split():
    model = classifier.shipped()
    assert model is not None, "run `intake safeguarding train`"
    train, _test = corpus.split(ITEMS, FROZEN)
    assert model.fingerprint == corpus.fingerprint(train), (
        "the corpus or the split changed since the model was trained: "
        "run `intake safeguarding train` and update docs/safeguarding.md")


@pytest.mark.parametrize("bad", [
    {"label": "maybe"}, {"category": "not_a_category"}, {"label": "negative"}, {"text": " "},
])
def test_a_bad_item_is_reported_with_its_file_and_line(tmp_path, bad):
    good = {"id": "x-0001", "lang": "en", "label": "disclosure", "category": "self_harm",
            "kind": "direct", "script": "native", "source": "s", "text": "i want to die"}
    (tmp_path / "x.jsonl").write_text(json.dumps(good) + "\n" + json.dumps(dict(good, **bad)) + "\n")
    with pytest.raises(ValueError, match="x.jsonl:2"):
        corpus.load(tmp_path)
