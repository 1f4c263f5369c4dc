"""The annual-report tables (domain.md section 7), computed from plain case records.

Pure: no Flask and no database, so the same tables feed the staff pages, the CSV export
and ``intake report``, and can be tested against a hand-made set of cases. The records
hold vocabulary ids, dates and flags only: nothing that identifies anyone. Small numbers
are kept (the tables are for the council's own use); whoever publishes the report must
make sure it identifies no one.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

from intake.journey.model import Wording
from intake.journey.questions import FILING_FOR_SOMEONE, QUESTIONS

LONDON = ZoneInfo("Europe/London")


def local_date(moment: dt.datetime) -> dt.date:
    """The date in England of a stored moment (naive moments are UTC, as SQLite returns them)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.timezone.utc)
    return moment.astimezone(LONDON).date()


def long_date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def today_in_england() -> dt.date:
    return dt.datetime.now(LONDON).date()


# The financial year ------------------------------------------------------------------------

YEAR_PATTERN = re.compile(r"(\d{4})-(\d{2})", re.ASCII)
FIRST_YEAR, LAST_YEAR = 2000, 2098


@dataclass(frozen=True, order=True)
class FinancialYear:
    """An English financial year: 1 April to 31 March, written ``2025-26``."""

    start_year: int

    @classmethod
    def parse(cls, text: str) -> "FinancialYear":
        match = YEAR_PATTERN.fullmatch((text or "").strip())
        if not match:
            raise ValueError("Enter a financial year like 2025-26")
        start, end = int(match.group(1)), int(match.group(2))
        if end != (start + 1) % 100:
            raise ValueError("The second year must follow the first, like 2025-26")
        if not FIRST_YEAR <= start <= LAST_YEAR:
            raise ValueError(f"Choose a year from {FIRST_YEAR} to {LAST_YEAR}")
        return cls(start)

    @classmethod
    def containing(cls, day: dt.date) -> "FinancialYear":
        return cls(day.year if day.month >= 4 else day.year - 1)

    @property
    def label(self) -> str:
        return f"{self.start_year}-{(self.start_year + 1) % 100:02d}"

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.start_year, 4, 1)

    @property
    def last_day(self) -> dt.date:
        return dt.date(self.start_year + 1, 3, 31)

    def contains(self, moment: dt.datetime) -> bool:
        return self.first_day <= local_date(moment) <= self.last_day

    def describe(self) -> str:
        return f"1 April {self.start_year} to 31 March {self.start_year + 1}"

    def __str__(self) -> str:
        return self.label


def years_between(first: FinancialYear, last: FinancialYear) -> list[FinancialYear]:
    """Every year from ``last`` back to ``first``, newest first (for the year picker)."""
    return [FinancialYear(y) for y in range(last.start_year, first.start_year - 1, -1)]


# The records -------------------------------------------------------------------------------

@dataclass(frozen=True)
class CaseRecord:
    """What the report needs to know about one case: the plain columns, nothing sealed."""

    submitted_at: dt.datetime
    route: str
    request: str = "new_complaint"
    channel: str = "web"
    language: str = "en-GB"
    filer: str | None = None
    represents: str | None = None
    main_topic: str | None = None
    topics: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    offer_advocacy: bool = False
    advocacy_requested: bool = False  # the young person asked for a referral
    advocacy_referral_made_at: dt.datetime | None = None  # staff recorded a referral
    acknowledge_by: dt.date | None = None
    stage1_due: dt.date | None = None
    stage1_extended_due: dt.date | None = None
    acknowledged_at: dt.datetime | None = None
    extended_at: dt.datetime | None = None
    stage1_responded_at: dt.datetime | None = None

    @property
    def advocacy_taken_up(self) -> bool:
        return self.advocacy_requested or self.advocacy_referral_made_at is not None


def split_ids(joined: str | None) -> tuple[str, ...]:
    """The comma-joined vocabulary ids of the ``topics`` and ``statuses`` columns."""
    return tuple(part for part in (joined or "").split(",") if part)


# Labels (staff wording; the topics reuse the journey's own option labels) ------------------

