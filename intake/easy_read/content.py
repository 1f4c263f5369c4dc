"""The Easy Read words and pictures, read from the ``easy_read/`` folder (pure: no Flask).

A council's Easy Read team edits those files, not code: one TOML file per page, made of
short sentences that each have a picture and the picture's alt text. Question pages are
named after the journey's question ids and give Easy Read words for its fields, options
and errors, keyed exactly as the journey keys them; the journey itself (order, branching,
validation) is never copied here. The English text is the gettext message id, so the
sentences reach the translation catalogues (see ``intake.easy_read.babel``).

Text may mark key words in bold with ``**word**``. Where the journey words a question
differently for a young person and for someone else, the Easy Read text may too:
``text = { own = "How old are you?", other = "How old is the young person?" }``.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path

from intake.journey.model import Text, Wording

CONTENT_DIR = Path(__file__).resolve().parents[2] / "easy_read"
PICTURES = "pictures"


class ContentError(ValueError):
    """An Easy Read file that cannot be shown; the message names the file and the place."""


@dataclass(frozen=True)
class Sentence:
    """One idea, in at most 15 words, with its picture on the left.

    ``alt`` is the picture's text alternative; an empty ``alt`` says, on purpose, that
    the sentence already says everything the picture shows. ``phone`` makes a number
    tappable after the sentence.
    """

    text: Text
    picture: str
    alt: str
    phone: str | None = None


@dataclass(frozen=True)
class Choice:
    """The Easy Read words for one of the journey's options."""

    text: Text
    picture: str
    alt: str
    hint: Text | None = None


@dataclass(frozen=True)
class FieldWords:
    label: Text | None = None
    sentences: tuple[Sentence, ...] = ()
    options: dict[str, Choice] = field(default_factory=dict)
    errors: dict[str, Text] = field(default_factory=dict)
    options_from: str | None = None  # the field whose options these are (written once)


@dataclass(frozen=True)
class QuestionWords:
    id: str
    title: Text
    summary: Text
    sentences: tuple[Sentence, ...]
    fields: dict[str, FieldWords]


@dataclass(frozen=True)
class Page:
    """A page that is not a question: a title and named groups of sentences."""

    name: str
    title: str
    sections: dict[str, tuple[Sentence, ...]]

    def __getitem__(self, section: str) -> tuple[Sentence, ...]:
        return self.sections[section]


@dataclass(frozen=True)
class Picture:
    """A shipped picture and where it came from (shown on the attributions page)."""

    name: str
    openmoji: str
    title: str
    author: str


@dataclass(frozen=True)
class Content:
    questions: dict[str, QuestionWords]
    pages: dict[str, Page]
    routes: dict[str, Page]
    pictures: dict[str, Picture]
    directory: Path

    def picture_path(self, name: str) -> Path:
        return self.directory / PICTURES / f"{name}.svg"

    def sentences(self):
        """Every sentence, with the file it is in: for the checks and the catalogues."""
        for q in self.questions.values():
            yield f"questions/{q.id}", q.sentences
            for f in q.fields.values():
                yield f"questions/{q.id}", f.sentences
        for kind, pages in (("pages", self.pages), ("routes", self.routes)):
            for page in pages.values():
                for sentences in page.sections.values():
                    yield f"{kind}/{page.name}", sentences

    def texts(self):
        """(file, English text) for every piece of text a person can read or hear."""
        for q in self.questions.values():
            where = f"questions/{q.id}"
            yield from ((where, t) for t in (q.title, q.summary))
            for f in q.fields.values():
                if f.label:
                    yield where, f.label
                for choice in f.options.values():
                    yield where, choice.text
                    if choice.hint:
                        yield where, choice.hint
                    if choice.alt:
                        yield where, choice.alt
                yield from ((where, t) for t in f.errors.values())
        for kind, pages in (("pages", self.pages), ("routes", self.routes)):
            for page in pages.values():
                yield f"{kind}/{page.name}", page.title
        for where, sentences in self.sentences():
            for s in sentences:
                yield where, s.text
                if s.alt:
                    yield where, s.alt

    def pictures_used(self) -> set[str]:
        used = {s.picture for _, sentences in self.sentences() for s in sentences}
        for q in self.questions.values():
            used.update(c.picture for f in q.fields.values() for c in f.options.values())
        return used


def english(text: Text) -> list[str]:
    """The English message ids in a piece of text (two when it has own and other wording)."""
    return [text.own, text.other] if isinstance(text, Wording) else [text]


# --- reading the files -------------------------------------------------------------------------

def _text(value, where: str) -> Text:
    if isinstance(value, str) and value.strip():
        return value.strip()
    if isinstance(value, dict) and set(value) == {"own", "other"}:
        return Wording(_text(value["own"], where), _text(value["other"], where))
    raise ContentError(f"{where}: expected some text, or own = ... and other = ...")


def _optional_text(table: dict, key: str, where: str) -> Text | None:
    return _text(table[key], f"{where}.{key}") if key in table else None


def _alt(table: dict, where: str) -> str:
    if "alt" not in table or not isinstance(table["alt"], str):
        raise ContentError(f"{where}: every picture needs alt text, or alt = \"\" on purpose "
                           "when the words already say it all")
    return table["alt"].strip()


