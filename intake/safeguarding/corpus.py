"""The corpus: reading it, checking it and splitting it by source (see corpus/README.md)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from intake.safeguarding.categories import CATEGORIES

LABELS = ("disclosure", "negative")
FROZEN = "frozen-test-sources.txt"
FROZEN_TRAIN = "frozen-train-sources.txt"
TEST_SHARE = 0.25


@dataclass(frozen=True)
class Item:
    id: str
    lang: str
    label: str
    category: str | None
    kind: str
    script: str
    source: str
    text: str

    @property
    def disclosure(self) -> bool:
        return self.label == "disclosure"

    @property
    def ordinary(self) -> bool:
        """An ordinary complaint or "what I want" answer (files en-4 and <lang>-2), as opposed
        to a hard negative or a disclosure."""
        return not self.disclosure and (
            self.id.startswith("en-4-") or (self.lang != "en" and self.id.startswith(f"{self.lang}-2-")))

    @property
    def split_key(self) -> str:
        """What the split goes by: the source, within the item's language ("pl:source-id").

        Several languages' writers modelled items on the same publication (a helpline's annual
        review); split globally, such a source would pull half of every language into the test
        split. Within a language no source is on both sides."""
        return f"{self.lang}:{self.source}"


def folder() -> Path:
    return Path(str(resources.files(__package__).joinpath("corpus")))


def _item(raw: dict, where: str) -> Item:
    try:
        item = Item(**{name: raw.get(name) for name in Item.__dataclass_fields__})
    except TypeError as error:  # pragma: no cover - the fields are fixed above
        raise ValueError(f"{where}: {error}") from None
    if item.label not in LABELS:
        raise ValueError(f"{where}: label must be one of {LABELS}")
    if item.disclosure and item.category not in CATEGORIES:
        raise ValueError(f"{where}: unknown category {item.category!r}")
    if not item.disclosure and item.category is not None:
        raise ValueError(f"{where}: a negative has no category")
    if not isinstance(item.text, str) or not item.text.strip() or not item.source:
        raise ValueError(f"{where}: text and source are required")
    return item


def load(path: Path | None = None) -> list[Item]:
    """Every item of every ``*.jsonl`` file in the corpus folder, in file and line order."""
    base = path or folder()
    items = []
    for file in sorted(base.glob("*.jsonl")):
        for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), start=1):
            if line.strip():
                items.append(_item(json.loads(line), f"{file.name}:{number}"))
    return items


def fingerprint(items: list[Item]) -> str:
    """Changes whenever an item's text, label, category or source does."""
    hasher = hashlib.sha256()
    for item in items:
        hasher.update(json.dumps([item.id, item.lang, item.label, item.category, item.source,
                                  item.text], ensure_ascii=False).encode("utf-8"))
    return hasher.hexdigest()[:16]


def _keys(path: Path) -> frozenset[str]:
    if not path.is_file():
        return frozenset()
    return frozenset(line.strip() for line in path.read_text(encoding="utf-8").splitlines()
                     if line.strip() and not line.startswith("#"))


def frozen_sources(base: Path | None = None) -> frozenset[str]:
    """The ``language:source`` keys of the frozen test split."""
    return _keys((base or folder()) / FROZEN)


def decided(base: Path | None = None) -> frozenset[str]:
    """Every key already given to one side: test or training. Others arrived later."""
    base = base or folder()
    return _keys(base / FROZEN) | _keys(base / FROZEN_TRAIN)


def choose_test_sources(items: list[Item]) -> list[str]:
    """Pick whole sources for the test split: per language, in a fixed pseudo-random order
    (a hash of the source id), until each label has about a quarter of that language's items.
    Run once, then frozen: ``intake safeguarding split`` writes the file only if it is absent.
    """
    chosen: list[str] = []
    for lang in sorted({i.lang for i in items}):
        mine = [i for i in items if i.lang == lang]
        totals = {label: sum(1 for i in mine if i.label == label) for label in LABELS}
        taken = dict.fromkeys(LABELS, 0)
        keys = sorted({i.split_key for i in mine},
                      key=lambda k: hashlib.sha256(k.encode()).hexdigest())
        for key in keys:
            counts = {label: sum(1 for i in mine if i.split_key == key and i.label == label)
                      for label in LABELS}
            helps = any(counts[lb] and taken[lb] < TEST_SHARE * totals[lb] for lb in LABELS)
            too_much = any(taken[lb] + counts[lb] > 2 * TEST_SHARE * totals[lb]
                           for lb in LABELS if totals[lb])
            if helps and not too_much:
                chosen.append(key)
                for label in LABELS:
                    taken[label] += counts[label]
    return sorted(set(chosen))


def split(items: list[Item], test_sources: frozenset[str]) -> tuple[list[Item], list[Item]]:
    """(training, test) items: test are those whose ``split_key`` is listed as frozen."""
    train = [i for i in items if i.split_key not in test_sources]
    test = [i for i in items if i.split_key in test_sources]
    return train, test
