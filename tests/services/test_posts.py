"""Planned posts through the outbox, on an injected clock (nothing here sleeps): due, early,
missed, daylight-saving edges, a restart mid-publish, and every check before anything is kept.

The connectors here only record what they are asked, as the networks would answer; the real
Mastodon-like server is in test_posts_mastodon.py, the real Bluesky network in
tests/networks/test_posts_bluesky_network.py."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from keyrings import MemoryKeyring
from sqlalchemy import func, select

from app.core.connector import AccountInfo, Capabilities, Published
from app.core.localtime import AmbiguousTime, NonexistentTime, to_utc
from app.core.model import AccountState, AccountSummary, Network, OutboxState
from app.credentials import Credentials
from app.networks import bluesky, mastodon
from app.networks.errors import AuthExpired, Rejected, ServerError, Unreachable
from app.services.accounts import AccountsService
from app.services.outbox import MISSED_AFTER, OutboxService
from app.services.posts import PostProblem, PostsService, worst_state
from app.services.workspace import Workspace
from app.storage.models import OutboxItem, Post

T0 = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)
TOKYO = ZoneInfo("Asia/Tokyo")
BERLIN = ZoneInfo("Europe/Berlin")


class Clock:
    def __init__(self, now: datetime = T0) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


class Crash(BaseException):
    """The process dies: nothing after this line of the publishing code runs."""


@dataclass
class Network_:
    """One account's network, as far as posts go: what was published, under which key."""

    name: Network
    clock: Clock
    published: list[dict[str, Any]] = field(default_factory=list)
    held: dict[str, dict[str, Any]] = field(default_factory=dict)  # a server's schedule
    failures: list[BaseException] = field(default_factory=list)
    crash_after_publish: bool = False
    asked: int = 0

    def connector(self) -> Recorder:
        return Recorder(self)


class Recorder:
    def __init__(self, net: Network_) -> None:
        self.net = net
        self.network = net.name

    def publish(self, text: str, *, idempotency_key: str, scheduled_at: datetime | None = None,
                language: str = "") -> Published:
        net = self.net
        if net.failures:
            raise net.failures.pop(0)
        for post in net.published:
            if post["key"] == idempotency_key:
                return Published(post["id"], post["url"])
        if scheduled_at is not None:
            if net.name is not Network.MASTODON:
                raise AssertionError("only Mastodon schedules")
            held_id = f"s{len(net.held) + 1}"
            net.held[held_id] = {"text": text, "key": idempotency_key, "at": scheduled_at}
            return Published(held_id, scheduled=True)
        post_id = f"{net.name.value}-{len(net.published) + 1}"
        net.published.append({"id": post_id, "url": f"https://{net.name.value}.example/{post_id}",
                              "text": text, "key": idempotency_key, "language": language,
                              "at": net.clock()})
        if net.crash_after_publish:
            raise Crash
        return Published(post_id, f"https://{net.name.value}.example/{post_id}")

    def find_post(self, idempotency_key: str, text: str, *, since: datetime,
                  scheduled_id: str = "") -> Published | None:
        self.net.asked += 1
        for post in self.net.published:
            if post["key"] == idempotency_key:
                return Published(post["id"], post["url"])
        return None

    def reschedule(self, remote_id: str, at: datetime) -> Published:
        self.net.held[remote_id]["at"] = at
        return Published(remote_id, scheduled=True)

    def cancel_scheduled(self, remote_id: str) -> None:
        del self.net.held[remote_id]

    def close(self) -> None:
        pass


@dataclass
class Desk:
    workspace: Workspace
    clock: Clock
    accounts: AccountsService
    nets: dict[int, Network_]
    mastodon: AccountSummary
    bluesky: AccountSummary
    feed: AccountSummary

    def posts(self) -> PostsService:
        return PostsService(self.workspace.sessions, self.accounts, self.connector,
                            clock=self.clock)

    def outbox(self) -> OutboxService:
        return OutboxService(self.workspace.sessions, self.accounts, self.connector,
                             clock=self.clock)

    def connector(self, account: AccountSummary) -> Recorder:
        return self.nets[account.id].connector()

    def on(self, account: AccountSummary) -> Network_:
        return self.nets[account.id]

    def post_rows(self) -> int:
        with self.workspace.sessions() as session:
            return session.scalar(select(func.count()).select_from(Post)) or 0


