"""The council's own details (names, numbers, advocacy provider), read from a TOML file."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass


@dataclass(frozen=True)
class Advocacy:
    name: str
    phone: str
    hours: str
    email: str = ""
    referral: str = "email"


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
    languages: tuple[str, ...] = ("en",)


def load_council(path: str) -> Council:
    with open(path, "rb") as f:
        data = tomllib.load(f)
    advocacy = Advocacy(**data.pop("advocacy"))
    languages = tuple(data.pop("languages", ["en"]))
    return Council(advocacy=advocacy, languages=languages, **data)
