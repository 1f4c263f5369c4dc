"""Flask-WTF form classes for the question pages, built from the journey.

There is one form class per question page, but its fields, choices and copy come from the
journey definition, so a question is never written twice. The journey validates the
answers (the same rules the chat uses); WTForms supplies CSRF protection and rendering
through the GOV.UK Frontend widgets.
"""

from __future__ import annotations

from flask_babel import gettext
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (
    GovCharacterCount, GovCheckboxesInput, GovCheckboxInput, GovRadioInput, GovTextInput,
)
from wtforms import BooleanField, RadioField, SelectMultipleField, StringField, TextAreaField

from intake.journey import Field, Question, pick


def _widget_field(field: Field):
    if field.kind in ("choice", "boolean"):
        values = [o.value for o in field.options]
        return RadioField(choices=values, validate_choice=False,
                          widget=GovRadioInput())
    if field.kind == "multi":
        return SelectMultipleField(choices=[o.value for o in field.options],
                                   validate_choice=False, widget=GovCheckboxesInput())
    if field.kind == "flag":
        return BooleanField(widget=GovCheckboxInput())
    if field.kind == "text":
        return TextAreaField(widget=GovCharacterCount())
    return StringField(widget=GovTextInput())


_FORM_CLASSES: dict[str, type[FlaskForm]] = {}


def form_class(question: Question) -> type[FlaskForm]:
    """The form class for a question page (built once per question)."""
    if question.id not in _FORM_CLASSES:
        attrs = {f.id: _widget_field(f) for f in question.fields}
        _FORM_CLASSES[question.id] = type(
            f"{question.id.title().replace('_', '')}Form", (FlaskForm,), attrs)
    return _FORM_CLASSES[question.id]


def build_form(question: Question, answers: dict, formdata=None) -> FlaskForm:
    """A form for this person: only the fields that apply, filled with what they said before."""
    cls = form_class(question)
    form = cls(formdata=formdata, meta={"locales": False})
    for f in question.fields:
        if not f.applies(answers):
            delattr(form, f.id)
        elif formdata is None:
            form[f.id].data = display_value(f, answers.get(f.id))
        if f.applies(answers) and f.choices_from:
            form[f.id].choices = [o.value for o in f.options_for(answers)]
    return form


def display_value(field: Field, value):
    """An answer as the form shows it again (yes/no for booleans, digits for numbers)."""
    if field.kind == "boolean" and isinstance(value, bool):
        return "yes" if value else "no"
    if field.kind == "integer" and value is not None:
        return str(value)
    return value


def raw_values(question: Question, answers: dict, formdata) -> dict:
    """What the person submitted for each applicable field, as the journey expects it."""
    raw = {}
    for f in question.fields_for(answers):
        if f.kind == "multi":
            raw[f.id] = formdata.getlist(f.id)
        else:
            raw[f.id] = formdata.get(f.id, "")
    return raw


def show_errors(form: FlaskForm, errors: dict, answers: dict) -> None:
    """Put the journey's friendly messages, in the reader's language, beside the fields."""
    for field_id, message in errors.items():
        form[field_id].errors = [gettext(pick(message, answers))]


def field_params(question: Question, field: Field, answers: dict) -> dict:
    """GOV.UK Frontend macro parameters for one field: label or legend, hint, option hints."""
    t = lambda text: gettext(pick(text, answers)) if text else None  # noqa: E731
    single = question.single is not None
    label_text = t(question.title) if single else t(field.label)
    hint = t(question.hint) if single else t(field.hint)
    params: dict = {}
    if field.kind in ("choice", "boolean", "multi"):
        legend = {"text": label_text}
        if single:
            legend.update({"isPageHeading": True, "classes": "govuk-fieldset__legend--l"})
        else:
            legend["classes"] = "govuk-fieldset__legend--s"
        params["fieldset"] = {"legend": legend}
        items = []
        for option in field.options_for(answers):
            item = {"text": t(option.label)}
            if option.hint:
                item["hint"] = {"text": t(option.hint)}
            if option.exclusive:
                item["behaviour"] = "exclusive"
            items.append(item)
        params["items"] = items
    elif field.kind == "flag":
        params["items"] = [{"text": label_text}]
        params["classes"] = "govuk-checkboxes--small"
    else:
        label = {"text": label_text}
        if single:
            label.update({"isPageHeading": True, "classes": "govuk-label--l"})
        else:
            label["classes"] = "govuk-label--s"
        params["label"] = label
        if field.kind == "integer":
            params.update({"inputmode": "numeric", "classes": "govuk-input--width-3",
                           "spellcheck": False})
        elif field.kind == "email":
            params.update({"type": "email", "spellcheck": False})
        elif field.kind == "phone":
            params.update({"type": "tel", "classes": "govuk-input--width-20"})
        if field.kind == "text":
            params["maxlength"] = field.max_length
            params["rows"] = 8
            params["attributes"] = {"dir": "auto"}
        elif field.kind == "line":
            params["attributes"] = {"dir": "auto"}
        if field.autocomplete:
            params["autocomplete"] = field.autocomplete
    # No hint means no hint element: an empty one would still be announced via aria-describedby.
    params["hint"] = {"text": hint} if hint else None
    return params
