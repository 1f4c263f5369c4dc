"""A trained classifier over the whole text: the detector's third layer.

The lexicon finds the words people are expected to use; the classifier finds disclosures said
in other words, with typos, in text-speak, or in a language whose lexicon is thin. It is a
logistic regression over TF-IDF character n-grams (2 to 5 letters, within words) and word
unigrams and bigrams of the normalised text, trained by ``intake safeguarding train`` from
the corpus kept in ``corpus/`` (scikit-learn; see ``training``).

At run time scikit-learn is not needed: the model is exported as its vocabulary, each
feature's IDF, its weight for "disclosure" and its weights per category, and scored here with
the same feature function, so that serving is a dictionary look-up per n-gram (about a
millisecond for a long message) and a few megabytes of memory.
"""

from __future__ import annotations

import hashlib
import io
import json
import math
import zipfile
from array import array
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

CHAR_SIZES = (2, 3, 4, 5)
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
    category_weights: array    # len(categories) per feature, feature-major
    category_intercepts: tuple[float, ...]
    threshold: float           # probability at or above which the text is a disclosure
    weak_threshold: float      # a weak term (negated, hypothetical, joking) counts at or above this
    fingerprint: str           # of the corpus the model was trained from

    def _vector(self, text_sentences: list[list[str]]) -> tuple[dict[int, float], float]:
        counts: dict[int, int] = {}
        vocabulary = self.vocabulary
        for feature in features(text_sentences):
            index = vocabulary.get(feature)
            if index is not None:
                counts[index] = counts.get(index, 0) + 1
        vector = {i: (1.0 + math.log(c)) * self.idf[i] for i, c in counts.items()}
        norm = math.sqrt(sum(v * v for v in vector.values()))
        return vector, norm

    def probability(self, text_sentences: list[list[str]]) -> float:
        """How likely the text is a disclosure (0 to 1)."""
        vector, norm = self._vector(text_sentences)
        if not norm:
            return _sigmoid(self.intercept)
        weights = self.weights
        score = sum(v * weights[i] for i, v in vector.items()) / norm
        return _sigmoid(self.intercept + score)

    def category(self, text_sentences: list[list[str]]) -> str:
        """The likeliest category, for a disclosure the lexicon did not name."""
        vector, norm = self._vector(text_sentences)
        width = len(self.categories)
        scores = list(self.category_intercepts)
        weights = self.category_weights
        for i, v in vector.items():
            base = i * width
            for k in range(width):
                scores[k] += v * weights[base + k] / (norm or 1.0)
        return self.categories[max(range(width), key=scores.__getitem__)]


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


def digest(chunks) -> str:
    hasher = hashlib.sha256()
    for chunk in chunks:
        hasher.update(chunk)
    return hasher.hexdigest()[:16]
