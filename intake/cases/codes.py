"""Word codes people can write down, read out or photograph.

Two kinds, both made of words from the BIP39 English word list (2048 short, common words,
none a prefix-clash with another in its first four letters), which the ``mnemonic``
package ships (MIT licence, Trezor):

* a **resume code**, five words, for a form saved with "Save and come back later";
* a **check code**, three words, shown once with a complaint's reference, for "Check my
  complaint".

Words beat letters and digits for young people on phones: they are easy to copy, to say on
the phone and to type with autocorrect on. Typing is forgiven: case, extra spaces, hyphens,
commas, full stops and line breaks, and a word whose first four letters identify it
("apples" is "apple"), as BIP39 guarantees four letters always do.

Some BIP39 words are wrong on a child's screen in this service ("abuse", "knife",
"orphan", "prison", "foster"...): upsetting, or telling someone glancing at the phone what
the code is for. They are never *generated* (``AVOIDED``), though typed they are still
accepted. That costs a little entropy (log2(1908) = 10.9 bits a word instead of 11), so a resume
code has five words (54.5 bits; the service promises at least 44). A check code has three
(32.7 bits) because it only works together with the complaint's reference. Guessing is also
limited by rate limits and the lookups below.

Only hashes are stored. A resume code has to be found from the code alone, so it is hashed
with HMAC-SHA256 keyed by the data keys (``INTAKE_DATA_KEYS``): someone with a copy of the
database but not the keys cannot try the 2**43 codes offline. Every key is tried, so a code
made before a key rotation still works while the old key stays in the list (keep it for
``INTAKE_DRAFT_DAYS`` after rotating). A check code belongs to a reference, so it is hashed
with argon2id (salted, slow; settings below), which needs no key and survives key rotation for as long as the
case is kept.

Pure: no Flask. The web form uses this today; Easy Read and the chat can accept the same
codes with the same ``normalise``.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import math
import re
import secrets
import unicodedata
from collections.abc import Sequence

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from mnemonic import Mnemonic

RESUME_WORDS = 5  # 5 x log2(1908) = 54.5 bits: at least 44 even without the avoided words
CHECK_WORDS = 3

#: The BIP39 English list, in its order (2048 words).
WORDS: tuple[str, ...] = tuple(Mnemonic("english").wordlist)

#: Never generated: violence, crime and courts, drink and drugs, illness and death, unkind
#: or sad words, and words that say what the form is about (family and care).
AVOIDED: frozenset[str] = frozenset("""
abandon abuse accident accuse addict affair afraid alcohol alone anger angry anxiety armed
arrest assault attack awful betray bitter blame bleak blood bomb bullet cage cannon casino
chronic cigar crash crazy crime cruel cry danger demise denial despair destroy disease
disorder divorce dose drink dumb enemy evil exile fat fatal fever fury gloom grief guilt gun
harsh hazard horror hurt illegal illness inflict inject injury inmate insane isolate jealous
judge kiss knife lawsuit liar lonely mad misery naive nasty neglect orphan panic patrol
penalty pill pistol police poverty prison punch regret reject rifle riot rude sad sadness
scare secret sentence sheriff shock shoot sick siege skull smoke sorry spy struggle suffer
suspect sword tobacco tragic trap trial trouble ugly unhappy upset useless vicious virus
warfare weapon whip wine witness worry wreck
child family foster social parent mother father mom dad
""".split())

#: The words codes are made from.
GENERATED: tuple[str, ...] = tuple(w for w in WORDS if w not in AVOIDED)

_KNOWN = frozenset(WORDS)
_BY_PREFIX = {w[:4]: w for w in WORDS}
_LETTERS = re.compile(r"[a-z]+")
# OWASP's argon2id settings (Password Storage Cheat Sheet: 19 MiB, 2 passes, 1 lane) rather
# than the library default (64 MiB, 3 passes, 4 lanes): every complaint sent hashes one
# code, so the default would hold 64 MiB per send in progress (1.5 GB for 24 at once on a
# Monday morning) and take a core for 60+ ms. Still about 15 ms a guess, per reference,
# for someone who stole the database; and online guesses are rate-limited. Hashes made with
# other settings still verify (argon2 keeps its settings in the hash).
_HASHER = PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1)
# Verified against when a reference is unknown, so a wrong reference takes as long as a
# wrong code and the timing tells nothing.
_DUMMY_CHECK_HASH = _HASHER.hash("never a real check code")


class CodeError(ValueError):
    """A typed code that cannot be a code: ``reason`` is ``empty``, ``count`` or ``unknown``."""

    def __init__(self, reason: str, count: int = 0):
        super().__init__(reason)
        self.reason = reason
        self.count = count


def bits(words: int) -> float:
    """How many bits of chance a generated code of ``words`` words carries."""
    return words * math.log2(len(GENERATED))


def new_code(words: int) -> str:
    """A new code: ``words`` words drawn with ``secrets``, separated by single spaces."""
    return " ".join(secrets.choice(GENERATED) for _ in range(words))


def _word(typed: str) -> str | None:
    if typed in _KNOWN:
        return typed
    if len(typed) >= 4:
        return _BY_PREFIX.get(typed[:4])
    return None


def normalise(typed: object, words: int) -> str:
    """The code as stored: lower-case list words separated by single spaces.

    Raises ``CodeError`` when what was typed cannot be a code of ``words`` words.
    """
    text = unicodedata.normalize("NFKD", typed if isinstance(typed, str) else "")
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    parts = _LETTERS.findall(text[:500])
    if not parts:
        raise CodeError("empty")
    if len(parts) != words:
        raise CodeError("count", len(parts))
    found = [_word(p) for p in parts]
    if None in found:
        raise CodeError("unknown")
    return " ".join(found)


def _raw_key(key: str | bytes) -> bytes:
    raw = key.encode() if isinstance(key, str) else key
    try:
        return base64.urlsafe_b64decode(raw)
    except ValueError:
        return raw


def resume_hashes(keys: Sequence[str | bytes], code: str) -> list[str]:
    """Keyed hashes of a normalised resume code, one per data key, newest key first."""
    out = []
    for key in keys:
        derived = hashlib.sha256(b"intake resume code v1\0" + _raw_key(key)).digest()
        out.append(hmac.new(derived, code.encode(), hashlib.sha256).hexdigest())
    return out


def rate_key(keys: Sequence[str | bytes], code: str) -> str:
    """What rate limits count a code under: keyed, so the limiter's store never holds a code."""
    derived = hashlib.sha256(b"intake code rate limit v1\0" + _raw_key(keys[0])).digest()
    return hmac.new(derived, code.encode(), hashlib.sha256).hexdigest()[:32]


def check_hash(code: str) -> str:
    """An argon2 hash of a normalised check code (salted: the same code hashes differently)."""
    return _HASHER.hash(code)


def check_matches(stored: str | None, code: str) -> bool:
    """Does ``code`` match the stored hash? Takes as long when there is nothing stored."""
    try:
        return _HASHER.verify(stored or _DUMMY_CHECK_HASH, code) and stored is not None
    except (VerificationError, InvalidHashError):
        return False