@pytest.fixture
def desk(workspace: Workspace) -> Desk:
    clock = Clock()
    accounts = AccountsService(workspace.sessions, Credentials(MemoryKeyring()))
    made = {}
    for network, caps, rules in (
            (Network.MASTODON, mastodon.CAPABILITIES, None),
            (Network.BLUESKY, bluesky.CAPABILITIES, bluesky.TEXT_RULES),
            (Network.FEED, Capabilities(), None)):
        made[network] = accounts.save_connected(AccountInfo(
            network=network, handle=f"@shop.{network.value}", server_url="https://x.example",
            capabilities=caps, text_rules=rules), None)
    nets = {account.id: Network_(account.network, clock) for account in made.values()}
    return Desk(workspace, clock, accounts, nets, made[Network.MASTODON],
                made[Network.BLUESKY], made[Network.FEED])


def at(hours: float = 0, **delta: float) -> datetime:
    return (T0 + timedelta(hours=hours, **delta)).astimezone(TOKYO)


# --- Due, early, missed ------------------------------------------------------------------------


def test_a_bluesky_post_waits_for_its_time_then_goes_out_once(desk: Desk) -> None:
    posts, outbox = desk.posts(), desk.outbox()
    record = posts.create("新作のシュトーレンが焼き上がりました", [desk.bluesky.id], at(1))
    (target,) = record.targets
    assert record.state is target.state is OutboxState.QUEUED
    assert record.zone == "Asia/Tokyo" and record.scheduled_at == T0 + timedelta(hours=1)
    assert outbox.next_due() == T0 + timedelta(hours=1)

    desk.clock.advance(minutes=59)
    assert outbox.send_due().changed == ()  # early: nothing goes
    assert desk.on(desk.bluesky).published == []
    desk.clock.advance(minutes=1)
    report = outbox.send_due()

    (post,) = desk.on(desk.bluesky).published
    assert post["text"] == "新作のシュトーレンが焼き上がりました" and post["language"] == "ja"
    assert post["key"] == outbox.get(target.entry_id).idempotency_key  # type: ignore[union-attr]
    assert report.sent == (target.entry_id,) and report.post_ids == (record.id,)
    sent = posts.get(record.id)
    assert sent.state is OutboxState.SENT
    assert sent.targets[0].remote_url == post["url"] and sent.targets[0].sent_at == desk.clock()
    assert outbox.send_due().changed == () and outbox.next_due() is None


def test_a_post_a_few_minutes_late_still_goes_but_not_past_missed_after(desk: Desk) -> None:
    posts, outbox = desk.posts(), desk.outbox()
    in_time = posts.create("Open until 18:00 today", [desk.bluesky.id], at(1, minutes=1))
    too_late = posts.create("Fresh bread at noon", [desk.bluesky.id], at(0, minutes=59))
    desk.clock.advance(hours=1, minutes=10)  # the laptop slept through both times

    report = outbox.send_due()

    assert report.sent == (in_time.targets[0].entry_id,)  # 9 minutes late: still goes
    assert report.missed == (too_late.targets[0].entry_id,)  # 11 minutes: the owner decides
    assert set(report.post_ids) == {in_time.id, too_late.id}
    assert [p["text"] for p in desk.on(desk.bluesky).published] == ["Open until 18:00 today"]


