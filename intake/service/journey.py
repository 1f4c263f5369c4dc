"""A journey in progress: what someone has answered, and the state of their journey, kept
apart.

Pure Python (no Flask): every channel (web form, Easy Read, chat, staff-assisted intake)
holds one ``Journey`` per visitor through ``intake.service.drafts`` and asks it where to go
next. The pure core reads *facts*: the answers plus the route facts named in
``intake.journey.flow`` (fast track, escalation, what else was said). Only this module
turns state into facts and back, so no channel ever touches a private key.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import NamedTuple

from intake import safeguarding
from intake.journey import applicable, is_answered, next_question, record
from intake.journey.flow import (
    ALSO_SAID, ESCALATION, FAST_TRACK, NOT_SAFE_ANSWERS, OTHER_TYPED, also_said, with_also_said,
)
from intake.journey.model import Question
from intake.journey.vocabulary import FREE_TEXT

#: Every typed answer read for safeguarding words as soon as it is given.
READ_FOR_SAFETY = FREE_TEXT + OTHER_TYPED
#: The stored draft's layout; drafts saved before it (one flat dict) still open.
STORED_VERSION = 2
#: Keys of the old flat layout that were state, not answers.
LEGACY_STATE = {"_chat": "chat", FAST_TRACK: "fast_track", ESCALATION: "escalation",
                ALSO_SAID: "also_said"}


class Step(NamedTuple):
    """Where a channel goes next: a step name every channel has ("ask", "check",
    "help_now", "worried") and its arguments."""

    name: str
    args: dict


@dataclass
class Journey:
    """One person's answers so far, and where they are on the way."""

    answers: dict = field(default_factory=dict)
    #: They said they are not safe and chose the short, urgent route.
    fast_track: bool = False
    #: They came through "Ask for my complaint to be looked at again".
    escalation: bool = False
    #: Worrying words typed outside the free-text answers (chat messages, for example).
    also_said: list = field(default_factory=list)
    #: The chat's transcript and conversation id, when they used the chat.
    chat: dict | None = None
    #: The channel and language last used, and when the journey began and last changed.
    channel: str | None = None
    language: str | None = None
    started_at: int | None = None
    updated_at: int | None = None

    # --- storage ---------------------------------------------------------------------------

    @classmethod
    def from_stored(cls, stored: dict | None) -> Journey:
        """The journey from a decrypted draft (either layout); empty for nothing stored."""
        if not isinstance(stored, dict):
            return cls()
        if stored.get("version") != STORED_VERSION:
            return cls._from_flat(stored)
        state = stored.get("state") if isinstance(stored.get("state"), dict) else {}
        answers = stored.get("answers") if isinstance(stored.get("answers"), dict) else {}
        journey = cls(answers=dict(answers))
        for name in ("fast_track", "escalation"):
            setattr(journey, name, bool(state.get(name)))
        journey.also_said = also_said({ALSO_SAID: state.get("also_said")})
        journey.chat = state.get("chat") if isinstance(state.get("chat"), dict) else None
        for name in ("channel", "language", "started_at", "updated_at"):
            setattr(journey, name, state.get(name))
        return journey

    @classmethod
    def _from_flat(cls, stored: dict) -> Journey:
        """A draft saved before answers and state were kept apart."""
        state = {new: stored.get(old) for old, new in LEGACY_STATE.items()}
        answers = {k: v for k, v in stored.items() if k not in LEGACY_STATE}
        return cls.from_stored({"version": STORED_VERSION, "answers": answers, "state": state})

    def to_stored(self) -> dict:
        return {"version": STORED_VERSION, "answers": self.answers, "state": {
            "fast_track": self.fast_track, "escalation": self.escalation,
            "also_said": self.also_said, "chat": self.chat, "channel": self.channel,
            "language": self.language, "started_at": self.started_at,
            "updated_at": self.updated_at}}

    def touch(self, channel: str, language: str) -> None:
        """Note a change made through ``channel`` in ``language``."""
        now = int(time.time())
        self.started_at = self.started_at or now
        self.updated_at = now
        self.channel, self.language = channel, language

    @property
    def is_empty(self) -> bool:
        return not (self.answers or self.fast_track or self.escalation or self.also_said)

    # --- what the pure core reads ------------------------------------------------------------

    def facts(self) -> dict:
        """The answers with the route facts the journey, the engine and the case builder read."""
        facts = dict(self.answers)
        if self.fast_track:
            facts[FAST_TRACK] = True
        if self.escalation:
            facts[ESCALATION] = True
        if self.also_said:
            facts[ALSO_SAID] = list(self.also_said)
        return facts

    def take_facts(self, facts: dict) -> None:
        """Keep the answers of ``facts`` (from the journey or the chat bot) and its route facts.

        What else was said is only ever added to (``heard``), never replaced from outside.
        """
        self.fast_track = bool(facts.get(FAST_TRACK))
        self.escalation = bool(facts.get(ESCALATION))
        self.answers = {k: v for k, v in facts.items() if k not in LEGACY_STATE}

    def answer(self, question: Question, values: dict) -> None:
        """Record a page's answers; anything that no longer applies is forgotten."""
        self.take_facts(record(self.facts(), question, values))

    def choose_fast_track(self, chosen: bool) -> None:
        """After the help page: the short urgent route, or the whole complaint."""
        self.fast_track = chosen

    def ask_to_escalate(self) -> None:
        self.escalation = True

    def heard(self, text: str) -> None:
        """Keep worrying words typed outside the free-text answers, for the case."""
        self.also_said = also_said(with_also_said(self.facts(), text))

    # --- where to go next ---------------------------------------------------------------------

    @property
    def said_not_safe(self) -> bool:
        return self.answers.get("safe_now") in NOT_SAFE_ANSWERS

    @property
    def young_person(self) -> bool:
        return self.answers.get("filer") == "young_person"

    def next_step(self, changing: bool = False) -> Step:
        facts = self.facts()
        upcoming = next_question(facts)
        if upcoming is None:
            return Step("check", {})
        if changing and all(is_answered(x, facts) for x in applicable(facts)):
            return Step("check", {})
        return Step("ask", {"question_id": upcoming.id})

    def step_after_answer(self, question: Question, changing: bool) -> Step:
        """After a page is answered: help first if they said they are not safe, or wrote
        something that sounds like it; otherwise the next question."""
        if question.id == "safe_now" and self.said_not_safe:
            return Step("help_now", {})
        # Someone who already said they are not safe has had the help page and is on the
        # urgent route: the same help again after each answer would only slow them down.
        typed_here = [f.id for f in question.fields if f.id in READ_FOR_SAFETY]
        if not self.said_not_safe and any(safeguarding.detect(self.answers.get(f))
                                          for f in typed_here):
            return Step("worried", {"next_id": question.id, "change": int(changing)})
        return self.next_step(changing)

    def safety_findings(self) -> list:
        """What the detector found in the typed answers (for the wording of the help)."""
        found = (safeguarding.detect(self.answers.get(f)) for f in READ_FOR_SAFETY)
        return [d for d in found if d]

    @property
    def needs_help(self) -> bool:
        """Would the journey have shown help for what is here?"""
        return self.said_not_safe or bool(self.safety_findings()) or bool(self.also_said)
