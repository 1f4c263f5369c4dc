"""The council's own details (names, numbers, advocacy provider), read from a TOML file."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, replace
from functools import lru_cache

from intake.languages import BY_CODE, CODES, check_codes


#: How a warm referral reaches the advocacy provider (see README "Configuring").
REFERRAL_ROUTES = ("webhook", "email", "case_system")


@dataclass(frozen=True)
class Advocacy:
    """The council's commissioned advocacy provider and how referrals reach it.

    ``contact_method`` says, in plain words, how the provider gets in touch with a young
    person ("by phone or text message, from a number starting 0800"); it is shown to the
    young person. ``response_working_days`` is the provider's promised time to make
    contact, counted in English working days from the referral. ``referral`` is the route:
    ``webhook``, ``email`` (SMTP) or ``case_system`` (an event on the case transport).
    """

    name: str
    phone: str
    hours: str
    email: str = ""
    referral: str = "case_system"
    contact_method: str = "by phone or text message, or the way you asked"
    response_working_days: int = 3

    def __post_init__(self):
        if self.referral not in REFERRAL_ROUTES:
            raise ValueError(f"advocacy.referral must be one of {', '.join(REFERRAL_ROUTES)}, "
                             f"not {self.referral!r}")
        days = self.response_working_days
        if not isinstance(days, int) or isinstance(days, bool) or not 1 <= days <= 20:
            raise ValueError("advocacy.response_working_days must be a whole number from 1 to 20")


@dataclass(frozen=True)
class Privacy:
    """Who answers privacy questions, and what the council's own records keep.

    The service's own retention (drafts, delivered cases) comes from the INTAKE_* settings;
    ``records_retention`` is how long the council keeps the complaint in its case system.
    """

    dpo_name: str = "Data Protection Officer"
    dpo_email: str = ""
    dpo_phone: str = ""
    dpo_address: str = ""
    ico_registration: str = ""
    records_retention: str = "6 years after the complaint is closed"
    accessibility_contact: str = ""


@dataclass(frozen=True)
class Council:
    name: str
    short_name: str
    service_name: str
    complaints_phone: str
    complaints_hours: str
    complaints_email: str
    front_door_phone: str
    emergency_duty_phone: str
    advocacy: Advocacy
    #: The languages offered, as codes from ``intake.languages`` (all of them by default).
    languages: tuple[str, ...] = CODES
    privacy: Privacy = Privacy()
    #: The council's own words in other languages: ``{"ar": {"service_name": ...,
    #: "advocacy": {"hours": ...}}}`` (the ``[translated.<code>]`` tables of the file).
    translated: dict = field(default_factory=dict, compare=False, hash=False)

    def in_language(self, code: str) -> "Council":
        """The council as a reader of ``code`` sees it: its own translations where it gave
        them, its English words elsewhere (numbers, emails and names stay as they are)."""
        return _in_language(self, code) if code in self.translated else self


@lru_cache(maxsize=64)
def _in_language(council: Council, code: str) -> Council:
    words = dict(council.translated[code])
    advocacy = replace(council.advocacy, **words.pop("advocacy", {}))
    privacy = replace(council.privacy, **words.pop("privacy", {}))
    return replace(council, advocacy=advocacy, privacy=privacy, **words)


#: The council's words a reader sees, which it may give in other languages.
TRANSLATABLE = {
    "": {"name", "short_name", "service_name", "complaints_hours"},
    "advocacy": {"name", "hours", "contact_method"},
    "privacy": {"dpo_name", "dpo_address", "records_retention"},
}


def _check_translated(translated: dict) -> dict:
    """Only the words a reader sees can be translated, only as text, and only into
    languages the service has."""
    for code, words in translated.items():
        if code not in BY_CODE or not isinstance(words, dict):
            raise ValueError(f"translated.{code}: not a language the service has")
        for key, value in words.items():
            if key in ("advocacy", "privacy") and isinstance(value, dict):
                group, items = key, value
            else:
                group, items = "", {key: value}
            unknown = sorted(k for k, v in items.items()
                             if k not in TRANSLATABLE[group] or not isinstance(v, str))
            if unknown:
                raise ValueError(f"translated.{code}: cannot translate {', '.join(unknown)}")
    return translated


def load_council(path: str) -> Council:
    with open(path, "rb") as f:
        data = tomllib.load(f)
    advocacy = Advocacy(**data.pop("advocacy"))
    languages = check_codes(data.pop("languages", CODES))
    privacy = Privacy(**data.pop("privacy", {}))
    translated = _check_translated(data.pop("translated", {}))
    return Council(advocacy=advocacy, languages=languages, privacy=privacy,
                   translated=translated, **data)
