"""A Babel extractor for the Easy Read files, so ``make extract`` puts every sentence, alt
text, option, hint and error message into ``messages.pot``.

Registered in pyproject.toml as the ``easy_read`` extraction method and mapped to
``easy_read/**.toml`` in ``translations/babel.cfg``.
"""

from __future__ import annotations

from pathlib import Path

from intake.easy_read import content

COMMENT = "Easy Read: one idea, at most 15 words, everyday words. **bold** marks key words."


def _content_of(path: Path) -> list[str]:
    kind = path.parent.name
    if kind == content.PICTURES:
        return [p.title for p in content.read_pictures(path).values()]
    if kind == "questions":
        holder = content.Content({path.stem: content.read_question(path)}, {}, {}, {}, path.parent)
    elif kind in ("pages", "routes"):
        page = content.read_page(path, kind)
        holder = content.Content({}, {page.name: page} if kind == "pages" else {},
                                 {page.name: page} if kind == "routes" else {}, {}, path.parent)
    else:
        return []
    return [message for _, text in holder.texts() for message in content.english(text)]


def extract(fileobj, keywords, comment_tags, options):
    """Babel extraction method: (line, function, message, comments) for each string."""
    path = Path(fileobj.name)
    raw = fileobj.read().decode("utf-8")
    seen = set()
    for message in _content_of(path):
        if message in seen:
            continue
        seen.add(message)
        line = raw[:max(raw.find(message[:30]), 0)].count("\n") + 1
        yield line, None, message, [COMMENT]
