"""The eligibility engine: which procedure a complaint goes to, and why.

Pure Python (no Flask), so every channel and the ``intake assess`` command share it.
"""

from intake.eligibility.engine import Decision, Reason, assess
from intake.eligibility.messages import REASON_MESSAGES

__all__ = ["assess", "Decision", "Reason", "REASON_MESSAGES"]
