"""Free text shown as HTML: kept as typed, never markup."""

from intake.rendering import free_text


def test_tags_are_shown_as_text_not_run():
    html = free_text('<script>alert(1)</script><img src=x onerror=alert(2)>')
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;" in html


def test_what_looks_like_an_entity_is_shown_as_typed():
    # Someone who typed "&amp;" or "&#60;script&#62;" sees exactly that, not "&" or "<script>".
    html = free_text("Tom &amp; Jerry &#60;script&#62; &lt;b&gt; a&b")
    assert html == ('<p class="govuk-body app-free-text" dir="auto">'
                    "Tom &amp;amp; Jerry &amp;#60;script&amp;#62; &amp;lt;b&amp;gt; a&amp;b</p>")


def test_line_breaks_and_paragraphs_survive():
    html = free_text("first line\nsecond line\n\nnew paragraph")
    assert html.count("<p ") == 2 and "first line<br>second line" in html


def test_any_script_is_kept_with_its_own_direction():
    html = free_text("لا أحد يستمع")
    assert "لا أحد يستمع" in html and 'dir="auto"' in html


def test_nothing_typed_shows_nothing():
    assert free_text("") == "" and free_text(None) == ""


def test_typed_direction_controls_cannot_reorder_what_staff_and_young_people_read():
    from intake.rendering import free_text
    shown = str(free_text("my file is harmless\u202eexe.txt"))
    assert "\u202e" not in shown and "harmlessexe.txt" in shown and 'dir="auto"' in shown
