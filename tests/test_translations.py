"""Every string a person can see goes through gettext and is in the catalogue template."""

import re
import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[1]


def test_the_catalogue_template_has_every_string_in_the_code(tmp_path):
    out = tmp_path / "messages.pot"
    subprocess.run([str(Path(sys.executable).parent / "pybabel"), "-q", "extract", "-F",
                    "translations/babel.cfg", "-k", "N_", "-k", "_l", "--no-location",
                    "-o", str(out), "."], cwd=ROOT, check=True)
    fresh = {m.id for m in read_po(out.open("rb")) if m.id}
    committed = {m.id for m in read_po((ROOT / "translations" / "messages.pot").open("rb")) if m.id}
    assert fresh - committed == set(), "run `make extract`"
    assert committed - fresh == set(), "run `make extract`"


def test_the_english_catalogue_covers_the_template():
    template = {m.id for m in read_po((ROOT / "translations" / "messages.pot").open("rb")) if m.id}
    english = {m.id for m in read_po((ROOT / "translations" / "en" / "LC_MESSAGES" / "messages.po").open("rb")) if m.id}
    assert template <= english, "run `make extract`"


def test_no_code_key_was_extracted_as_a_message():
    """``gettext(TABLE["key"])`` makes Babel extract "key" as if it were words to translate."""
    from babel.messages.pofile import read_po
    with open(ROOT / "translations" / "messages.pot", "rb") as f:
        catalogue = read_po(f)
    keys = [m.id for m in catalogue if m.id and isinstance(m.id, str)
            and re.fullmatch(r"[a-z]+(_[a-z]+)+|route|error", m.id)]
    assert keys == []
