"""The one journey every channel walks (pure Python: no Flask)."""

from intake.journey.flow import (
    applicable, is_answered, may_ask, next_question, previous_question, prune, question, record,
    vocabulary_answers,
)
from intake.journey.model import Field, Option, Question, Wording, pick
from intake.journey.questions import JOURNEY, QUESTIONS

__all__ = [
    "JOURNEY", "QUESTIONS", "Field", "Option", "Question", "Wording", "applicable", "is_answered",
    "may_ask", "next_question", "pick", "previous_question", "prune", "question", "record",
    "vocabulary_answers",
]
