"""The annual-report tables, computed from a hand-made set of case records whose answers
are worked out by hand below (no app, no database)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import subprocess
import sys

import pytest

from intake import reports
from intake.reports import CaseRecord, FinancialYear, build_report, format_percent

UTC = dt.timezone.utc
YEAR = FinancialYear.parse("2025-26")
TODAY = dt.date(2025, 7, 1)


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=UTC)


def case(**changes) -> CaseRecord:
    values = dict(
        submitted_at=at("2025-06-01T10:00"), route="statutory_stage1", request="new_complaint",
        channel="web", language="en-GB", filer="young_person",
        acknowledge_by=dt.date(2025, 6, 4), stage1_due=dt.date(2025, 6, 13),
        stage1_extended_due=dt.date(2025, 6, 27),
        acknowledged_at=at("2025-06-02T09:00"),  # on time unless a case says otherwise
    )
    values.update(changes)
    return CaseRecord(**values)


CASES = [
    # 1: acknowledged at 23:30 British Summer Time on the deadline day: on time.
    #    Responded on the stage 1 due date: on time.
    case(topics=("placement", "money"), main_topic="placement", statuses=("in_care",),
         offer_advocacy=True, advocacy_requested=True,
         acknowledged_at=at("2025-06-04T22:30"), stage1_responded_at=at("2025-06-13T15:00")),
    # 2: acknowledged at 00:30 BST the day after the deadline: late.
    #    Extended, responded after 10 working days but within the extension.
    case(topics=("disability_services",), main_topic="disability_services",
         statuses=("child_in_need",), offer_advocacy=True, advocacy_requested=True,
         advocacy_referral_made_at=at("2025-06-03T10:00"), channel="easy_read", language="cy",
         acknowledged_at=at("2025-06-04T23:30"), extended_at=at("2025-06-10T10:00"),
         stage1_responded_at=at("2025-06-20T10:00")),
    # 3: an advocate for the young person; never acknowledged and no response: both overdue.
    case(filer="advocate", represents="young_person", topics=("social_worker", "family_time"),
         main_topic="social_worker", statuses=("care_leaver",), channel="chat",
         acknowledged_at=None),
    # 4: an advocate who was not asked who they act for; nothing due yet (the acknowledgement
    #    is due today, so it is still pending).
    case(filer="advocate", topics=("placement",), main_topic="placement",
         statuses=("in_care", "child_protection_plan"), submitted_at=at("2025-06-29T10:00"),
         acknowledge_by=TODAY, stage1_due=dt.date(2025, 7, 11),
         stage1_extended_due=dt.date(2025, 7, 25), acknowledged_at=None),
    # 5: a parent, school topic: not a statutory stage 1 complaint.
    case(filer="parent", topics=("school",), main_topic="school", statuses=("none",),
         route="school_procedure"),
    # 6: a representative acting for a parent: an adult; asks for stage 2.
    case(filer="representative", represents="parent", topics=("assessment", "disability_services"),
         main_topic="assessment", statuses=("unsure",), route="human_review",
         request="stage2_escalation"),
    # 7: a professional for the young person, no topics or statuses recorded; extended and
    #    responded exactly on the extended due date: within the extension.
    case(filer="professional", represents="young_person", extended_at=at("2025-06-12T10:00"),
         stage1_responded_at=at("2025-06-27T16:00")),
    # 8: a foster carer asking for stage 3.
    case(filer="foster_carer", topics=("placement",), main_topic="placement",
         statuses=("adopted",), route="human_review", request="stage3_escalation"),
    # 9: extended, responded after the extension: late. A staff referral without an offer.
    case(topics=("money",), main_topic="money", statuses=("early_help",),
         advocacy_referral_made_at=at("2025-06-05T10:00"), extended_at=at("2025-06-12T10:00"),
         stage1_responded_at=at("2025-06-30T10:00")),
    # 10: submitted at 00:30 BST on 1 April 2025 (23:30 UTC on 31 March): in this year.
    #     Not extended, responded a day after the due date: late. Offered, not taken up.
    case(topics=("social_worker",), main_topic="social_worker", statuses=("in_care",),
         offer_advocacy=True, submitted_at=at("2025-03-31T23:30"),
         stage1_responded_at=at("2025-06-14T09:00")),
    # 11: who filled it in was not recorded.
    case(filer=None, route="human_review"),
    # Outside the year: 23:59 BST on 31 March 2025, and 00:30 BST on 1 April 2026.
    case(submitted_at=at("2025-03-31T22:59"), route="corporate"),
    case(submitted_at=at("2026-03-31T23:30"), route="corporate"),
]


@pytest.fixture(scope="module")
def report():
    return build_report(CASES, YEAR, today=TODAY)


def counts(report, key):
    return {k: v for k, v in report.table(key).counts().items() if v}


def test_only_cases_submitted_in_the_year_in_england_are_counted(report):
    assert report.cases == 11
    assert report.table("route").row("corporate").count == 0


def test_by_route(report):
    assert counts(report, "route") == {"statutory_stage1": 7, "school_procedure": 1,
                                       "human_review": 3, "all": 11}
    table = report.table("route")
    assert [r.key for r in table.body] == list(reports.ROUTE_LABELS)  # every route, in order
    assert format_percent(table.row("statutory_stage1").percent) == "63.6%"
    assert table.chart


def test_by_stage(report):
    assert counts(report, "stage") == {"new_complaint": 9, "stage2_escalation": 1,
                                       "stage3_escalation": 1, "all": 11}


def test_young_people_themselves_on_their_behalf_and_adults(report):
    assert counts(report, "who") == {"young_person": 4, "on_behalf": 3, "adult": 3,
                                     "not_recorded": 1, "all": 11}


def test_by_filer(report):
    assert counts(report, "filer") == {"young_person": 4, "advocate": 2, "parent": 1,
                                       "representative": 1, "professional": 1, "foster_carer": 1,
                                       "not_recorded": 1, "all": 11}


def test_every_topic_is_counted_and_the_main_topic_separately(report):
    assert counts(report, "topic") == {"placement": 3, "money": 2, "disability_services": 2,
                                       "social_worker": 2, "family_time": 1, "school": 1,
                                       "assessment": 1, "not_recorded": 2}
    assert counts(report, "main_topic") == {"placement": 3, "disability_services": 1,
                                            "social_worker": 2, "school": 1, "assessment": 1,
                                            "money": 1, "not_recorded": 2, "all": 11}
    assert report.table("topic").row("placement").label == "Where the young person lives, or moving home"


def test_a_topic_given_twice_counts_once():
    doubled = build_report([case(topics=("money", "money"))], YEAR, today=TODAY)
    assert doubled.table("topic").row("money").count == 1


def test_by_status_with_disabled_children_from_the_topic(report):
    assert counts(report, "status") == {"in_care": 3, "child_in_need": 1,
                                        "child_protection_plan": 1, "care_leaver": 1,
                                        "adopted": 1, "disabled_children": 2, "early_help": 1,
                                        "none": 1, "unknown": 3}
    table = report.table("status")
    assert [r.key for r in table.rows][:7] == [
        "child_in_need", "child_protection_plan", "in_care", "care_leaver",
        "special_guardianship", "adopted", "disabled_children"]
    assert any("disability_services" in note or "Help for disabled children" in note
               for note in table.notes)


def test_advocacy_offered_and_taken_up(report):
    table = report.table("advocacy")
    assert counts(report, "advocacy") == {"offered": 3, "taken_up": 2,
                                          "requested_by_young_person": 2,
                                          "referral_made_by_staff": 1, "taken_up_not_offered": 1}
    assert format_percent(table.row("offered").percent) == "27.3%"
    assert format_percent(table.row("taken_up").percent) == "66.7%"
    assert format_percent(table.row("referral_made_by_staff").percent) == "33.3%"
    assert format_percent(table.row("taken_up_not_offered").percent) == "9.1%"


def test_acknowledgement_compliance(report):
    assert counts(report, "acknowledgement") == {"on_time": 4, "late": 1, "overdue": 1,
                                                 "pending": 1, "all": 7}
    assert "4 of the 6" in report.table("acknowledgement").notes[0]


def test_stage1_compliance(report):
    assert counts(report, "stage1") == {"on_time": 1, "within_extension": 2, "late": 2,
                                        "overdue": 1, "pending": 1, "all": 7}
    notes = report.table("stage1").notes
    assert "3 of the 6" in notes[0] and "(50.0%)" in notes[0]
    assert any("Extensions agreed: 3." in n for n in notes)


@pytest.mark.parametrize("changes, expected", [
    ({"stage1_responded_at": at("2025-06-13T22:59")}, "on_time"),  # 23:59 BST on the due date
    ({"stage1_responded_at": at("2025-06-13T23:00")}, "late"),  # 00:00 BST the next day
    ({"extended_at": at("2025-06-05T10:00"), "stage1_responded_at": at("2025-06-09T10:00")}, "on_time"),
    ({"extended_at": at("2025-06-05T10:00"), "stage1_responded_at": at("2025-06-27T12:00")},
     "within_extension"),
    ({"extended_at": at("2025-06-05T10:00"), "stage1_responded_at": at("2025-06-28T12:00")}, "late"),
    ({"stage1_responded_at": at("2025-06-16T10:00")}, "late"),
    ({}, "overdue"),  # due 13 June, nothing by 1 July
    ({"extended_at": at("2025-06-05T10:00"), "stage1_extended_due": TODAY}, "pending"),
    ({"extended_at": at("2025-06-05T10:00")}, "overdue"),  # extension ran out on 27 June
    ({"stage1_due": TODAY}, "pending"),
])
def test_stage1_outcomes(changes, expected):
    assert reports.stage1_outcome(case(**changes), TODAY) == expected


@pytest.mark.parametrize("changes, expected", [
    ({"acknowledged_at": at("2025-06-04T22:59")}, "on_time"),
    ({"acknowledged_at": at("2025-06-04T23:00")}, "late"),
    ({"acknowledged_at": dt.datetime(2025, 6, 4, 12, 0)}, "on_time"),  # naive (SQLite): UTC
    ({"acknowledged_at": None}, "overdue"),
    ({"acknowledged_at": None, "acknowledge_by": TODAY}, "pending"),
])
def test_acknowledgement_outcomes(changes, expected):
    assert reports.acknowledgement_outcome(case(**changes), TODAY) == expected


def test_compliance_counts_statutory_stage1_cases_only():
    report = build_report([case(route="corporate", acknowledged_at=None)], YEAR, today=TODAY)
    assert report.table("acknowledgement").row("all").count == 0
    assert report.table("stage1").row("overdue").percent is None
    assert "None has been done" in report.table("stage1").notes[0]


def test_by_channel_and_language(report):
    assert counts(report, "channel") == {"web": 9, "easy_read": 1, "chat": 1, "all": 11}
    table = report.table("language")
    assert counts(report, "language") == {"cy": 1, "en-GB": 10, "all": 11}
    assert table.row("cy").label == "Welsh (cy)"
    assert table.row("en-GB").label == "English (en-GB)"


def test_an_empty_year_has_every_table_with_nothing_to_divide():
    report = build_report([], YEAR, today=TODAY)
    assert report.cases == 0
    assert report.table("route").row("all").count == 0
    assert report.table("route").row("statutory_stage1").percent is None
    assert reports.bar_chart(report.table("route")).bars == ()


def test_unknown_ids_are_still_counted():
    report = build_report([case(route="retired_route", channel="phone")], YEAR, today=TODAY)
    assert report.table("route").row("retired_route").count == 1
    assert report.table("channel").row("phone").count == 1


# The financial year ------------------------------------------------------------------------

def test_financial_years():
    year = FinancialYear.parse(" 2025-26 ")
    assert (year.label, year.first_day, year.last_day) == ("2025-26", dt.date(2025, 4, 1),
                                                           dt.date(2026, 3, 31))
    assert FinancialYear.parse("2099-00" if reports.LAST_YEAR >= 2099 else "2098-99").label
    assert FinancialYear.containing(dt.date(2026, 3, 31)).label == "2025-26"
    assert FinancialYear.containing(dt.date(2026, 4, 1)).label == "2026-27"
    assert [y.label for y in reports.years_between(FinancialYear(2023), FinancialYear(2025))] == [
        "2025-26", "2024-25", "2023-24"]


@pytest.mark.parametrize("text", ["", "2025", "2025-27", "2025/26", "abcd-ef", "1999-00",
                                  "9999-00", "2025-26; drop", "２０２５-２６"])
def test_bad_financial_years_are_refused_with_a_reason(text):
    with pytest.raises(ValueError) as error:
        FinancialYear.parse(text)
    assert str(error.value)


# Output ------------------------------------------------------------------------------------

def test_percentages_round_halves_up():
    assert format_percent(12.25) == "12.3%"
    assert format_percent(100.0) == "100.0%"
    assert format_percent(None) == "-"


def test_csv_has_every_row_of_every_table(report):
    rows = list(csv.DictReader(io.StringIO(reports.to_csv(report))))
    assert len(rows) == sum(len(t.rows) for t in report.tables)
    assert {r["table"] for r in rows} == {t.key for t in report.tables}
    route = next(r for r in rows if r["table"] == "route" and r["row"] == "statutory_stage1")
    assert route == {"financial_year": "2025-26", "table": "route", "title": "Cases by route",
                     "row": "statutory_stage1", "label": "Statutory complaint, stage 1",
                     "cases": "7", "percent": "63.6"}
    empty = next(r for r in rows if r["table"] == "acknowledgement" and r["row"] == "all")
    assert empty["cases"] == "7"


def test_csv_cells_never_become_spreadsheet_formulas():
    odd = build_report([case(language="=HYPERLINK(1)")], YEAR, today=TODAY)
    rows = list(csv.DictReader(io.StringIO(reports.to_csv(odd))))
    language = next(r for r in rows if r["table"] == "language" and r["row"] != "all")
    assert language["row"] == language["label"] == "'=HYPERLINK(1)"


def test_json(report):
    data = json.loads(reports.to_json(report))
    assert data["financial_year"] == "2025-26" and data["cases"] == 11
    assert (data["from"], data["to"], data["as_of"]) == ("2025-04-01", "2026-03-31", "2025-07-01")
    stage1 = next(t for t in data["tables"] if t["key"] == "stage1")
    assert {r["key"]: r["cases"] for r in stage1["rows"]}["within_extension"] == 2
    assert next(r for r in stage1["rows"] if r["key"] == "late")["percent"] == 28.6


def test_text(report):
    text = reports.to_text(report)
    assert text.startswith("Annual report tables, financial year 2025-26")
    assert "11 cases." in text and "must not identify anyone" in text
    for table in report.tables:
        assert table.title in text
    assert any(line.startswith("Statutory complaint, stage 1") and line.split()[-2:] == ["7", "63.6%"]
               for line in text.splitlines())


def test_bar_chart_geometry(report):
    chart = reports.bar_chart(report.table("route"))
    assert [(b.label, b.count) for b in chart.bars] == [  # biggest first, no zeros, no total
        ("Statutory complaint, stage 1", 7), ("Waiting for a person to decide the route", 3),
        ("School's complaints procedure", 1)]
    widths = [b.width for b in chart.bars]
    assert widths[0] == reports.CHART_BAR_SPACE
    assert widths[1] == pytest.approx(reports.CHART_BAR_SPACE * 3 / 7, abs=0.1)
    assert chart.height == 3 * reports.CHART_ROW
    assert [b.bar_y for b in chart.bars] == [22, 22 + reports.CHART_ROW, 22 + 2 * reports.CHART_ROW]
    assert all(b.value_x > b.width and b.label_y < b.bar_y for b in chart.bars)


def test_the_report_module_loads_without_flask_or_a_database():
    code = ("import sys, intake.reports\n"
            "print(','.join(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('flask', 'werkzeug', 'sqlalchemy', 'flask_sqlalchemy'))))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""
