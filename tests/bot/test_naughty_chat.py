"""Naughty strings typed into the chat, through the Flask chat page and a real Rasa: no 5xx,
every message shown back as typed, and a free-text answer stored verbatim (the chat only
trims the spaces around a whole message, as the form does for one-line answers)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.postgresql_only  # the words, not the database, are under test

from tests.bot.test_chat import YOUNG_PERSON, case_document, only_case
from tests.naughty import chat_selection, draft

FREE_TEXT = ("description", "desired_outcome")


def walk_to(chatter, field: str) -> None:
    """Answer from YOUNG_PERSON until the bot asks ``field``."""
    for _ in range(20):
        asking = chatter.asking
        if asking == field:
            return
        value = YOUNG_PERSON[asking]
        if isinstance(value, list):
            chatter.tick(value)
        elif f'value="answer:{value}"' in chatter.page:
            chatter.press(value)
        else:
            chatter.type(value)
    raise AssertionError(f"the chat never asked {field}: {chatter.transcript()[-3:]}")


def test_naughty_messages_are_answered_and_free_text_is_stored_verbatim(chat_app, chatter):
    chatter.start()
    walk_to(chatter, "description")
    stored = {}
    for typed in chat_selection():
        asking = chatter.asking
        if asking not in FREE_TEXT:
            chatter.command("change_answer", "description")
            asking = chatter.asking
        assert asking in FREE_TEXT, chatter.transcript()[-3:]
        chatter.type(typed)
        assert chatter.status < 500, (typed, chatter.page[:500])
        if not typed.strip():
            assert chatter.status == 400 and "Type a message" in chatter.page, repr(typed)
            continue
        assert chatter.status == 200, (typed, chatter.page[:500])
        # what they typed on a free-text question is their answer, never read as "stop"
        assert "stop and delete everything" not in chatter.bot_said(), repr(typed)
        said = [text for who, text in chatter.transcript() if who == "you"]
        assert " ".join(typed.split()) in said, repr(typed)  # the page shows it (spaces collapsed)
        kept = draft(chat_app, chatter.client)
        assert kept.get(asking) == typed.strip(), (asking, repr(typed), repr(kept.get(asking)), chatter.bot_said())
        stored[asking] = typed.strip()
    # Finish, and the case keeps the last answers typed, exactly.
    chatter.answer_all(dict(YOUNG_PERSON, **stored))
    final = draft(chat_app, chatter.client)
    assert final["description"] == stored["description"]
    chatter.command("affirm")
    assert chatter.status == 200 and "Your complaint has been sent" in chatter.bot_said()
    case = case_document(chat_app, only_case(chat_app))
    for field in FREE_TEXT:
        assert case["answers"][field] == final[field], field
