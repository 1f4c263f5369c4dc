"""The council file: its own details, and its own words in other languages."""

from __future__ import annotations

import pytest

from intake.council import load_council
from intake.config import PACKAGE_DIR

EXAMPLE = PACKAGE_DIR / "council.toml"


def test_the_council_speaks_the_readers_language_where_it_gave_the_words():
    council = load_council(str(EXAMPLE))
    arabic = council.in_language("ar")
    assert arabic.service_name != council.service_name
    assert arabic.advocacy.hours != council.advocacy.hours
    assert arabic.privacy.records_retention != council.privacy.records_retention
    # numbers, emails and names are the same in every language
    assert arabic.complaints_phone == council.complaints_phone
    assert arabic.advocacy.phone == council.advocacy.phone
    assert arabic.name == council.name
    assert council.in_language("en") is council


def test_every_language_offered_has_the_councils_words(tmp_path):
    council = load_council(str(EXAMPLE))
    for code in council.languages:
        if code != "en":
            assert council.in_language(code).service_name != council.service_name, code


@pytest.mark.parametrize("table, message", [
    ('[translated.xx]\nservice_name = "x"\n', "translated.xx"),
    ('[translated.ar]\ncomplaints_phone_typo = "x"\n', "cannot translate complaints_phone_typo"),
    ('[translated.ar]\nadvocacy = { referral = 3 }\n', "cannot translate referral"),
])
def test_a_mistake_in_the_translated_tables_stops_start_up(tmp_path, table, message):
    text = EXAMPLE.read_text().split("\n[translated.")[0] + "\n" + table
    path = tmp_path / "council.toml"
    path.write_text(text)
    with pytest.raises(ValueError, match=message):
        load_council(str(path))


def test_pages_show_the_councils_words_in_the_readers_language(client):
    client.get("/language/ar?next=/")
    page = client.get("/").get_data(as_text=True)
    council = client.application.config["INTAKE_COUNCIL"]
    assert council.in_language("ar").service_name in page
    assert council.service_name not in page
