"""Filling in the web form the way a browser does: post each page, follow where it leads."""

from __future__ import annotations

import re

import pytest

YOUNG_PERSON_IN_CARE = {
    "filer": "young_person", "safe_now": "yes", "young_person_status": ["in_care"],
    "young_person_age": "14", "topics": ["social_worker"], "event_within_12_months": "yes",
    "ongoing_proceedings": ["none"], "description": "My social worker never comes to see me.",
    "desired_outcome": "A social worker who visits every month.", "contact_name": "Sam",
    "contact_method": "text", "contact_phone": "07700 900982", "contact_not_via_carer": "y",
}


def form_value(value):
    if value is True:
        return "yes"
    if value is False:
        return "no"
    return value


class Filer:
    """Walks the journey through HTTP, recording the pages it was asked.

    ``prefix`` picks the version of the form ("" for the web form, "/easy-read" for Easy
    Read): the journey is the same, so the walk is too.
    """

    def __init__(self, client, prefix: str = ""):
        self.client = client
        self.prefix = prefix
        self.pages: list[str] = []

    def fill(self, given: dict, start: str | None = None, follow_help: str = "continue"):
        url = start or f"{self.prefix}/questions/filer"
        for _ in range(40):
            assert url.startswith(f"{self.prefix}/"), f"left the form for {url}"
            if url.endswith(f"{self.prefix}/check"):
                return self
            if url.startswith(f"{self.prefix}/help-now"):
                response = self.client.post(url, data={"choice": follow_help})
            elif url.startswith(f"{self.prefix}/worried"):
                response = self.client.post(url)
            else:
                page = url.split("/questions/")[1].split("?")[0]
                self.pages.append(page)
                body = self.client.get(url).get_data(as_text=True)
                fields = set(re.findall(r'name="([a-z0-9_]+)"', body)) - {"csrf_token", "question"}
                data = {f: form_value(given[f]) for f in fields if f in given}
                response = self.client.post(url, data=data)
                assert response.status_code == 302, (page, response.get_data(as_text=True)[:2000])
            url = response.headers["Location"]
        raise AssertionError("the journey did not reach check your answers")

    def send(self) -> str:
        response = self.client.post(f"{self.prefix}/check")
        assert response.status_code == 302
        assert response.headers["Location"] == f"{self.prefix}/confirmation"
        return self.client.get(f"{self.prefix}/confirmation").get_data(as_text=True)


@pytest.fixture
def filer(client):
    return Filer(client)
