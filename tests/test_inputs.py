"""Input from outside the journey is made safe before it reaches the database."""

from __future__ import annotations

import pytest

from intake.inputs import LARGEST, whole_number, without_controls


def test_control_characters_are_removed_and_line_breaks_kept():
    assert without_controls("a\x00b\x07c\x1bd\x7fe\tf\ng\r\n") == "abcde\tf\ng\r\n"
    assert without_controls(None) == "" and without_controls(["x"]) == ""


@pytest.mark.parametrize("typed, number", [
    ("7", 7), (" 12 ", 12), ("0", None), ("-3", None), ("1.5", None), ("²", None), ("٣", None),
    ("9" * 25, None), (str(LARGEST), LARGEST), (str(LARGEST + 1), None), ("", None), (None, None),
])
def test_whole_numbers_are_ascii_digits_in_range(typed, number):
    assert whole_number(typed) == number


def test_direction_controls_are_removed_and_direction_marks_kept():
    from intake.inputs import without_bidi_controls
    typed = "invoice\u202etxt.exe \u2067مرحبا\u2069 a\u200fb"
    assert without_bidi_controls(typed) == "invoicetxt.exe مرحبا a\u200fb"
