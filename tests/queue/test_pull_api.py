"""The pull API, as a case system uses it: a token made on the command line, then lease,
fetch and acknowledge over HTTP, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import re
import threading

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from openapi_spec_validator import validate as validate_openapi
from sqlalchemy import select, update

from intake.cases import store
from intake.cases.builder import build_case, event_for
from intake.cases.models import ApiClient, OutboxEvent, PullDelivery
from intake.cases.schema import case_schema
from intake.eligibility import assess
from intake.extensions import db

ANSWERS = {"filer": "young_person", "young_person_status": ["in_care"], "young_person_age": 14,
           "topics": ["placement"], "event_within_12_months": True, "ongoing_proceedings": ["none"],
           "description": "The home is cold and nobody listens", "contact_name": "Robin Example",
           "contact_method": "email", "contact_email": "robin@example.com"}
PROBLEM_JSON = "application/problem+json"


# Helpers -----------------------------------------------------------------------------------

@pytest.fixture
def api(app):
    return app.test_client()


@pytest.fixture
def vault(app):
    return app.extensions["intake_vault"]


def create_client(runner, name="case-system", destination=None) -> str:
    args = ["api-client", "create", name] + (["--destination", destination] if destination else [])
    result = runner.invoke(args=args)
    assert result.exit_code == 0, result.output
    token = result.stdout.strip()
    assert re.fullmatch(r"intk_[A-Za-z0-9_-]{43}", token)
    return token


def auth(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def submit(app, count=1) -> list[dict]:
    """Submit non-urgent cases (one case.submitted event each); returns the case documents."""
    cases = []
    with app.app_context():
        for _ in range(count):
            case = build_case(ANSWERS, assess(ANSWERS), channel="web", language="en-GB",
                              submitted_at=dt.datetime.now(dt.timezone.utc))
            assert not case["decision"]["urgent"]
            store.submit(db.session, app.extensions["intake_vault"], case)
            cases.append(case)
    return cases


def add_event(app, case: dict, event_type: str, destination="case_system",
              minutes_later=1) -> str:
    """Queue another event about a case, a little after everything already queued."""
    created = dt.datetime.now(dt.timezone.utc) + dt.timedelta(minutes=minutes_later)
    event = event_for(case, event_type, created_at=created)
    with app.app_context():
        db.session.add(OutboxEvent(id=event["id"], case_id=case["id"], type=event_type,
                                   destination=destination, created_at=created,
                                   sealed=app.extensions["intake_vault"].seal(event)))
        db.session.commit()
    return event["id"]


def event_ids(app, case: dict, destination="case_system") -> list[str]:
    with app.app_context():
        return list(db.session.scalars(
            select(OutboxEvent.id).where(OutboxEvent.case_id == case["id"],
                                         OutboxEvent.destination == destination)
            .order_by(OutboxEvent.created_at)))


def lease(api, token, **body):
    response = api.post("/api/v1/leases", json=body, headers=auth(token))
    assert response.status_code == 201, response.get_data(as_text=True)
    return response.get_json()


def leased_ids(api, token, **body) -> list[str]:
    return [e["id"] for e in lease(api, token, **body)["events"]]


def ack(api, token, ids):
    return api.post("/api/v1/acks", json={"event_ids": ids}, headers=auth(token))


def assert_problem(response, status):
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == PROBLEM_JSON
    body = response.get_json()
    assert {"type", "title", "status", "detail"} <= set(body) and body["status"] == status
    assert response.headers["Cache-Control"] == "no-store"
    return body


# Lease, fetch, acknowledge ------------------------------------------------------------------

def test_a_lease_returns_submitted_cases_as_envelopes_whose_data_matches_the_case_schema(
        app, api, runner):
    token = create_client(runner)
    cases = submit(app, 2)
    response = api.post("/api/v1/leases", json={}, headers=auth(token))
    assert response.status_code == 201 and response.mimetype == "application/json"
    assert response.headers["Cache-Control"] == "no-store"
    body = response.get_json()
    assert re.fullmatch(r"[0-9a-f-]{36}", body["lease_id"])
    assert body["leased_until"].endswith("Z")
    until = dt.datetime.fromisoformat(body["leased_until"].replace("Z", "+00:00"))
    remaining = until - dt.datetime.now(dt.timezone.utc)
    assert dt.timedelta(seconds=290) < remaining <= dt.timedelta(seconds=300)  # the default
    validator = Draft202012Validator(case_schema(), format_checker=FormatChecker())
    assert [e["data"] for e in body["events"]] == cases  # oldest first, whole documents
    for envelope in body["events"]:
        assert set(envelope) == {"id", "type", "created_at", "schema_version", "data"}
        assert envelope["type"] == "case.submitted"
        assert envelope["id"] == event_ids(app, envelope["data"])[0]
        validator.validate(envelope["data"])


def test_an_empty_batch_is_201_with_no_events(api, runner):
    token = create_client(runner)
    body = lease(api, token)
    assert body["events"] == [] and body["lease_id"] and body["leased_until"]


def test_a_lease_takes_at_most_max_events_ten_by_default(app, api, runner):
    token = create_client(runner)
    submit(app, 13)
    assert len(leased_ids(api, token)) == 10
    assert len(leased_ids(api, token, max=2)) == 2
    assert len(leased_ids(api, token, max=100)) == 1


def test_a_leased_case_can_be_fetched_by_its_id(app, api, runner):
    token = create_client(runner)
    [case] = submit(app)
    [event] = lease(api, token)["events"]
    response = api.get(f"/api/v1/cases/{event['data']['id']}", headers=auth(token))
    assert response.status_code == 200 and response.mimetype == "application/json"
    assert response.headers["Cache-Control"] == "no-store"
    assert response.get_json() == case
    Draft202012Validator(case_schema(), format_checker=FormatChecker()).validate(response.get_json())


def test_a_case_is_not_found_unless_it_has_an_event_for_the_clients_destination(app, api, runner):
    duty = create_client(runner, "duty", destination="duty_team")
    token = create_client(runner)
    [case] = submit(app)
    assert_problem(api.get(f"/api/v1/cases/{case['id']}", headers=auth(duty)), 404)
    for unknown in ("2b6f0cc9-0000-4000-8000-000000000000", "x" * 500, "%00", "..%2F..%2Fetc"):
        assert_problem(api.get(f"/api/v1/cases/{unknown}", headers=auth(token)), 404)
    add_event(app, case, "case.urgent", destination="duty_team")
    assert api.get(f"/api/v1/cases/{case['id']}", headers=auth(duty)).get_json() == case


def test_acknowledged_events_are_never_offered_again(app, api, runner):
    token = create_client(runner)
    submit(app, 3)
    ids = leased_ids(api, token, lease_seconds=30)
    response = ack(api, token, ids)
    assert response.status_code == 200 and response.get_json() == {"acknowledged": 3}
    with app.app_context():  # even once their lease has run out
        db.session.execute(update(PullDelivery).values(
            leased_until=dt.datetime.now(dt.timezone.utc) - dt.timedelta(minutes=1)))
        db.session.commit()
    assert leased_ids(api, token) == []
    [newer] = submit(app)
    assert leased_ids(api, token) == event_ids(app, newer)


def test_acknowledging_twice_is_harmless(app, api, runner):
    token = create_client(runner)
    submit(app, 2)
    ids = leased_ids(api, token)
    assert ack(api, token, ids[:1]).get_json() == {"acknowledged": 1}
    assert ack(api, token, ids + ids).get_json() == {"acknowledged": 2}
    assert ack(api, token, ids).get_json() == {"acknowledged": 2}
    assert ack(api, token, []).get_json() == {"acknowledged": 0}
    assert leased_ids(api, token) == []


def test_leased_events_are_held_until_the_lease_runs_out_then_offered_again_with_the_same_id(
        app, api, runner):
    token = create_client(runner)
    submit(app, 2)
    first = lease(api, token, max=1)
    assert leased_ids(api, token, max=1) != [first["events"][0]["id"]]  # the other case
    assert leased_ids(api, token) == []  # both leased
    with app.app_context():
        db.session.execute(update(PullDelivery).where(PullDelivery.lease_id == first["lease_id"])
                           .values(leased_until=dt.datetime.now(dt.timezone.utc)
                                   - dt.timedelta(seconds=1)))
        db.session.commit()
    again = lease(api, token)
    assert [e["id"] for e in again["events"]] == [first["events"][0]["id"]]
    assert again["events"][0] == first["events"][0] and again["lease_id"] != first["lease_id"]


def test_a_later_event_of_a_case_waits_until_the_earlier_one_is_acknowledged(app, api, runner):
    token = create_client(runner)
    [case] = submit(app)
    triaged = add_event(app, case, "case.triaged")
    [submitted] = leased_ids(api, token, max=1)
    assert leased_ids(api, token) == []  # triaged waits for the submitted event's ack
    ack(api, token, [submitted])
    assert leased_ids(api, token) == [triaged]


def test_a_later_event_waits_while_the_earlier_one_is_leased_even_if_its_lease_is_shorter(
        app, api, runner):
    token = create_client(runner)
    [case] = submit(app)
    triaged = add_event(app, case, "case.triaged")
    [submitted] = leased_ids(api, token, max=1)
    with app.app_context():  # the first lease ran out unacknowledged: both come again, in order
        db.session.execute(update(PullDelivery).values(
            leased_until=dt.datetime.now(dt.timezone.utc) - dt.timedelta(seconds=1)))
        db.session.commit()
    assert leased_ids(api, token) == [submitted, triaged]


def test_events_of_one_case_may_come_together_in_order_in_one_batch(app, api, runner):
    token = create_client(runner)
    [case] = submit(app)
    triaged = add_event(app, case, "case.triaged")
    events = lease(api, token)["events"]
    assert [(e["id"], e["type"]) for e in events] == [
        (event_ids(app, case)[0], "case.submitted"), (triaged, "case.triaged")]


def test_a_case_waiting_for_an_ack_does_not_hold_up_other_cases(app, api, runner):
    token = create_client(runner)
    first, second = submit(app, 2)
    add_event(app, first, "case.triaged")
    [first_submitted] = leased_ids(api, token, max=1)
    assert first_submitted == event_ids(app, first)[0]
    assert leased_ids(api, token) == event_ids(app, second)


def test_two_clients_progress_independently(app, api, runner):
    one = create_client(runner, "one")
    two = create_client(runner, "two")
    submit(app, 2)
    ids = leased_ids(api, one)
    ack(api, one, ids)
    assert leased_ids(api, two, max=1) == ids[:1]  # the other client's acks change nothing
    assert leased_ids(api, one) == []
    assert leased_ids(api, two) == ids[1:]


def test_a_duty_team_client_sees_only_duty_team_events(app, api, runner):
    duty = create_client(runner, "duty", destination="duty_team")
    council = create_client(runner, "council")
    [case, _other] = submit(app, 2)
    urgent = add_event(app, case, "case.urgent", destination="duty_team")
    events = lease(api, duty)["events"]
    assert [(e["id"], e["type"]) for e in events] == [(urgent, "case.urgent")]
    assert events[0]["data"] == case
    assert "case.urgent" not in [e["type"] for e in lease(api, council)["events"]]
    # each client acknowledges only its own destination's events
    assert_problem(ack(api, council, [urgent]), 422)
    assert ack(api, duty, [urgent]).get_json() == {"acknowledged": 1}


# Refusals --------------------------------------------------------------------------------

@pytest.mark.parametrize("method,path", [("post", "/api/v1/leases"), ("post", "/api/v1/acks"),
                                         ("get", "/api/v1/cases/anything")])
def test_requests_without_a_valid_token_are_refused_with_401(app, api, runner, method, path):
    token = create_client(runner)
    revoked = create_client(runner, "old")
    assert runner.invoke(args=["api-client", "revoke", "old"]).exit_code == 0
    for headers in ({}, {"Authorization": "Bearer"}, {"Authorization": f"Basic {token}"},
                    {"Authorization": "Bearer intk_not-a-real-token"}, auth(revoked),
                    {"Authorization": f"Bearer {token[:-1]}"}):
        response = getattr(api, method)(path, json={"event_ids": []}, headers=headers)
        assert_problem(response, 401)
        assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_a_revoked_client_loses_access_at_once(app, api, runner):
    token = create_client(runner)
    submit(app)
    assert len(leased_ids(api, token)) == 1
    runner.invoke(args=["api-client", "revoke", "case-system"])
    assert_problem(api.post("/api/v1/leases", headers=auth(token)), 401)


@pytest.mark.parametrize("path", ["/api/v1/leases", "/api/v1/acks"])
@pytest.mark.parametrize("body", [b"{", b"{'max': 1}", b"\xff\xfe", b"[" * 100000])
def test_malformed_json_is_a_400_problem(api, runner, path, body):
    token = create_client(runner)
    response = api.post(path, data=body, content_type="application/json", headers=auth(token))
    assert assert_problem(response, 400)["type"].endswith("malformed-json")


@pytest.mark.parametrize("body", [
    [], "max", 5, {"max": "5"}, {"max": 5.5}, {"lease_seconds": 300.25}, {"max": True}, {"max": None}, {"max": 0},
    {"max": 101}, {"max": -1}, {"max": 10 ** 30}, {"lease_seconds": 29}, {"lease_seconds": 3601},
    {"lease_seconds": "300"}, {"maximum": 5}])
def test_a_lease_body_of_the_wrong_shape_is_a_422_problem(app, api, runner, body):
    token = create_client(runner)
    submit(app)
    problem = assert_problem(api.post("/api/v1/leases", json=body, headers=auth(token)), 422)
    assert problem["type"].endswith("invalid-request") and problem["errors"]
    assert leased_ids(api, token) != []  # nothing was leased


def test_a_whole_number_written_with_a_point_is_a_whole_number_as_json_schema_says(app, api,
                                                                                   runner):
    token = create_client(runner)
    submit(app, 2)
    assert len(leased_ids(api, token, max=1.0, lease_seconds=300.0)) == 1


@pytest.mark.parametrize("body", [{}, [], {"event_ids": "abc"}, {"event_ids": [1]},
                                  {"event_ids": [None]}, {"event_ids": [""]},
                                  {"event_ids": ["x" * 65]}, {"event_ids": [], "also": 1},
                                  {"event_ids": ["a"] * 1001}])
def test_an_ack_body_of_the_wrong_shape_is_a_422_problem(api, runner, body):
    token = create_client(runner)
    problem = assert_problem(api.post("/api/v1/acks", json=body, headers=auth(token)), 422)
    assert problem["type"].endswith("invalid-request") and problem["errors"]


def test_a_body_that_is_not_json_is_a_415_problem(api, runner):
    token = create_client(runner)
    response = api.post("/api/v1/leases", data="max=5", headers=auth(token),
                        content_type="application/x-www-form-urlencoded")
    assert_problem(response, 415)


def test_a_body_too_large_is_a_413_problem(api, runner):
    token = create_client(runner)
    ids = ["2b6f0cc9-0000-4000-8000-000000000000"] * 10000  # about 400 KB
    assert_problem(ack(api, token, ids), 413)


def test_acking_an_unknown_event_is_a_422_listing_it_and_acknowledges_nothing(app, api, runner):
    token = create_client(runner)
    submit(app, 2)
    ids = leased_ids(api, token)
    unknown = ["2b6f0cc9-0000-4000-8000-000000000000", "nul\u0000id"]
    problem = assert_problem(ack(api, token, [ids[0], *unknown, ids[1]]), 422)
    assert problem["type"].endswith("unknown-events")
    assert problem["unknown_event_ids"] == unknown
    with app.app_context():
        assert db.session.scalars(
            select(PullDelivery).where(PullDelivery.acked_at.is_not(None))).all() == []


def test_unknown_paths_and_wrong_methods_under_the_api_are_problems_not_pages(api, runner):
    token = create_client(runner)
    assert_problem(api.get("/api/v1/nothing-here", headers=auth(token)), 404)
    assert_problem(api.get("/api/v1", headers=auth(token)), 404)
    response = api.get("/api/v1/leases", headers=auth(token))
    assert_problem(response, 405)
    assert "POST" in response.headers["Allow"]
    assert_problem(api.delete("/api/v1/cases/abc", headers=auth(token)), 405)


def test_the_api_is_not_subject_to_the_forms_csrf_check(app, runner):
    token = create_client(runner)
    browserless = app.test_client()  # CSRF enabled, as in production
    assert browserless.post("/api/v1/leases", json={}, headers=auth(token)).status_code == 201


# Concurrency -------------------------------------------------------------------------------

def test_concurrent_leases_for_one_client_never_hand_out_the_same_event(app, runner):
    token = create_client(runner)
    submit(app, 40)
    barrier = threading.Barrier(4)
    results, failures = [], []

    def take():
        client = app.test_client()  # each request has its own app context and session
        barrier.wait()
        for _ in range(3):
            response = client.post("/api/v1/leases", json={"max": 5}, headers=auth(token))
            if response.status_code != 201:
                failures.append(response.get_data(as_text=True))
                return
            results.append([e["id"] for e in response.get_json()["events"]])

    threads = [threading.Thread(target=take) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert failures == []
    leased = [event_id for batch in results for event_id in batch]
    assert len(leased) == 40 and len(set(leased)) == 40  # all handed out, none twice
    with app.app_context():
        assert len(db.session.scalars(select(PullDelivery)).all()) == 40


# Description -------------------------------------------------------------------------------

def test_the_openapi_document_is_valid_openapi_3_1_and_describes_every_api_route(app, api):
    response = api.get("/api/v1/openapi.json")  # no token needed
    assert response.status_code == 200 and response.mimetype == "application/json"
    document = response.get_json()
    assert document["openapi"].startswith("3.1.")
    validate_openapi(document)
    served = {
        (re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule), method.lower())
        for rule in app.url_map.iter_rules() if rule.rule.startswith("/api/v1")
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }
    described = {(path, method) for path, item in document["paths"].items() for method in item}
    assert described == served
    schemas = document["components"]["schemas"]
    assert schemas["Case"] == case_schema()
    assert {"type", "title", "status", "detail"} <= set(schemas["Problem"]["required"])
    bearer = document["components"]["securitySchemes"]["bearerAuth"]
    assert bearer["type"] == "http" and bearer["scheme"] == "bearer"
    assert document["security"] == [{"bearerAuth": []}]
    assert document["paths"]["/api/v1/openapi.json"]["get"]["security"] == []


def test_leases_match_the_openapi_description(app, api, runner):
    """The lease response validates against the schema the document gives for it."""
    token = create_client(runner)
    submit(app)
    document = api.get("/api/v1/openapi.json").get_json()
    lease_schema = {**document["components"]["schemas"]["Lease"],
                    "$defs": document["components"]["schemas"]}
    lease_schema = _inline_refs(lease_schema)
    Draft202012Validator(lease_schema, format_checker=FormatChecker()).validate(lease(api, token))


def _inline_refs(schema):
    """Point #/components/schemas/X refs at $defs so plain jsonschema can follow them."""
    if isinstance(schema, dict):
        return {k: (v.replace("#/components/schemas/", "#/$defs/") if k == "$ref" else
                    _inline_refs(v)) for k, v in schema.items()}
    if isinstance(schema, list):
        return [_inline_refs(v) for v in schema]
    return schema


