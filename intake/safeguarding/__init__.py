"""The safeguarding detector: does what a young person wrote suggest they may not be safe?

Pure Python (no Flask), called for every free-text answer and every chat message in every
channel, and by ``intake assess``. Layers, each in its own module:

1. ``normalise``: make typed text comparable (case, accents, look-alikes, repeats, emoji);
2. ``language``: which languages the text is in, to choose spelling help and report;
3. ``lexicon`` and ``morphology``: terms per category and language, matched on stems;
4. ``classifier``: a model trained from the corpus, over the whole text;
5. ``context``: a term negated, hypothetical or joking is weak, and counts only with the model;
6. explanation: each ``Signal`` names its category and why it fired (term or score), for
   staff; the young person only ever sees help.

How they combine: a plainly said term is a signal by itself; a weak term is a signal when the
classifier's probability reaches ``weak_threshold`` (then ``tentative``, so the help is worded
gently); the classifier alone is a signal at ``threshold``, in the category it finds likeliest.
A missed child is worse than a false alarm, so the thresholds were chosen for recall on
cross-validation (see docs/safeguarding.md).
"""

from __future__ import annotations

from intake.safeguarding.categories import CATEGORIES, LABELS
from intake.safeguarding.detector import Detection, Signal, detect, signals

__all__ = ["CATEGORIES", "LABELS", "Detection", "Signal", "detect", "signals"]
