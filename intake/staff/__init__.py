"""The complaints team's side: sign-in, the intake queue, triage, audit and reports.
Importing the package registers every page on ``bp``."""

from intake.staff import account, cases, reports  # noqa: F401
from intake.staff.blueprint import bp

__all__ = ["bp"]
