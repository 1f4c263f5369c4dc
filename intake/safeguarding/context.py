"""Is a term said plainly, or negated, hypothetical or joking? The detector's context layer.

"Nobody hits me here, I just want a new social worker" is not a disclosure; "what happens if
someone was being hurt?" may be a child testing the water; "my mum will kill me lol" is a
figure of speech. A match with one of these cues before it (within its sentence) is *weak*:
the detector keeps it only when the classifier also reads the text as a disclosure, and then
softens the help's wording rather than hiding it, because people at risk often deny it.

The cue lists are per language. A term is read with the cues of its own lexicon's language
and of the languages its sentence was identified as: short cue words are often ordinary
words elsewhere (Somali "ma" is Polish "has" and Romanian "me"; Urdu "na" is Polish "on"),
and read with every language's cues they turned plain disclosures into "negated" ones.
A council's own terms (language ``*``), and a caller that names no language, are read with
every language's cues. Joking markers are shared.
"""

from __future__ import annotations

from functools import lru_cache

from intake.safeguarding.normalise import sentences

#: Words that negate what follows, per language (normalised like the text at load time).
NEGATIONS = {
    "en": "not no never nobody nobodys noone noones nothing nothin dont doesnt didnt isnt wasnt arent werent aint "
          "havent hasnt hadnt wont wouldnt nor neither",
    "pl": "nie nigdy nikt nic ani",
    "uk": "не ні ніколи ніхто ніщо",
    "ro": "nu niciodată nimeni nimic nici",
    "sq": "nuk s mos kurrë askush asgjë as",
    "vi": "không khong ko k chưa chua chẳng chang đâu dau",
    "so": "ma maya majiro",
    "ar": "لا ما لم لن ليس ليست مش مو ماكو مافي محد محدش ماحدا وما ولا la la2 ma mish mesh mo mafi",
    "fa": "نه نمی نمیخوام نمیخواد هیچ هیچکس هرگز na nemi nemikham hich hichki",
    "ur": "نہیں نہ nahi nahin nai na",
    "ps": "نه نشته هیڅ هیڅوک na nishta",
    "ckb": "نا نە هیچ هیچکەس na hich",
    "ti": "ኣይ የለን የለን ዋላ ayfelt",
}
#: Words that make what follows hypothetical or a question about others.
HYPOTHETICALS = {
    "en": "if hypothetically suppose imagine would whether",
    "pl": "jeśli jesli jeżeli jezeli gdyby",
    "uk": "якщо якби коли б",
    "ro": "dacă daca",
    "sq": "nëse nese sikur",
    "vi": "nếu neu giả sử gia su",
    "so": "haddii",
    "ar": "لو اذا إذا law iza eza",
    "fa": "اگر اگه agar age",
    "ur": "اگر فرض agar farz",
    "ps": "کچیری agar",  # not که: it is also "that" in Urdu and Persian
    "ckb": "ئەگەر agar",
    "ti": "እንተ",
}
#: Markers that the writer is joking or exaggerating.
JOKES = ("lol lmao lmfao rofl haha hahaha hehe jk jokes joking xd ہاہا هههه خخخ "
         "emoji_face_with_tears_of_joy "
         "emoji_rolling_on_the_floor_laughing emoji_grinning_squinting_face")

LOOK_BACK = 5


def _words(raw: str) -> frozenset[str]:
    return frozenset(w for s in sentences(raw) for w in s)


def _for(table: dict[str, str], languages: frozenset[str]) -> str:
    if "*" in languages or not languages & table.keys():
        return " ".join(table.values())
    return " ".join(table[code] for code in sorted(languages & table.keys()))


@lru_cache(maxsize=256)
def _cues(languages: frozenset[str]) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    return (_words(_for(NEGATIONS, languages)), _words(_for(HYPOTHETICALS, languages)),
            _words(JOKES))


def weakened(words: list[str], start: int, language: str = "*",
             identified: tuple[str, ...] = ()) -> str | None:
    """Why a term starting at ``words[start]`` is not said plainly, or None if it is.

    ``words`` is the term's sentence, ``language`` the term's lexicon language and
    ``identified`` the languages the sentence was identified as: their cues are the ones
    read. Returns "negated", "hypothetical" or "joking".
    """
    negations, hypotheticals, jokes = _cues(frozenset((language, *identified)))
    before = words[max(0, start - LOOK_BACK):start]
    if any(w in negations for w in before):
        return "negated"
    if any(w in hypotheticals for w in words[:start]):
        return "hypothetical"
    if any(w in jokes for w in words):
        return "joking"
    return None
