"""Choosing a language: a plain link on every public page, so it works without JavaScript.

The choice is kept in the session (the signed cookie), so it lasts the whole journey and
goes with the person into Easy Read and the chat. ``next`` is the page to go back to: only
a path on this site is accepted, so the link cannot be used to send someone elsewhere.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import current_app, redirect, request, session, url_for
from flask_babel import get_locale, get_translations

from intake.public.blueprint import bp

#: Where "next" may not lead: the public pages that act when opened.
_NOT_RETURNED_TO = ("/exit", "/language/")


def local_path(target: object) -> str | None:
    """``target`` if it is a path on this site ("/questions/filer?x=1"), else None.

    Rejects anything a browser could read as another site: a scheme or host
    ("https://x", "//x"), backslashes (some browsers read "/\\x" as "//x"), and control
    characters or spaces.
    """
    if not isinstance(target, str) or not target.startswith("/") or target.startswith("//") \
            or len(target) > 2000:
        return None
    if "\\" in target or any(ord(c) < 33 or ord(c) == 127 for c in target):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not parts.path.startswith("/") or parts.path.startswith("//"):
        return None
    if parts.path.startswith(_NOT_RETURNED_TO):
        return None
    return target


def here() -> str:
    """The current page, as ``next`` for the language links."""
    query = request.query_string.decode("latin-1")
    return request.path + (f"?{query}" if query else "")


@bp.get("/language/<code>")
def choose_language(code: str):
    """Keep the chosen language and go back to the same page.

    A language the council does not offer (switched off since the link was shown, or
    made up) changes nothing: the page comes back in the language it was in.
    """
    if code in current_app.config["INTAKE_COUNCIL"].languages:
        session["lang"] = code
    return redirect(local_path(request.args.get("next")) or url_for("public.start"), 303)


def language_link(code: str) -> str:
    """The chooser's link for one language: back to this page, in that language."""
    return url_for("public.choose_language", code=code, next=local_path(here()) or None)


def _plural_forms(form) -> dict[str, str]:
    """One message for each plural category of the reader's language, for GOV.UK Frontend's
    scripts (they pick one with the browser's Intl.PluralRules and fill in ``%{count}``).

    ``form(n)`` is the catalogue's message for the number n; each category gets the form
    for a number in it, so Arabic has its six forms and Vietnamese its one.
    """
    locale = get_locale()
    forms: dict[str, str] = {}
    for number in range(0, 200):
        forms.setdefault(locale.plural_form(number), form(number))
    # "other" is the scripts' fallback; in Polish, say, only fractions are "other".
    forms.setdefault("other", form(100))
    return forms


def character_count_texts() -> dict:
    """The character count's words (see templates/govuk_frontend_jinja/components/character-count)."""
    t = get_translations()
    return {
        "textareaDescriptionText": t.gettext("You can enter up to %{count} characters"),
        "charactersUnderLimitText": _plural_forms(lambda n: t.ngettext(
            "You have %{count} character remaining", "You have %{count} characters remaining", n)),
        "charactersAtLimitText": t.gettext("You have 0 characters remaining"),
        "charactersOverLimitText": _plural_forms(lambda n: t.ngettext(
            "You have %{count} character too many", "You have %{count} characters too many", n)),
    }
