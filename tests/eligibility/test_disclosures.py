"""Disclosures written in each language by the earlier phrase lists' authors are still caught.

``disclosures/<code>.txt`` holds sentences a child might write, one a line as
``category: sentence`` (``#`` starts a comment; the categories are the earlier list's).
They came before the corpus and are not part of it: a small regression set that every
version of the detector must keep catching, through the engine as the channels call it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from intake.council import load_council
from intake.eligibility import assess
from intake.safeguarding import detect

ROOT = Path(__file__).resolve().parents[2]
FOLDER = Path(__file__).parent / "disclosures"
ENABLED = load_council(str(ROOT / "intake" / "council.toml")).languages


def disclosures(code: str) -> list[str]:
    path = FOLDER / f"{code}.txt"
    assert path.is_file(), f"{code} is switched on but has no {path.relative_to(ROOT)}"
    found = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        _category, _, sentence = line.partition(":")
        assert sentence.strip(), f"{path.name}:{number}: {line!r}"
        found.append(sentence.strip())
    return found


@pytest.mark.parametrize("code", ENABLED)
def test_every_disclosure_is_caught(code):
    sentences = disclosures(code)
    assert len(sentences) >= 3, f"{code}: too few disclosures to test"
    missed = [s for s in sentences if not detect(s)]
    assert not missed, f"{code}: {len(missed)} of {len(sentences)} not caught:\n" + "\n".join(missed)


@pytest.mark.parametrize("code", ENABLED)
def test_a_disclosure_in_the_description_makes_the_case_urgent(code):
    sentence = disclosures(code)[0]
    decision = assess({"filer": "young_person", "description": sentence})
    assert decision.urgent and decision.signals
