"""The languages the service can be read in: one registry for the form, Easy Read and chat.

Pure data (no Flask), so the chooser, the council file's check, the safeguarding lists and
the tests all agree on the same codes. ``code`` is the name of the catalogue folder
(``translations/<code>/``), of the safeguarding list (``signals/<code>.txt``) and of the
chat's examples (``bot/data/nlu/<code>.yml``); ``name`` is how a reader of the language
writes its name, so someone who cannot read English can still find their own.
"""

from __future__ import annotations

from dataclasses import dataclass

LTR = "ltr"
RTL = "rtl"


@dataclass(frozen=True)
class Language:
    code: str
    name: str  # in its own language and script
    english_name: str
    direction: str = LTR
    locale: str = ""  # the Babel locale; the code itself unless it needs a region

    @property
    def babel_locale(self) -> str:
        return self.locale or self.code

    @property
    def tag(self) -> str:
        """The BCP 47 tag for ``lang`` attributes ("en-GB", "ar")."""
        return self.babel_locale.replace("_", "-")


ENGLISH = Language("en", "English", "English", locale="en_GB")

#: Every language the service has catalogues for, in the order the chooser lists them:
#: English first, then the right-to-left languages, then the others.
LANGUAGES: tuple[Language, ...] = (
    ENGLISH,
    Language("ar", "العربية", "Arabic", RTL),
    Language("fa", "فارسی", "Persian (Dari)", RTL),
    Language("ps", "پښتو", "Pashto", RTL),
    Language("ckb", "کوردی", "Central Kurdish (Sorani)", RTL),
    Language("ur", "اردو", "Urdu", RTL),
    Language("ti", "ትግርኛ", "Tigrinya"),
    Language("sq", "Shqip", "Albanian"),
    Language("vi", "Tiếng Việt", "Vietnamese"),
    Language("pl", "Polski", "Polish"),
    Language("ro", "Română", "Romanian"),
    Language("uk", "Українська", "Ukrainian"),
    Language("so", "Soomaali", "Somali"),
)

BY_CODE = {language.code: language for language in LANGUAGES}
CODES = tuple(BY_CODE)


def find(code: object) -> Language | None:
    """The language for a code, a Babel locale or a tag ("ar", "en_GB", "en-GB"); else None."""
    if not isinstance(code, str):
        return None
    code = code.strip()
    if code in BY_CODE:
        return BY_CODE[code]
    for language in LANGUAGES:
        if code.replace("-", "_").lower() == language.babel_locale.lower():
            return language
    return None


#: Tags a browser may send for one of these languages under another name (lower case).
ALIASES = {"prs": "fa", "fa-af": "fa", "pbt": "ps", "pbu": "ps", "ku-arab": "ckb",
           "ckb-arab": "ckb"}


def negotiate(preferences, enabled) -> str | None:
    """The browser's most preferred enabled language, or None.

    ``preferences`` are (tag, quality) pairs, most preferred first, as Werkzeug parses
    Accept-Language. Each tag is tried whole, then by its first part ("pl-PL" is "pl"),
    before the next tag is looked at, so "pl-PL, en;q=0.5" gives Polish, not English.
    """
    for tag, quality in preferences:
        if not isinstance(tag, str) or quality <= 0:
            continue
        tag = tag.strip().lower().replace("_", "-")
        for candidate in (ALIASES.get(tag, tag), ALIASES.get(tag.split("-")[0], tag.split("-")[0])):
            if candidate in enabled:
                return candidate
    return None


def direction(code: object) -> str:
    """``rtl`` or ``ltr`` for a code or locale; unknown codes read left to right."""
    language = find(code) or find(str(code).replace("-", "_").split("_")[0])
    return language.direction if language else LTR


def check_codes(codes) -> tuple[str, ...]:
    """The council file's ``languages`` list, checked: known codes, English among them.

    English is the language every catalogue is translated from and the one a missing
    translation falls back to, so it cannot be switched off.
    """
    if isinstance(codes, str) or not all(isinstance(c, str) for c in codes):
        raise ValueError("languages must be a list of language codes, like [\"en\", \"ar\"]")
    unknown = [c for c in codes if c not in BY_CODE]
    if unknown:
        raise ValueError(f"languages: unknown code(s) {', '.join(map(repr, unknown))}; "
                         f"the service has {', '.join(CODES)}")
    if ENGLISH.code not in codes:
        raise ValueError("languages: \"en\" must stay on (it is what the others translate)")
    # Keep the registry's order whatever order the file lists them in, without repeats.
    return tuple(c for c in CODES if c in codes)