def test_a_post_whose_time_passed_while_the_app_was_closed_is_missed_never_sent_late(
        desk: Desk) -> None:
    posts, outbox = desk.posts(), desk.outbox()
    record = posts.create("Christmas opening hours", [desk.bluesky.id, desk.mastodon.id],
                          at(0, minutes=3))  # too close for Mastodon's server: both in the app
    assert {t.state for t in record.targets} == {OutboxState.QUEUED}
    desk.clock.advance(hours=8)  # the app was closed all day

    settled = outbox.reconcile()  # the next start

    assert sorted(settled) == sorted(t.entry_id for t in record.targets)
    assert desk.on(desk.bluesky).published == desk.on(desk.mastodon).published == []
    (listed,) = posts.missed()
    assert listed.id == record.id and listed.state is OutboxState.MISSED
    assert outbox.send_due().changed == () and outbox.next_due() is None

    now = posts.post_now(record.id)  # the owner chooses "Post now"
    assert now.state is OutboxState.SENT and now.scheduled_at == desk.clock()
    assert len(desk.on(desk.bluesky).published) == len(desk.on(desk.mastodon).published) == 1
    assert posts.missed() == []


def test_a_missed_post_can_be_rescheduled_or_discarded(desk: Desk) -> None:
    posts, outbox = desk.posts(), desk.outbox()
    again = posts.create("Workshop on Saturday", [desk.bluesky.id], at(1))
    dropped = posts.create("Flash sale, today only", [desk.bluesky.id], at(1))
    desk.clock.advance(hours=2)
    outbox.reconcile()
    assert {r.id for r in posts.missed()} == {again.id, dropped.id}

    moved = posts.reschedule(again.id, at(26))
    assert moved.state is OutboxState.QUEUED and moved.scheduled_at == T0 + timedelta(hours=26)
    assert posts.discard_missed(dropped.id) is None
    assert desk.post_rows() == 1 and [r.id for r in posts.missed()] == []

    desk.clock.now = T0 + timedelta(hours=26)
    assert outbox.send_due().sent == (moved.targets[0].entry_id,)
    assert [p["text"] for p in desk.on(desk.bluesky).published] == ["Workshop on Saturday"]


def test_a_post_due_now_is_published_before_create_returns(desk: Desk) -> None:
    record = desk.posts().create("We are open!", [desk.mastodon.id, desk.bluesky.id],
                                 desk.clock() - timedelta(seconds=30))  # "now", to the minute
    assert record.state is OutboxState.SENT
    assert [t.state for t in record.targets] == [OutboxState.SENT, OutboxState.SENT]
    assert desk.on(desk.mastodon).published[0]["language"] == "en"


def test_a_draft_is_never_published_until_planned(desk: Desk) -> None:
    posts, outbox = desk.posts(), desk.outbox()
    record = posts.create("Idea: a winter menu", [desk.bluesky.id], at(1), draft=True)
    undated = posts.create("Someday: a bakery class", [], None)
    assert record.state is OutboxState.DRAFT and undated.state is OutboxState.DRAFT
    assert [r.id for r in posts.undated()] == [undated.id]
    desk.clock.advance(hours=2)
    assert outbox.send_due().changed == () and outbox.reconcile() == []
    assert posts.missed() == []  # a draft cannot miss anything

    planned = posts.update(record.id, "A winter menu, from Monday", [desk.bluesky.id], at(3))
    assert planned.state is OutboxState.QUEUED and planned.text == "A winter menu, from Monday"


# --- Daylight saving ---------------------------------------------------------------------------


def test_a_post_at_berlins_skipped_0230_is_refused_until_the_owner_picks_a_side(
        desk: Desk) -> None:
    desk.clock.now = datetime(2026, 3, 28, 12, 0, tzinfo=UTC)
    with pytest.raises(NonexistentTime) as caught:
        to_utc(datetime(2026, 3, 29, 2, 30), BERLIN)
    earlier, later = caught.value.candidates
    posts, outbox = desk.posts(), desk.outbox()
    record = posts.create("Sunday brunch", [desk.bluesky.id], later, zone="Europe/Berlin")

    assert record.scheduled_at == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)
    (chip,) = posts.month(2026, 3, BERLIN)
    assert chip.local.isoformat() == "2026-03-29T03:30:00+02:00"
    desk.clock.now = earlier.astimezone(UTC)  # the other reading's instant: not this post's
    assert outbox.send_due().changed == ()
    desk.clock.now = later.astimezone(UTC)
    assert len(outbox.send_due().sent) == 1


