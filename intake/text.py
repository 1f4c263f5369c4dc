"""Marking strings for translation in pure modules.

The journey and the engine must not import Flask, yet their wording has to reach the
translation catalogues. ``N_`` marks a string for Babel's extractor (``babel.cfg`` lists
it as a keyword) and returns it unchanged; channels translate it when they render.
"""


def N_(message: str) -> str:  # noqa: N802 - the gettext convention
    return message
