"""The service's own commands (``intake assess``, ``schema``, ``purge``, ``relay``,
``rotate-key``, ``report``, ``staff``, ``audit``, ``grant-app-role``, ``bot``,
``safeguarding``), added to the app by
``create_app``; ``intake.cli`` is only the ``intake`` entry point."""

from __future__ import annotations

import json
import sys

import click
from flask.cli import AppGroup, with_appcontext

from intake.journey.vocabulary import VocabularyError, check_answers


@click.command("assess")
@click.option("--received", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              metavar="YYYY-MM-DD",
              help="The day the council received the complaint (default: today in England); "
                   "the clocks count from it.")
@with_appcontext
def assess_command(received):
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
    decision = assess(answers, received=received.date() if received else None)
    click.echo(json.dumps(decision.to_dict(), indent=2))


@click.command("schema")
@click.option("--check", is_flag=True, help="Fail if a committed schema is out of date.")
@with_appcontext
def schema_command(check):
    """Write the case and advocacy referral schemas (intake/schemas/) from the vocabulary."""
    from intake.advocacy import schema as referral_schema
    from intake.cases import schema
    for module, what in ((schema, "case"), (referral_schema, "advocacy referral")):
        if not check:
            module.SCHEMA_PATH.write_text(module.render())
            click.echo(f"wrote {module.SCHEMA_PATH}")
        elif not module.SCHEMA_PATH.is_file() or module.SCHEMA_PATH.read_text() != module.render():
            click.echo(f"error: {what} schema is out of date; run `intake schema`", err=True)
            sys.exit(1)
        else:
            click.echo(f"{what} schema is up to date")


@click.command("purge")
@with_appcontext
def purge_command():
    """Delete what must not be kept: old unsent drafts and old delivered cases."""
    from flask import current_app

    from intake.cases.store import purge_expired_drafts, purge_old_cases, purge_old_equality
    from intake.extensions import db
    days = current_app.config["INTAKE_CASE_RETENTION_DAYS"]
    drafts = purge_expired_drafts(db.session)
    cases = purge_old_cases(db.session, days)
    equality = purge_old_equality(db.session, days)
    from intake.service.limits import purge_old
    from intake.staff.auth import purge_old_sessions
    purge_old()
    purge_old_sessions()
    db.session.commit()
    current_app.logger.info("purge: %d drafts, %d cases, %d equality answers", drafts, cases,
                            equality)
    click.echo(f"deleted {drafts} unsent drafts and {cases} delivered cases past retention"
               f" and {equality} equality answers")


@click.group("relay", cls=AppGroup, invoke_without_command=True)
@click.option("--once", is_flag=True, help="Deliver what can be delivered now, then exit.")
@click.pass_context
@with_appcontext
def relay_command(ctx, once):
    """Deliver queued events to the case system, the duty team and the advocacy provider."""
    if ctx.invoked_subcommand is not None:
        return
    from flask import current_app

    from intake.extensions import vault
    from intake.extensions import db
    from intake.queue.relay import DESTINATIONS, Relay
    import logging
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    try:
        relay = Relay(db.session, vault(), current_app.config)
        for destination in DESTINATIONS:
            relay.transport(destination)  # fail now, naming the setting, if misconfigured
    except ValueError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    relay.stop_on_signals()
    relay.run(once=once)


@relay_command.command("retry")
@click.argument("event_ids", nargs=-1)
def relay_retry(event_ids):
    """Put parked events back in line (all of them, or the ids given)."""
    from intake.extensions import db
    from intake.queue.relay import retry_parked
    click.echo(f"{retry_parked(db.session, list(event_ids))} parked events will be retried")


@click.command("rotate-key")
@with_appcontext
def rotate_key_command():
    """Re-encrypt everything with the first key in INTAKE_DATA_KEYS."""
    from intake.extensions import vault
    from intake.cases.store import rotate_keys
    from intake.extensions import db
    click.echo(f"re-encrypted {rotate_keys(db.session, vault())} values with the newest key")


def register(app) -> None:
    """Add every command to ``intake`` (the app's command line)."""
    from intake.accounts.cli import audit_cli, grant_app_role_command
    from intake.bot.cli import bot_cli
    from intake.reports.cli import report_command
    from intake.safeguarding.cli import safeguarding_cli
    from intake.staff.cli import staff_cli
    for command in (audit_cli, grant_app_role_command, staff_cli, bot_cli, report_command, safeguarding_cli, assess_command,
                    schema_command, purge_command, relay_command, rotate_key_command):
        app.cli.add_command(command)