# Command line ------------------------------------------------------------------------------

def test_a_client_token_is_printed_once_and_only_its_hash_is_stored(app, runner):
    token = create_client(runner, "council", destination="duty_team")
    with app.app_context():
        client = db.session.scalars(select(ApiClient)).one()
        assert client.name == "council" and client.destination == "duty_team"
        assert client.token_hash != token and token not in client.token_hash
        assert len(client.token_hash) == 64
    listing = runner.invoke(args=["api-client", "list"])
    assert listing.exit_code == 0
    assert "council" in listing.output and "duty_team" in listing.output
    assert "active" in listing.output and token not in listing.output
    assert client.token_hash not in listing.output


def test_client_names_are_unique_and_revoking_is_listed(runner):
    create_client(runner, "council")
    again = runner.invoke(args=["api-client", "create", "council"])
    assert again.exit_code != 0 and "already exists" in again.output
    assert runner.invoke(args=["api-client", "revoke", "council"]).exit_code == 0
    assert "revoked" in runner.invoke(args=["api-client", "list"]).output
    assert runner.invoke(args=["api-client", "revoke", "council"]).exit_code == 0
    missing = runner.invoke(args=["api-client", "revoke", "nobody"])
    assert missing.exit_code != 0 and "no API client" in missing.output
    bad = runner.invoke(args=["api-client", "create", "x", "--destination", "elsewhere"])
    assert bad.exit_code != 0