def test_a_post_at_the_second_0230_of_the_fall_back_night_goes_an_hour_after_the_first(
        desk: Desk) -> None:
    desk.clock.now = datetime(2026, 10, 24, 12, 0, tzinfo=UTC)
    with pytest.raises(AmbiguousTime) as caught:
        to_utc(datetime(2026, 10, 25, 2, 30), BERLIN)
    first, second = caught.value.candidates
    posts, outbox = desk.posts(), desk.outbox()
    early = posts.create("First 02:30", [desk.bluesky.id], first, zone="Europe/Berlin")
    late = posts.create("Second 02:30", [desk.bluesky.id], second, zone="Europe/Berlin")

    assert late.scheduled_at - early.scheduled_at == timedelta(hours=1)  # type: ignore[operator]
    chips = posts.week(date(2026, 10, 19), BERLIN)
    assert [(c.first_line, c.local.isoformat()) for c in chips] == [
        ("First 02:30", "2026-10-25T02:30:00+02:00"), ("Second 02:30", "2026-10-25T02:30:00+01:00")]
    desk.clock.now = datetime(2026, 10, 25, 0, 30, tzinfo=UTC)
    assert outbox.send_due().sent == (early.targets[0].entry_id,)
    desk.clock.now = datetime(2026, 10, 25, 1, 30, tzinfo=UTC)
    assert outbox.send_due().sent == (late.targets[0].entry_id,)


# --- Restart during publishing -----------------------------------------------------------------


def test_a_crash_right_after_the_post_left_is_settled_to_one_post_at_the_next_start(
        desk: Desk) -> None:
    posts, outbox = desk.posts(), desk.outbox()
    record = posts.create("Doors open at 10", [desk.bluesky.id], at(1))
    desk.clock.advance(hours=1)
    desk.on(desk.bluesky).crash_after_publish = True
    with pytest.raises(Crash):
        outbox.send_due()
    assert posts.get(record.id).state is OutboxState.SENDING

    desk.on(desk.bluesky).crash_after_publish = False
    desk.clock.advance(hours=3)  # a long time later: found, not missed
    assert outbox.reconcile() == [record.targets[0].entry_id]

    assert len(desk.on(desk.bluesky).published) == 1
    settled = posts.get(record.id)
    assert settled.state is OutboxState.SENT and settled.targets[0].remote_id == "bluesky-1"


def test_a_crash_before_the_request_left_sends_at_the_next_start_when_still_in_time(
        desk: Desk) -> None:
    posts, outbox = desk.posts(), desk.outbox()
    record = posts.create("Doors open at 10", [desk.bluesky.id], at(1))
    key = outbox.get(record.targets[0].entry_id).idempotency_key  # type: ignore[union-attr]
    desk.clock.advance(hours=1)
    _claimed_then_power_cut(desk, record.targets[0].entry_id)

    desk.clock.advance(minutes=5)
    assert outbox.reconcile() == [record.targets[0].entry_id]
    (post,) = desk.on(desk.bluesky).published
    assert post["key"] == key  # its own key: never a second post
    assert desk.on(desk.bluesky).asked == 1  # asked first


def test_a_crash_before_the_request_left_and_a_long_night_makes_it_missed(desk: Desk) -> None:
    posts, outbox = desk.posts(), desk.outbox()
    record = posts.create("Doors open at 10", [desk.bluesky.id], at(1))
    desk.clock.advance(hours=1)
    _claimed_then_power_cut(desk, record.targets[0].entry_id)
    desk.clock.advance(hours=9)

    assert outbox.reconcile() == [record.targets[0].entry_id]
    assert desk.on(desk.bluesky).published == [] and desk.on(desk.bluesky).asked == 1
    assert posts.get(record.id).state is OutboxState.MISSED
    assert posts.post_now(record.id).state is OutboxState.SENT  # asked again, then sent
    assert len(desk.on(desk.bluesky).published) == 1


def _claimed_then_power_cut(desk: Desk, entry_id: int) -> None:
    from sqlalchemy import update

    with desk.workspace.sessions.begin() as session:
        session.execute(update(OutboxItem).where(OutboxItem.id == entry_id)
                        .values(state=OutboxState.SENDING.value, attempts=1))


