"""One entry in the lexicon covers every form of its words: stems per language.

Where a well-kept stemmer covers the language (the Snowball stemmers in PyStemmer: English,
Arabic, Persian, Polish, Romanian), it is used. Nothing packaged and light covers Ukrainian,
Albanian, Somali, Pashto, Urdu, Sorani or Tigrinya, so they have small suffix rules here
(each tested); Vietnamese words do not inflect. A stem is only ever compared with stems made
by the same language's reducer, so a rough rule costs a little precision, never a crash.

Words arrive normalised (lower case, accents stripped), and the Snowball stemmers see them that
way too: the lexicon's terms are reduced by the same function, so both sides agree.
"""

from __future__ import annotations

from functools import lru_cache

import Stemmer

from intake.safeguarding.normalise import sentences

_SNOWBALL = {"en": "english", "ar": "arabic", "fa": "persian", "pl": "polish", "ro": "romanian"}


def _suffix_rules(suffixes: str, *, keep: int = 3):
    """A reducer that strips the longest matching suffix, keeping at least ``keep`` letters."""
    # Suffixes are normalised like the words they are cut from (Arabic yeh -> Persian yeh...).
    ordered = sorted({w for s in sentences(suffixes) for w in s}, key=len, reverse=True)

    def reduce(word: str) -> str:
        for suffix in ordered:
            if word.endswith(suffix) and len(word) - len(suffix) >= keep:
                return word[: -len(suffix)]
        return word
    return reduce


# Ukrainian (accents stripped: й->и, ї->і): case endings of nouns and adjectives, verb
# endings of person, tense and gender, and the reflexive -ся/-сь.
_UK = _suffix_rules(
    "ами ями ого ому ими ених ого ій ою ею ові еві ах ях ом ем ів ти ть ться тися ся сь ла ли ло "
    "ла ють ють ують юють ємо ете ить ять иш еш ую юю ує ає яє ав ив ила ило или али ала ало "
    "ий ій ої ої ою ую і и а я у ю е о є в", keep=3)
# Albanian: definite and case endings of nouns, and common verb endings.
_SQ = _suffix_rules(
    "ave eve ive ëve ën in it ët ës së ja ut un ur ura urat at et ësh sh ka ke ni nin në ve "
    "te ta i u n t", keep=3)
# Somali: definite articles (-ka/-ta/-ga/-da/-ha and the remote -kii/-tii...), possessives
# (-kayga, -tayda, -kiisa...), plural -o/-yaal/-ooyin and verb endings (-aa, -ay, -tay, -eed,
# -aysaa, -ayaa, -ayn, -aan, -in).
_SO = _suffix_rules(
    "kayga tayda kaaga taada kiisa tiisa keeda teeda keena teena kooda tooda kaaga ayga ayda "
    "aysaa ayaa ayso eysa tooyin ooyin yaal kii tii gii dii hii aysa ayn aan tay eed ena ka "
    "ta ga da ha aa ay in o", keep=3)
# Pashto (Arabic script, after normalisation): plural and case endings and common verb ends.
_PS = _suffix_rules("ونه انو ګانو ګان ان وي ې ي و ه م", keep=2)
# Urdu: plural and oblique endings, verb endings (-ta/-ti/-te, -na, -a/-e), postposition joins.
_UR = _suffix_rules("یوں وں یاں تی تے تا نا ی ے ا", keep=2)
# Sorani: definite -ەکە/-ەکان (ە already read as ه), indefinite -ێک, plural -ان/-ەکان,
# pronoun clitics -م -ت -ی -مان -تان -یان and the verb's -ێت/-ن.
_CKB = _suffix_rules("هکانم هکان هکه مان تان یان ێکم ێک ان م ت ی ن", keep=2)
# Tigrinya: object and possessive suffixes written as the last syllable(s) (-ኒ me, -ና us,
# -ካ/-ኪ you, -ዎ/-ዋ him/her, -ኦም/-ኣ...), plural -ታት/-ት; verb prefixes (ይ-, ት-, ን-, ክ-,
# ዝ-, ከ-) are taken off too.
_TI_SUFFIXES = _suffix_rules("ኩምኒ ኩምና ታትና ታተይ ታት ኒ ና ካ ኪ ዎ ዋ ኦም ኦን ኹም ኽን ይ ኻ ኺ", keep=2)
_TI_PREFIXES = tuple("ይ ት ን ክ ዝ ከ የ ተ ኣ".split())


def _ti(word: str) -> str:
    word = _TI_SUFFIXES(word)
    if len(word) > 2 and word.startswith(_TI_PREFIXES):
        word = word[1:]
    # The last syllable's vowel changes with person and tense (ወቕዐ, ወቕዓ, ወቕዕ): keep only
    # its consonant, the sixth form of its row (each consonant has a row of eight).
    last = ord(word[-1]) if word else 0
    if 0x1200 <= last <= 0x135A:
        word = word[:-1] + chr(0x1200 + (last - 0x1200) // 8 * 8 + 5)
    return word


_RULES = {"uk": _UK, "sq": _SQ, "so": _SO, "ps": _PS, "ur": _UR, "ckb": _CKB, "ti": _ti}

#: Which languages' reducers read words of each script.
SCRIPT_LANGUAGES = {
    "latin": ("en", "pl", "ro", "sq", "so"),  # Vietnamese words do not inflect
    "arabic": ("ar", "fa", "ur", "ps", "ckb"),
    "cyrillic": ("uk",),
    "ethiopic": ("ti",),
}


@lru_cache(maxsize=None)
def _stemmer(language: str):
    return Stemmer.Stemmer(_SNOWBALL[language])


@lru_cache(maxsize=50_000)
def stem(word: str, language: str) -> str:
    """The word's stem in ``language`` (the word itself where the language has no reducer)."""
    if language in _SNOWBALL:
        return _stemmer(language).stemWord(word)
    rule = _RULES.get(language)
    return rule(word) if rule else word


@lru_cache(maxsize=65_536)
def script(word: str) -> str:
    """The script of a word's first letter: latin, arabic, cyrillic, ethiopic or other."""
    for ch in word:
        code = ord(ch)
        if ch.isascii():
            if ch.isalpha():
                return "latin"
            continue
        if 0x0600 <= code <= 0x06FF or 0x0750 <= code <= 0x077F or 0xFB50 <= code <= 0xFEFF:
            return "arabic"
        if 0x0400 <= code <= 0x04FF:
            return "cyrillic"
        if 0x1200 <= code <= 0x139F or 0x2D80 <= code <= 0x2DDF or 0xAB00 <= code <= 0xAB2F:
            return "ethiopic"
        if ch.isalpha() and code < 0x0250:
            return "latin"
        return "other"
    return "latin"  # digits only


def forms(word: str) -> frozenset[str]:
    """The word and its stems, each stem tagged with its language ("pl:bij")."""
    return _forms(word)


@lru_cache(maxsize=30_000)
def _forms(word: str) -> frozenset[str]:
    found = {word}
    for language in SCRIPT_LANGUAGES.get(script(word), ()):
        found.add(f"{language}:{stem(word, language)}")
    return frozenset(found)
