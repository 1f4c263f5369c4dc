"""The building blocks of the journey: questions, their fields and options, and validation.

A ``Question`` is one page of the form, one step of Easy Read and one turn (or a few) of
the chat. Its ``fields`` are the answers it collects; most questions collect exactly one
vocabulary answer. Every channel renders and validates through these objects, so the
wording, the choices and the rules for a good answer are written once.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Callable, Union

from intake.text import N_


@dataclass(frozen=True)
class Wording:
    """Text that changes with who is filling in the form.

    ``own`` speaks to a young person about themselves ("How old are you?"); ``other``
    speaks to someone filing for or about a young person ("How old is the young person?").
    """

    own: str
    other: str


Text = Union[str, Wording]


def speaks_to_young_person(answers: dict) -> bool:
    return answers.get("filer") == "young_person"


def pick(text: Text | None, answers: dict) -> str | None:
    """The English source text (a gettext msgid) to show this person."""
    if isinstance(text, Wording):
        return text.own if speaks_to_young_person(answers) else text.other
    return text


@dataclass(frozen=True)
class Option:
    value: str
    label: Text
    hint: Text | None = None
    exclusive: bool = False  # "none of these" answers that cannot be ticked with others


def _always(_answers: dict) -> bool:
    return True


@dataclass(frozen=True)
class Field:
    """One answer on a page.

    ``kind`` is one of: choice (radios), multi (checkboxes), boolean (yes/no radios),
    integer, text (a long answer), line (a short answer), email, phone, flag (a single
    checkbox). ``applies`` lets a composite page hide a field that does not apply
    (for example the young person's name when they are filling it in themselves).
    """

    id: str
    kind: str
    label: Text | None = None
    hint: Text | None = None
    options: tuple[Option, ...] = ()
    required: bool = True
    max_length: int | None = None
    minimum: int | None = None
    maximum: int | None = None
    errors: dict[str, Text] = field(default_factory=dict)
    applies: Callable[[dict], bool] = _always
    autocomplete: str | None = None
    vocabulary: bool = True  # is this an answer id from the intake vocabulary?
    choices_from: str | None = None  # offer only the options chosen in this earlier answer
    #: Channels that ask one field at a time (the chat) ask this only when it holds: a detail
    #: that only matters after an earlier choice on the same page, like the phone number
    #: after "phone call". Pages that show every field at once ignore it.
    when: Callable[[dict], bool] = _always

    def label_for(self, value) -> Text | None:
        """The words of the option this value stands for (yes/no for booleans)."""
        if self.kind == "boolean" and isinstance(value, bool):
            value = "yes" if value else "no"
        for option in self.options:
            if option.value == value:
                return option.label
        return None

    def options_for(self, answers: dict) -> tuple[Option, ...]:
        if self.choices_from is None:
            return self.options
        chosen = answers.get(self.choices_from) or []
        return tuple(o for o in self.options if o.value in chosen)

    def error(self, key: str) -> Text:
        return self.errors.get(key) or GENERIC_ERRORS[key]

    def error_keys(self) -> tuple[str, ...]:
        """Every error this field can give, by key: what a channel must have words for.

        Kept next to ``clean`` because it mirrors it; a page's cross-field rules use keys
        of their own, declared in ``errors``.
        """
        keys: list[str] = []
        if self.required and self.kind != "flag":
            keys.append("required")
        if self.kind in ("multi", "choice", "boolean", "integer", "email", "phone"):
            keys.append("invalid")
        if self.kind == "multi" and any(o.exclusive for o in self.options):
            keys.append("exclusive")
        if self.kind == "integer":
            keys += [k for k, bound in (("too_small", self.minimum), ("too_big", self.maximum))
                     if bound is not None]
        if self.max_length is not None and self.kind not in ("multi", "choice", "boolean",
                                                                "integer", "flag"):
            keys.append("too_long")
        keys += [k for k in self.errors if k not in keys]
        return tuple(keys)

    def error_key(self, message: Text) -> str | None:
        """Which of this field's errors a message is (so a channel can say it its own way)."""
        return next((k for k in self.error_keys() if self.error(k) == message), None)

    def clean(self, raw: object, answers: dict | None = None) -> tuple[object, Text | None]:
        """Turn what a person submitted into an answer value, or a friendly error.

        ``raw`` is a string, or a list of strings for checkboxes. The value kept for text
        is exactly what was typed (only the check for "empty" ignores surrounding spaces).
        """
        if self.kind == "multi":
            return self._clean_multi(raw, answers or {})
        text = raw if isinstance(raw, str) else ""
        if self.kind == "flag":
            return text in ("y", "yes", "on", "true", "1"), None
        if not text.strip():
            if self.required:
                return text, self.error("required")
            return None, None
        if self.kind == "choice":
            if text not in {o.value for o in self.options_for(answers or {})}:
                return text, self.error("invalid")
            return text, None
        if self.kind == "boolean":
            if text not in ("yes", "no"):
                return text, self.error("invalid")
            return text == "yes", None
        if self.kind == "integer":
            return self._clean_integer(text)
        return self._clean_text(text)

    def _clean_multi(self, raw: object, answers: dict) -> tuple[list, Text | None]:
        values = [v for v in (raw or []) if isinstance(v, str) and v]
        known = {o.value for o in self.options_for(answers)}
        if any(v not in known for v in values):
            return values, self.error("invalid")
        if not values:
            return ([], None) if not self.required else (values, self.error("required"))
        exclusive = {o.value for o in self.options if o.exclusive}
        if len(values) > 1 and exclusive.intersection(values):
            return values, self.error("exclusive")
        # keep the order of the options, de-duplicated
        order = [o.value for o in self.options]
        return sorted(set(values), key=order.index), None

    def _clean_integer(self, text: str) -> tuple[object, Text | None]:
        digits = unicodedata.normalize("NFKC", text).strip()
        if not re.fullmatch(r"\d{1,3}", digits):
            return text, self.error("invalid")
        number = int(digits)
        if self.minimum is not None and number < self.minimum:
            return text, self.error("too_small")
        if self.maximum is not None and number > self.maximum:
            return text, self.error("too_big")
        return number, None

    def _clean_text(self, text: str) -> tuple[str, Text | None]:
        """Free text, lines, email addresses and phone numbers."""
        if self.max_length is not None and len(text) > self.max_length:
            return text, self.error("too_long")
        if self.kind == "email" and not EMAIL.fullmatch(text.strip()):
            return text, self.error("invalid")
        if self.kind == "phone":
            digits = re.sub(r"[\s()+\-.]", "", unicodedata.normalize("NFKC", text))
            if not digits.isdigit() or not 10 <= len(digits) <= 15:
                return text, self.error("invalid")
            return text.strip(), None
        if self.kind in ("line", "email"):
            return text.strip(), None
        return text, None

EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")

GENERIC_ERRORS: dict[str, Text] = {
    "required": N_("Please answer this question"),
    "invalid": N_("Please choose one of the answers"),
    "exclusive": N_("You cannot choose that answer together with the others"),
    "too_long": N_("Your answer is too long. Please make it shorter"),
    "too_small": N_("That number is too small"),
    "too_big": N_("That number is too big"),
}


@dataclass(frozen=True)
class Question:
    """One page of the journey.

    ``applies`` decides from the answers so far whether this person is asked it at all;
    that is the only branching there is. ``notice`` is a just-in-time note shown with the
    question (for example who will read what they write).
    """

    id: str
    title: Text
    fields: tuple[Field, ...]
    hint: Text | None = None
    notice: Text | None = None
    applies: Callable[[dict], bool] = _always
    summary: Text | None = None  # the short label on "check your answers"

    @property
    def single(self) -> Field | None:
        """The field, when the page asks exactly one thing (its title is then the label)."""
        return self.fields[0] if len(self.fields) == 1 else None

    def fields_for(self, answers: dict) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.applies(answers))

    def validate(self, raw: dict, answers: dict) -> tuple[dict, dict[str, Text]]:
        """Check a submitted page: (values to keep, errors keyed by field id).

        Values are returned even when there are errors, so nothing typed is lost.
        """
        values: dict = {}
        errors: dict[str, Text] = {}
        for f in self.fields_for(answers):
            value, error = f.clean(raw.get(f.id), answers)
            values[f.id] = value
            if error:
                errors[f.id] = error
        cross = self.cross_check(values, answers)
        for key, error in cross.items():
            errors.setdefault(key, error)
        return values, errors

    def cross_check(self, values: dict, answers: dict) -> dict[str, Text]:
        """Rules between fields on the same page; see ``CONTACT_RULES``."""
        rules = PAGE_RULES.get(self.id)
        return rules(values, answers) if rules else {}


PAGE_RULES: dict[str, Callable[[dict, dict], dict[str, Text]]] = {}
