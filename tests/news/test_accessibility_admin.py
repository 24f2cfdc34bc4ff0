"""The reported barriers in the admin: one-month deadlines, the overdue filter, answering,
and what the group "Redaktion" may do with the statement and the reports."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth.models import Group

from news.models import AccessibilityStatement, BarrierReport
from news.models.accessibility import one_month_after
from tests.factories import BarrierReportFactory

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
def statement(db):
    return AccessibilityStatement.load()


def test_deadline_is_one_calendar_month_after_the_report():
    assert one_month_after(datetime(2026, 1, 31, 10, tzinfo=BERLIN)) == datetime(
        2026, 2, 28, 10, tzinfo=BERLIN
    )
    assert one_month_after(datetime(2026, 12, 15, tzinfo=BERLIN)) == datetime(
        2027, 1, 15, tzinfo=BERLIN
    )


def test_answering_sets_the_answer_time(db):
    stored = BarrierReportFactory()
    assert stored.answered_at is None

    stored.status = BarrierReport.Status.ANSWERED
    stored.save()

    assert stored.answered_at is not None and not stored.is_overdue()


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def test_editors_may_see_and_answer_reports_and_keep_the_statement(db):
    codenames = set(
        Group.objects.get(name="Redaktion").permissions.values_list("codename", flat=True)
    )
    assert {"view_barrierreport", "change_barrierreport"} <= codenames
    assert {"change_accessibilitystatement", "add_knownbarrier"} <= codenames


def test_admin_lists_reports_by_deadline_and_filters_the_overdue(editor_client):
    with time_machine.travel(datetime(2026, 1, 10, 9, tzinfo=BERLIN), tick=False):
        old = BarrierReportFactory(description="Alt")
        BarrierReportFactory(description="Alt, beantwortet", status="answered")
    with time_machine.travel(datetime(2026, 2, 5, 9, tzinfo=BERLIN), tick=False):
        BarrierReportFactory(description="Neu", page_url="/meldung/<b>neu</b>/")

    with time_machine.travel(datetime(2026, 2, 20, 9, tzinfo=BERLIN), tick=False):
        listing = editor_client.get("/admin/news/barrierreport/").content.decode()
        overdue = editor_client.get("/admin/news/barrierreport/?frist=ueberfaellig")

    assert "Antwort bis" in listing
    assert "<strong>10.02.2026 – überfällig</strong>" in listing
    assert "05.03.2026" in listing and "05.03.2026 – überfällig" not in listing
    assert listing.index("10.02.2026") < listing.index("05.03.2026")
    assert "&lt;b&gt;neu&lt;/b&gt;" in listing and "<b>neu</b>" not in listing
    assert list(overdue.context["cl"].result_list) == [old]


def test_editor_answers_a_report_in_the_admin(editor_client):
    stored = BarrierReportFactory()

    response = editor_client.post(
        f"/admin/news/barrierreport/{stored.pk}/change/",
        {"status": "answered", "answered_at_0": "", "answered_at_1": "", "answer_note": "Erledigt"},
    )

    assert response.status_code == 302
    stored.refresh_from_db()
    assert stored.status == "answered" and stored.answered_at is not None
    assert stored.answer_note == "Erledigt"


def test_statement_cannot_be_added_twice_or_deleted(editor_client, statement):
    assert editor_client.get("/admin/news/accessibilitystatement/add/").status_code == 403
    change = editor_client.get(f"/admin/news/accessibilitystatement/{statement.pk}/change/")
    assert change.status_code == 200
    assert "Schlichtungsverfahren" in change.content.decode()
    assert "deletelink" not in change.content.decode()
