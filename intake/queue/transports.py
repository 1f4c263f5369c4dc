"""How an event leaves us: a spool folder, a signed webhook, a RabbitMQ queue, or (for
advocacy referrals) an email.

Every transport either delivers the event (and returns) or raises ``DeliveryError``; the
relay then retries later with the same event id, so receivers can de-duplicate. None of
them ever treats "probably sent" as sent: a file is renamed into place only when fully
written, a webhook counts only on a 2xx answer, a message only when the broker
confirms it, and an email only when the mail server accepts it.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import json
import os
import smtplib
import ssl
import tempfile
from email.message import EmailMessage
from email.utils import parseaddr
from pathlib import Path
from urllib.parse import urlparse

import httpx
import pika
import pika.exceptions
from standardwebhooks import Webhook


class DeliveryError(Exception):
    """The event did not reach its receiver this time; try again later."""


def encode(event: dict) -> bytes:
    return json.dumps(event, ensure_ascii=False, sort_keys=True).encode()


class SpoolTransport:
    """One JSON file per event, written atomically into a folder an import job reads.

    The file is named after the event, so a redelivery replaces the same file rather than
    adding a duplicate. Temporary files start with a dot; import jobs should ignore them.
    """

    def __init__(self, folder: str):
        self.folder = Path(folder)

    def send(self, event: dict) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            name = f"{event['created_at'].replace(':', '').replace('-', '')}-{event['id']}.json"
            fd, temp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=self.folder)
            try:
                with os.fdopen(fd, "wb") as f:
                    f.write(encode(event))
                    f.flush()
                    os.fsync(f.fileno())
                os.replace(temp, self.folder / name)
            except BaseException:
                Path(temp).unlink(missing_ok=True)
                raise
            directory = os.open(self.folder, os.O_RDONLY)
            try:
                os.fsync(directory)  # the rename itself survives a power cut
            finally:
                os.close(directory)
        except OSError as exc:
            raise DeliveryError(f"spool: {exc.strerror or exc}") from exc

    def close(self) -> None:
        pass


def _local(url: str) -> bool:
    return urlparse(url).hostname in ("127.0.0.1", "localhost", "::1")


class WebhookTransport:
    """HTTPS POST signed per the Standard Webhooks spec; 2xx means delivered.

    The ``webhook-id`` is the event id, the same on every retry. Plain HTTP is allowed
    only to this machine (for tests and a local receiver).
    """

    def __init__(self, url: str, secret: str, timeout: float = 10.0, prefix: str = "INTAKE_"):
        if not url:
            raise ValueError(f"a webhook URL is needed ({prefix}WEBHOOK_URL)")
        if not url.startswith("https://") and not _local(url):
            raise ValueError(f"webhook URLs must use https:// ({prefix}WEBHOOK_URL)")
        if not secret:
            raise ValueError(f"a webhook secret is needed ({prefix}WEBHOOK_SECRET, whsec_...)")
        self.url = url
        self.signer = Webhook(secret)
        self.client = httpx.Client(timeout=timeout, follow_redirects=False)

    def send(self, event: dict) -> None:
        body = encode(event).decode()
        now = dt.datetime.now(dt.timezone.utc)
        headers = {
            "content-type": "application/json",
            "webhook-id": event["id"],
            "webhook-timestamp": str(int(now.timestamp())),
            "webhook-signature": self.signer.sign(event["id"], now, body),
            "user-agent": "intake-relay",
        }
        try:
            response = self.client.post(self.url, content=body.encode(), headers=headers)
        except httpx.HTTPError as exc:
            raise DeliveryError(f"webhook: {type(exc).__name__}") from exc
        if not 200 <= response.status_code < 300:
            raise DeliveryError(f"webhook: HTTP {response.status_code}")

    def close(self) -> None:
        self.client.close()


class AmqpTransport:
    """RabbitMQ: a durable queue, persistent messages, publisher confirms.

    A broken connection is dropped and opened again on the next send; anything not
    confirmed by the broker is reported as not delivered, so it is sent again.
    """

    def __init__(self, url: str, queue: str):
        self.parameters = pika.URLParameters(url)
        self.parameters.connection_attempts = 1
        self.parameters.socket_timeout = 5
        self.parameters.blocked_connection_timeout = 10
        self.queue = queue
        self.connection = None
        self.channel = None

    def _open(self):
        if self.channel is None or self.channel.is_closed or self.connection.is_closed:
            self.close()
            self.connection = pika.BlockingConnection(self.parameters)
            self.channel = self.connection.channel()
            self.channel.queue_declare(queue=self.queue, durable=True)
            self.channel.confirm_delivery()
        return self.channel

    def send(self, event: dict) -> None:
        try:
            self._open().basic_publish(
                exchange="", routing_key=self.queue, body=encode(event), mandatory=True,
                properties=pika.BasicProperties(
                    delivery_mode=pika.DeliveryMode.Persistent, message_id=event["id"],
                    content_type="application/json", type=event["type"],
                    timestamp=int(dt.datetime.now(dt.timezone.utc).timestamp())))
        except (pika.exceptions.AMQPError, OSError) as exc:
            self.close()
            raise DeliveryError(f"amqp: {type(exc).__name__}") from exc

    def close(self) -> None:
        try:
            if self.connection is not None and self.connection.is_open:
                self.connection.close()
        except (pika.exceptions.AMQPError, OSError):
            pass
        self.connection = None
        self.channel = None


class EmailTransport:
    """An email through the council's SMTP server: plain text for a person to read, with the
    event JSON attached. Delivered means the server accepted it for every recipient.

    ``compose(event)`` gives the subject, the text and the attachment's file name. The
    Message-ID is made from the event id, the same on every retry, so a mailbox or a
    provider's system can spot a repeat. STARTTLS is used unless switched off (allowed only
    for a server on this machine; see ``intake.settings_check``).
    """

    def __init__(self, host: str, port: int, sender: str, recipient: str, compose, *,
                 username: str = "", password: str = "", starttls: bool = True,
                 timeout: float = 30.0):
        if not host:
            raise ValueError("an SMTP server is needed (INTAKE_SMTP_HOST)")
        if not sender or not recipient:
            raise ValueError("email addresses are needed (INTAKE_ADVOCACY_EMAIL_FROM, _TO)")
        self.host, self.port, self.timeout = host, int(port), timeout
        self.sender, self.recipient, self.compose = sender, recipient, compose
        self.username, self.password, self.starttls = username, password, starttls

    def message(self, event: dict) -> EmailMessage:
        subject, text, filename = self.compose(event)
        message = EmailMessage()
        message["From"] = self.sender
        message["To"] = self.recipient
        message["Subject"] = subject
        message["Date"] = email.utils.format_datetime(dt.datetime.now(dt.timezone.utc))
        domain = parseaddr(self.sender)[1].rpartition("@")[2] or "intake.invalid"
        message["Message-ID"] = f"<{event['id']}@{domain}>"
        message["Auto-Submitted"] = "auto-generated"
        message.set_content(text)
        message.add_attachment(encode(event), maintype="application", subtype="json",
                               filename=filename)
        return message

    def send(self, event: dict) -> None:
        message = self.message(event)
        try:
            with smtplib.SMTP(self.host, self.port, timeout=self.timeout) as smtp:
                smtp.ehlo()
                if self.starttls:
                    smtp.starttls(context=ssl.create_default_context())
                    smtp.ehlo()
                if self.username:
                    smtp.login(self.username, self.password)
                refused = smtp.send_message(message)
        except smtplib.SMTPResponseException as exc:
            raise DeliveryError(f"email: SMTP {exc.smtp_code}") from exc
        except smtplib.SMTPRecipientsRefused as exc:
            codes = sorted({code for code, _ in exc.recipients.values()})
            raise DeliveryError(f"email: recipient refused (SMTP {', '.join(map(str, codes))})") from exc
        except (smtplib.SMTPException, OSError) as exc:
            raise DeliveryError(f"email: {type(exc).__name__}") from exc
        if refused:
            raise DeliveryError("email: recipient refused")

    def close(self) -> None:
        pass


def _advocacy_transport(config: dict):
    """Referrals go by the council file's route: the provider's webhook, an email, or the
    case system's own transport (the case system passes them on)."""
    from intake.advocacy.referral import email_parts
    route = config["INTAKE_COUNCIL"].advocacy.referral
    if route == "webhook":
        return WebhookTransport(config["INTAKE_ADVOCACY_WEBHOOK_URL"],
                                config["INTAKE_ADVOCACY_WEBHOOK_SECRET"],
                                config["INTAKE_WEBHOOK_TIMEOUT"], prefix="INTAKE_ADVOCACY_")
    if route == "email":
        return EmailTransport(
            config["INTAKE_SMTP_HOST"], int(config["INTAKE_SMTP_PORT"]),
            config["INTAKE_ADVOCACY_EMAIL_FROM"], config["INTAKE_ADVOCACY_EMAIL_TO"], email_parts,
            username=config["INTAKE_SMTP_USERNAME"], password=config["INTAKE_SMTP_PASSWORD"],
            starttls=config["INTAKE_SMTP_STARTTLS"], timeout=config["INTAKE_SMTP_TIMEOUT"])
    return transport_for(config, "case_system")


def transport_for(config: dict, destination: str):
    """The transport configured for a destination ("case_system", "duty_team" or "advocacy")."""
    if destination == "advocacy":
        return _advocacy_transport(config)
    urgent = destination == "duty_team"
    kind = config["INTAKE_URGENT_TRANSPORT" if urgent else "INTAKE_CASE_TRANSPORT"]
    prefix = "INTAKE_URGENT_" if urgent else "INTAKE_"
    if kind == "spool":
        return SpoolTransport(config[f"{prefix}SPOOL_DIR"])
    if kind == "webhook":
        return WebhookTransport(config[f"{prefix}WEBHOOK_URL"], config[f"{prefix}WEBHOOK_SECRET"],
                                config["INTAKE_WEBHOOK_TIMEOUT"])
    if kind == "amqp":
        return AmqpTransport(config[f"{prefix}AMQP_URL"], config[f"{prefix}AMQP_QUEUE"])
    setting = "INTAKE_URGENT_TRANSPORT" if urgent else "INTAKE_CASE_TRANSPORT"
    raise ValueError(f"{setting} must be spool, webhook or amqp, not {kind!r}")
