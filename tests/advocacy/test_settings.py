"""The advocacy referral route in the council file, and the settings each route needs,
are checked at start-up with messages that name what to fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from intake.council import load_council
from intake.settings_check import ConfigError, check
from tests.queue.conftest import SECRET
from tests.test_deployment import GOOD

EXAMPLE = (Path(__file__).resolve().parents[2] / "intake" / "council.toml").read_text()
EMAIL = {"INTAKE_SMTP_HOST": "smtp.council.example", "INTAKE_SMTP_PORT": "587",
         "INTAKE_SMTP_USERNAME": "", "INTAKE_SMTP_PASSWORD": "", "INTAKE_SMTP_STARTTLS": True,
         "INTAKE_ADVOCACY_EMAIL_TO": "referrals@advocacy.example",
         "INTAKE_ADVOCACY_EMAIL_FROM": "Complaints <complaints@council.example>",
         "INTAKE_ADVOCACY_WEBHOOK_URL": "", "INTAKE_ADVOCACY_WEBHOOK_SECRET": ""}


def council_file(tmp_path, **advocacy) -> str:
    text = EXAMPLE
    for key, value in advocacy.items():
        old = next(line for line in text.splitlines() if line.startswith(f"{key} = "))
        text = text.replace(old, f"{key} = {value!r}" if isinstance(value, str) else f"{key} = {value}")
    path = tmp_path / "council.toml"
    path.write_text(text)
    return str(path)


def test_the_example_council_file_refers_through_the_case_system_by_default():
    advocacy = load_council(GOOD["INTAKE_COUNCIL_FILE"]).advocacy
    assert advocacy.referral == "case_system" and advocacy.response_working_days == 3
    check(GOOD)  # no advocacy settings needed locally


@pytest.mark.parametrize("advocacy, change, variable", [
    ({"referral": "fax"}, {}, "INTAKE_COUNCIL_FILE"),
    ({"response_working_days": 0}, {}, "INTAKE_COUNCIL_FILE"),
    ({"response_working_days": "soon"}, {}, "INTAKE_COUNCIL_FILE"),
    ({"referral": "webhook"}, {}, "INTAKE_ADVOCACY_WEBHOOK_URL"),
    ({"referral": "webhook"}, {"INTAKE_ADVOCACY_WEBHOOK_URL": "http://advocacy.example/in"},
     "INTAKE_ADVOCACY_WEBHOOK_URL"),
    ({"referral": "webhook"}, {"INTAKE_ADVOCACY_WEBHOOK_URL": "https://advocacy.example/in"},
     "INTAKE_ADVOCACY_WEBHOOK_SECRET"),
    ({"referral": "email"}, {"INTAKE_SMTP_HOST": ""}, "INTAKE_SMTP_HOST"),
    ({"referral": "email"}, {"INTAKE_SMTP_PORT": "smtp"}, "INTAKE_SMTP_PORT"),
    ({"referral": "email"}, {"INTAKE_SMTP_STARTTLS": False}, "INTAKE_SMTP_STARTTLS"),
    ({"referral": "email"}, {"INTAKE_SMTP_USERNAME": "intake"}, "INTAKE_SMTP_PASSWORD"),
    ({"referral": "email"}, {"INTAKE_SMTP_PASSWORD": "secret"}, "INTAKE_SMTP_USERNAME"),
    ({"referral": "email"}, {"INTAKE_ADVOCACY_EMAIL_TO": ""}, "INTAKE_ADVOCACY_EMAIL_TO"),
    ({"referral": "email"}, {"INTAKE_ADVOCACY_EMAIL_TO": "a@x.example, b@x.example"},
     "INTAKE_ADVOCACY_EMAIL_TO"),
    ({"referral": "email"}, {"INTAKE_ADVOCACY_EMAIL_FROM": "complaints"}, "INTAKE_ADVOCACY_EMAIL_FROM"),
])
def test_a_route_without_its_settings_stops_start_up_naming_them(tmp_path, advocacy, change, variable):
    config = GOOD | EMAIL | change | {"INTAKE_COUNCIL_FILE": council_file(tmp_path, **advocacy)}
    with pytest.raises(ConfigError) as error:
        check(config, {})
    assert str(error.value).startswith(variable + ":"), str(error.value)


@pytest.mark.parametrize("advocacy, change", [
    ({"referral": "email"}, {}),
    ({"referral": "email"}, {"INTAKE_SMTP_HOST": "127.0.0.1", "INTAKE_SMTP_STARTTLS": False}),
    ({"referral": "email"}, {"INTAKE_SMTP_USERNAME": "intake", "INTAKE_SMTP_PASSWORD": "secret"}),
    ({"referral": "webhook"}, {"INTAKE_ADVOCACY_WEBHOOK_URL": "https://advocacy.example/in",
                               "INTAKE_ADVOCACY_WEBHOOK_SECRET": SECRET}),
    ({"referral": "case_system", "response_working_days": 5}, {}),
])
def test_each_route_with_its_settings_starts(tmp_path, advocacy, change):
    check(GOOD | EMAIL | change | {"INTAKE_COUNCIL_FILE": council_file(tmp_path, **advocacy)}, {})
