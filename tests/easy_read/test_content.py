"""The Easy Read content: complete for the journey, short, plain, pictured and translatable.

These checks read the files as shipped in ``easy_read/``; a council that edits them runs
the same checks.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from intake.easy_read.content import CONTENT_DIR, ContentError, english, load
from intake.easy_read.pictures import words_in
from intake.journey import JOURNEY
from intake.journey.outcomes import ROUTE_TITLES

ROOT = Path(__file__).resolve().parents[2]
MAX_WORDS = 15
MIN_READING_EASE = 80
#: Words from the law and the council's paperwork that Easy Read never uses. The few
#: specific words people need ("advocate", "tribunal") are explained where they appear.
JARGON = {
    "statutory", "representations", "procedure", "procedures", "eligible", "eligibility",
    "jurisdiction", "complainant", "safeguarding", "proceedings", "investigation",
    "investigate", "escalate", "escalation", "placement", "accommodation", "assessment",
    "disciplinary", "ombudsman", "adjudication", "pursuant", "hereby", "thereof",
    "respondent", "referral", "consent", "stage",
}
#: Sample values for the council's details, for counting words and syllables.
PLACES = {
    "council": "Example Council", "complaints_phone": "0300 123 4567",
    "complaints_hours": "Monday to Friday, 9am to 5pm", "front_door_phone": "0300 123 4568",
    "emergency_duty_phone": "0300 123 4569", "advocacy_name": "Example Advocacy Service",
    "advocacy_phone": "0800 123 4570", "days": 30, "minutes": 30,
    "acknowledge_by": "Tuesday 24 November 2026", "stage1_due": "Tuesday 8 December 2026",
    "stage1_extended_due": "Tuesday 19 January 2027", "date": "Tuesday 24 November 2026",
}
BOLD = re.compile(r"\*\*(.+?)\*\*")


def words(text: str) -> list[str]:
    """The words a reader meets: placeholders count as one word each, bold marks as none."""
    text = re.sub(r"%\((\w+)\)s", "X", BOLD.sub(r"\1", text))
    return re.findall(r"[\w'’@.-]+", text)


def filled(text: str) -> str:
    return BOLD.sub(r"\1", text) % PLACES if "%(" in text else BOLD.sub(r"\1", text)


def every_text(content):
    for where, text in content.texts():
        for message in english(text):
            yield where, message


# --- complete: the journey and the engine have Easy Read words for everything ------------------

def missing_words(journey, content) -> list[str]:
    """Every question, field, option, option hint and error key without Easy Read words."""
    missing = []
    for q in journey:
        words_for = content.questions.get(q.id)
        if words_for is None:
            missing.append(f"questions/{q.id}.toml")
            continue
        for f in q.fields:
            said = words_for.fields.get(f.id)
            if len(q.fields) > 1 and (said is None or not said.label):
                missing.append(f"questions/{q.id}.toml: fields.{f.id}.label")
            if said is None:
                if f.options or f.error_keys():
                    missing.append(f"questions/{q.id}.toml: fields.{f.id}")
                continue
            for option in f.options:
                choice = said.options.get(option.value)
                if choice is None:
                    missing.append(f"questions/{q.id}.toml: fields.{f.id}.options.{option.value}")
                elif option.hint and not choice.hint:
                    missing.append(f"questions/{q.id}.toml: fields.{f.id}.options.{option.value}.hint")
            for key in f.error_keys():
                if key not in said.errors:
                    missing.append(f"questions/{q.id}.toml: fields.{f.id}.errors.{key}")
    return missing


def test_every_question_field_option_and_error_of_the_journey_has_easy_read_words(content):
    missing = missing_words(JOURNEY, content)
    assert missing == [], "Easy Read words are missing:\n  " + "\n  ".join(missing)


def test_a_question_option_or_error_added_without_easy_read_words_is_caught(content):
    from dataclasses import replace

    from intake.journey.model import Field, Option, Question
    pets = Question(id="pets", title="Do you have a pet?", fields=(Field("pets", "boolean"),))
    assert missing_words(JOURNEY + (pets,), content) == ["questions/pets.toml"]
    safe = next(q for q in JOURNEY if q.id == "safe_now")
    field = safe.fields[0]
    grown = replace(field, options=field.options + (Option("maybe", "Maybe"),),
                    errors={**field.errors, "odd": "Odd"})
    assert missing_words((replace(safe, fields=(grown,)),), content) == [
        "questions/safe_now.toml: fields.safe_now.options.maybe",
        "questions/safe_now.toml: fields.safe_now.errors.odd"]


def test_easy_read_words_name_only_what_the_journey_has(content):
    journey = {q.id: q for q in JOURNEY}
    stray = []
    for qid, words_for in content.questions.items():
        q = journey.get(qid)
        if q is None:
            stray.append(f"questions/{qid}.toml")
            continue
        fields = {f.id: f for f in q.fields}
        for fid, said in words_for.fields.items():
            f = fields.get(fid)
            if f is None:
                stray.append(f"questions/{qid}.toml: fields.{fid}")
                continue
            stray += [f"{qid}.{fid}.options.{v}" for v in said.options
                      if v not in {o.value for o in f.options}]
            stray += [f"{qid}.{fid}.errors.{k}" for k in said.errors if k not in f.error_keys()]
    assert stray == []


def test_every_route_the_engine_can_give_has_an_easy_read_explanation(content):
    assert set(content.routes) == set(ROUTE_TITLES)


# --- plain: short sentences, easy words, no jargon ------------------------------------------------

def test_every_sentence_has_at_most_15_words(content):
    long = [(where, message, len(words(message))) for where, message in every_text(content)
            if len(words(message)) > MAX_WORDS]
    assert long == [], "\n".join(f"{w}: {n} words: {m}" for w, m, n in long)


def test_each_page_scores_at_least_80_for_reading_ease(content, textstat):
    pages: dict[str, list[str]] = {}
    for where, message in every_text(content):
        text = filled(message)
        pages.setdefault(where, []).append(text if text.rstrip()[-1:] in ".?!" else text + ".")
    scores = {where: textstat.flesch_reading_ease(" ".join(texts)) for where, texts in pages.items()}
    hard = {where: round(score, 1) for where, score in scores.items() if score < MIN_READING_EASE}
    assert len(scores) >= len(content.questions) + len(content.pages)
    assert hard == {}, f"pages below {MIN_READING_EASE} for reading ease: {hard}"


def test_the_reading_ease_check_can_fail(textstat):
    hard = ("The statutory representations procedure determines eligibility pursuant to "
            "the jurisdictional considerations of the complainant's circumstances.")
    assert textstat.flesch_reading_ease(hard) < MIN_READING_EASE


def test_no_jargon(content):
    found = [(where, message) for where, message in every_text(content)
             if JARGON.intersection(w.lower() for w in words(message))]
    assert found == [], "\n".join(f"{w}: {m}" for w, m in found)


def test_the_word_advocate_is_explained_where_it_is_used(content):
    """"Advocate" is the word people will hear, so it is used, and said what it means."""
    texts: dict[str, str] = {}
    for where, message in every_text(content):
        texts[where] = texts.get(where, "") + " " + message.lower()
    unexplained = [where for where, text in texts.items()
                   if "advocate" in text and "on your side" not in text
                   and "on the side of" not in text]
    assert unexplained == []


def test_bold_marks_are_paired_and_nothing_else_is_markup(content):
    for where, message in every_text(content):
        assert message.count("**") % 2 == 0, (where, message)
        assert not re.search(r"[<>`]|(?<!\*)\*(?!\*)", re.sub(r"%\(\w+\)s", "", message)), (where, message)


def test_every_placeholder_is_one_the_service_fills_in(content):
    for where, message in every_text(content):
        for name in re.findall(r"%\((\w+)\)s", message):
            assert name in PLACES, (where, message)
        filled(message)  # a stray % would fail here


# --- pictured: every sentence has a picture and an alt text ----------------------------------------

def test_every_sentence_has_a_picture_and_an_alt_text_or_a_deliberately_empty_one():
    for path in sorted(CONTENT_DIR.glob("*/*.toml")):
        if path.parent.name == "pictures":
            continue
        text = path.read_text(encoding="utf-8")
        for block in re.split(r"\n(?=\[)", text):
            if re.search(r"^text = ", block, re.M) and not block.startswith("[fields.") or \
                    re.match(r"\[fields\.[^\]]*\.options\.", block):
                assert re.search(r"^picture = \"[^\"]+\"", block, re.M), (path.name, block)
                assert re.search(r"^alt = \"", block, re.M), (path.name, block)


def test_a_sentence_without_alt_text_is_refused(tmp_path):
    for folder in ("questions", "pages", "routes", "pictures"):
        (tmp_path / folder).mkdir()
    (tmp_path / "pictures" / "pictures.toml").write_text("")
    (tmp_path / "pages" / "start.toml").write_text(
        'title = "Hello"\n[[intro]]\ntext = "Hi."\npicture = "child"\n')
    with pytest.raises(ContentError, match="alt"):
        load(tmp_path)


def test_every_picture_used_is_shipped_and_credited_and_every_shipped_picture_is_used(content):
    shipped = {p.stem for p in (CONTENT_DIR / "pictures").glob("*.svg")}
    used = content.pictures_used()
    assert used <= shipped
    assert shipped == used, f"shipped but not used: {sorted(shipped - used)}"
    assert set(content.pictures) == shipped, "pictures.toml lists exactly the shipped pictures"
    assert all(p.author and p.openmoji for p in content.pictures.values())


def test_pictures_are_small_and_have_no_words_in_them(content):
    for name in content.pictures:
        path = content.picture_path(name)
        assert path.stat().st_size < 12_000, name
        assert words_in(path) == [], f"{name}.svg has text in it"
        assert "<script" not in path.read_text(encoding="utf-8").lower(), name


def test_the_licence_is_shipped_with_the_pictures():
    licence = (CONTENT_DIR / "pictures" / "LICENSE.md").read_text(encoding="utf-8")
    assert "CC BY-SA 4.0" in licence and "OpenMoji" in licence


# --- translatable: every sentence reaches the catalogue --------------------------------------------

def test_every_easy_read_text_and_alt_text_is_in_the_catalogue(content):
    catalogue = {m.id for m in read_po((ROOT / "translations" / "messages.pot").open("rb")) if m.id}
    missing = sorted({message for _, message in every_text(content)} - catalogue)
    assert missing == [], "run `make extract`: " + "; ".join(missing[:5])
    assert {p.title for p in content.pictures.values()} <= catalogue


def test_the_extractor_is_registered_and_mapped_to_the_easy_read_files(tmp_path):
    assert "[easy_read: easy_read/**.toml]" in (ROOT / "translations" / "babel.cfg").read_text()
    config = tmp_path / "babel.cfg"
    config.write_text("[easy_read: **.toml]\n")  # the method by its entry-point name
    out = tmp_path / "easy.pot"
    subprocess.run([str(Path(sys.executable).parent / "pybabel"), "-q", "extract",
                    "-F", str(config), "-o", str(out), "easy_read"], cwd=ROOT, check=True)
    ids = {m.id for m in read_po(out.open("rb")) if m.id}
    assert "Talk to **Childline**. It is free, any time." in ids
    assert "A megaphone" in ids  # alt text too


def test_the_content_loader_extractor_and_picture_copier_are_pure():
    code = ("import sys\n"
            "import intake.easy_read.content, intake.easy_read.babel, intake.easy_read.pictures\n"
            "print(','.join(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('flask', 'flask_wtf', 'flask_babel', 'werkzeug'))))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""
