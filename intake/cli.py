"""The ``intake`` command: ``intake run``, ``intake db upgrade``, ``intake assess`` and friends."""

from __future__ import annotations

import json
import sys

import click
from flask.cli import FlaskGroup

from intake.journey.vocabulary import VocabularyError, check_answers


def _create_app():
    from intake import create_app
    return create_app()


@click.group(cls=FlaskGroup, create_app=_create_app, add_version_option=False)
def main():
    """Children's social care complaint intake."""


def register(app):
    @app.cli.command("assess")
    def assess_command():
        """Read answers (JSON) on stdin, print the decision (JSON) on stdout."""
        from intake.eligibility import assess
        try:
            answers = check_answers(json.loads(sys.stdin.read()))
        except json.JSONDecodeError as exc:
            click.echo(f"error: invalid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}",
                       err=True)
            sys.exit(2)
        except VocabularyError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(2)
        click.echo(json.dumps(assess(answers).to_dict(), indent=2))

    @app.cli.command("schema")
    @click.option("--check", is_flag=True, help="Fail if the committed schema is out of date.")
    def schema_command(check):
        """Write intake/schemas/case-v1.schema.json from the vocabulary."""
        from intake.cases import schema
        if check:
            if schema.SCHEMA_PATH.read_text() != schema.render():
                click.echo("error: case schema is out of date; run `intake schema`", err=True)
                sys.exit(1)
            click.echo("case schema is up to date")
            return
        click.echo(f"wrote {schema.write()}")

    @app.cli.command("purge")
    def purge_command():
        """Delete what must not be kept: expired unsent drafts."""
        from intake.cases.store import purge_expired_drafts
        from intake.extensions import db
        click.echo(f"deleted {purge_expired_drafts(db.session)} expired drafts")
