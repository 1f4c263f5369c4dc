"""``intake bot``: keep the journey's part of the domain current, train, and run the bot."""

from __future__ import annotations

import subprocess
import sys
from urllib.parse import urlparse

import click
from flask import current_app
from flask.cli import AppGroup

from intake.bot import domain_gen, processes

bot_cli = AppGroup("bot", help="The chat bot: domain, training and servers.")


@bot_cli.command("domain")
@click.option("--check", is_flag=True, help="Fail if the committed domain is out of date.")
def domain(check: bool) -> None:
    """Write intake/bot/domain/journey.yml from the journey."""
    current = domain_gen.JOURNEY_DOMAIN.read_text() if domain_gen.JOURNEY_DOMAIN.exists() else ""
    if check:
        if current != domain_gen.journey_domain():
            click.echo("intake/bot/domain/journey.yml is out of date: run `intake bot domain`", err=True)
            sys.exit(1)
        return
    domain_gen.write()
    click.echo(f"wrote {domain_gen.JOURNEY_DOMAIN}")


@bot_cli.command("train")
@click.option("--force", is_flag=True, help="Train even if nothing changed.")
def train(force: bool) -> None:
    """Validate the bot's data and train the model (skipped when nothing changed)."""
    instance = current_app.instance_path
    domain_gen.write()
    if not force and not processes.needs_training(instance):
        click.echo("The chat model is up to date.")
        return
    env = processes.environment(current_app.config["INTAKE_ACTIONS_URL"])
    click.echo("Checking the chat's training data (rasa data validate)...")
    if subprocess.run(processes.validate_command(), env=env).returncode != 0:
        sys.exit("The chat's training data has problems (see above).")
    click.echo("Training the chat model. This takes a minute or two...")
    if subprocess.run(processes.train_command(instance), env=env).returncode != 0:
        sys.exit("Training the chat model failed (see above).")
    processes.write_fingerprint(instance)
    click.echo(f"Trained {processes.model_path(instance)}")


@bot_cli.command("run")
def run() -> None:
    """Run Rasa and the action server on 127.0.0.1 until stopped (what `make run` uses)."""
    config = current_app.config
    rasa_port = urlparse(config["INTAKE_RASA_URL"]).port or 5005
    actions_port = urlparse(config["INTAKE_ACTIONS_URL"]).port or 5055
    env = processes.environment(config["INTAKE_ACTIONS_URL"])
    actions = subprocess.Popen(processes.actions_command(actions_port), env=env)
    server = subprocess.Popen(processes.rasa_command(
        current_app.instance_path, rasa_port, config["INTAKE_RASA_TOKEN"]), env=env)
    try:
        server.wait()
    finally:
        processes.stop([server, actions])