ROUTE_LABELS = {
    "statutory_stage1": "Statutory complaint, stage 1",
    "corporate": "Corporate complaints procedure",
    "safeguarding_referral": "Safeguarding referral",
    "school_procedure": "School's complaints procedure",
    "court": "Court or tribunal",
    "information_governance": "Information governance (records)",
    "independent_review_mechanism": "Independent Review Mechanism",
    "conference_appeal": "Child protection conference appeal",
    "provider_procedure": "Provider's own complaints procedure",
    "other_body": "Another organisation",
    "human_review": "Waiting for a person to decide the route",
}
REQUEST_LABELS = {
    "new_complaint": "Stage 1 (new complaint)",
    "stage2_escalation": "Stage 2 (investigation asked for)",
    "stage3_escalation": "Stage 3 (review panel asked for)",
}
FILER_LABELS = {
    "young_person": "The young person",
    "advocate": "An advocate",
    "parent": "A parent",
    "relative": "Another family member",
    "foster_carer": "A foster carer",
    "special_guardian": "A special guardian",
    "prospective_adopter": "An adopter or prospective adopter",
    "professional": "A professional (teacher, youth worker, health worker)",
    "representative": "A representative (MP, councillor, solicitor or friend)",
    "other": "Someone else",
}
STATUS_LABELS = {
    "child_in_need": "Children in need",
    "child_protection_plan": "Children with a child protection plan",
    "in_care": "Looked-after children (in care)",
    "care_leaver": "Care leavers",
    "special_guardianship": "Children living with a special guardian",
    "adopted": "Adopted children",
}
CHANNEL_LABELS = {"web": "Online form", "easy_read": "Easy Read form", "chat": "Chat"}
NOT_RECORDED = "Not recorded"


def _topic_labels() -> dict[str, str]:
    options = QUESTIONS["topics"].fields[0].options
    return {o.value: (o.label.other if isinstance(o.label, Wording) else o.label) for o in options}


TOPIC_LABELS = _topic_labels()


def language_label(code: str) -> str:
    """``en-GB`` becomes "English (en-GB)"; unknown codes are shown as they are."""
    try:
        from babel import Locale
        name = Locale.parse(code.replace("-", "_")).get_language_name("en")
    except Exception:  # noqa: BLE001 - any code we cannot name is still counted
        return code or NOT_RECORDED
    return f"{name} ({code})" if name else code


# The tables --------------------------------------------------------------------------------

@dataclass(frozen=True)
class Row:
    key: str
    label: str
    count: int
    base: int  # what the percentage is of
    total: bool = False  # the "All ..." line at the foot of a table

    @property
    def percent(self) -> float | None:
        return 100.0 * self.count / self.base if self.base else None


@dataclass(frozen=True)
class Table:
    key: str
    title: str
    row_header: str
    rows: tuple[Row, ...]
    percent_header: str = "Percentage of cases"
    notes: tuple[str, ...] = ()
    chart: bool = False

    @property
    def body(self) -> tuple[Row, ...]:
        return tuple(r for r in self.rows if not r.total)

    def row(self, key: str) -> Row:
        for r in self.rows:
            if r.key == key:
                return r
        raise KeyError(key)

    def counts(self) -> dict[str, int]:
        return {r.key: r.count for r in self.rows}


@dataclass(frozen=True)
class Report:
    year: FinancialYear
    as_of: dt.date
    cases: int
    tables: tuple[Table, ...] = field(default_factory=tuple)

    def table(self, key: str) -> Table:
        for t in self.tables:
            if t.key == key:
                return t
        raise KeyError(key)


def _rows(keys_labels, counts: dict[str, int], base: int, total_label: str | None = None,
          extra_not_recorded: int = 0) -> tuple[Row, ...]:
    rows = [Row(key, label, counts.get(key, 0), base) for key, label in keys_labels]
    if extra_not_recorded:
        rows.append(Row("not_recorded", NOT_RECORDED, extra_not_recorded, base))
    if total_label:
        rows.append(Row("all", total_label, base, base, total=True))
    return tuple(rows)


