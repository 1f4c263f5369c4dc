"""Showing what people typed. Free text is stored exactly as typed; when it is shown as HTML
every character is escaped first, so nothing anyone types can become markup or script, and
what they typed is what is shown (an "&amp;" they typed reads "&amp;", not "&"). bleach then
checks the result allows no tags at all, a second lock in case escaping is ever bypassed.
Direction controls (overrides, embeddings, isolates) are left out of what is shown, and
each paragraph is isolated (``dir="auto"``), so typed text cannot reorder itself or the
page around it."""

from __future__ import annotations

import re

import bleach
from markupsafe import Markup, escape

from intake.inputs import without_bidi_controls


def free_text(text: str | None) -> Markup:
    """Typed text as paragraphs and line breaks, every character shown as typed."""
    if not text:
        return Markup("")
    cleaned = bleach.clean(str(escape(without_bidi_controls(text))), tags=set(), attributes={},
                           strip=True)
    paragraphs = [p for p in re.split(r"\n\s*\n", cleaned.replace("\r\n", "\n")) if p.strip()]
    return Markup("".join(
        '<p class="govuk-body app-free-text" dir="auto">' + p.strip("\n").replace("\n", "<br>") + "</p>"
        for p in paragraphs))


def ltr(value: object) -> Markup:
    """A phone number, reference, code word or email address kept left to right.

    Inside right-to-left text the browser's bidi algorithm would reorder the groups of
    "0300 123 4567" (it reads as 4567 123 0300); an isolated left-to-right span keeps
    them in order in any language.
    """
    if value is None or value == "":
        return Markup("")
    return Markup('<span dir="ltr">{}</span>').format(value)
