"""A trained classifier over the whole text: the detector's third layer.

The lexicon finds the words people are expected to use; the classifier finds disclosures said
in other words, with typos, in text-speak, or in a language whose lexicon is thin. It is a
logistic regression over TF-IDF character n-grams (3 to 5 letters, within words) and word
unigrams and bigrams of the normalised text, trained by ``intake safeguarding train`` from
the corpus kept in ``corpus/`` (scikit-learn; see ``training``).

At run time scikit-learn is not needed: the model is exported as its vocabulary, each
feature's IDF, its weight for "disclosure" and its weights per category, and scored here with
the same feature function, so that serving is a dictionary look-up per n-gram (about a
millisecond for a long message) and a few megabytes of memory.
"""

from __future__ import annotations

import heapq
import io
import json
import math
import zipfile
from array import array
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

CHAR_SIZES = (3, 4, 5)
CATEGORY_FEATURES = 300
MODEL_FILE = "model.zip"


def features(text_sentences: list[list[str]]) -> list[str]:
    """The n-grams of normalised text, as sklearn's ``char_wb`` and word analysers make them."""
    found: list[str] = []
    add = found.append
    for words in text_sentences:
        for word in words:
            padded = f" {word} "
            length = len(padded)
            for n in CHAR_SIZES:
                if length < n:
                    break
                for i in range(length - n + 1):
                    add("c" + padded[i:i + n])
        for i, word in enumerate(words):
            add("w " + word)
            if i + 1 < len(words):
                add("w " + word + " " + words[i + 1])
    return found


@dataclass
class Model:
    """A trained, exported classifier."""

    vocabulary: dict[str, int]
    idf: array
    weights: array             # disclosure weight per feature
    intercept: float
    categories: tuple[str, ...]
    category_weights: array    # one row of len(vocabulary) per category, category-major
    category_intercepts: tuple[float, ...]
    threshold: float           # probability at or above which the text is a disclosure
    weak_threshold: float      # a weak term (negated, hypothetical, joking) counts at or above this
    fingerprint: str           # of the corpus the model was trained from

    def _word_indices(self, word: str) -> tuple[int, ...]:
        """The vocabulary indices of a word's character n-grams (kept per word: words recur;
        the n-grams never cross words, so this is exact)."""
        cache = self.__dict__.setdefault("_by_word", {})
        found = cache.get(word)
        if found is None:
            vocabulary = self.vocabulary
            found = tuple(i for i in (vocabulary.get(f) for f in features([[word]]) if f[0] == "c")
                          if i is not None)
            if len(cache) > 30_000:
                cache.clear()
            cache[word] = found
        return found

    def vector(self, text_sentences: list[list[str]]) -> tuple[dict[int, float], float]:
        """The text's TF-IDF vector (sparse) and its length, as scikit-learn computes them
        (sublinear term frequency 1 + log(count), times IDF, over the vocabulary)."""
        indices: list[int] = []
        get = self.vocabulary.get
        for words in text_sentences:
            for n, word in enumerate(words):
                indices.extend(self._word_indices(word))
                index = get(f"w {word}")
                if index is not None:
                    indices.append(index)
                if n + 1 < len(words):
                    index = get(f"w {word} {words[n + 1]}")
                    if index is not None:
                        indices.append(index)
        counts = Counter(indices)
        idf = self.idf
        vector = {i: (_SUBLINEAR[c] if c < len(_SUBLINEAR) else 1.0 + math.log(c)) * idf[i]
                  for i, c in counts.items()}
        return vector, math.hypot(*vector.values())

    def probability(self, text_sentences: list[list[str]], read=None) -> float:
        """How likely the text is a disclosure (0 to 1). ``read``: its ``vector()``, if known."""
        vector, norm = read or self.vector(text_sentences)
        if not norm:
            return _sigmoid(self.intercept)
        weights = self.weights
        score = sum([v * weights[i] for i, v in vector.items()]) / norm
        return _sigmoid(self.intercept + score)

    def category(self, text_sentences: list[list[str]], read=None) -> str:
        """The likeliest category, for a disclosure the lexicon did not name."""
        vector, norm = read or self.vector(text_sentences)
        # The strongest n-grams carry the category; reading only those keeps a long text fast
        # (the category is an explanation for staff, not the decision).
        items = heapq.nlargest(CATEGORY_FEATURES, vector.items(), key=lambda item: item[1])
        size, weights = len(self.vocabulary), self.category_weights
        scores = [intercept + sum([v * weights[k * size + i] for i, v in items]) / (norm or 1.0)
                  for k, intercept in enumerate(self.category_intercepts)]
        return self.categories[max(range(len(scores)), key=scores.__getitem__)]


_SUBLINEAR = [0.0] + [1.0 + math.log(c) for c in range(1, 256)]


def _sigmoid(x: float) -> float:
    if x < -60:
        return 0.0
    return 1.0 / (1.0 + math.exp(-x))


def save(model: Model, path: Path) -> None:
    """Write the model as a zip of plain files (a list of features, float arrays, settings)."""
    ordered = sorted(model.vocabulary, key=model.vocabulary.__getitem__)
    settings = {
        "intercept": model.intercept, "categories": list(model.categories),
        "category_intercepts": list(model.category_intercepts), "threshold": model.threshold,
        "weak_threshold": model.weak_threshold, "fingerprint": model.fingerprint,
        "char_sizes": list(CHAR_SIZES),
    }
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in (
            ("settings.json", json.dumps(settings, indent=1, sort_keys=True).encode()),
            ("features.txt", "\n".join(ordered).encode("utf-8")),
            ("idf.f32", model.idf.tobytes()),
            ("weights.f32", model.weights.tobytes()),
            ("category_weights.f32", model.category_weights.tobytes()),
        ):
            # A fixed date keeps the file byte-for-byte the same when the model is.
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)


def read(data: bytes) -> Model:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        settings = json.loads(archive.read("settings.json"))
        names = archive.read("features.txt").decode("utf-8").split("\n")

        def floats(name: str) -> array:
            values = array("f")
            values.frombytes(archive.read(name))
            return values
        return Model(
            vocabulary={name: i for i, name in enumerate(names)},
            idf=floats("idf.f32"), weights=floats("weights.f32"),
            intercept=float(settings["intercept"]),
            categories=tuple(settings["categories"]),
            category_weights=floats("category_weights.f32"),
            category_intercepts=tuple(settings["category_intercepts"]),
            threshold=float(settings["threshold"]),
            weak_threshold=float(settings["weak_threshold"]),
            fingerprint=settings["fingerprint"],
        )


def model_path() -> Path:
    return Path(str(resources.files(__package__).joinpath(MODEL_FILE)))


@lru_cache(maxsize=1)
def shipped() -> Model | None:
    """The model that ships with the package, or None if it has not been trained yet."""
    path = model_path()
    if not path.is_file():
        return None
    return read(path.read_bytes())
