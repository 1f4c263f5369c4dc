"""``intake report``: the annual-report tables on stdout, from the same tables and records
as the staff pages (register with ``app.cli.add_command(report_command)``)."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from intake import calendar
from intake.accounts.audit import audit
from intake.extensions import db
from intake.reports.output import to_csv, to_json, to_text
from intake.reports.records import records_for_year
from intake.reports.tables import build_report
from intake.reports.years import FinancialYear

FORMATS = {"text": to_text, "csv": to_csv, "json": to_json}


def _year(_ctx, _param, value: str | None) -> FinancialYear:
    if not value:
        return FinancialYear.containing(calendar.today())
    try:
        return FinancialYear.parse(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from exc


@click.command("report")
@click.option("--year", callback=_year, metavar="YYYY-YY",
              help="Financial year, 1 April to 31 March, like 2025-26. Default: the current one.")
@click.option("--format", "output", type=click.Choice(tuple(FORMATS)), default="text",
              show_default=True, help="Plain text tables, CSV (every table) or JSON.")
@with_appcontext
def report_command(year: FinancialYear, output: str):
    """Print the annual-report tables for the cases submitted in a financial year."""
    report = build_report(records_for_year(db.session, year), year)
    audit("report_exported", staff=None, detail={"year": year.label, "format": output, "via": "cli"})
    db.session.commit()
    click.echo(FORMATS[output](report), nl=False)