def test_passing_failures_retry_until_the_post_would_be_late_then_it_is_missed(
        desk: Desk) -> None:
    posts, outbox = desk.posts(), desk.outbox()
    record = posts.create("Doors open at 10", [desk.bluesky.id], at(1))
    desk.on(desk.bluesky).failures = [Unreachable("offline")] * 10
    desk.clock.advance(hours=1)
    while True:
        report = outbox.send_due()
        if report.missed:
            break
        assert report.retrying == (record.targets[0].entry_id,)
        desk.clock.now = outbox.next_due()  # type: ignore[assignment]
    assert desk.clock() - (T0 + timedelta(hours=1)) > MISSED_AFTER
    assert desk.on(desk.bluesky).published == []
    assert posts.get(record.id).state is OutboxState.MISSED


# --- One post, several accounts ----------------------------------------------------------------


def test_each_network_gets_its_own_text_and_its_own_fate(desk: Desk) -> None:
    posts, outbox = desk.posts(), desk.outbox()
    record = posts.create("Our long Mastodon announcement " + "x" * 300,
                          [desk.mastodon.id, desk.bluesky.id], at(0, minutes=2),
                          variants={"bluesky": "The short Bluesky one", "feed": "ignored"})
    assert record.variants == ((Network.BLUESKY, "The short Bluesky one"),)
    assert record.text_for(Network.BLUESKY) == "The short Bluesky one"
    desk.on(desk.mastodon).failures = [AuthExpired("401")]
    desk.clock.advance(minutes=2)
    outbox.send_due()

    done = posts.get(record.id)
    by_network = {t.network: t for t in done.targets}
    assert by_network[Network.BLUESKY].state is OutboxState.SENT
    assert by_network[Network.MASTODON].state is OutboxState.FAILED
    assert by_network[Network.MASTODON].error == "AuthExpired"
    assert done.state is OutboxState.FAILED  # the worst of its targets
    assert desk.accounts.get(desk.mastodon.id).state is AccountState.NEEDS_RECONNECT
    assert [p["text"] for p in desk.on(desk.bluesky).published] == ["The short Bluesky one"]


def test_an_account_that_needs_reconnecting_at_publish_time_fails_that_target_only(
        desk: Desk) -> None:
    posts, outbox = desk.posts(), desk.outbox()
    record = posts.create("Closed on Monday", [desk.mastodon.id, desk.bluesky.id],
                          at(0, minutes=2))
    desk.accounts.mark_state(desk.bluesky.id, AccountState.NEEDS_RECONNECT)
    desk.clock.advance(minutes=2)
    outbox.send_due()
    states = {t.network: (t.state, t.error) for t in posts.get(record.id).targets}
    assert states == {Network.MASTODON: (OutboxState.SENT, ""),
                      Network.BLUESKY: (OutboxState.FAILED, "NeedsReconnect")}
    assert desk.on(desk.bluesky).published == []  # no request at all


# --- Checks before anything is kept ------------------------------------------------------------


def _refused(desk: Desk, *args: Any, **kwargs: Any) -> PostProblem:
    with pytest.raises(PostProblem) as caught:
        desk.posts().create(*args, **kwargs)
    assert desk.post_rows() == 0  # nothing kept, nothing published
    assert all(not n.published and not n.held for n in desk.nets.values())
    return caught.value


def test_text_too_long_for_one_target_names_it_and_says_by_how_much(desk: Desk) -> None:
    problem = _refused(desk, "あ" * 301, [desk.mastodon.id, desk.bluesky.id], at(1))
    assert problem.code == "too_long" and problem.handle == "@shop.bluesky"
    assert problem.network is Network.BLUESKY
    assert problem.count is not None and problem.count.over_by == 1
    # Bluesky's 3,000 bytes can run out first: 200 families are 200 characters, 3,600 bytes.
    problem = _refused(desk, "👨‍👩‍👧" * 200, [desk.bluesky.id], at(1))
    assert problem.code == "too_long" and problem.count is not None
    assert problem.count.over_by == 0 and problem.count.bytes_over_by > 0
    # A shorter Bluesky variant fits.
    fits = desk.posts().create("あ" * 301, [desk.mastodon.id, desk.bluesky.id], at(1),
                               variants={Network.BLUESKY: "あ" * 300})
    assert fits.state is OutboxState.SCHEDULED or fits.state is OutboxState.QUEUED


