"""Reading replies in the reader's language, outside Flask (the action server).

Typed answers are matched against option labels in English and in the reader's language,
from the same compiled catalogues the pages use.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Callable

from babel.support import NullTranslations, Translations

TRANSLATIONS = Path(__file__).resolve().parents[2] / "translations"


@lru_cache(maxsize=32)
def translator(language: str) -> Callable[[str], str]:
    locale = language.replace("-", "_")
    catalogue = Translations.load(str(TRANSLATIONS), [locale, locale.split("_")[0]])
    if not isinstance(catalogue, Translations):
        catalogue = NullTranslations()
    return catalogue.gettext
