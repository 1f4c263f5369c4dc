"""The production shape: the compose file, gunicorn serving the factory and stopping
gracefully, settings checked at start-up, and JSON logs without personal data."""

from __future__ import annotations

import json
import logging
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
import yaml
from flask import request
from compose_spec import PyCompose
from cryptography.fernet import Fernet

from intake.logs import JsonFormatter
from intake.settings_check import ConfigError, check
from tests.queue.conftest import free_port

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())  # resolves <<: merges


def test_the_compose_file_follows_the_compose_specification(compose):
    PyCompose.from_json(json.dumps(compose)).validate()
    assert {"web", "relay", "migrate", "rasa", "actions", "postgres", "rabbitmq", "redis"} <= set(compose["services"])


def test_every_service_dependency_and_volume_exists(compose):
    services, volumes = compose["services"], set(compose["volumes"])
    for name, service in services.items():
        assert set(service.get("depends_on", {})) <= set(services), name
        for mount in service.get("volumes", []):
            source = mount.split(":")[0]
            if not source.startswith((".", "/")):
                assert source in volumes, (name, source)


def test_long_running_services_have_health_checks_and_secrets_come_from_the_environment(compose):
    for name in ("web", "relay", "rasa", "actions", "postgres", "rabbitmq", "redis"):
        assert compose["services"][name]["healthcheck"]["test"], name
    text = (ROOT / "docker-compose.yml").read_text()
    for secret in ("INTAKE_SECRET_KEY", "INTAKE_DATA_KEYS", "INTAKE_RASA_TOKEN", "POSTGRES_PASSWORD",
                   "RABBITMQ_PASSWORD", "INTAKE_APP_DB_PASSWORD"):
        assert re.search(r"\$\{" + secret + r":\?", text), f"{secret} must be required, never written in"
    assert compose["services"]["web"]["environment"]["INTAKE_ENV"] == "production"


def test_only_migrations_run_as_the_database_owner(compose):
    """The owner (a superuser in the postgres image) changes the schema and grants the app
    role; everything that serves people connects as that role, which cannot rewrite the
    audit log (proved in tests/accounts/test_cli.py)."""
    services = compose["services"]
    owner = services["postgres"]["environment"]["POSTGRES_USER"]
    migrate = services["migrate"]
    assert f"//{owner}:" in migrate["environment"]["INTAKE_DATABASE_URL"]
    assert "intake grant-app-role intake_app" in " ".join(migrate["command"])
    for name in ("web", "relay"):
        url = services[name]["environment"]["INTAKE_DATABASE_URL"]
        assert url.startswith("postgresql://intake_app:"), name


def test_every_web_process_shares_its_rate_limits_through_redis(compose):
    for name in ("web", "relay"):
        storage = compose["services"][name]["environment"]["INTAKE_RATELIMIT_STORAGE_URI"]
        assert "redis://redis:6379" in storage
        assert "redis" in compose["services"][name]["depends_on"]


def test_the_chat_services_publish_no_ports(compose):
    """Only the web service talks to Rasa, and only Rasa to the action server."""
    for name in ("rasa", "actions"):
        assert "ports" not in compose["services"][name], name


