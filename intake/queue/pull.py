"""The pull API, for case systems that cannot receive inbound calls: they lease a batch of
events, fetch a case when they need its latest state, and acknowledge what they have stored.

Each client (``intake api-client create``) pulls one destination's events and keeps its own
progress in ``pull_deliveries``, so several clients never hold each other up. Pulling is
independent of the relay: an event the relay has delivered (or parked) elsewhere is still
offered to every pull client of its destination until that client acknowledges it.
Errors are always ``application/problem+json`` (RFC 9457), never an HTML page.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import secrets
import uuid

import click
from flask import Blueprint, current_app, g, jsonify, request
from flask.cli import AppGroup
from sqlalchemy import and_, exists, select, update
from sqlalchemy.exc import IntegrityError
from werkzeug.exceptions import HTTPException
from werkzeug.routing import RequestRedirect

from intake.cases.models import ApiClient, Case, OutboxEvent, PullDelivery, as_utc, utcnow
from intake.cases.store import case_document
from intake.extensions import csrf, db

from intake.queue.terms import (  # noqa: F401 - part of this module's interface
    BATCH, DESTINATIONS, LEASE_SECONDS, MAX_ACKS, MAX_BODY_BYTES, MAX_ID_LENGTH, PREFIX, PROBLEM,
    TOKEN_PREFIX,
)

bp = Blueprint("api", __name__, url_prefix=PREFIX)
csrf.exempt(bp)  # bearer tokens, not cookies: there is no session to forge requests with


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def iso(moment: dt.datetime, timespec: str = "auto") -> str:
    return as_utc(moment).isoformat(timespec=timespec).replace("+00:00", "Z")


# Errors ------------------------------------------------------------------------------------

class Problem(Exception):
    """An error answered as problem JSON; ``extra`` adds members such as the unknown ids."""

    def __init__(self, status: int, title: str, detail: str, kind: str | None = None,
                 headers: dict | None = None, **extra):
        super().__init__(detail)
        self.status, self.title, self.detail = status, title, detail
        self.type = PROBLEM + kind if kind else "about:blank"
        self.headers = headers or {}
        self.extra = extra

    def response(self):
        body = {"type": self.type, "title": self.title, "status": self.status,
                "detail": self.detail, **self.extra}
        response = jsonify(body)
        response.status_code = self.status
        response.mimetype = "application/problem+json"
        response.headers.update(self.headers)
        return response


def _http_problem(error: HTTPException) -> Problem:
    headers = {k: v for k, v in error.get_headers() if k == "Allow"}  # 405 says what works
    return Problem(error.code or 500, error.name, error.description or error.name, headers=headers)


def _unauthorized(detail: str, invalid: bool) -> Problem:
    challenge = 'Bearer realm="intake"' + (', error="invalid_token"' if invalid else "")
    return Problem(401, "Unauthorized", detail, "unauthorized",
                   headers={"WWW-Authenticate": challenge})


@bp.errorhandler(Problem)
def _problem(problem: Problem):
    db.session.rollback()
    return problem.response()


@bp.errorhandler(HTTPException)
def _http_error(error: HTTPException):
    # The app's handlers render HTML pages for people; a program gets problem JSON.
    db.session.rollback()
    return _http_problem(error).response()


@bp.errorhandler(Exception)
def _unexpected(error: Exception):
    current_app.logger.exception("pull API error", exc_info=error)
    db.session.rollback()
    return Problem(500, "Internal Server Error",
                   "Something went wrong on our side. Nothing was changed; try again.").response()


@bp.before_app_request
def _routing_errors_as_problems():
    """Unknown paths and wrong methods under /api/v1 never reach the blueprint's handlers
    (no view matched), so answer them here rather than with the app's HTML pages."""
    error = request.routing_exception
    if error is None or isinstance(error, RequestRedirect):
        return None
    if request.path != PREFIX and not request.path.startswith(PREFIX + "/"):
        return None
    return _http_problem(error).response()


# Authentication and request bodies ----------------------------------------------------------

@bp.before_request
def _authenticate():
    request.max_content_length = MAX_BODY_BYTES
    if request.endpoint == "api.openapi":
        return None
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise _unauthorized("Send your API token as 'Authorization: Bearer <token>'.", False)
    client = db.session.execute(
        select(ApiClient).where(ApiClient.token_hash == hash_token(token.strip()),
                                ApiClient.revoked_at.is_(None))).scalar_one_or_none()
    if client is None:
        raise _unauthorized("This token is unknown or has been revoked.", True)
    g.api_client = client
    return None


@bp.after_request
def _no_store(response):
    response.headers["Cache-Control"] = "no-store"  # cases hold personal data
    return response


def _json_body(empty_allowed: bool = False) -> dict:
    raw = request.get_data()
    if not raw.strip() and empty_allowed:
        return {}
    if raw.strip() and not request.is_json:
        raise Problem(415, "Unsupported Media Type", "Send the body as application/json.")
    try:
        body = json.loads(raw)
    except (ValueError, RecursionError):
        raise Problem(400, "Bad Request", "The body is not valid JSON.", "malformed-json") from None
    if not isinstance(body, dict):
        raise _invalid([("", "The body must be a JSON object.")])
    return body


