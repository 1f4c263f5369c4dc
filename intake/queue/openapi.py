"""The OpenAPI 3.1 description of the pull API, served at ``GET /api/v1/openapi.json``.

Written by hand next to the views so it reads as documentation; a test checks it is valid
OpenAPI 3.1 and lists every /api/v1 route the app serves. The case document's schema is
embedded from ``case_schema()``, so it cannot drift from what the API returns.
"""

from __future__ import annotations

from intake.cases.schema import case_schema
from intake.queue.terms import BATCH, LEASE_SECONDS, MAX_ACKS, MAX_ID_LENGTH, PREFIX, PROBLEM

DESCRIPTION = f"""\
For case systems that cannot receive inbound calls. Each client pulls the events of one
destination (`case_system` or `duty_team`) and keeps its own progress:

1. `POST {PREFIX}/leases` hands out the next batch of events, oldest first. They are not
   offered to this client again while the lease lasts.
2. Store each event's case (`data`), using the event `id` to ignore repeats.
   `GET {PREFIX}/cases/{{case_id}}` returns a case as it is now.
3. `POST {PREFIX}/acks` with the stored event ids. Acknowledged events are never offered again;
   events whose lease ran out are offered again, with the same id.

Events of one case come in order: a later event is held back until every earlier one is
acknowledged, unless they come together in the same batch (in order).

Get a token from the service's operators (`intake api-client create NAME`) and send it as
`Authorization: Bearer <token>`. Errors are `application/problem+json` (RFC 9457). A method
a path does not list gets 405, with an `Allow` header naming the methods it takes.
"""


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema: dict, media_type: str = "application/json") -> dict:
    return {media_type: {"schema": schema}}


def _problem(description: str) -> dict:
    return {"description": description, "content": _json(_ref("Problem"), "application/problem+json")}


def _schemas() -> dict:
    uuid = {"type": "string", "format": "uuid"}
    return {
        "Problem": {
            "type": "object",
            "description": "An error (RFC 9457 problem details).",
            "required": ["type", "title", "status", "detail"],
            "properties": {
                "type": {"type": "string", "format": "uri-reference",
                         "description": f"`about:blank` or a `{PROBLEM}...` URN.",
                         "examples": [f"{PROBLEM}invalid-request"]},
                "title": {"type": "string"},
                "status": {"type": "integer"},
                "detail": {"type": "string"},
                "errors": {"type": "array", "description": "What is wrong with the request body.",
                           "items": {"type": "object", "required": ["pointer", "detail"],
                                     "properties": {"pointer": {"type": "string",
                                                                "description": "JSON Pointer."},
                                                    "detail": {"type": "string"}}}},
                "unknown_event_ids": {"type": "array", "items": {"type": "string"},
                                      "description": "Acknowledged ids this client does not know."},
            },
        },
        "LeaseRequest": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "max": {"type": "integer", **BATCH,
                        "description": "Most events to lease."},
                "lease_seconds": {"type": "integer", **LEASE_SECONDS,
                                  "description": "How long the events stay leased to you."},
            },
        },
        "Lease": {
            "type": "object",
            "required": ["lease_id", "leased_until", "events"],
            "properties": {
                "lease_id": uuid,
                "leased_until": {"type": "string", "format": "date-time",
                                 "description": "UTC. Acknowledge before then, or the events "
                                                "are offered again."},
                "events": {"type": "array", "items": _ref("Event"),
                           "description": "Oldest first; may be empty."},
            },
        },
        "Event": {
            "type": "object",
            "description": "The same envelope the webhook and AMQP transports send.",
            "required": ["id", "type", "created_at", "schema_version", "data"],
            "properties": {
                "id": {**uuid, "description": "The same on every delivery: use it to ignore "
                                              "repeats and to acknowledge."},
                "type": {"type": "string", "examples": ["case.submitted", "case.urgent"]},
                "created_at": {"type": "string", "format": "date-time"},
                "schema_version": {"type": "string"},
                "data": _ref("Case"),
            },
        },
        "AckRequest": {
            "type": "object",
            "required": ["event_ids"],
            "additionalProperties": False,
            "properties": {
                "event_ids": {"type": "array", "maxItems": MAX_ACKS,
                              "items": {"type": "string", "minLength": 1,
                                        "maxLength": MAX_ID_LENGTH}},
            },
        },
        "AckResult": {
            "type": "object",
            "required": ["acknowledged"],
            "properties": {
                "acknowledged": {"type": "integer", "minimum": 0,
                                 "description": "Distinct event ids now acknowledged, "
                                                "including ones acknowledged before."},
            },
        },
        "Case": case_schema(),
    }


def openapi_document() -> dict:
    unauthorized = {
        **_problem("Missing, unknown or revoked token."),
        "headers": {"WWW-Authenticate": {"schema": {"type": "string"},
                                         "description": "`Bearer realm=\"intake\"`..."}},
    }
    bad_body = {
        "400": _problem("The body is not valid JSON."),
        "401": unauthorized,
        "413": _problem("The body is too large."),
        "415": _problem("The body is not `application/json`."),
        "422": _problem("The body is JSON but not what this endpoint takes."),
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Children's social care complaint intake: pull API",
            "version": "1.0.0",
            "description": DESCRIPTION,
        },
        "security": [{"bearerAuth": []}],
        "paths": {
            f"{PREFIX}/leases": {
                "post": {
                    "operationId": "leaseEvents",
                    "summary": "Lease the next batch of events",
                    "description": "Always 201 with the same shape, even when no event is "
                                   "waiting (`events` is then empty).",
                    "requestBody": {"required": False, "content": _json(_ref("LeaseRequest"))},
                    "responses": {
                        "201": {"description": "The leased events.",
                                "content": _json(_ref("Lease"))},
                        **bad_body,
                        "409": _problem("Another lease call for this client collided; retry."),
                    },
                },
            },
            f"{PREFIX}/cases/{{case_id}}": {
                "get": {
                    "operationId": "getCase",
                    "summary": "Fetch a case as it is now",
                    "parameters": [{"name": "case_id", "in": "path", "required": True,
                                    "schema": {"type": "string", "format": "uuid"}}],
                    "responses": {
                        "200": {"description": "The case document.", "content": _json(_ref("Case"))},
                        "401": unauthorized,
                        "404": _problem("No such case for this client's destination."),
                    },
                },
            },
            f"{PREFIX}/acks": {
                "post": {
                    "operationId": "acknowledgeEvents",
                    "summary": "Acknowledge stored events",
                    "description": "Idempotent. If any id is unknown to this client, nothing "
                                   "is acknowledged and the 422 lists the unknown ids.",
                    "requestBody": {"required": True, "content": _json(_ref("AckRequest"))},
                    "responses": {
                        "200": {"description": "Acknowledged.", "content": _json(_ref("AckResult"))},
                        **bad_body,
                    },
                },
            },
            f"{PREFIX}/openapi.json": {
                "get": {
                    "operationId": "getOpenApi",
                    "summary": "This description",
                    "security": [],
                    "responses": {"200": {"description": "OpenAPI 3.1 document.",
                                          "content": _json({"type": "object"})}},
                },
            },
        },
        "components": {
            "securitySchemes": {
                "bearerAuth": {"type": "http", "scheme": "bearer",
                               "description": "A token from `intake api-client create` "
                                              "(starts `intk_`)."},
            },
            "schemas": _schemas(),
        },
    }
