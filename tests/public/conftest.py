"""Filling in the web form the way a browser does: post each page, follow where it leads."""

from __future__ import annotations

import re

import pytest

YOUNG_PERSON_IN_CARE = {
    "filer": "young_person", "safe_now": "yes", "young_person_status": ["in_care"],
    "young_person_age": "14", "topics": ["social_worker"], "event_within_12_months": "yes",
    "ongoing_proceedings": ["none"], "description": "My social worker never comes to see me.",
    "desired_outcome": "I want her to visit every month.", "contact_name": "Sam",
    "contact_method": "text", "contact_phone": "07700 900982", "contact_not_via_carer": "y",
}


def form_value(value):
    if value is True:
        return "yes"
    if value is False:
        return "no"
    return value


class Filer:
    """Walks the journey through HTTP, recording the pages it was asked."""

    def __init__(self, client):
        self.client = client
        self.pages: list[str] = []

    def fill(self, given: dict, start: str = "/questions/filer", follow_help: str = "continue"):
        url = start
        for _ in range(40):
            if url.endswith("/check"):
                return self
            if url.startswith("/help-now"):
                response = self.client.post("/help-now", data={"choice": follow_help})
            elif url.startswith("/worried"):
                response = self.client.post(url)
            else:
                page = url.split("/questions/")[1].split("?")[0]
                self.pages.append(page)
                body = self.client.get(url).get_data(as_text=True)
                fields = set(re.findall(r'name="([a-z0-9_]+)"', body)) - {"csrf_token"}
                data = {f: form_value(given[f]) for f in fields if f in given}
                response = self.client.post(url, data=data)
                assert response.status_code == 302, (page, response.get_data(as_text=True)[:2000])
            url = response.headers["Location"]
        raise AssertionError("the journey did not reach check your answers")

    def send(self) -> str:
        response = self.client.post("/check")
        assert response.status_code == 302 and response.headers["Location"] == "/confirmation"
        return self.client.get("/confirmation").get_data(as_text=True)


@pytest.fixture
def filer(client):
    return Filer(client)