@pytest.mark.parametrize("text", ["", "   ", "\n\u3000"])
def test_an_empty_post_is_refused(desk: Desk, text: str) -> None:
    assert _refused(desk, text, [desk.bluesky.id], at(1)).code == "empty"


def test_no_target_is_refused_and_a_feed_cannot_be_posted_to(desk: Desk) -> None:
    assert _refused(desk, "Hello", [], at(1)).code == "no_target"
    problem = _refused(desk, "Hello", [desk.bluesky.id, desk.feed.id], at(1))
    assert (problem.code, problem.handle) == ("cannot_post", "@shop.feed")
    assert _refused(desk, "Hello", [desk.feed.id], at(1), draft=True).code == "cannot_post"
    assert _refused(desk, "Hello", [4242], at(1)).code == "account_gone"


def test_a_time_in_the_past_is_refused_so_the_editor_can_offer_post_now(desk: Desk) -> None:
    problem = _refused(desk, "Hello", [desk.bluesky.id], desk.clock() - timedelta(minutes=5))
    assert problem.code == "in_the_past"


def test_an_account_that_needs_reconnecting_is_named(desk: Desk) -> None:
    desk.accounts.mark_state(desk.mastodon.id, AccountState.NEEDS_RECONNECT)
    problem = _refused(desk, "Hello", [desk.bluesky.id, desk.mastodon.id], at(1))
    assert (problem.code, problem.account_id, problem.handle) == (
        "needs_reconnect", desk.mastodon.id, "@shop.mastodon")
    # A draft may wait for the reconnection.
    assert desk.posts().create("Hello", [desk.mastodon.id], at(1), draft=True).targets


def test_an_aware_time_is_required(desk: Desk) -> None:
    with pytest.raises(ValueError):
        desk.posts().create("Hello", [desk.bluesky.id], datetime(2026, 12, 24, 10, 0))


# --- Editing, duplicating, deleting -------------------------------------------------------------


def test_editing_a_failed_target_gives_it_a_new_key_and_leaves_sent_ones_alone(
        desk: Desk) -> None:
    posts, outbox = desk.posts(), desk.outbox()
    record = posts.create("Sale!", [desk.mastodon.id, desk.bluesky.id], at(0, minutes=1))
    desk.on(desk.bluesky).failures = [Rejected("422")]
    desk.clock.advance(minutes=1)
    outbox.send_due()
    failed = next(t for t in posts.get(record.id).targets if t.network is Network.BLUESKY)
    old_key = outbox.get(failed.entry_id).idempotency_key  # type: ignore[union-attr]

    edited = posts.update(record.id, "Sale, today only!", [desk.mastodon.id, desk.bluesky.id],
                          at(2))
    by_network = {t.network: t for t in edited.targets}
    assert by_network[Network.MASTODON].state is OutboxState.SENT
    assert by_network[Network.MASTODON].text == "Sale!"  # what went out stays what went out
    assert by_network[Network.BLUESKY].state is OutboxState.QUEUED
    assert by_network[Network.BLUESKY].text == "Sale, today only!"
    assert outbox.get(failed.entry_id).idempotency_key != old_key  # type: ignore[union-attr]

    desk.clock.now = T0 + timedelta(hours=2)
    outbox.send_due()
    assert posts.get(record.id).state is OutboxState.SENT
    with pytest.raises(PostProblem) as caught:
        posts.update(record.id, "Too late", [desk.bluesky.id], at(3))
    assert caught.value.code == "not_editable"