def _invalid(errors: list[tuple[str, str]]) -> Problem:
    return Problem(422, "Unprocessable Content", "; ".join(f"{p or '/'}: {d}" for p, d in errors),
                   "invalid-request", errors=[{"pointer": p, "detail": d} for p, d in errors])


def _unexpected_fields(body: dict, allowed: set[str]) -> list[tuple[str, str]]:
    return [(f"/{name}", "Unknown field.") for name in body if name not in allowed]


def _whole_number(body: dict, name: str, limits: dict, errors: list) -> int:
    value = body.get(name, limits["default"])
    if isinstance(value, float) and value.is_integer():  # 30.0 is a JSON Schema integer too
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        errors.append((f"/{name}", "Must be a whole number."))
    elif not limits["minimum"] <= value <= limits["maximum"]:
        errors.append((f"/{name}",
                       f"Must be between {limits['minimum']} and {limits['maximum']}."))
    return value


def _could_be_an_id(value: str) -> bool:
    """Ids are UUIDs; anything else cannot match, and must not reach the database
    (PostgreSQL refuses text with NUL characters)."""
    return 0 < len(value) <= 36 and value.isascii() and value.isprintable()


def _lock(client: ApiClient) -> ApiClient:
    """Serialise this client's lease and ack calls, so two never hand out the same event.

    PostgreSQL locks the client's row (SELECT ... FOR UPDATE). SQLite ignores FOR UPDATE,
    so there an update that changes nothing takes the database's write lock instead.
    """
    if db.session.get_bind().dialect.name == "sqlite":
        db.session.execute(update(ApiClient).where(ApiClient.id == client.id)
                           .values(name=ApiClient.name))
    locked = db.session.execute(
        select(ApiClient).where(ApiClient.id == client.id).with_for_update()).scalar_one()
    if locked.revoked_at is not None:
        raise _unauthorized("This token has been revoked.", True)
    return locked


def _vault():
    from intake.extensions import vault
    return vault()


# Endpoints ---------------------------------------------------------------------------------

def offerable_events(client: ApiClient, now: dt.datetime, limit: int) -> list[str]:
    """Ids of the events to lease next, oldest first: this client's destination, not yet
    acknowledged, not under a live lease, and never ahead of an earlier event of the same
    case that is neither acknowledged nor in this batch (the case system sees a case's
    events in order)."""
    rows = db.session.execute(
        select(OutboxEvent.id, OutboxEvent.case_id, PullDelivery.leased_until)
        .outerjoin(PullDelivery, and_(PullDelivery.event_id == OutboxEvent.id,
                                      PullDelivery.client_id == client.id))
        .where(OutboxEvent.destination == client.destination, PullDelivery.acked_at.is_(None))
        .order_by(OutboxEvent.created_at, OutboxEvent.id))
    chosen: list[str] = []
    waiting_cases: set[str] = set()
    for event_id, case_id, leased_until in rows:
        if len(chosen) == limit:
            break
        if case_id in waiting_cases:
            continue
        if leased_until is not None and as_utc(leased_until) > now:
            waiting_cases.add(case_id)  # its later events wait for this one's ack
            continue
        chosen.append(event_id)
    return chosen


@bp.post("/leases")
def lease():
    """Lease the next batch. Leased events are not offered again until acknowledged (never)
    or the lease runs out (then again, with the same event id). Always 201, even when the
    batch is empty, so clients handle one shape."""
    body = _json_body(empty_allowed=True)
    errors = _unexpected_fields(body, {"max", "lease_seconds"})
    limit = _whole_number(body, "max", BATCH, errors)
    seconds = _whole_number(body, "lease_seconds", LEASE_SECONDS, errors)
    if errors:
        raise _invalid(errors)

    client = _lock(g.api_client)
    now = utcnow()
    chosen = offerable_events(client, now, limit)
    events = {e.id: e for e in db.session.scalars(
        select(OutboxEvent).where(OutboxEvent.id.in_(chosen)))}
    envelopes = [_vault().open(events[event_id].sealed) for event_id in chosen]

    lease_id = str(uuid.uuid4())
    until = (now + dt.timedelta(seconds=seconds)).replace(microsecond=0)
    existing = {d.event_id: d for d in db.session.scalars(
        select(PullDelivery).where(PullDelivery.client_id == client.id,
                                   PullDelivery.event_id.in_(chosen)))}
    for event_id in chosen:
        delivery = existing.get(event_id)  # a lease that ran out
        if delivery is None:
            delivery = PullDelivery(client_id=client.id, event_id=event_id)
            db.session.add(delivery)
        delivery.lease_id, delivery.leased_until = lease_id, until
    try:
        db.session.commit()
    except IntegrityError:  # only if the lock did not hold; the client may simply retry
        raise Problem(409, "Conflict", "Another lease call for this client was in progress. "
                      "Try again.", "lease-conflict") from None
    return jsonify(lease_id=lease_id, leased_until=iso(until), events=envelopes), 201


