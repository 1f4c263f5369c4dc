"""The annual-report tables (domain.md section 7), computed from plain case records.

Pure: no Flask and no database, so the same tables feed the staff pages, the CSV export
and ``intake report``, and can be tested against a hand-made set of cases. The records
hold vocabulary ids, dates and flags only: nothing that identifies anyone. Small numbers
are kept (the tables are for the council's own use); whoever publishes the report must
make sure it identifies no one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from intake import calendar
from intake.calendar import local_date, long_date
from intake.journey.questions import FILING_FOR_SOMEONE
from intake.reports.labels import (
    CHANNEL_LABELS, FILER_LABELS, NOT_RECORDED, REQUEST_LABELS, ROUTE_LABELS, STATUS_LABELS,
    TOPIC_LABELS, language_label,
)
from intake.reports.years import FinancialYear


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
    deadline = calendar.stage1_deadline(case)
    if case.stage1_responded_at is not None:
        responded = local_date(case.stage1_responded_at)
        if responded <= case.stage1_due:
            return "on_time"
        return "within_extension" if responded <= deadline else "late"
    return "overdue" if today > deadline else "pending"


STATUTORY = "statutory_stage1"


def _compliance(key, title, labels, outcome, cases, today, done, notes) -> Table:
    # A request for stage 2 or 3 that came without its earlier case has no stage 1 clock.
    statutory = [c for c in cases if c.route == STATUTORY and c.stage1_due is not None]
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
    extended = sum(1 for c in cases if c.route == STATUTORY and c.stage1_due is not None
                   and c.extended_at is not None)
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
    today = today or calendar.today()
    cases = [r for r in records if year.contains(r.submitted_at)]
    tables = (
        by_route(cases), by_stage(cases), by_who(cases), by_filer(cases), by_topic(cases),
        by_main_topic(cases), by_status(cases), advocacy(cases), acknowledgement(cases, today),
        stage1(cases, today), by_channel(cases), by_language(cases),
    )
    return Report(year=year, as_of=today, cases=len(cases), tables=tables)


# Percentages -------------------------------------------------------------------------------

def format_percent(value: float | None) -> str:
    """One decimal place, halves rounded up; "-" when there is nothing to divide by."""
    if value is None:
        return "-"
    return f"{Decimal(repr(value)).quantize(Decimal('0.1'), rounding=ROUND_HALF_UP)}%"


def rounded_percent(value: float | None) -> float | None:
    if value is None:
        return None
    return float(Decimal(repr(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))
