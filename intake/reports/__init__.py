"""The annual-report tables (domain.md section 7): everything about reports, in one package.

- ``years``: the financial year a report covers.
- ``labels``: staff wording for the vocabulary ids the tables count.
- ``tables``: the tables, computed from plain ``CaseRecord`` s (pure: no Flask, no database).
- ``output`` and ``charts``: the same tables as text, CSV, JSON and bar-chart geometry.
- ``records``: loading the records for a year from the database (SQLAlchemy, no Flask).
- ``cli``: ``intake report`` (Flask's command line).

Importing the package loads only the pure modules (a test checks it loads no Flask and no
database), so the names below are the ones callers use: ``from intake.reports import ...``.
Dates come from ``intake.calendar``; ``today_in_england`` and ``local_date`` are its names.
"""

from intake.calendar import LONDON, local_date, long_date
from intake.calendar import today as today_in_england
from intake.reports.charts import CHART_BAR_SPACE, CHART_ROW, CHART_WIDTH, Bar, Chart, bar_chart
from intake.reports.labels import (
    CHANNEL_LABELS, FILER_LABELS, NOT_RECORDED, REQUEST_LABELS, ROUTE_LABELS, STATUS_LABELS,
    TOPIC_LABELS, language_label,
)
from intake.reports.output import CSV_HEADER, cases_phrase, to_csv, to_dict, to_json, to_text
from intake.reports.tables import (
    ACKNOWLEDGEMENT_LABELS, DISABLED_CHILDREN, STAGE1_LABELS, STATUTORY, WHO_LABELS, CaseRecord,
    Report, Row, Table, acknowledgement, acknowledgement_outcome, advocacy, build_report,
    by_channel, by_filer, by_language, by_main_topic, by_route, by_stage, by_status, by_topic,
    by_who, format_percent, rounded_percent, split_ids, stage1, stage1_outcome, who_made_it,
)
from intake.reports.years import FIRST_YEAR, LAST_YEAR, YEAR_PATTERN, FinancialYear, years_between

__all__ = [
    "ACKNOWLEDGEMENT_LABELS", "CHANNEL_LABELS", "CHART_BAR_SPACE", "CHART_ROW", "CHART_WIDTH",
    "CSV_HEADER", "DISABLED_CHILDREN", "FILER_LABELS", "FIRST_YEAR", "LAST_YEAR", "LONDON",
    "NOT_RECORDED", "REQUEST_LABELS", "ROUTE_LABELS", "STAGE1_LABELS", "STATUS_LABELS",
    "STATUTORY", "TOPIC_LABELS", "WHO_LABELS", "YEAR_PATTERN",
    "Bar", "CaseRecord", "Chart", "FinancialYear", "Report", "Row", "Table",
    "acknowledgement", "acknowledgement_outcome", "advocacy", "bar_chart", "build_report",
    "by_channel", "by_filer", "by_language", "by_main_topic", "by_route", "by_stage",
    "by_status", "by_topic", "by_who", "cases_phrase", "format_percent", "language_label",
    "local_date", "long_date", "rounded_percent", "split_ids", "stage1", "stage1_outcome",
    "to_csv", "to_dict", "to_json", "to_text", "today_in_england", "who_made_it",
    "years_between",
]