def _count(values) -> dict[str, int]:
    counts: dict[str, int] = {}
    for value in values:
        counts[value] = counts.get(value, 0) + 1
    return counts


def _single(cases, attribute: str, labels: dict[str, str], **table) -> Table:
    """A table where each case counts once: known ids in vocabulary order, then anything else."""
    counts = _count(getattr(c, attribute) or "" for c in cases)
    unknown = {k: v for k, v in counts.items() if k not in labels and k}
    keys = list(labels.items()) + [(k, k) for k in sorted(unknown)]
    return Table(rows=_rows(keys, counts, len(cases), "All cases",
                            extra_not_recorded=counts.get("", 0)), **table)


def by_route(cases) -> Table:
    return _single(cases, "route", ROUTE_LABELS, key="route", title="Cases by route",
                   row_header="Route", chart=True, notes=(
                       "The route now recorded on the case: the one the form suggested, or the "
                       "one the complaints team chose when they checked it.",))


def by_stage(cases) -> Table:
    return _single(cases, "request", REQUEST_LABELS, key="stage", title="Cases by stage",
                   row_header="Stage", notes=(
                       "The stage the person asked for when they got in touch.",))


WHO_LABELS = {
    "young_person": "Young people themselves",
    "on_behalf": "Someone on a young person's behalf",
    "adult": "Adults in their own right",
}


def who_made_it(case: CaseRecord) -> str:
    """young_person, on_behalf or adult (or "" if the filer was not recorded).

    An advocate is always helping a young person unless they said they act for someone else;
    representatives, professionals and others count as acting for the young person only when
    they said so. Parents, carers, guardians and adopters complain in their own right.
    """
    if case.filer is None:
        return ""
    if case.filer == "young_person":
        return "young_person"
    if case.filer in FILING_FOR_SOMEONE and (
            case.represents == "young_person"
            or (case.filer == "advocate" and case.represents is None)):
        return "on_behalf"
    return "adult"


def by_who(cases) -> Table:
    counts = _count(who_made_it(c) for c in cases)
    return Table(key="who", title="Who made the complaint", row_header="Made by",
                 rows=_rows(WHO_LABELS.items(), counts, len(cases), "All cases",
                            extra_not_recorded=counts.get("", 0)),
                 chart=True, notes=(
                     "On a young person's behalf: an advocate, representative, professional or "
                     "someone else acting for the young person. Adults in their own right: "
                     "parents, family members, carers, guardians and adopters, and anyone acting "
                     "for one of them.",))


def by_filer(cases) -> Table:
    return _single(cases, "filer", FILER_LABELS, key="filer", title="Cases by who filled in the form",
                   row_header="Filled in by")


def by_topic(cases) -> Table:
    counts = _count(t for c in cases for t in dict.fromkeys(c.topics))
    unknown = sorted(k for k in counts if k not in TOPIC_LABELS)
    none = sum(1 for c in cases if not c.topics)
    return Table(key="topic", title="Every topic raised", row_header="Topic",
                 rows=_rows(list(TOPIC_LABELS.items()) + [(k, k) for k in unknown], counts,
                            len(cases), extra_not_recorded=none),
                 chart=True, notes=(
                     "Every topic a case raised is counted, so a case can be counted in more "
                     "than one row and the percentages add up to more than 100.",))


def by_main_topic(cases) -> Table:
    return _single(cases, "main_topic", TOPIC_LABELS, key="main_topic", title="Main topic",
                   row_header="Main topic", notes=(
                       "One topic a case: the one the person said mattered most (or their only one).",))


DISABLED_CHILDREN = "disabled_children"