def _picture(table: dict, where: str) -> str:
    name = table.get("picture")
    if not isinstance(name, str) or not name:
        raise ContentError(f"{where}: every sentence needs a picture")
    return name.removesuffix(".svg")


def _check_keys(table: dict, allowed: set[str], where: str) -> None:
    unknown = set(table) - allowed
    if unknown:
        raise ContentError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")


def _sentences(items, where: str) -> tuple[Sentence, ...]:
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise ContentError(f"{where}: expected a list of sentences ([[...]] tables)")
    sentences = []
    for n, item in enumerate(items, 1):
        at = f"{where}[{n}]"
        _check_keys(item, {"text", "picture", "alt", "phone"}, at)
        phone = item.get("phone")
        if phone is not None and not isinstance(phone, str):
            raise ContentError(f"{at}.phone: expected text")
        sentences.append(Sentence(_text(item.get("text"), f"{at}.text"), _picture(item, at),
                                  _alt(item, at), phone))
    return tuple(sentences)


def _field(table: dict, where: str) -> FieldWords:
    _check_keys(table, {"label", "sentences", "options", "options_from", "errors"}, where)
    options = {}
    for value, item in (table.get("options") or {}).items():
        at = f"{where}.options.{value}"
        _check_keys(item, {"text", "picture", "alt", "hint"}, at)
        options[value] = Choice(_text(item.get("text"), f"{at}.text"), _picture(item, at),
                                _alt(item, at), _optional_text(item, "hint", at))
    errors = {key: _text(value, f"{where}.errors.{key}")
              for key, value in (table.get("errors") or {}).items()}
    return FieldWords(_optional_text(table, "label", where),
                      _sentences(table.get("sentences", []), f"{where}.sentences"),
                      options, errors, table.get("options_from"))


def _share_options(questions: dict[str, QuestionWords]) -> dict[str, QuestionWords]:
    """Fill in ``options_from = "field"``: the same choices, worded in one place."""
    by_field = {fid: f for q in questions.values() for fid, f in q.fields.items()}
    shared = {}
    for qid, q in questions.items():
        fields = {}
        for fid, f in q.fields.items():
            if f.options_from is not None:
                source = by_field.get(f.options_from)
                if source is None or source.options_from is not None or f.options:
                    raise ContentError(f"questions/{qid}.toml: fields.{fid}.options_from must "
                                       "name a field that has its own options")
                f = replace(f, options=source.options)
            fields[fid] = f
        shared[qid] = replace(q, fields=fields)
    return shared


def _read(path: Path) -> dict:
    try:
        with path.open("rb") as f:
            return tomllib.load(f)
    except tomllib.TOMLDecodeError as error:
        raise ContentError(f"{path.name}: {error}") from error


def read_question(path: Path) -> QuestionWords:
    data = _read(path)
    where = f"questions/{path.name}"
    _check_keys(data, {"title", "summary", "sentences", "fields"}, where)
    return QuestionWords(
        id=path.stem,
        title=_text(data.get("title"), f"{where}: title"),
        summary=_text(data.get("summary"), f"{where}: summary"),
        sentences=_sentences(data.get("sentences", []), f"{where}: sentences"),
        fields={fid: _field(table, f"{where}: fields.{fid}")
                for fid, table in (data.get("fields") or {}).items()},
    )


def read_page(path: Path, kind: str = "pages") -> Page:
    data = _read(path)
    where = f"{kind}/{path.name}"
    title = data.pop("title", None)
    if not isinstance(title, str) or not title.strip():
        raise ContentError(f"{where}: every page needs a title")
    return Page(path.stem, title.strip(),
                {name: _sentences(items, f"{where}: {name}") for name, items in data.items()})


def read_pictures(path: Path) -> dict[str, Picture]:
    pictures = {}
    for name, item in _read(path).items():
        at = f"{PICTURES}/{path.name}: {name}"
        _check_keys(item, {"openmoji", "title", "author"}, at)
        if not all(isinstance(item.get(k), str) for k in ("openmoji", "title", "author")):
            raise ContentError(f"{at}: needs openmoji, title and author")
        pictures[name] = Picture(name, item["openmoji"], item["title"], item["author"])
    return pictures


def load(directory: Path | str = CONTENT_DIR) -> Content:
    """Read and check every Easy Read file; a mistake stops the service with its place."""
    directory = Path(directory)
    content = Content(
        questions=_share_options({p.stem: read_question(p)
                                  for p in sorted((directory / "questions").glob("*.toml"))}),
        pages={p.stem: read_page(p) for p in sorted((directory / "pages").glob("*.toml"))},
        routes={p.stem: read_page(p, "routes") for p in sorted((directory / "routes").glob("*.toml"))},
        pictures=read_pictures(directory / PICTURES / "pictures.toml"),
        directory=directory,
    )
    for name in sorted(content.pictures_used()):
        if name not in content.pictures:
            raise ContentError(f"picture {name!r} is used but not listed in pictures/pictures.toml")
        if not content.picture_path(name).is_file():
            raise ContentError(f"picture {name!r} is listed but pictures/{name}.svg is missing")
    return content
