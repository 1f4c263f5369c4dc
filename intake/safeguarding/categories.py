"""The kinds of harm the detector names (Working Together to Safeguard Children 2023).

Staff see these names, with why each fired, on the case; the young person never does.
"""

from __future__ import annotations

#: Category id -> how staff read it.
LABELS: dict[str, str] = {
    "physical_abuse": "Physical abuse (including restraint that hurts, being locked in)",
    "sexual_abuse": "Sexual abuse",
    "emotional_abuse": "Emotional abuse",
    "neglect": "Neglect",
    "self_harm": "Self-harm or suicidal thoughts",
    "domestic_abuse": "Domestic abuse",
    "criminal_exploitation": "Criminal exploitation (county lines, drugs, weapons, debt)",
    "sexual_exploitation": "Sexual exploitation or online grooming",
    "trafficking": "Trafficking or modern slavery",
    "missing": "Going missing or running away",
    "homelessness": "Homeless or sleeping rough",
    "fgm": "Female genital mutilation",
    "forced_marriage": "Forced marriage",
    "radicalisation": "Radicalisation",
    "threats": "Threats or danger now",
}
CATEGORIES: tuple[str, ...] = tuple(LABELS)
IGNORE = "ignore"