def by_status(cases) -> Table:
    counts = _count(s for c in cases for s in dict.fromkeys(c.statuses))
    counts[DISABLED_CHILDREN] = sum(1 for c in cases if "disability_services" in c.topics)
    counts["unknown"] = sum(1 for c in cases if not c.statuses or "unsure" in c.statuses)
    keys = list(STATUS_LABELS.items()) + [
        (DISABLED_CHILDREN, "Disabled children (see note)"),
        ("early_help", "Early help only"),
        ("none", "None of these"),
        ("unknown", "Not known"),
    ]
    return Table(key="status", title="Cases by the young person's status", row_header="Young person",
                 rows=_rows(keys, counts, len(cases)), notes=(
                     "Disabled children: cases that raised the topic \"Help for disabled "
                     "children\" (short breaks or direct payments). The form does not ask whether "
                     "a young person is disabled.",
                     "A young person can have more than one status, so a case can be counted in "
                     "more than one row. Not known: the person did not know, or was not asked "
                     "(the urgent route skips the question).",))


def advocacy(cases) -> Table:
    offered = [c for c in cases if c.offer_advocacy]
    taken = [c for c in offered if c.advocacy_taken_up]
    not_offered_taken = sum(1 for c in cases if not c.offer_advocacy and c.advocacy_taken_up)
    rows = (
        Row("offered", "Advocacy offered (percentage of all cases)", len(offered), len(cases)),
        Row("taken_up", "Offered and taken up (percentage of those offered)", len(taken), len(offered)),
        Row("requested_by_young_person",
            "Referral asked for by the young person (percentage of those offered)",
            sum(1 for c in offered if c.advocacy_requested), len(offered)),
        Row("referral_made_by_staff",
            "Referral recorded as made by the complaints team (percentage of those offered)",
            sum(1 for c in offered if c.advocacy_referral_made_at is not None), len(offered)),
        Row("taken_up_not_offered",
            "Taken up although the form did not offer it (percentage of all cases)",
            not_offered_taken, len(cases)),
    )
    return Table(key="advocacy", title="Advocacy offered and taken up", row_header="Advocacy",
                 percent_header="Percentage", rows=rows, notes=(
                     "Offered: the form offered a young person an advocate (Children Act 1989 "
                     "s26A). Taken up: the young person asked for a referral, or the complaints "
                     "team recorded that they made one. A case where both happened counts once.",))


# Timescales --------------------------------------------------------------------------------

def acknowledgement_outcome(case: CaseRecord, today: dt.date) -> str:
    if case.acknowledged_at is not None:
        return "on_time" if local_date(case.acknowledged_at) <= case.acknowledge_by else "late"
    return "overdue" if today > case.acknowledge_by else "pending"


def stage1_outcome(case: CaseRecord, today: dt.date) -> str:
    """Within 10 working days, within an agreed extension, late, overdue or pending."""
    deadline = case.stage1_extended_due if case.extended_at is not None else case.stage1_due
    if case.stage1_responded_at is not None:
        responded = local_date(case.stage1_responded_at)
        if responded <= case.stage1_due:
            return "on_time"
        return "within_extension" if responded <= deadline else "late"
    return "overdue" if today > deadline else "pending"


STATUTORY = "statutory_stage1"


def _compliance(key, title, labels, outcome, cases, today, done, notes) -> Table:
    statutory = [c for c in cases if c.route == STATUTORY]
    counts = _count(outcome(c, today) for c in statutory)
    met = sum(counts.get(k, 0) for k in ("on_time", "within_extension"))
    due = sum(counts.get(k, 0) for k in labels if k != "pending")
    rate = (f"Within timescale: {met} of the {due} that {done} or are past the deadline "
            f"({format_percent(100.0 * met / due)})." if due
            else "None has been done or reached its deadline yet.")
    return Table(key=key, title=title, row_header="Outcome",
                 percent_header="Percentage of stage 1 complaints",
                 rows=_rows(labels.items(), counts, len(statutory), "All statutory stage 1 complaints"),
                 notes=(f"Cases on the route \"{ROUTE_LABELS[STATUTORY]}\" only. {rate}",
                        f"Pending and overdue are as at {long_date(today)}.") + notes)


ACKNOWLEDGEMENT_LABELS = {
    "on_time": "Acknowledged on time",
    "late": "Acknowledged late",
    "overdue": "Not yet acknowledged, deadline passed",
    "pending": "Not yet acknowledged, deadline not reached",
}
STAGE1_LABELS = {
    "on_time": "Responded within 10 working days",
    "within_extension": "Responded within an agreed extension (up to 20 working days)",
    "late": "Responded late",
    "overdue": "No response yet, deadline passed",
    "pending": "No response yet, deadline not reached",
}


