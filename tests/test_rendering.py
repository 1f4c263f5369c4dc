"""Free text shown as HTML is cleaned by bleach: kept as typed, never markup."""

from intake.rendering import free_text


def test_tags_are_shown_as_text_not_run():
    html = free_text('<script>alert(1)</script><img src=x onerror=alert(2)>')
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;" in html


def test_line_breaks_and_paragraphs_survive():
    html = free_text("first line\nsecond line\n\nnew paragraph")
    assert html.count("<p ") == 2 and "first line<br>second line" in html


def test_any_script_is_kept_with_its_own_direction():
    html = free_text("لا أحد يستمع")
    assert "لا أحد يستمع" in html and 'dir="auto"' in html


def test_nothing_typed_shows_nothing():
    assert free_text("") == "" and free_text(None) == ""
