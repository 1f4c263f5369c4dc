"""Chatting through the Flask chat page the way the no-JavaScript page does: form posts."""

from __future__ import annotations

import html
import re

LOG_ITEM = re.compile(r'<li class="app-chat__message app-chat__message--(you|bot)[^"]*"[^>]*>(.*?)</li>\s*(?=<li class="app-chat|</ol>)', re.S)


def text_of(fragment: str) -> str:
    fragment = re.sub(r'<span class="govuk-visually-hidden">[^<]*</span>', " ", fragment)
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", fragment))).strip()


class Chatter:
    def __init__(self, client):
        self.client = client
        self.page = ""
        self.status = 0

    # --- reading the page -------------------------------------------------------------
    def load(self, response) -> "Chatter":
        self.status = response.status_code
        if response.is_json:
            body = response.get_json()
            self.page = body.get("log", "") + body.get("controls", "") if "log" in body else ""
            self.redirect = body.get("redirect")
        else:
            self.page = response.get_data(as_text=True)
            self.redirect = response.headers.get("Location")
        return self

    def transcript(self) -> list[tuple[str, str]]:
        return [(who, text_of(body)) for who, body in LOG_ITEM.findall(self.page)]

    def bot_said(self) -> str:
        """What the bot said since the person last spoke."""
        said = []
        for who, text in reversed(self.transcript()):
            if who == "you":
                break
            said.insert(0, text)
        return " ".join(said)

    @property
    def asking(self) -> str:
        found = re.search(r'data-asking="([^"]*)"', self.page)
        return found.group(1) if found else ""

    def buttons(self) -> list[str]:
        return re.findall(r'name="choice" value="([^"]+)"', self.page)

    # --- saying things ------------------------------------------------------------------
    def start(self) -> "Chatter":
        return self.load(self.client.get("/chat"))

    def post(self, data: dict, json: bool = False) -> "Chatter":
        headers = {"Accept": "application/json"} if json else {}
        response = self.client.post("/chat", data=data, headers=headers)
        if not json and response.status_code == 302 and response.headers["Location"].startswith("/chat"):
            return self.start()
        return self.load(response)

    def press(self, value: str, **kw) -> "Chatter":
        return self.post({"choice": f"answer:{value}"}, **kw)

    def command(self, name: str, question: str = "", **kw) -> "Chatter":
        return self.post({"choice": f"command:{name}" + (f":{question}" if question else "")}, **kw)

    def tick(self, values: list[str], **kw) -> "Chatter":
        return self.post({"multi": "1", "answer": values}, **kw)

    def type(self, text: str, **kw) -> "Chatter":
        return self.post({"message": text}, **kw)

    def answer_all(self, given: dict, typed: bool = False) -> list[str]:
        """Answer whatever is asked from ``given`` until the summary; the fields asked."""
        asked = []
        for _ in range(60):
            field = self.asking
            if not field:
                return asked
            asked.append(field)
            value = given.get(field)
            if value is None:
                self.command("skip")
            elif isinstance(value, list):
                self.tick(value)
            elif typed or f'value="answer:{value}"' not in self.page:
                self.type(str(value))
            else:
                self.press(str(value))
        raise AssertionError(f"the chat never reached the summary: {self.transcript()[-4:]}")
