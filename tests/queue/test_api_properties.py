"""The pull API and its OpenAPI document agree, for requests nobody thought to write:
schemathesis generates them from the document (valid and invalid bodies, parameters and
methods) and checks every answer against it: documented status codes, headers and bodies,
no 5xx, 405 with Allow for a method a path does not take."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from schemathesis.specs.openapi.checks import positive_data_acceptance

from intake.queue.openapi import openapi_document
from tests.queue.test_pull_api import auth, create_client, submit

#: Acknowledging ids this client was never sent is refused (422, documented) even though
#: any string is a well-formed id, so "valid data is accepted" cannot hold there.
KNOWN_REFUSALS = {"acknowledgeEvents": [positive_data_acceptance]}
OPERATIONS = sorted(operation["operationId"] for path in openapi_document()["paths"].values()
                    for operation in path.values())


@pytest.mark.parametrize("operation_id", OPERATIONS)
def test_every_answer_matches_the_openapi_document(app, runner, operation_id):
    # Plain bodies: the WSGI client does not undo the app's compression (tested elsewhere).
    headers = auth(create_client(runner)) | {"Accept-Encoding": "identity"}
    submit(app, 3)  # something to lease, so the 201 bodies have events in them
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    operation = schema.find_operation_by_id(operation_id)

    @given(case=operation.as_strategy())
    @settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck),
              database=None)
    def answers_match(case):
        case.call_and_validate(headers=headers,
                               excluded_checks=KNOWN_REFUSALS.get(operation_id, []))

    answers_match()
