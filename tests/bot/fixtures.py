"""A real Rasa server and action server for the chat tests, trained and started once
(a pytest plugin, see ``pytest_plugins`` in tests/conftest.py, so browser tests can use it too).

The model is trained into the project's ``instance/bot/models`` (what `make run` uses), and
only when the bot's data changed. Both servers listen on free ports on 127.0.0.1.
"""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
from pathlib import Path

import httpx
import pytest

from intake.bot import domain_gen, processes
from intake.config import PROJECT_DIR
from tests.conftest import cannot_run

INSTANCE = PROJECT_DIR / "instance"
START_TIMEOUT = 240


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rasa_installed() -> bool:
    return Path(processes.rasa_bin()).exists()


@pytest.fixture(scope="session")
def rasa_env():
    if not rasa_installed():
        cannot_run(f"Rasa is not installed in {processes.venv()} (make test installs it)")
    return processes.environment("http://127.0.0.1:5055/webhook")


@pytest.fixture(scope="session")
def trained_model(rasa_env) -> Path:
    domain_gen.write()
    if processes.needs_training(INSTANCE):
        result = subprocess.run(processes.train_command(INSTANCE), env=rasa_env,
                                capture_output=True, text=True)
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
        processes.write_fingerprint(INSTANCE)
    return processes.model_path(INSTANCE)


def _wait(url: str, process: subprocess.Popen, log: Path) -> None:
    try:
        processes.wait_until_up(url, process, START_TIMEOUT)
    except (RuntimeError, TimeoutError) as error:
        raise AssertionError(f"{error}: {log.read_text()[-3000:]}") from None


@pytest.fixture(scope="session")
def bot(trained_model, tmp_path_factory):
    """(rasa_url, token) of a running Rasa with its action server."""
    logs = tmp_path_factory.mktemp("bot-logs")
    rasa_port, actions_port = free_port(), free_port()
    token = secrets.token_urlsafe(16)
    env = processes.environment(f"http://127.0.0.1:{actions_port}/webhook")
    started = []
    try:
        actions_log = logs / "actions.log"
        actions = subprocess.Popen(processes.actions_command(actions_port), env=env,
                                   stdout=actions_log.open("w"), stderr=subprocess.STDOUT)
        started.append(actions)
        rasa_log = logs / "rasa.log"
        server = subprocess.Popen(processes.rasa_command(INSTANCE, rasa_port, token), env=env,
                                  stdout=rasa_log.open("w"), stderr=subprocess.STDOUT)
        started.append(server)
        _wait(f"http://127.0.0.1:{actions_port}/health", actions, actions_log)
        _wait(f"http://127.0.0.1:{rasa_port}/", server, rasa_log)
        yield f"http://127.0.0.1:{rasa_port}", token
    finally:
        processes.stop(started)


@pytest.fixture
def chat_app(app, bot):
    """The app talking to the real bot."""
    url, token = bot
    saved = {k: app.config[k] for k in ("INTAKE_RASA_URL", "INTAKE_RASA_TOKEN")}
    app.config.update(INTAKE_RASA_URL=url, INTAKE_RASA_TOKEN=token)
    app.extensions.pop("intake_rasa", None)
    yield app
    app.config.update(saved)
    app.extensions.pop("intake_rasa", None)


@pytest.fixture
def chatter(chat_app):
    from tests.bot.support import Chatter
    chat_app.config["WTF_CSRF_ENABLED"] = False
    yield Chatter(chat_app.test_client())
    chat_app.config["WTF_CSRF_ENABLED"] = True