@bp.get("/cases/<case_id>")
def fetch_case(case_id: str):
    """The case as it is now, for any case with an event for this client's destination."""
    row = None
    if _could_be_an_id(case_id):
        row = db.session.scalars(select(Case).where(
            Case.id == case_id,
            exists().where(OutboxEvent.case_id == Case.id,
                           OutboxEvent.destination == g.api_client.destination))).first()
    if row is None:
        raise Problem(404, "Not Found", "There is no case with that id for this client.")
    return jsonify(case_document(_vault(), row))


@bp.post("/acks")
def acknowledge():
    """Acknowledge stored events: they are never offered to this client again. Idempotent;
    ``acknowledged`` counts the distinct ids now acknowledged, however often they were sent.
    If any id is unknown (to this client's destination) nothing is acknowledged."""
    body = _json_body()
    errors = _unexpected_fields(body, {"event_ids"})
    event_ids = body.get("event_ids")
    if not isinstance(event_ids, list):
        errors.append(("/event_ids", "Required: a list of event ids."))
    elif len(event_ids) > MAX_ACKS:
        errors.append(("/event_ids", f"At most {MAX_ACKS} ids at a time."))
    else:
        errors += [(f"/event_ids/{i}", f"Must be a string of 1 to {MAX_ID_LENGTH} characters.")
                   for i, v in enumerate(event_ids)
                   if not isinstance(v, str) or not 0 < len(v) <= MAX_ID_LENGTH]
    if errors:
        raise _invalid(errors)

    client = _lock(g.api_client)
    wanted = list(dict.fromkeys(event_ids))
    known = set(db.session.scalars(select(OutboxEvent.id).where(
        OutboxEvent.id.in_([i for i in wanted if _could_be_an_id(i)]),
        OutboxEvent.destination == client.destination)))
    unknown = [i for i in wanted if i not in known]
    if unknown:
        raise Problem(422, "Unprocessable Content",
                      f"{len(unknown)} event id(s) are unknown to this client; nothing was "
                      "acknowledged.", "unknown-events", unknown_event_ids=unknown)

    now = utcnow()
    deliveries = {d.event_id: d for d in db.session.scalars(
        select(PullDelivery).where(PullDelivery.client_id == client.id,
                                   PullDelivery.event_id.in_(wanted)))}
    for event_id in wanted:
        delivery = deliveries.get(event_id)
        if delivery is None:
            delivery = PullDelivery(client_id=client.id, event_id=event_id)
            db.session.add(delivery)
        if delivery.acked_at is None:
            delivery.acked_at = now
    db.session.commit()
    return jsonify(acknowledged=len(wanted))


@bp.get("/openapi.json")
def openapi():
    """The API description. Public: it says nothing about any case."""
    from intake.queue.openapi import openapi_document
    return jsonify(openapi_document())


# Command line: intake api-client ... ------------------------------------------------------

api_client_cli = AppGroup("api-client", help="Tokens for case systems that pull cases.")


def _find_client(name: str) -> ApiClient:
    client = db.session.execute(select(ApiClient).where(ApiClient.name == name)).scalar_one_or_none()
    if client is None:
        raise click.ClickException(f"no API client called {name!r}")
    return client


@api_client_cli.command("create")
@click.argument("name")
@click.option("--destination", type=click.Choice(DESTINATIONS), default="case_system",
              show_default=True, help="Whose events the client pulls.")
def create_client(name: str, destination: str):
    """Create a client and print its token. The token is shown once: only its hash is kept."""
    name = name.strip()
    if not name or len(name) > 100:
        raise click.BadParameter("must be 1 to 100 characters", param_hint="NAME")
    if db.session.execute(select(ApiClient.id).where(ApiClient.name == name)).first():
        raise click.ClickException(f"an API client called {name!r} already exists")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    db.session.add(ApiClient(name=name, token_hash=hash_token(token), destination=destination))
    db.session.commit()
    click.echo(f"Created API client {name!r} ({destination}). Store this token now; "
               "it cannot be shown again:", err=True)
    click.echo(token)  # alone on stdout, so scripts can capture it


@api_client_cli.command("list")
def list_clients():
    """List clients: name, destination, created, revoked (never tokens)."""
    clients = db.session.scalars(select(ApiClient).order_by(ApiClient.name)).all()
    if not clients:
        click.echo("no API clients")
        return
    width = max(len(c.name) for c in clients)
    for c in clients:
        created = iso(c.created_at, "seconds")
        revoked = f"revoked {iso(c.revoked_at, 'seconds')}" if c.revoked_at else "active"
        click.echo(f"{c.name:<{width}}  {c.destination:<11}  created {created}  {revoked}")


@api_client_cli.command("revoke")
@click.argument("name")
def revoke_client(name: str):
    """Revoke a client's token at once. Its progress is kept; create a new client to resume."""
    client = _find_client(name.strip())
    if client.revoked_at is not None:
        click.echo(f"{client.name!r} was already revoked at {iso(client.revoked_at, 'seconds')}")
        return
    client.revoked_at = utcnow()
    db.session.commit()
    click.echo(f"revoked {client.name!r}")
