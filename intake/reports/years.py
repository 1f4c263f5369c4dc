"""The English financial year (1 April to 31 March, written ``2025-26``) the report covers."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from intake.calendar import local_date

YEAR_PATTERN = re.compile(r"(\d{4})-(\d{2})", re.ASCII)
FIRST_YEAR, LAST_YEAR = 2000, 2098


@dataclass(frozen=True, order=True)
class FinancialYear:
    """An English financial year: 1 April to 31 March, written ``2025-26``."""

    start_year: int

    @classmethod
    def parse(cls, text: str) -> "FinancialYear":
        match = YEAR_PATTERN.fullmatch((text or "").strip())
        if not match:
            raise ValueError("Enter a financial year like 2025-26")
        start, end = int(match.group(1)), int(match.group(2))
        if end != (start + 1) % 100:
            raise ValueError("The second year must follow the first, like 2025-26")
        if not FIRST_YEAR <= start <= LAST_YEAR:
            raise ValueError(f"Choose a year from {FIRST_YEAR} to {LAST_YEAR}")
        return cls(start)

    @classmethod
    def containing(cls, day: dt.date) -> "FinancialYear":
        return cls(day.year if day.month >= 4 else day.year - 1)

    @property
    def label(self) -> str:
        return f"{self.start_year}-{(self.start_year + 1) % 100:02d}"

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.start_year, 4, 1)

    @property
    def last_day(self) -> dt.date:
        return dt.date(self.start_year + 1, 3, 31)

    def contains(self, moment: dt.datetime) -> bool:
        return self.first_day <= local_date(moment) <= self.last_day

    def describe(self) -> str:
        return f"1 April {self.start_year} to 31 March {self.start_year + 1}"

    def __str__(self) -> str:
        return self.label


def years_between(first: FinancialYear, last: FinancialYear) -> list[FinancialYear]:
    """Every year from ``last`` back to ``first``, newest first (for the year picker)."""
    return [FinancialYear(y) for y in range(last.start_year, first.start_year - 1, -1)]
