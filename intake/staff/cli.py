"""``intake staff ...``: accounts are made from the command line by whoever runs the service."""

from __future__ import annotations

import click
from flask.cli import AppGroup
from sqlalchemy import select

from intake.cases.models import as_utc, utcnow
from intake.extensions import db
from intake.accounts.audit import audit
from intake.staff.auth import end_every_session, is_locked, hash_password, password_problem
from intake.accounts.models import ROLES, StaffUser

staff_cli = AppGroup("staff", help="Staff accounts.")


def _user(email: str) -> StaffUser:
    user = db.session.execute(select(StaffUser).where(StaffUser.email == email.strip().lower())).scalar_one_or_none()
    if user is None:
        raise click.ClickException(f"no staff account for {email}")
    return user


@staff_cli.command("create")
@click.argument("email")
@click.option("--name", required=True, help="The person's name, as colleagues know it.")
@click.option("--role", type=click.Choice(ROLES), default="officer", show_default=True)
@click.password_option(help="At least 12 characters. Prompted for if not given.")
def create(email: str, name: str, role: str, password: str):
    """Create an account. The person sets up their authenticator app when they first sign in."""
    email = email.strip().lower()
    if "@" not in email:
        raise click.BadParameter("must be an email address", param_hint="EMAIL")
    if db.session.execute(select(StaffUser.id).where(StaffUser.email == email)).first():
        raise click.ClickException(f"{email} already has an account")
    problem = password_problem(password, email)
    if problem:
        raise click.BadParameter(problem, param_hint="--password")
    user = StaffUser(email=email, name=name.strip(), role=role, password_hash=hash_password(password))
    db.session.add(user)
    db.session.flush()
    audit("staff_created", staff=None, detail={"staff_id": user.id, "role": role})
    db.session.commit()
    click.echo(f"created {role} {email}; they set up their authenticator app at first sign-in")


@staff_cli.command("list")
def list_staff():
    """Everyone with an account: role, two-factor set up, locked, disabled."""
    for user in db.session.execute(select(StaffUser).order_by(StaffUser.email)).scalars():
        flags = ["2FA" if user.totp_confirmed_at else "no 2FA yet"]
        if user.disabled_at:
            flags.append("disabled")
        if is_locked(user):
            flags.append(f"locked until {as_utc(user.locked_until):%H:%M} UTC "
                         "(too many wrong attempts; `intake staff unlock` lifts it)")
        click.echo(f"{user.email:<40} {user.role:<8} {', '.join(flags)}")


@staff_cli.command("disable")
@click.argument("email")
def disable(email: str):
    """Stop an account signing in, and sign it out everywhere at once."""
    user = _user(email)
    user.disabled_at = utcnow()
    end_every_session(user)
    audit("staff_disabled", staff=None, detail={"staff_id": user.id})
    db.session.commit()
    click.echo(f"disabled {user.email}")


@staff_cli.command("unlock")
@click.argument("email")
def unlock(email: str):
    """Lift a lock-out after too many wrong attempts."""
    user = _user(email)
    user.locked_until = None
    user.failed_attempts = 0
    audit("staff_unlocked", staff=None, detail={"staff_id": user.id})
    db.session.commit()
    click.echo(f"unlocked {user.email}")


@staff_cli.command("reset-2fa")
@click.argument("email")
def reset_two_factor(email: str):
    """For a lost phone: the person sets up a new authenticator app at next sign-in."""
    user = _user(email)
    user.totp_sealed = None
    user.totp_confirmed_at = None
    user.last_totp_step = None
    end_every_session(user)
    audit("two_factor_reset", staff=None, detail={"staff_id": user.id})
    db.session.commit()
    click.echo(f"{user.email} will set up a new authenticator app at next sign-in")
