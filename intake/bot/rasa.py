"""Talking to Rasa's REST channel from the Flask chat page (Rasa listens on 127.0.0.1 only)."""

from __future__ import annotations

import httpx


class RasaUnavailable(Exception):
    """Rasa did not answer: the page says so kindly and offers the form."""


class Rasa:
    def __init__(self, url: str, token: str = "", timeout: float = 10.0):
        self.url = url.rstrip("/")
        self.token = token
        self.client = httpx.Client(timeout=timeout)

    def send(self, sender: str, text: str, metadata: dict) -> list[dict]:
        """One message in, the bot's messages out (their ``custom`` payloads)."""
        try:
            response = self.client.post(f"{self.url}/webhooks/rest/webhook", json={
                "sender": sender, "message": text, "metadata": metadata})
            response.raise_for_status()
            messages = response.json()
        except (httpx.HTTPError, ValueError) as error:
            raise RasaUnavailable(str(error)) from error
        return [m["custom"] for m in messages if isinstance(m, dict) and isinstance(m.get("custom"), dict)]

    def forget(self, sender: str) -> None:
        """Replace the conversation's history in Rasa with nothing ("stop and delete")."""
        try:
            self.client.put(f"{self.url}/conversations/{sender}/tracker/events",
                            params={"token": self.token}, json=[]).raise_for_status()
        except httpx.HTTPError as error:
            raise RasaUnavailable(str(error)) from error

    def ready(self) -> bool:
        try:
            return self.client.get(f"{self.url}/", timeout=2.0).status_code == 200
        except httpx.HTTPError:
            return False
