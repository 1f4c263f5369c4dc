"""Warm advocacy referrals leave through the outbox with the same guarantees as cases: to a
real SMTP server on 127.0.0.1 (aiosmtpd), to a signed webhook receiver, or on the case
system's transport; failures are retried with the same id, then parked."""

from __future__ import annotations

import email
import email.policy
import json
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult
from jsonschema import Draft202012Validator, FormatChecker
from sqlalchemy import select

from intake.advocacy.schema import referral_schema
from intake.advocacy.store import deliveries
from intake.cases.models import OutboxEvent
from intake.extensions import db
from intake.queue.relay import Relay, retry_parked
from intake.queue.transports import DeliveryError, transport_for
from tests.advocacy.support import council_with, referred_case
from tests.queue.conftest import SECRET, free_port, relay_config, wait_for

VALIDATOR = Draft202012Validator(referral_schema(), format_checker=FormatChecker())
PROVIDER = "referrals@advocacy.example"
SENDER = "complaints@council.example"


class Mailbox:
    """An SMTP server's message handler: keeps what it accepts; ``refuse`` answers the next
    messages with a temporary failure (451), as a busy or broken mail server does."""

    def __init__(self):
        self.messages: list[tuple[str, list[str], email.message.EmailMessage]] = []
        self.refuse = 0
        self.logins: list[str] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        if self.refuse:
            self.refuse -= 1
            return "451 4.3.0 Please try again later"
        message = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), message))
        return "250 OK"


class SmtpServer:
    def __init__(self, port: int | None = None, login: tuple[str, str] | None = None):
        self.port = port or free_port()
        self.mailbox = Mailbox()
        options = {}
        if login:
            def authenticate(server, session, envelope, mechanism, auth_data):
                ok = (auth_data.login.decode(), auth_data.password.decode()) == login
                if ok:
                    self.mailbox.logins.append(auth_data.login.decode())
                return AuthResult(success=ok)
            options = {"authenticator": authenticate, "auth_require_tls": False,
                       "auth_required": True}
        self.controller = Controller(self.mailbox, hostname="127.0.0.1", port=self.port, **options)

    def start(self):
        self.controller.start()
        return self

    def stop(self):
        self.controller.stop()


@pytest.fixture
def smtp():
    server = SmtpServer().start()
    yield server
    server.stop()


def email_settings(app, port: int, **overrides) -> dict:
    return {"INTAKE_COUNCIL": council_with(app, referral="email"), "INTAKE_SMTP_HOST": "127.0.0.1",
            "INTAKE_SMTP_PORT": str(port), "INTAKE_SMTP_STARTTLS": False, "INTAKE_SMTP_TIMEOUT": 3.0,
            "INTAKE_ADVOCACY_EMAIL_TO": PROVIDER, "INTAKE_ADVOCACY_EMAIL_FROM": SENDER} | overrides


def relay_for(app, **overrides) -> Relay:
    return Relay(db.session, app.extensions["intake_vault"], relay_config(app, **overrides))


def event_row(app, event_id: str) -> OutboxEvent:
    with app.app_context():
        db.session.expire_all()
        row = db.session.get(OutboxEvent, event_id)
        db.session.expunge(row)
        return row


def state(app, case_id: str) -> str:
    with app.app_context():
        return deliveries(db.session, [case_id])[case_id].state


def test_a_referral_is_emailed_to_the_provider_readable_with_the_json_attached(app, smtp, tmp_path):
    case_id, event_id = referred_case(app, route="email")
    assert state(app, case_id) == "requested"
    with app.app_context():
        relay_for(app, INTAKE_CASE_TRANSPORT="spool", INTAKE_SPOOL_DIR=str(tmp_path),
                  **email_settings(app, smtp.port)).run(once=True)

    [(sender, recipients, message)] = smtp.mailbox.messages
    assert (sender, recipients) == (SENDER, [PROVIDER])
    attachment = next(message.iter_attachments())
    event = json.loads(attachment.get_content())
    assert event["id"] == event_id and event["type"] == "advocacy.referral"
    VALIDATOR.validate(event["data"])
    reference = event["data"]["reference"]
    assert message["Subject"] == f"Advocacy referral: complaint {reference}"
    assert message["Message-ID"] == f"<{event_id}@council.example>"
    assert attachment.get_content_type() == "application/json"
    assert attachment.get_filename() == f"advocacy-referral-{reference}.json"
    text = message.get_body(("plain",)).get_content().replace("\r\n", "\n")
    for words in ("Name to use: Robin", "Age: 14", "Phone: 07700 900982", "Safe times: after 4pm",
                  "Do NOT contact them through their carer or the place they live.",
                  "Communication needs:\nShort sentences please", "My pocket money has been late for weeks",
                  "About: Where the young person lives, or moving home"):
        assert words in text, words
    assert "SAFETY CONCERN" not in text

    # The case system got the case and the notice that an advocate was asked for, not the
    # referral; the referral went only to the provider.
    spooled = sorted(json.loads(f.read_text())["type"] for f in tmp_path.iterdir())
    assert spooled == ["advocacy.referral_requested", "case.submitted"]
    assert event_row(app, event_id).delivered_at is not None
    assert state(app, case_id) == "sent"


def test_the_referral_is_encrypted_at_rest_like_every_outbox_payload(app):
    _, event_id = referred_case(app, route="email")
    sealed = event_row(app, event_id).sealed
    assert "Robin" not in sealed and "07700" not in sealed and "heating" not in sealed
    with app.app_context():
        opened = app.extensions["intake_vault"].open(sealed)
    assert opened["data"]["young_person"]["name"] == "Robin"


