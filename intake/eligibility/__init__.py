"""The eligibility engine: which procedure a complaint goes to, and why.

Pure Python (no Flask), so every channel and the ``intake assess`` command share it.
"""

from intake.eligibility.engine import Decision, Reason, assess
from intake.eligibility.messages import REASON_MESSAGES
from intake.eligibility.safeguarding import safeguarding_signals

__all__ = ["assess", "Decision", "Reason", "safeguarding_signals", "REASON_MESSAGES"]
