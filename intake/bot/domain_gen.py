"""Write the journey's part of the Rasa domain: one slot per field, the form, and how each
field is asked.

The chat asks exactly what the journey asks, so this file is generated from
``intake.journey.JOURNEY`` (``intake bot domain``), never written by hand; a test checks
the committed copy is current. Each field is asked by an ``action_ask_<field>`` action
(``intake.bot.actions``) that sends a payload naming the field: the Flask chat page words
the question in the reader's language from the journey itself.
"""

from __future__ import annotations

from pathlib import Path

from intake.journey import JOURNEY

DOMAIN_DIR = Path(__file__).parent / "domain"
JOURNEY_DOMAIN = DOMAIN_DIR / "journey.yml"
FORM = "complaint_form"

HEADER = """\
# Generated from intake/journey by `intake bot domain`. Do not edit by hand.
version: "3.1"
"""


def journey_fields() -> list[str]:
    return [f.id for q in JOURNEY for f in q.fields]


def journey_domain() -> str:
    fields = journey_fields()
    lines = [HEADER, "slots:"]
    for name in fields:
        lines += [
            f"  {name}:",
            "    type: any",
            "    influence_conversation: false",
            "    mappings:",
            "    - type: custom",
        ]
    lines += ["", "actions:"]
    lines += [f"  - action_ask_{name}" for name in fields]
    lines += ["", "forms:", f"  {FORM}:", "    required_slots:"]
    lines += [f"    - {name}" for name in fields]
    return "\n".join(lines) + "\n"


def write() -> Path:
    JOURNEY_DOMAIN.write_text(journey_domain(), encoding="utf-8")
    return JOURNEY_DOMAIN
