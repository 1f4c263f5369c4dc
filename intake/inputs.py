"""What people type outside the journey's own fields, made safe to use (pure Python).

The journey's questions validate their own answers (``intake.journey.model``). Everything
else typed into a form or an address (staff sign-in, triage notes, filters, page numbers)
passes through here, so no input reaches the database as something it cannot hold
(PostgreSQL text cannot contain NUL; its integers stop at 2**31 - 1) and no input becomes
a server error.
"""

from __future__ import annotations

import re

#: Control characters with no meaning in a form field (tab and line breaks are kept).
CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
#: Direction controls that reorder what follows (embeddings, overrides, isolates): typed into
#: a complaint they can make text read differently from what was written ("evil.txt"
#: shown as "txt.live"). Marks that only nudge one character (LRM, RLM, ALM) are kept.
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
#: The largest id or page number any of our tables or pages can have.
LARGEST = 2**31 - 1


def without_controls(value: object) -> str:
    """The text with control characters removed ("" for anything that is not text)."""
    return CONTROLS.sub("", value) if isinstance(value, str) else ""


def without_bidi_controls(text: str) -> str:
    """The text with direction controls removed, for plain-text emails and for showing it:
    what is read is then the characters in the order they were typed. (The stored text and
    the case system's copy keep them: that is the evidence of what was sent.)"""
    return BIDI_CONTROLS.sub("", text)


def whole_number(value: object, smallest: int = 1, largest: int = LARGEST) -> int | None:
    """A whole number typed in ASCII digits within the range, else None."""
    text = value.strip() if isinstance(value, str) else ""
    if not text.isascii() or not text.isdigit() or len(text) > len(str(largest)):
        return None
    number = int(text)
    return number if smallest <= number <= largest else None