def acknowledgement(cases, today: dt.date) -> Table:
    return _compliance("acknowledgement", "Acknowledgement within timescale", ACKNOWLEDGEMENT_LABELS,
                       acknowledgement_outcome, cases, today, "have been acknowledged",
                       ("On time: acknowledged on or before the date 2 working days after the "
                        "complaint arrived.",))


def stage1(cases, today: dt.date) -> Table:
    extended = sum(1 for c in cases if c.route == STATUTORY and c.extended_at is not None)
    return _compliance("stage1", "Stage 1 response within timescale", STAGE1_LABELS,
                       stage1_outcome, cases, today, "have had a response",
                       (f"Extensions agreed: {extended}. The deadline is 10 working days, or 20 "
                        "when an extension was agreed (2006 Regulations reg 14).",))


def by_channel(cases) -> Table:
    return _single(cases, "channel", CHANNEL_LABELS, key="channel", title="Cases by channel",
                   row_header="Channel")


def by_language(cases) -> Table:
    counts = _count(c.language or "" for c in cases)
    keys = [(code, language_label(code)) for code in sorted(k for k in counts if k)]
    return Table(key="language", title="Cases by language", row_header="Language",
                 rows=_rows(keys, counts, len(cases), "All cases",
                            extra_not_recorded=counts.get("", 0)),
                 notes=("The language the person used the service in.",))


def build_report(records, year: FinancialYear, today: dt.date | None = None) -> Report:
    """Every table for the cases submitted in ``year`` (records outside it are ignored)."""
    today = today or today_in_england()
    cases = [r for r in records if year.contains(r.submitted_at)]
    tables = (
        by_route(cases), by_stage(cases), by_who(cases), by_filer(cases), by_topic(cases),
        by_main_topic(cases), by_status(cases), advocacy(cases), acknowledgement(cases, today),
        stage1(cases, today), by_channel(cases), by_language(cases),
    )
    return Report(year=year, as_of=today, cases=len(cases), tables=tables)


# Output ------------------------------------------------------------------------------------

def cases_phrase(count: int) -> str:
    return f"{count} case" if count == 1 else f"{count} cases"


def format_percent(value: float | None) -> str:
    """One decimal place, halves rounded up; "-" when there is nothing to divide by."""
    if value is None:
        return "-"
    return f"{Decimal(repr(value)).quantize(Decimal('0.1'), rounding=ROUND_HALF_UP)}%"


def rounded_percent(value: float | None) -> float | None:
    if value is None:
        return None
    return float(Decimal(repr(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


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


# Charts ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Bar:
    label: str
    count: int
    label_y: float
    bar_y: float
    width: float
    value_x: float


@dataclass(frozen=True)
class Chart:
    title: str
    width: int
    height: int
    bar_height: int
    bars: tuple[Bar, ...]


CHART_WIDTH = 640
CHART_BAR_SPACE = 560  # leaves room for the number after the longest bar
CHART_ROW = 46  # a label line above each bar, then the bar


def bar_chart(table: Table) -> Chart:
    """Geometry for a horizontal bar chart of a table's rows that have cases, biggest first
    (labels above their bars, so long topic names need no truncation). The table beside
    it keeps every row, zeros included."""
    rows = sorted((r for r in table.body if r.count), key=lambda r: -r.count)
    biggest = max([r.count for r in rows] + [1])
    bars = []
    for i, row in enumerate(rows):
        top = i * CHART_ROW
        width = round(CHART_BAR_SPACE * row.count / biggest, 1)
        bars.append(Bar(label=row.label, count=row.count, label_y=top + 16, bar_y=top + 22,
                        width=width, value_x=width + 6))
    return Chart(title=f"Bar chart: {table.title.lower()}, biggest first, leaving out rows with "
                       "no cases. The table gives every number.",
                 width=CHART_WIDTH, height=max(len(rows) * CHART_ROW, CHART_ROW),
                 bar_height=18, bars=tuple(bars))