def test_a_failing_mail_server_means_retries_with_the_same_id_then_delivery(app, smtp):
    smtp.mailbox.refuse = 2
    case_id, event_id = referred_case(app, route="email")
    with app.app_context():
        relay = relay_for(app, **email_settings(app, smtp.port))
        relay.drain_once()
        assert event_row(app, event_id).last_error == "email: SMTP 451"
        assert state(app, case_id) == "failing"
        assert wait_for(lambda: relay.drain_once() >= 0 and event_row(app, event_id).delivered_at is not None,
                        timeout=10)
    row = event_row(app, event_id)
    assert row.attempts == 2 and row.last_error is None
    assert len(smtp.mailbox.messages) == 1
    assert smtp.mailbox.messages[0][2]["Message-ID"] == f"<{event_id}@council.example>"
    assert state(app, case_id) == "sent"


def test_with_no_mail_server_the_referral_is_parked_then_sent_when_put_back(app):
    port = free_port()
    case_id, event_id = referred_case(app, route="email")
    with app.app_context():
        relay = relay_for(app, INTAKE_RELAY_MAX_ATTEMPTS=3, **email_settings(app, port))
        assert wait_for(lambda: relay.drain_once() >= 0 and event_row(app, event_id).dead_at is not None,
                        timeout=10)
        assert event_row(app, event_id).attempts == 3
        assert event_row(app, event_id).last_error == "email: ConnectionRefusedError"
        with app.app_context():
            assert deliveries(db.session, [case_id])[case_id].parked
        server = SmtpServer(port).start()
        try:
            assert retry_parked(db.session, [event_id]) == 1
            relay.run(once=True)
        finally:
            server.stop()
    assert event_row(app, event_id).delivered_at is not None
    assert len(server.mailbox.messages) == 1


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_the_mail_server_login_is_used_when_set(app):
    server = SmtpServer(login=("intake", "s3cret")).start()
    try:
        case_id, event_id = referred_case(app, route="email")
        with app.app_context():
            relay_for(app, **email_settings(app, server.port, INTAKE_SMTP_USERNAME="intake",
                                            INTAKE_SMTP_PASSWORD="wrong")).drain_once()
            assert event_row(app, event_id).delivered_at is None
            assert event_row(app, event_id).attempts == 1 and server.mailbox.messages == []
            db.session.execute(OutboxEvent.__table__.update().values(next_attempt_at=None))
            db.session.commit()
            relay_for(app, **email_settings(app, server.port, INTAKE_SMTP_USERNAME="intake",
                                            INTAKE_SMTP_PASSWORD="s3cret")).run(once=True)
    finally:
        server.stop()
    assert server.mailbox.logins == ["intake"] and len(server.mailbox.messages) == 1


def test_starttls_is_never_skipped_when_it_is_required(app, smtp):
    """A server that cannot do STARTTLS gets nothing, rather than the referral in clear."""
    transport = transport_for(relay_config(app, **email_settings(app, smtp.port, INTAKE_SMTP_STARTTLS=True)),
                              "advocacy")
    _, event_id = referred_case(app, route="email")
    with app.app_context():
        event = app.extensions["intake_vault"].open(event_row(app, event_id).sealed)
    with pytest.raises(DeliveryError, match="SMTPNotSupportedError"):
        transport.send(event)
    assert smtp.mailbox.messages == []


def test_a_referral_goes_to_the_providers_webhook_signed(app, receiver):
    case_id, event_id = referred_case(app, route="webhook", safe_now="no")
    settings = {"INTAKE_COUNCIL": council_with(app, referral="webhook"),
                "INTAKE_ADVOCACY_WEBHOOK_URL": receiver.url,
                "INTAKE_ADVOCACY_WEBHOOK_SECRET": SECRET}
    receiver.mode = "fail"
    with app.app_context():
        relay = relay_for(app, INTAKE_CASE_TRANSPORT="spool", INTAKE_URGENT_TRANSPORT="spool", **settings)
        relay.drain_once()
        assert state(app, case_id) == "failing"
        receiver.mode = "ok"
        assert wait_for(lambda: relay.drain_once() >= 0 and event_row(app, event_id).delivered_at is not None,
                        timeout=10)
    assert receiver.received == [event_id] and receiver.bad_signatures == 0
    referral = receiver.bodies[event_id]["data"]
    VALIDATOR.validate(referral)
    assert referral["safety"] == {"urgent": True, "reasons": ["not_safe_now"], "signals": []}
    assert state(app, case_id) == "delivered"


def test_with_the_case_system_route_the_referral_travels_on_the_case_transport(app, tmp_path):
    case_id, event_id = referred_case(app, route="case_system")
    with app.app_context():
        relay_for(app, INTAKE_COUNCIL=council_with(app, referral="case_system"),
                  INTAKE_CASE_TRANSPORT="spool", INTAKE_SPOOL_DIR=str(tmp_path)).run(once=True)
    spooled = {json.loads(f.read_text())["type"]: json.loads(f.read_text()) for f in tmp_path.iterdir()}
    assert set(spooled) == {"case.submitted", "advocacy.referral_requested", "advocacy.referral"}
    assert spooled["advocacy.referral"]["id"] == event_id
    VALIDATOR.validate(spooled["advocacy.referral"]["data"])
    assert state(app, case_id) == "delivered"


def test_the_relay_command_names_the_setting_an_advocacy_route_is_missing(app):
    config = relay_config(app, INTAKE_COUNCIL=council_with(app, referral="webhook"))
    with pytest.raises(ValueError, match="INTAKE_ADVOCACY_WEBHOOK_URL"):
        transport_for(config, "advocacy")
