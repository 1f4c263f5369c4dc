"""Rendered HTML fragments kept in each web process, for the parts of pages that are the
same for everyone who sees them.

GOV.UK Frontend's Jinja macros are thorough but slow: a question with 24 checkboxes is
hundreds of nested macro calls (about 10 ms of a 12 ms page), and the exit button, skip link
and footer add more to every page. What they produce depends only on the question, the
language and which options are ticked, so it is rendered once and then reused.

What is never kept, so no one's words stay in memory after their request: any field with
an error, and any field holding typed text (only empty fields and ticked options are
kept). Keys are the inputs the HTML depends on, so a cached fragment is byte for byte what
rendering it again would give (tests/test_fragments.py proves it for every question in
every language).
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict

from markupsafe import Markup

#: Fragments kept per process; a page's worth is a few KB, so this is a few MB at most.
SIZE = 2048


class FragmentCache:
    """A small thread-safe LRU of rendered Markup, keyed by tuples of strings."""

    def __init__(self, size: int = SIZE):
        self.size = size
        self._items: OrderedDict[tuple, Markup] = OrderedDict()
        self._lock = threading.Lock()

    def get_or_render(self, key: tuple, render) -> Markup:
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
                return found
        html = Markup(render())
        with self._lock:
            self._items[key] = html
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return html

    def clear(self) -> None:
        with self._lock:
            self._items.clear()

    def __len__(self) -> int:
        return len(self._items)


def _typed_text(field) -> bool:
    """Does the field hold something a person typed (rather than chose, or nothing)?"""
    if getattr(field, "choices", None) is not None:
        return False
    return bool(field.data) or bool(field.raw_data and any(field.raw_data))


def field_key(field, params: dict, language: str) -> tuple | None:
    """The key a rendered form field is kept under, or None if it must not be kept."""
    if field.errors or _typed_text(field):
        return None
    choices = getattr(field, "choices", None)
    return ("field", language, field.type, field.name, repr(field.data),
            json.dumps(choices, default=str, ensure_ascii=False),
            json.dumps(params, sort_keys=True, default=str, ensure_ascii=False))


def install(app, cache: FragmentCache | None = None) -> FragmentCache:
    """Make ``render_field`` and ``fragment`` available to the app's templates.

    ``render_field(form, name, params)`` renders a form field through govuk-frontend-wtf,
    from the cache when it may be. ``{% call fragment(key...) %}...{% endcall %}`` keeps
    whatever the block renders under the key given; the caller's key must name everything
    the block depends on (its language at least).
    """
    cache = cache or FragmentCache()
    app.extensions["intake_fragments"] = cache

    def render_field(form, name: str, params: dict, language: str) -> Markup:
        field = form[name]
        key = field_key(field, params, language)
        if key is None:
            return field(params=params)
        return cache.get_or_render(key, lambda: field(params=params))

    def fragment(*key, caller) -> Markup:
        from flask import request
        return cache.get_or_render(("block", request.script_root, *map(str, key)), caller)

    app.jinja_env.globals.update(render_field=render_field, fragment=fragment)
    return cache
