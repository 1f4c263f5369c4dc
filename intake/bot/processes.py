"""Training and starting Rasa and the action server, in their own Python 3.10 environment.

Rasa 3.6 needs Python < 3.11 and SQLAlchemy 1.4, so it cannot share the app's ``.venv``;
it lives in ``.venv-rasa`` (``INTAKE_RASA_VENV``). Both servers listen on 127.0.0.1 only:
the Flask chat page is the one public door.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from intake.config import PROJECT_DIR

BOT_DIR = Path(__file__).resolve().parent
MODEL_NAME = "intake"


def venv() -> Path:
    return Path(os.environ.get("INTAKE_RASA_VENV", PROJECT_DIR / ".venv-rasa"))


def rasa_bin() -> str:
    return str(venv() / "bin" / "rasa")


def models_dir(instance_path: str | Path) -> Path:
    return Path(instance_path) / "bot" / "models"


def model_path(instance_path: str | Path) -> Path:
    return models_dir(instance_path) / f"{MODEL_NAME}.tar.gz"


def bot_files() -> list[Path]:
    """Everything a trained model depends on."""
    files = [BOT_DIR / "config.yml"]
    files += sorted((BOT_DIR / "domain").glob("*.yml"))
    files += sorted((BOT_DIR / "data").rglob("*.yml"))
    return files


def fingerprint() -> str:
    digest = hashlib.sha256()
    for path in bot_files():
        digest.update(path.relative_to(BOT_DIR).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def needs_training(instance_path: str | Path) -> bool:
    stamp = models_dir(instance_path) / "fingerprint"
    return not (model_path(instance_path).exists() and stamp.exists()
                and stamp.read_text().strip() == fingerprint())


def train_command(instance_path: str | Path) -> list[str]:
    return [rasa_bin(), "train", "--config", str(BOT_DIR / "config.yml"),
            "--domain", str(BOT_DIR / "domain"), "--data", str(BOT_DIR / "data"),
            "--out", str(models_dir(instance_path)), "--fixed-model-name", MODEL_NAME]


def validate_command() -> list[str]:
    return [rasa_bin(), "data", "validate", "--fail-on-warnings", "--config",
            str(BOT_DIR / "config.yml"), "--domain", str(BOT_DIR / "domain"),
            "--data", str(BOT_DIR / "data")]


def rasa_python() -> str:
    return str(venv() / "bin" / "python")


def rasa_command(instance_path: str | Path, port: int, token: str) -> list[str]:
    # Through intake.bot.rasa_main: Rasa's own command line with the validator fix applied.
    return [rasa_python(), "-m", "intake.bot.rasa_main", "run", "--model", str(model_path(instance_path)),
            "--endpoints", str(BOT_DIR / "endpoints.yml"),
            "--credentials", str(BOT_DIR / "credentials.yml"),
            "--interface", "127.0.0.1", "--port", str(port),
            # One argument, "--auth-token=...": a random token may start with "-", which
            # argparse would otherwise read as another option.
            "--enable-api", f"--auth-token={token}"]


def actions_command(port: int) -> list[str]:
    return [rasa_bin(), "run", "actions", "--actions", "intake.bot.actions", "--port", str(port)]


def environment(actions_url: str) -> dict:
    """The environment both servers need: the project on the path (for the journey), the
    action server's address for Rasa, loopback only, and no telemetry."""
    env = dict(os.environ)
    env.update({
        "PYTHONPATH": str(PROJECT_DIR),
        "INTAKE_ACTIONS_URL": actions_url,
        "SANIC_HOST": "127.0.0.1",
        "RASA_TELEMETRY_ENABLED": "false",
        "TF_CPP_MIN_LOG_LEVEL": "2",
        "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
    })
    return env


def write_fingerprint(instance_path: str | Path) -> None:
    (models_dir(instance_path) / "fingerprint").write_text(fingerprint())


def wait_until_up(url: str, process=None, timeout: float = 240) -> None:
    """Wait for a server to answer 200 at ``url``; fail early if its process stopped."""
    import time

    import httpx

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{url}: the server stopped with code {process.returncode}")
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(1)
    raise TimeoutError(f"{url} did not answer within {timeout:.0f}s")


def stop(started: list) -> None:
    """Stop servers started with subprocess.Popen: politely, then firmly."""
    import subprocess

    for process in started:
        process.terminate()
    for process in started:
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
