"""The ``intake`` command: Flask's own (``intake run``, ``intake db upgrade``) and the
service's, which ``intake.commands`` adds to the app."""

from __future__ import annotations

import sys

import click
from flask.cli import FlaskGroup


def _create_app():
    from intake.app import create_app
    from intake.settings_check import ConfigError
    try:
        return create_app()
    except ConfigError as exc:
        click.echo(f"configuration error: {exc}", err=True)
        sys.exit(2)


@click.group(cls=FlaskGroup, create_app=_create_app, add_version_option=False)
def main():
    """Children's social care complaint intake."""
