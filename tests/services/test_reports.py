"""The weekly summary over hand-made workspaces whose answers are known."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from report_shop import BERLIN, TOKYO, add_account, add_mention, add_post, at
from sqlalchemy import event

from app.core.weeks import IsoWeek
from app.services.preferences import PreferencesService
from app.services.reports import ReportsService
from app.services.workspace import Workspace

W47 = IsoWeek(2026, 47)  # Monday 16 to Sunday 22 November 2026
LATER = datetime(2026, 12, 20, tzinfo=UTC)


def test_mentions_count_in_the_local_day_they_were_written(workspace: Workspace) -> None:
    account = add_account(workspace)
    add_mention(workspace, account, at(TOKYO, 2026, 11, 15, 23, 59))  # Sunday before: W46
    add_mention(workspace, account, at(TOKYO, 2026, 11, 16, 0, 0))  # Monday 00:00: W47
    add_mention(workspace, account, at(TOKYO, 2026, 11, 22, 23, 59))  # Sunday 23:59: W47
    add_mention(workspace, account, at(TOKYO, 2026, 11, 23, 0, 0))  # next Monday: W48
    report = ReportsService(workspace.sessions).weekly(W47, TOKYO, LATER)
    week = report.current
    assert week.mentions == 2
    assert week.per_day[0]["mastodon"] == 1 and week.per_day[6]["mastodon"] == 1
    assert week.hours[0][0] == 1 and week.hours[6][23] == 1
    assert report.previous.mentions == 1
    assert week.complete and report.zone_name == "Asia/Tokyo"


def test_the_same_instants_fall_in_other_days_in_another_zone(workspace: Workspace) -> None:
    account = add_account(workspace)
    add_mention(workspace, account, at(TOKYO, 2026, 11, 16, 0, 0))  # Sunday 16:00 in Berlin
    report = ReportsService(workspace.sessions).weekly(W47, BERLIN, LATER)
    assert report.current.mentions == 0
    assert report.previous.mentions == 1


def test_a_week_with_a_daylight_saving_change(workspace: Workspace) -> None:
    # Berlin's 2026-W43 runs to Sunday 25 October, when 03:00 summer time becomes 02:00.
    account = add_account(workspace)
    before = at(BERLIN, 2026, 10, 25, 1, 30)
    after = datetime(2026, 10, 25, 2, 30, tzinfo=BERLIN).replace(fold=1).astimezone(UTC)
    add_mention(workspace, account, before, answered=after)  # 2 real hours later
    add_mention(workspace, account, at(BERLIN, 2026, 10, 25, 23, 30))
    week = ReportsService(workspace.sessions).weekly(IsoWeek(2026, 43), BERLIN, LATER).current
    assert week.end - week.start == timedelta(hours=169)
    assert week.mentions == 2
    assert week.per_day[6]["mastodon"] == 2
    assert week.response.median == timedelta(hours=2)


def test_response_times_count_opening_hours_with_a_lunch_break(workspace: Workspace) -> None:
    PreferencesService(workspace.sessions).update(opening_hours={
        str(day): [["09:00", "12:00"], ["13:00", "18:00"]] for day in range(1, 6)})
    account = add_account(workspace)
    # Written Monday 11:00, answered 14:00: one hour before lunch and one after = 2 h.
    add_mention(workspace, account, at(TOKYO, 2026, 11, 16, 11, 0),
                answered=at(TOKYO, 2026, 11, 16, 14, 0))
    # Written Friday 17:00, answered Monday 10:00 (next week): 1 h + 1 h = 2 h, but in W48.
    late = add_mention(workspace, account, at(TOKYO, 2026, 11, 20, 17, 0),
                       answered=at(TOKYO, 2026, 11, 23, 10, 0), author="taro")
    reports = ReportsService(workspace.sessions)
    w47 = reports.weekly(W47, TOKYO, LATER)
    assert w47.opening_hours
    assert w47.current.answered == 1
    assert w47.current.response.median == timedelta(hours=2)
    # The Friday mention was still waiting when W47 ended, after one open hour.
    assert w47.current.waiting_at_end == 1
    assert w47.current.oldest_waiting is not None
    assert w47.current.oldest_waiting.mention_id == late
    assert w47.current.oldest_waiting.waited == timedelta(hours=1)
    w48 = reports.weekly(IsoWeek(2026, 48), TOKYO, LATER).current
    assert (w48.mentions, w48.answered, w48.waiting_at_end) == (0, 1, 0)
    assert w48.response.median == timedelta(hours=2)


def test_an_answer_weeks_after_the_mention_counts_every_open_hour_between(
        workspace: Workspace) -> None:
    """Most answers come within days; one that took six weeks is still timed in full."""
    PreferencesService(workspace.sessions).update(opening_hours={
        str(day): [["09:00", "12:00"], ["13:00", "18:00"]] for day in range(1, 6)})
    account = add_account(workspace)
    # Written Monday 5 October 17:00, answered Monday 16 November 10:00: the last open hour
    # of 5 October, 29 whole working days of 8 hours between, then one hour on the 16th.
    add_mention(workspace, account, at(TOKYO, 2026, 10, 5, 17, 0),
                answered=at(TOKYO, 2026, 11, 16, 10, 0))
    add_mention(workspace, account, at(TOKYO, 2026, 11, 16, 9, 0),
                answered=at(TOKYO, 2026, 11, 16, 9, 30))
    response = ReportsService(workspace.sessions).weekly(W47, TOKYO, LATER).current.response
    assert response.count == 2
    assert response.p90 == timedelta(hours=1 + 29 * 8 + 1)
    assert response.median == timedelta(minutes=30)


def test_a_mention_dated_decades_back_counts_as_waiting_at_most_400_days(
        workspace: Workspace) -> None:
    """A feed item dated 1970 and answered this week: its wait is counted from 400 days
    before the week, so the report stays quick (it ran for minutes when the clock was laid
    out over 56 years)."""
    PreferencesService(workspace.sessions).update(opening_hours={
        str(day): [["09:00", "12:00"], ["13:00", "18:00"]] for day in range(1, 6)})
    account = add_account(workspace)
    add_mention(workspace, account, datetime(1970, 1, 2, tzinfo=UTC),
                answered=at(TOKYO, 2026, 11, 16, 10, 0))
    response = ReportsService(workspace.sessions).weekly(W47, TOKYO, LATER).current.response
    # 400 days of a shop open 8 hours each weekday: about 2,290 open hours.
    assert response.count == 1 and response.median is not None
    assert timedelta(hours=2200) < response.median < timedelta(hours=2400)


def test_sqlite_times_answers_as_the_open_clock_does(workspace: Workspace) -> None:
    """The report has SQLite evaluate the clock's open periods; over a fortnight with a
    daylight-saving change, a lunch break and a period past midnight, every answer's time is
    the one OpenClock gives (and with no opening hours, the plain difference)."""
    import random

    from app.core.hours import OpenClock
    from app.storage import reports as queries

    hours = {**{str(day): [["09:00", "12:00"], ["13:00", "18:00"]] for day in range(1, 6)},
             "6": [["20:00", "02:00"]]}
    account = add_account(workspace)
    first, last = at(BERLIN, 2026, 10, 19, 0, 0), at(BERLIN, 2026, 11, 2, 0, 0)
    rng = random.Random(5)
    pairs = []
    for _ in range(150):
        written = first + timedelta(minutes=rng.randrange(0, 14 * 24 * 60))
        answered = min(last - timedelta(minutes=1),
                       written + timedelta(minutes=rng.randrange(0, 4 * 24 * 60)))
        add_mention(workspace, account, written, answered=answered)
        pairs.append((written.timestamp(), answered.timestamp()))
    naive = [moment.replace(tzinfo=None) for moment in (first, last)]
    earliest_written = datetime.fromtimestamp(min(pairs)[0], UTC).replace(tzinfo=None)
    for opening_hours in (hours, {}):
        clock = OpenClock(first, last, opening_hours, BERLIN)
        expected = sorted(clock.durations(*zip(*pairs, strict=True)))
        with workspace.sessions() as session:
            earliest, got = queries.response_times(session, *naive, clock.pieces)
        assert sorted(got) == expected
        assert earliest == earliest_written
        if opening_hours:  # some answers came while the shop was closed, most did not
            assert 0 < expected.count(0.0) < len(expected) / 2


def test_median_and_90th_percentile_are_response_times_someone_got(
        workspace: Workspace) -> None:
    account = add_account(workspace)
    monday = at(TOKYO, 2026, 11, 16, 9, 0)
    for hours in range(1, 11):  # answered after 1 h, 2 h, ... 10 h
        add_mention(workspace, account, monday, answered=monday + timedelta(hours=hours))
    response = ReportsService(workspace.sessions).weekly(W47, TOKYO, LATER).current.response
    assert (response.count, response.median, response.p90) == (
        10, timedelta(hours=5), timedelta(hours=9))


def test_complaints_customers_and_posts(workspace: Workspace) -> None:
    account = add_account(workspace)
    bluesky = add_account(workspace, "bluesky", "shop.bsky.social")
    tuesday = at(TOKYO, 2026, 11, 17, 10, 0)
    add_mention(workspace, account, tuesday, author="hanako", complaint=True,
                answered=tuesday + timedelta(hours=1))
    add_mention(workspace, account, tuesday, author="hanako", complaint=True)  # unanswered
    add_mention(workspace, account, tuesday, author="hanako", complaint=True,
                answered=at(TOKYO, 2026, 11, 24, 10, 0))  # answered the next week
    add_mention(workspace, bluesky, tuesday, author="bob")
    add_mention(workspace, bluesky, tuesday, author="amy")
    add_post(workspace, account, tuesday, "sent")
    add_post(workspace, account, tuesday, "sent")
    add_post(workspace, bluesky, tuesday, "failed")
    add_post(workspace, bluesky, tuesday, "missed")
    add_post(workspace, account, at(TOKYO, 2026, 11, 23, 9, 0), "sent")  # W48
    week = ReportsService(workspace.sessions).weekly(W47, TOKYO, LATER).current
    assert (week.complaints, week.complaints_answered) == (3, 1)
    assert week.per_network == {"mastodon": 3, "bluesky": 2, "feed": 0}
    assert [(c.handle, c.mentions) for c in week.top_customers] == [
        ("@hanako", 3), ("@amy", 1), ("@bob", 1)]
    assert (week.posts_published, week.posts_failed, week.posts_missed) == (2, 1, 1)
    assert week.waiting_at_end == 4


def test_a_week_with_no_data_is_empty_not_an_error(workspace: Workspace) -> None:
    reports = ReportsService(workspace.sessions)
    assert not reports.has_data()
    report = reports.weekly(W47, TOKYO, LATER)
    assert report.current.empty and report.previous.empty
    assert report.current.response.median is None
    assert report.current.oldest_waiting is None


def test_a_week_still_to_come_is_empty(workspace: Workspace) -> None:
    account = add_account(workspace)
    add_mention(workspace, account, at(TOKYO, 2026, 11, 10, 9, 0))  # waiting since W46
    now = at(TOKYO, 2026, 11, 18, 12, 0)  # Wednesday of W47
    reports = ReportsService(workspace.sessions)
    future = reports.weekly(IsoWeek(2027, 1), TOKYO, now).current
    assert future.empty and not future.complete
    current = reports.weekly(W47, TOKYO, now).current
    assert not current.complete and current.end == now
    assert current.waiting_at_end == 1
    assert current.oldest_waiting is not None
    assert current.oldest_waiting.waited == now - at(TOKYO, 2026, 11, 10, 9, 0)


def test_reopening_a_mention_makes_it_wait_again(workspace: Workspace) -> None:
    from app.core.model import TriageState
    from app.services.inbox import InboxService

    account = add_account(workspace)
    mention = add_mention(workspace, account, at(TOKYO, 2026, 11, 16, 9, 0))
    inbox, reports = InboxService(workspace.sessions), ReportsService(workspace.sessions)
    now = datetime.now(UTC) + timedelta(minutes=1)
    this_week = IsoWeek.of(now.astimezone(TOKYO).date())
    assert reports.weekly(this_week, TOKYO, now).current.waiting_at_end == 1
    inbox.set_state([mention], TriageState.DONE)
    assert reports.weekly(this_week, TOKYO, now).current.waiting_at_end == 0
    inbox.set_state([mention], TriageState.ARCHIVED)
    assert reports.weekly(this_week, TOKYO, now).current.waiting_at_end == 0
    inbox.set_state([mention], TriageState.NEW)
    assert reports.weekly(this_week, TOKYO, now).current.waiting_at_end == 1


def test_the_csv_rows_are_the_weeks_mentions(workspace: Workspace) -> None:
    account = add_account(workspace)
    add_mention(workspace, account, at(TOKYO, 2026, 11, 16, 9, 0), complaint=True,
                answered=at(TOKYO, 2026, 11, 16, 12, 30), text="返金してください")
    add_mention(workspace, account, at(TOKYO, 2026, 11, 24, 9, 0))
    rows = ReportsService(workspace.sessions).mentions(W47, TOKYO)
    assert len(rows) == 1
    assert rows[0].flags == ("complaint",) and rows[0].text == "返金してください"
    assert rows[0].response == timedelta(hours=3, minutes=30)


def test_a_weeks_report_reads_index_ranges_not_the_whole_table(workspace: Workspace) -> None:
    """What keeps a week's report quick on a workspace of a million mentions: no read of the
    report scans the mention table or sorts rows (the planner has no statistics, here as on a
    user's computer, so these are the plans users get)."""
    PreferencesService(workspace.sessions).update(opening_hours={
        str(day): [["09:00", "18:00"]] for day in range(1, 6)})
    account = add_account(workspace)
    add_mention(workspace, account, at(TOKYO, 2026, 11, 16, 10, 0), complaint=True,
                answered=at(TOKYO, 2026, 11, 16, 11, 0))
    add_mention(workspace, account, at(TOKYO, 2026, 11, 17, 10, 0))
    statements: list[tuple[str, object]] = []

    def capture(_conn, _cursor, statement, parameters, _context, _many) -> None:
        if statement.lstrip().upper().startswith(("SELECT", "WITH")):
            statements.append((statement, parameters))

    event.listen(workspace.engine, "before_cursor_execute", capture)
    try:
        report = ReportsService(workspace.sessions).weekly(W47, TOKYO, LATER)
    finally:
        event.remove(workspace.engine, "before_cursor_execute", capture)
    assert report.current.mentions == 2 and report.current.top_customers
    with workspace.engine.connect() as connection:
        for statement, parameters in statements:
            if "FROM mention" not in statement:
                continue
            plan = [row[3] for row in connection.exec_driver_sql(
                "EXPLAIN QUERY PLAN " + statement, parameters)]
            assert not [step for step in plan if step.startswith("SCAN mention")
                        or "TEMP B-TREE" in step], (statement, plan)
            if "json_group_array" in statement:  # response times: each epoch worked out once
                assert "CO-ROUTINE answered" in plan, plan