def test_gunicorn_serves_the_factory_and_stops_gracefully(tmp_path):
    port = free_port()
    env = dict(os.environ) | {"INTAKE_INSTANCE_PATH": str(tmp_path),
                              "INTAKE_DATABASE_URL": f"sqlite:///{tmp_path / 'g.db'}"}
    subprocess.run([str(BIN / "intake"), "db", "upgrade"], env=env, check=True, capture_output=True)
    server = subprocess.Popen([str(BIN / "gunicorn"), "--bind", f"127.0.0.1:{port}", "--workers", "2",
                               "intake:create_app()"], env=env, cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        assert httpx.get(f"http://127.0.0.1:{port}/readyz").json()["database"] == "ok"
        start = httpx.get(f"http://127.0.0.1:{port}/", headers={"Accept-Encoding": "br, gzip"})
        assert "Start now" in start.text and start.headers["Content-Encoding"] == "br"
        css = re.search(r'href="(/static/build/app\.[0-9a-f]{12}\.css)"', start.text).group(1)
        sheet = httpx.get(f"http://127.0.0.1:{port}{css}", headers={"Accept-Encoding": "br, gzip"})
        assert sheet.headers["Content-Encoding"] == "br" and "immutable" in sheet.headers["Cache-Control"]
    finally:
        server.send_signal(signal.SIGTERM)
        assert server.wait(30) == 0, server.stdout.read().decode()[-2000:]


GOOD = {
    "SECRET_KEY": "x" * 40, "SESSION_COOKIE_SECURE": True,
    "INTAKE_DATA_KEYS": [Fernet.generate_key().decode()],
    "INTAKE_CASE_TRANSPORT": "spool", "INTAKE_URGENT_TRANSPORT": "spool",
    "INTAKE_WEBHOOK_URL": "", "INTAKE_WEBHOOK_SECRET": "", "INTAKE_URGENT_WEBHOOK_URL": "",
    "INTAKE_URGENT_WEBHOOK_SECRET": "", "INTAKE_AMQP_URL": "amqp://h/", "INTAKE_URGENT_AMQP_URL": "amqp://h/",
    "INTAKE_COUNCIL_FILE": str(ROOT / "intake" / "council.toml"),
    "INTAKE_RASA_URL": "http://rasa:5005", "INTAKE_ACTIONS_URL": "http://actions:5055/webhook",
    "INTAKE_RASA_TIMEOUT": 10.0,
}
PRODUCTION = {"INTAKE_ENV": "production", "INTAKE_SECRET_KEY": "x", "INTAKE_DATA_KEYS": "k",
              "INTAKE_DATABASE_URL": "postgresql://db/intake", "INTAKE_RASA_TOKEN": "t"}


@pytest.mark.parametrize("change, env, variable", [
    ({"INTAKE_CASE_TRANSPORT": "fax"}, {}, "INTAKE_CASE_TRANSPORT"),
    ({"INTAKE_URGENT_TRANSPORT": "webhook"}, {}, "INTAKE_URGENT_WEBHOOK_URL"),
    ({"INTAKE_CASE_TRANSPORT": "webhook", "INTAKE_WEBHOOK_URL": "http://case.example/in"}, {}, "INTAKE_WEBHOOK_URL"),
    ({"INTAKE_CASE_TRANSPORT": "webhook", "INTAKE_WEBHOOK_URL": "https://case.example/in"}, {}, "INTAKE_WEBHOOK_SECRET"),
    ({"INTAKE_CASE_TRANSPORT": "amqp", "INTAKE_AMQP_URL": "rabbit://x"}, {}, "INTAKE_AMQP_URL"),
    ({"INTAKE_DATA_KEYS": ["not-a-key"]}, {}, "INTAKE_DATA_KEYS"),
    ({"INTAKE_COUNCIL_FILE": "/nowhere/council.toml"}, {}, "INTAKE_COUNCIL_FILE"),
    ({"INTAKE_RASA_URL": "rasa:5005"}, {}, "INTAKE_RASA_URL"),
    ({"INTAKE_RASA_TIMEOUT": 0}, {}, "INTAKE_RASA_TIMEOUT"),
    ({}, {k: v for k, v in PRODUCTION.items() if k != "INTAKE_RASA_TOKEN"}, "INTAKE_RASA_TOKEN"),
    ({}, {"INTAKE_ENV": "production"}, "INTAKE_SECRET_KEY"),
    ({"SESSION_COOKIE_SECURE": False}, PRODUCTION, "INTAKE_SECURE_COOKIES"),
    ({"SECRET_KEY": "short"}, PRODUCTION, "INTAKE_SECRET_KEY"),
])
def test_a_wrong_setting_stops_start_up_naming_the_variable(change, env, variable):
    with pytest.raises(ConfigError) as error:
        check(GOOD | change, env)
    assert str(error.value).startswith(variable + ":")


def test_good_settings_pass_in_production():
    check(GOOD, PRODUCTION)


def test_the_command_line_reports_a_setting_error_in_one_line(tmp_path):
    env = dict(os.environ) | {"INTAKE_INSTANCE_PATH": str(tmp_path), "INTAKE_CASE_TRANSPORT": "fax"}
    result = subprocess.run([str(BIN / "intake"), "assess"], input="{}", env=env,
                            capture_output=True, text=True)
    assert result.returncode == 2
    assert result.stderr.strip() == ("configuration error: INTAKE_CASE_TRANSPORT: must be one of "
                                     "spool, webhook, amqp, not 'fax'")


def test_json_logs_carry_the_path_but_never_the_query_string(app):
    with app.test_request_context("/check-my-complaint?reference=K7QM-4XRT-9HPW&name=Robin"):
        record = logging.LogRecord("intake", logging.INFO, __file__, 1, "relay: %d delivered", (3,), None)
        line = json.loads(JsonFormatter().format(record))
    assert line["message"] == "relay: 3 delivered" and line["path"] == "/check-my-complaint"
    assert "Robin" not in json.dumps(line) and "K7QM" not in json.dumps(line)


def test_production_logs_are_json_lines(tmp_path):
    env = dict(os.environ) | {"INTAKE_INSTANCE_PATH": str(tmp_path), "INTAKE_ENV": "production",
                              "INTAKE_SECRET_KEY": "s" * 40, "INTAKE_SECURE_COOKIES": "true",
                              "INTAKE_DATA_KEYS": Fernet.generate_key().decode(),
                              "INTAKE_DATABASE_URL": f"sqlite:///{tmp_path / 'p.db'}",
                              "INTAKE_RASA_TOKEN": "t" * 20}
    subprocess.run([str(BIN / "intake"), "db", "upgrade"], env=env, check=True, capture_output=True)
    result = subprocess.run([str(BIN / "intake"), "purge"], env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stderr.splitlines() if line.startswith("{")]
    assert any(line["message"].startswith("purge: 0 drafts") for line in lines)


@pytest.mark.parametrize("variable, value, says", [
    ("INTAKE_RELAY_BATCH", "fifty", "must be a whole number, not 'fifty'"),
    ("INTAKE_RASA_TIMEOUT", "10s", "must be a number, not '10s'"),
    ("INTAKE_PROXY_HOPS", "-1", "must not be negative, not '-1'"),
])
def test_a_number_setting_that_is_not_one_stops_start_up_naming_the_variable(tmp_path, variable, value, says):
    from intake.config import load
    with pytest.raises(ConfigError) as error:
        load(str(tmp_path), {variable: value})
    assert str(error.value) == f"{variable}: {says}"


@pytest.mark.parametrize("hops, seen", [(0, "10.0.0.9"), (1, "203.0.113.7")])
def test_the_persons_address_is_read_through_as_many_proxies_as_configured(tmp_path, hops, seen):
    from intake import create_app
    app = create_app({"INTAKE_PROXY_HOPS": hops}, instance_path=str(tmp_path))
    app.add_url_rule("/whoami", "whoami", lambda: request.remote_addr)
    response = app.test_client().get("/whoami", headers={"X-Forwarded-For": "203.0.113.7"},
                                     environ_base={"REMOTE_ADDR": "10.0.0.9"})
    assert response.get_data(as_text=True) == seen
