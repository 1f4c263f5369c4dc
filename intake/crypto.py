"""Encryption of personal data and free text at rest (Fernet, keys newest first).

Rotating keys: put a new key first in INTAKE_DATA_KEYS and keep the old ones after it;
everything stays readable, and new writes use the new key.
"""

from __future__ import annotations

import json

from cryptography.fernet import Fernet, MultiFernet


class Vault:
    def __init__(self, keys: list[str]):
        if not keys:
            raise ValueError("at least one data key is needed")
        self._fernet = MultiFernet([Fernet(k.encode() if isinstance(k, str) else k) for k in keys])

    def seal(self, document: object) -> str:
        return self._fernet.encrypt(json.dumps(document, ensure_ascii=False).encode()).decode()

    def open(self, token: str) -> object:
        return json.loads(self._fernet.decrypt(token.encode()))

    def rotate(self, token: str) -> str:
        return self._fernet.rotate(token.encode()).decode()


def new_key() -> str:
    return Fernet.generate_key().decode()
