"""The report as text, CSV and JSON: the same tables for ``intake report``, the CSV download
and anyone who wants to check the numbers by hand."""

from __future__ import annotations

import csv
import io
import json

from intake.calendar import long_date
from intake.reports.tables import Report, format_percent, rounded_percent


def cases_phrase(count: int) -> str:
    return f"{count} case" if count == 1 else f"{count} cases"


CSV_HEADER = ("financial_year", "table", "title", "row", "label", "cases", "percent")


def _cell(text: str) -> str:
    """Text a spreadsheet would run as a formula is kept as text."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def to_csv(report: Report) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for table in report.tables:
        for row in table.rows:
            percent = rounded_percent(row.percent)
            writer.writerow((report.year.label, table.key, table.title, _cell(row.key), _cell(row.label),
                             row.count, "" if percent is None else f"{percent:.1f}"))
    return out.getvalue()


def to_dict(report: Report) -> dict:
    return {
        "financial_year": report.year.label,
        "from": report.year.first_day.isoformat(),
        "to": report.year.last_day.isoformat(),
        "as_of": report.as_of.isoformat(),
        "cases": report.cases,
        "tables": [{
            "key": t.key, "title": t.title, "notes": list(t.notes),
            "rows": [{"key": r.key, "label": r.label, "cases": r.count,
                      "percent": rounded_percent(r.percent), "total": r.total} for r in t.rows],
        } for t in report.tables],
    }


def to_json(report: Report) -> str:
    return json.dumps(to_dict(report), indent=2)


def to_text(report: Report) -> str:
    lines = [f"Annual report tables, financial year {report.year.label} ({report.year.describe()})",
             f"{cases_phrase(report.cases)}. Timescales as at {long_date(report.as_of)}.",
             "For the council's own use: small numbers are shown. The published report must "
             "not identify anyone."]
    for table in report.tables:
        width = max([len(table.row_header)] + [len(r.label) for r in table.rows])
        lines += ["", table.title, "-" * len(table.title),
                  f"{table.row_header:<{width}}  {'Cases':>6}  {'%':>7}"]
        for row in table.rows:
            lines.append(f"{row.label:<{width}}  {row.count:>6}  {format_percent(row.percent):>7}")
        lines += [f"Note: {note}" for note in table.notes]
    return "\n".join(lines) + "\n"
