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
#: The largest id or page number any of our tables or pages can have.
LARGEST = 2**31 - 1


def without_controls(value: object) -> str:
    """The text with control characters removed ("" for anything that is not text)."""
    return CONTROLS.sub("", value) if isinstance(value, str) else ""


def whole_number(value: object, smallest: int = 1, largest: int = LARGEST) -> int | None:
    """A whole number typed in ASCII digits within the range, else None."""
    text = value.strip() if isinstance(value, str) else ""
    if not text.isascii() or not text.isdigit() or len(text) > len(str(largest)):
        return None
    number = int(text)
    return number if smallest <= number <= largest else None
