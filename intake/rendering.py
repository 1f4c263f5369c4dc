"""Showing what people typed. Free text is stored exactly as typed; when it is shown as HTML
it goes through bleach first, so nothing anyone types can become markup or script."""

from __future__ import annotations

import re

import bleach
from markupsafe import Markup


def free_text(text: str | None) -> Markup:
    """Typed text as paragraphs and line breaks, with every tag neutralised."""
    if not text:
        return Markup("")
    cleaned = bleach.clean(text, tags=set(), attributes={}, strip=False)
    paragraphs = [p for p in re.split(r"\n\s*\n", cleaned.replace("\r\n", "\n")) if p.strip()]
    return Markup("".join(
        '<p class="govuk-body app-free-text" dir="auto">' + p.strip("\n").replace("\n", "<br>") + "</p>"
        for p in paragraphs))
