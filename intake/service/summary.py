""""Check your answers": one row per question asked, in the reader's language."""

from __future__ import annotations

from flask_babel import gettext

from intake.journey import applicable, pick


def say(text, answers: dict) -> str:
    """A journey text in the reader's language, worded for who is filling in the form."""
    return gettext(pick(text, answers)) if text else ""


def summary_rows(facts: dict) -> list[dict]:
    return [summary_row(q, facts) for q in applicable(facts)]


def summary_row(q, answers: dict) -> dict:
    """One row: what was asked, what they said, and whether it was typed."""
    values = []
    for f in q.fields_for(answers):
        value = answers.get(f.id)
        if value in (None, "", []) or (f.kind == "flag" and value is not True):
            continue  # an unticked box says nothing (its words are what a tick means)
        if f.kind == "multi":
            values.extend(say(f.label_for(v), answers) for v in value)
        elif f.kind in ("choice", "boolean"):
            values.append(say(f.label_for(value), answers) or str(value))
        elif f.kind == "flag":
            values.append(say(f.label, answers))
        elif q.single is None and f.kind != "text":
            values.append(f"{say(f.label, answers)}: {value}")
        else:
            values.append(str(value))
    return {"id": q.id, "key": say(q.summary or q.title, answers), "answers": values,
            "free_text": any(f.kind == "text" for f in q.fields_for(answers))}