def test_targets_can_be_added_and_removed_by_an_edit(desk: Desk) -> None:
    posts = desk.posts()
    record = posts.create("Hello", [desk.bluesky.id], at(0, minutes=2))
    both = posts.update(record.id, "Hello", [desk.bluesky.id, desk.mastodon.id],
                        at(0, minutes=2))
    assert {t.network for t in both.targets} == {Network.BLUESKY, Network.MASTODON}
    only = posts.update(record.id, "Hello", [desk.mastodon.id], at(0, minutes=2))
    assert [t.network for t in only.targets] == [Network.MASTODON]


def test_duplicate_is_a_draft_copy_and_delete_removes_the_post(desk: Desk) -> None:
    posts = desk.posts()
    record = posts.create("Hello", [desk.bluesky.id, desk.mastodon.id], at(0, minutes=2),
                          variants={"bluesky": "Hi Bluesky"})
    copy = posts.duplicate(record.id)
    assert copy.id != record.id and copy.state is OutboxState.DRAFT
    assert (copy.text, copy.variants, copy.scheduled_at) == (record.text, record.variants,
                                                             record.scheduled_at)
    assert sorted(copy.account_ids) == sorted(record.account_ids)
    posts.delete(record.id)
    with pytest.raises(PostProblem) as caught:
        posts.get(record.id)
    assert caught.value.code == "not_found"
    with desk.workspace.sessions() as session:
        assert session.scalar(select(func.count()).select_from(OutboxItem)
                              .where(OutboxItem.post_id == record.id)) == 0
    posts.delete(record.id)  # twice: nothing to do


def test_a_target_being_sent_cannot_be_changed(desk: Desk) -> None:
    posts = desk.posts()
    record = posts.create("Hello", [desk.bluesky.id], at(1))
    _claimed_then_power_cut(desk, record.targets[0].entry_id)
    for attempt in (lambda: posts.update(record.id, "Hi", [desk.bluesky.id], at(2)),
                    lambda: posts.delete(record.id),
                    lambda: posts.reschedule(record.id, at(3))):
        with pytest.raises(PostProblem) as caught:
            attempt()
        assert caught.value.code == "not_editable"


# --- The calendar's values ---------------------------------------------------------------------


def test_the_month_lists_chips_in_local_time_with_networks_and_the_worst_state(
        desk: Desk) -> None:
    posts = desk.posts()
    desk.on(desk.mastodon).failures = [ServerError("503")] * 30
    # 2026-12-31 23:30 in Tokyo is still December there, though it is 14:30 UTC.
    new_year = posts.create("良いお年を！\n今年もありがとうございました", [desk.mastodon.id,
                            desk.bluesky.id], datetime(2026, 12, 31, 23, 30, tzinfo=TOKYO))
    january = posts.create("明けましておめでとう", [desk.bluesky.id],
                           datetime(2027, 1, 1, 0, 0, tzinfo=TOKYO))
    draft = posts.create("Idea", [desk.bluesky.id], datetime(2026, 12, 5, 10, 0, tzinfo=TOKYO),
                         draft=True)

    chips = posts.month(2026, 12, TOKYO)
    assert [c.id for c in chips] == [draft.id, new_year.id]
    chip = chips[1]
    assert chip.local == datetime(2026, 12, 31, 23, 30, tzinfo=TOKYO)
    assert chip.first_line == "良いお年を！"
    assert chip.networks == (Network.MASTODON, Network.BLUESKY)
    assert chip.state is OutboxState.QUEUED  # Mastodon's server is down: waits in the app
    assert chips[0].state is OutboxState.DRAFT
    assert [c.id for c in posts.month(2027, 1, TOKYO)] == [january.id]
    # In Berlin the same instant is the afternoon of the 31st; January 1 00:00 Tokyo too.
    assert [c.id for c in posts.month(2026, 12, BERLIN)] == [draft.id, new_year.id, january.id]


def test_worst_state_puts_what_needs_the_owner_first() -> None:
    assert worst_state([OutboxState.SENT, OutboxState.FAILED]) is OutboxState.FAILED
    assert worst_state([OutboxState.SCHEDULED, OutboxState.QUEUED]) is OutboxState.QUEUED
    assert worst_state([OutboxState.SENT, OutboxState.MISSED]) is OutboxState.MISSED
    assert worst_state([]) is OutboxState.DRAFT
