"""The outbox for replies and posts: written before it is sent, sent once, never lost, never
doubled.

A reply lives in one row from the first keystroke to the network's answer:

    draft --send()--> queued --(due: the undo window, then any back-off)--> sending --> sent
      ^                 |                                                        \\--> failed
      \\----undo()------/                                        (edit: draft again, new key)

- `send()` checks the reply, then writes its text, idempotency key, state and due time in one
  transaction. Nothing goes out before `due_at`: the owner can take it back until then.
- `send_due()` claims each due reply (queued -> sending, committed) BEFORE the request leaves,
  so a crash while sending leaves a row that says so. The network gets the reply's idempotency
  key: Mastodon keeps it as a header, Bluesky turns it into the record key.
- `reconcile()` runs at start-up on rows a crash left "sending": it asks the network whether
  the reply exists (`Connector.find_reply`), and sends again with the SAME key only if not.
  Every retry asks first too (an earlier answer may have been lost after the post was made),
  since Mastodon forgets idempotency keys after an hour.
- Passing failures (offline, 5xx, 429) wait and try again with a growing, bounded back-off
  (a server's Retry-After is honoured); refusals (validation, a deleted original, refused
  credentials) fail with their kind kept, for app.ui.messages to put in words, and the text
  stays for the owner to edit and send again.

Planned posts (kind "post", one item per target account of an app.services.posts post) take
the same path, with their own time, `scheduled_at`:

    queued (due_at = scheduled_at) --due--> sending --> sent           (the app publishes it)
    queued (due now) --> sending --> scheduled --its time--> sent       (the server publishes it)
    queued, its time more than MISSED_AFTER ago --> missed              (never silently late)

- A Mastodon target at least SERVER_LEAD (5 minutes) ahead is handed to the server as soon as
  the outbox sees it (`publish(..., scheduled_at=)`), so it goes out with the computer off;
  closer than that it stays in the app, as every Bluesky target does.
- A post the server holds is checked once its time has passed (`Connector.find_post` with its
  ScheduledStatus id): gone from the server's schedule means published; the status is looked
  for by its text, and when it cannot be found the item is marked sent without a link.
- A queued post whose time passed more than MISSED_AFTER before a pass (the app was closed, or
  a long outage) becomes "missed" instead of going out late; app.services.posts offers Post
  now / Reschedule / Discard. A post that may already have left (tried before) is looked for
  first, so "missed" never hides one that was published.

Every method opens its own short sessions, so the UI's database worker, the network pool and
the command line may all use one service. Only frozen OutboxEntry values leave it.
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session, sessionmaker

from app.core.connector import Published
from app.core.model import (
    AccountState,
    AccountSummary,
    Network,
    OutboxEntry,
    OutboxKind,
    OutboxState,
    TriageState,
)
from app.core.textcount import TextCount, count, rules_for
from app.core.timefmt import as_utc, utc_now
from app.credentials import CredentialError
from app.networks.base import Connector
from app.networks.errors import (
    AuthExpired,
    AuthFailed,
    BadResponse,
    NetworkError,
    RateLimited,
    Rejected,
)
from app.services.accounts import AccountsService, summary_of
from app.storage.models import Account, Mention, OutboxItem

log = logging.getLogger(__name__)

ConnectorFor = Callable[[AccountSummary], Connector]

FIRST_RETRY = timedelta(seconds=30)  # after the first passing failure; doubles each time
MAX_BACKOFF = timedelta(hours=1)  # the longest wait between two tries, Retry-After included
MAX_ATTEMPTS = 20  # tries before a reply that keeps failing for passing reasons fails for good
MAX_PER_PASS = 50  # replies sent by one send_due call; the next call takes the rest
MAX_TEXT_CHARS = 100_000  # a draft is bounded, whatever is pasted into it

MISSED_AFTER = timedelta(minutes=10)  # a post this late is never published without the owner
SERVER_LEAD = timedelta(minutes=5)  # Mastodon schedules only posts at least this far ahead
CLOCK_SKEW = timedelta(minutes=2)  # how far the server's clock may be from ours
CHECK_AFTER = timedelta(minutes=1)  # a post the server holds is checked this long after its time

# What a draft can be: the reply to a mention that is still being written or on its way.
OPEN_STATES = (OutboxState.DRAFT, OutboxState.QUEUED, OutboxState.SENDING, OutboxState.FAILED)
_OPEN = tuple(state.value for state in OPEN_STATES)

# Passing failures that say the server (not this one reply) is in trouble: the account's other
# queued replies wait as long as this one.
_SERVER_WIDE = frozenset({"RateLimited", "Unreachable", "ServerError"})
# Error kinds of replies that fail without a request, for app.ui.messages to word.
ACCOUNT_REMOVED = "AccountRemoved"
NEEDS_RECONNECT = "NeedsReconnect"

# Work the outbox has: queued replies and posts, and posts the server holds (to be checked).
_WAITING = or_(OutboxItem.state == OutboxState.QUEUED.value,
               (OutboxItem.kind == OutboxKind.POST.value)
               & (OutboxItem.state == OutboxState.SCHEDULED.value))


class ReplyProblem(Exception):
    """Why a reply cannot be saved or sent as it is; `code` names it for app.ui.messages:

    "empty" (nothing but spaces), "too_long" (`count` says by how much), "no_account" (the
    account was removed), "needs_reconnect", "mention_gone", "cannot_reply" (a feed, or a
    network that takes no replies), "no_direct" (the network has no direct messages), and
    "not_editable" (the reply is already on its way; undo it first, if there is still time).
    """

    def __init__(self, code: str, *, count: TextCount | None = None) -> None:
        super().__init__(code)
        self.code = code
        self.count = count


@dataclass(frozen=True, slots=True)
class OutboxReport:
    """What one send_due pass changed, so screens redraw only that."""

    sent: tuple[int, ...] = ()
    failed: tuple[int, ...] = ()
    retrying: tuple[int, ...] = ()
    mention_ids: tuple[int, ...] = ()  # mentions now answered (first response, done)
    scheduled: tuple[int, ...] = ()  # posts the server now holds
    missed: tuple[int, ...] = ()  # posts whose time passed without them
    post_ids: tuple[int, ...] = ()  # the posts (app.services.posts) any of these belong to

    @property
    def changed(self) -> tuple[int, ...]:
        return (*self.sent, *self.failed, *self.retrying, *self.scheduled, *self.missed)


@dataclass(frozen=True, slots=True)
class _Target:
    """What sending one reply or post needs, read in the claiming transaction."""

    entry_id: int
    kind: OutboxKind
    account: AccountSummary
    mention_id: int | None
    post_id: int | None
    parent: str
    text: str
    key: str
    direct: bool
    language: str
    attempts: int
    uncertain: bool  # an earlier try may have reached the network: ask before sending again
    scheduled_at: datetime | None = None  # posts: when it is to appear (naive UTC)
    since: datetime | None = None  # posts: published no earlier than this (aware UTC)
    can_schedule: bool = False  # the account's server publishes posts at a given time


@dataclass(frozen=True, slots=True)
class _Outcome:
    state: OutboxState
    mention_id: int | None = None
    post_id: int | None = None


@dataclass(frozen=True, slots=True)
class _Held:
    """A post the server holds, as checking it needs."""

    entry_id: int
    post_id: int | None
    account: AccountSummary
    key: str
    text: str
    remote_id: str
    scheduled_at: datetime  # naive UTC


class OutboxService:
    def __init__(self, sessions: sessionmaker[Session], accounts: AccountsService,
                 connector_for: ConnectorFor, *,
                 clock: Callable[[], datetime] = utc_now) -> None:
        self._sessions = sessions
        self._accounts = accounts
        self._connector_for = connector_for
        self._clock = clock

    def _now(self) -> datetime:
        """Stored times are naive UTC."""
        return as_utc(self._clock()).replace(tzinfo=None)

    # Reading -----------------------------------------------------------------------------------
    def get(self, entry_id: int) -> OutboxEntry | None:
        with self._sessions() as session:
            row = session.get(OutboxItem, entry_id)
            return _entry(row) if row is not None else None

    def draft_for(self, mention_id: int) -> OutboxEntry | None:
        """The mention's reply being written, queued, sending or failed (never a sent one)."""
        with self._sessions() as session:
            row = _open_for(session, mention_id)
            return _entry(row) if row is not None else None

    def entries(self, states: Iterable[OutboxState], *, limit: int = 500) -> list[OutboxEntry]:
        """Replies in these states, the most recently changed first."""
        wanted = [OutboxState(state).value for state in states]
        with self._sessions() as session:
            rows = session.scalars(
                select(OutboxItem).where(OutboxItem.kind == OutboxKind.REPLY.value,
                                         OutboxItem.state.in_(wanted))
                .order_by(OutboxItem.updated_at.desc(), OutboxItem.id.desc()).limit(limit))
            return [_entry(row) for row in rows]

    def next_due(self) -> datetime | None:
        """When the outbox next has work (perhaps already past): a queued reply or post falls
        due, or a post the server holds is to be checked. None when nothing waits."""
        with self._sessions() as session:
            due = session.scalar(
                select(func.min(func.coalesce(OutboxItem.due_at, OutboxItem.updated_at)))
                .where(_WAITING))
            return as_utc(due) if due is not None else None

    # Drafts ------------------------------------------------------------------------------------
    def save_draft(self, mention_id: int, text: str, *, direct: bool = False,
                   language: str = "") -> OutboxEntry:
        """Keep what the owner has typed so far (the UI calls this as they type, debounced).

        One open reply per mention: this updates it, or starts one. A failed reply being edited
        becomes a draft again, with a new idempotency key (the failed try posted nothing).
        Raises ReplyProblem "mention_gone", or "not_editable" while the reply is on its way."""
        now = self._now()
        with self._sessions.begin() as session:
            _mention, row = _editable(session, mention_id, now)
            row.state = OutboxState.DRAFT.value
            row.text = text[:MAX_TEXT_CHARS]
            row.direct = direct
            row.language = language[:16]
            row.updated_at = now
            session.flush()
            return _entry(row)

    def discard_draft(self, mention_id: int) -> None:
        """Throw away the mention's unsent reply (a draft, or one that failed). A reply on its
        way cannot be discarded: undo it first. Raises ReplyProblem("not_editable") then."""
        with self._sessions.begin() as session:
            row = _open_for(session, mention_id)
            if row is None:
                return
            if row.state in (OutboxState.QUEUED.value, OutboxState.SENDING.value):
                raise ReplyProblem("not_editable")
            session.delete(row)

    # Sending -----------------------------------------------------------------------------------
    def send(self, mention_id: int, text: str, *, direct: bool = False, language: str = "",
             delay: timedelta = timedelta(0)) -> OutboxEntry:
        """Check the reply, then queue it to leave after `delay` (the undo window).

        Text, idempotency key, state and due time are written in one transaction, so from here
        on the reply exists until it is sent or the owner takes it back. Raises ReplyProblem
        (see its codes); nothing is written then, and any draft stays as it was."""
        if not text.strip():
            raise ReplyProblem("empty")
        if len(text) > MAX_TEXT_CHARS:
            raise ReplyProblem("too_long")
        now = self._now()
        with self._sessions.begin() as session:
            mention, row = _editable(session, mention_id, now)
            _check(session.get(Account, mention.account_id), text, direct)
            row.account_id = mention.account_id
            row.in_reply_to_external_id = mention.external_id
            row.text = text
            row.direct = direct
            row.language = language[:16]
            row.state = OutboxState.QUEUED.value
            row.due_at = now + max(delay, timedelta(0))
            row.attempts = 0
            row.error = ""
            row.updated_at = now
            session.flush()
            return _entry(row)

    def undo(self, entry_id: int) -> OutboxEntry | None:
        """Take a reply back while it still waits out its undo window: it is a draft again.
        None when it is too late (it has been tried, or is no longer queued)."""
        now = self._now()
        with self._sessions.begin() as session:
            changed = session.execute(
                update(OutboxItem)
                .where(OutboxItem.id == entry_id, OutboxItem.state == OutboxState.QUEUED.value,
                       OutboxItem.attempts == 0)
                .values(state=OutboxState.DRAFT.value, due_at=None, updated_at=now))
            if changed.rowcount == 0:  # type: ignore[attr-defined]
                return None
            row = session.get(OutboxItem, entry_id)
            return _entry(row) if row is not None else None

    def send_due(self, *, cancel: threading.Event | None = None,
                 only: Collection[int] | None = None) -> OutboxReport:
        """Send every reply and post that is due (or just those in `only`, when they are due),
        check the posts the server holds whose time has passed, and mark missed the posts whose
        time passed too long ago. Blocks on the network: run it off the UI thread. `cancel`
        stops it between two items."""
        now = self._now()
        missed = self._mark_missed(now, only)
        with self._sessions() as session:
            query = (select(OutboxItem.id, OutboxItem.state)
                     .where(_WAITING, (OutboxItem.due_at.is_(None)) | (OutboxItem.due_at <= now))
                     .order_by(OutboxItem.due_at, OutboxItem.id).limit(MAX_PER_PASS))
            if only is not None:
                query = query.where(OutboxItem.id.in_(list(only)))
            due = [(entry_id, OutboxState(state)) for entry_id, state in session.execute(query)]
        return _with_missed(self._run(due, cancel), missed)

    def reconcile(self) -> list[int]:
        """At start-up: settle what a crash or a closed app left behind, so that exactly one of
        each reply and post exists and the outbox knows it. Items left "sending" are looked for
        on their network (found: sent), else sent again with their own key (a post whose time
        is long past becomes missed instead); queued posts whose time passed more than
        MISSED_AFTER ago become missed; posts the server held past their time are checked.
        Returns the ids of the items it settled."""
        now = self._now()
        missed = self._mark_missed(now, None)
        with self._sessions() as session:
            stranded = [(entry_id, OutboxState.SENDING) for entry_id in session.scalars(
                select(OutboxItem.id).where(OutboxItem.state == OutboxState.SENDING.value)
                .order_by(OutboxItem.id))]
            held = [(entry_id, OutboxState.SCHEDULED) for entry_id in session.scalars(
                select(OutboxItem.id)
                .where(OutboxItem.kind == OutboxKind.POST.value,
                       OutboxItem.state == OutboxState.SCHEDULED.value,
                       OutboxItem.scheduled_at <= now)
                .order_by(OutboxItem.id))]
        if stranded:
            log.info("outbox: %d items were left sending; settling them", len(stranded))
        report = _with_missed(self._run(stranded + held, None, force=True), missed)
        return list(report.changed)

    # The one path every reply and post takes on its way out -----------------------------------
    def _run(self, items: list[tuple[int, OutboxState]], cancel: threading.Event | None, *,
             force: bool = False) -> OutboxReport:
        found: dict[OutboxState, list[int]] = {}
        answered: list[int] = []
        posts: list[int] = []
        connectors: dict[int, Connector] = {}
        try:
            for entry_id, state in items:
                if cancel is not None and cancel.is_set():
                    break
                if state is OutboxState.SCHEDULED:
                    outcome = self._check_held(entry_id, connectors, force=force)
                else:
                    outcome = self._deliver(entry_id, state, connectors)
                if outcome is None:
                    continue
                found.setdefault(outcome.state, []).append(entry_id)
                if outcome.state is OutboxState.SENT and outcome.mention_id is not None:
                    answered.append(outcome.mention_id)
                if outcome.post_id is not None and outcome.post_id not in posts:
                    posts.append(outcome.post_id)
        finally:
            for connector in connectors.values():
                connector.close()
        return OutboxReport(
            sent=tuple(found.get(OutboxState.SENT, ())),
            failed=tuple(found.get(OutboxState.FAILED, ())),
            retrying=tuple(found.get(OutboxState.QUEUED, ())),
            mention_ids=tuple(answered),
            scheduled=tuple(found.get(OutboxState.SCHEDULED, ())),
            missed=tuple(found.get(OutboxState.MISSED, ())),
            post_ids=tuple(posts))

    def _connector(self, account: AccountSummary, connectors: dict[int, Connector]
                   ) -> Connector:
        connector = connectors.get(account.id)
        if connector is None:
            connector = self._connector_for(account)
            connectors[account.id] = connector
        return connector

    def _deliver(self, entry_id: int, claim_from: OutboxState,
                 connectors: dict[int, Connector]) -> _Outcome | None:
        """Claim one reply or post, send it, record the answer. None: someone else had it."""
        target = self._claim(entry_id, claim_from)
        if target is None or isinstance(target, _Outcome):  # failed without a request
            return target
        what = target.kind.value
        try:
            connector = self._connector(target.account, connectors)
            if target.kind is OutboxKind.POST:
                return self._publish(target, connector)
            published = None
            if target.uncertain:
                published = connector.find_reply(target.parent, target.key, target.text)
            if published is None:
                published = connector.send_reply(
                    target.parent, target.text, idempotency_key=target.key,
                    direct=target.direct, language=target.language)
        except (AuthExpired, AuthFailed) as failure:
            log.warning("outbox: %s %s: account %s needs reconnecting (%s)", what, entry_id,
                        target.account.id, type(failure).__name__)
            self._accounts.mark_state(target.account.id, AccountState.NEEDS_RECONNECT,
                                      type(failure).__name__)
            return self._fail(target, type(failure).__name__)
        except RateLimited as failure:
            wait = timedelta(seconds=failure.retry_after) if failure.retry_after else None
            return self._retry(target, "RateLimited", wait)
        except NetworkError as failure:
            kind = type(failure).__name__
            if failure.transient or isinstance(failure, BadResponse):
                log.info("outbox: %s %s will be tried again (%s)", what, entry_id, kind)
                return self._retry(target, kind)
            log.warning("outbox: %s %s was refused (%s)", what, entry_id, kind)
            return self._fail(target, kind)
        except CredentialError:
            log.warning("outbox: %s %s waits for the keyring", what, entry_id)
            return self._retry(target, "CredentialError")
        except Exception:
            # A bug, perhaps after the request left: try again later, asking the network first.
            log.exception("outbox: %s %s failed unexpectedly", what, entry_id)
            return self._retry(target, "Unexpected")
        return self._succeed(target, published)

    def _publish(self, target: _Target, connector: Connector) -> _Outcome:
        """A post's way out: found if it may have left already; missed when far too late; to
        the server when it schedules and the time is far enough ahead; kept in the app until
        its time when it is not due yet; else published now."""
        if target.uncertain:
            found = connector.find_post(target.key, target.text,
                                        since=target.since or as_utc(self._now()))
            if found is not None:
                return self._succeed(target, found)
        now = self._now()
        at = target.scheduled_at or now
        if now > at + MISSED_AFTER:
            return self._settle(target, OutboxState.MISSED)
        ahead = at - now
        if target.can_schedule and ahead >= SERVER_LEAD:
            try:
                published = connector.publish(target.text, idempotency_key=target.key,
                                              scheduled_at=as_utc(at), language=target.language)
            except Rejected:
                if ahead >= SERVER_LEAD + CLOCK_SKEW:
                    raise
                # "Too soon" by the server's clock, which runs ahead of ours: the app keeps it.
                log.info("outbox: post %s is too close for the server; the app keeps it",
                         target.entry_id)
                return self._settle(target, OutboxState.QUEUED)
            return self._succeed(target, published)
        if ahead > timedelta(0):
            return self._settle(target, OutboxState.QUEUED)  # the app publishes it at its time
        published = connector.publish(target.text, idempotency_key=target.key,
                                      language=target.language)
        return self._succeed(target, published)

    def _claim(self, entry_id: int, claim_from: OutboxState) -> _Target | _Outcome | None:
        """Mark the item "sending" and commit, before any request. An item whose account can
        no longer send fails here, without a request (an _Outcome); None when the item is not
        `claim_from` (or not due) any more: taken back, postponed, or claimed by another
        process."""
        now = self._now()
        with self._sessions.begin() as session:
            row = session.get(OutboxItem, entry_id)
            if row is None or row.state != claim_from.value:
                return None
            if claim_from is OutboxState.QUEUED and row.due_at is not None and row.due_at > now:
                return None
            # Left sending by a crash, or tried before: it may exist already.
            uncertain = claim_from is OutboxState.SENDING or row.attempts > 0
            account = session.get(Account, row.account_id) if row.account_id else None
            problem = _account_problem(account)
            if problem is not None:
                row.state = OutboxState.FAILED.value
                row.error = problem
                row.due_at = None
                row.updated_at = now
                return _Outcome(OutboxState.FAILED, None, row.post_id)
            assert account is not None
            stored = account.capabilities if isinstance(account.capabilities, dict) else {}
            earliest = row.scheduled_at or row.created_at
            target = _Target(
                entry_id=row.id, kind=OutboxKind(row.kind), account=summary_of(account),
                mention_id=row.in_reply_to_mention_id, post_id=row.post_id,
                parent=row.in_reply_to_external_id, text=row.text, key=row.idempotency_key,
                direct=row.direct, language=row.language, attempts=row.attempts + 1,
                uncertain=uncertain, scheduled_at=row.scheduled_at,
                since=as_utc(earliest - CLOCK_SKEW),
                can_schedule=bool(stored.get("can_schedule", False)))
            # Conditional, so two processes never both claim it.
            claimed = session.execute(
                update(OutboxItem)
                .where(OutboxItem.id == entry_id, OutboxItem.state == claim_from.value)
                .values(state=OutboxState.SENDING.value, attempts=OutboxItem.attempts + 1,
                        updated_at=now))
            if claimed.rowcount == 0:  # type: ignore[attr-defined]
                return None
        return target

    def _succeed(self, target: _Target, published: Published) -> _Outcome:
        now = self._now()
        held = published.scheduled and target.kind is OutboxKind.POST
        with self._sessions.begin() as session:
            row = session.get(OutboxItem, target.entry_id)
            if row is not None:
                row.remote_id = published.remote_id[:512]
                row.remote_url = published.remote_url[:2048]
                row.error = ""
                row.updated_at = now
                if held:
                    row.state = OutboxState.SCHEDULED.value
                    row.due_at = (row.scheduled_at or now) + CHECK_AFTER
                else:
                    row.state = OutboxState.SENT.value
                    row.due_at = None
                    row.sent_at = now
            mention = session.get(Mention, target.mention_id) if target.mention_id else None
            if mention is not None:
                if mention.first_response_at is None:
                    mention.first_response_at = now
                if mention.state == TriageState.NEW.value:
                    mention.state = TriageState.DONE.value
                if mention.handled_at is None:
                    mention.handled_at = now
        if held:
            log.info("outbox: post %s is scheduled on the server", target.entry_id)
            return _Outcome(OutboxState.SCHEDULED, None, target.post_id)
        log.info("outbox: %s %s sent", target.kind.value, target.entry_id)
        return _Outcome(OutboxState.SENT, target.mention_id, target.post_id)

    def _settle(self, target: _Target, state: OutboxState) -> _Outcome:
        """A post that was claimed but not sent: missed (far too late), or back in the queue
        until its time (too close for the server, or not due yet). No request made it, so the
        claim does not count as a try."""
        now = self._now()
        values: dict[str, object] = {"state": state.value, "updated_at": now, "error": "",
                                     "attempts": target.attempts - 1, "due_at": None}
        if state is OutboxState.QUEUED:
            values["due_at"] = max(target.scheduled_at or now, now)
        with self._sessions.begin() as session:
            session.execute(update(OutboxItem).where(OutboxItem.id == target.entry_id)
                            .values(**values))
        if state is OutboxState.MISSED:
            log.info("outbox: post %s missed its time", target.entry_id)
        return _Outcome(state, None, target.post_id)

    def _fail(self, target: _Target, kind: str) -> _Outcome:
        with self._sessions.begin() as session:
            session.execute(
                update(OutboxItem).where(OutboxItem.id == target.entry_id)
                .values(state=OutboxState.FAILED.value, error=kind, due_at=None,
                        updated_at=self._now()))
        return _Outcome(OutboxState.FAILED, None, target.post_id)

    def _retry(self, target: _Target, kind: str, wait: timedelta | None = None
               ) -> _Outcome:
        """Back to the queue after a passing failure, or failed once it has kept failing."""
        if target.attempts >= MAX_ATTEMPTS:
            log.warning("outbox: %s %s gave up after %d tries", target.kind.value,
                        target.entry_id, target.attempts)
            return self._fail(target, kind)
        due = self._now() + _backoff(target.attempts, wait)
        outcome = _Outcome(OutboxState.QUEUED, None, target.post_id)
        with self._sessions.begin() as session:
            session.execute(
                update(OutboxItem).where(OutboxItem.id == target.entry_id)
                .values(state=OutboxState.QUEUED.value, error=kind, due_at=due,
                        updated_at=self._now()))
            if kind not in _SERVER_WIDE:
                return outcome
            # The account's other items would meet the same server: they wait as long.
            session.execute(
                update(OutboxItem)
                .where(OutboxItem.account_id == target.account.id,
                       OutboxItem.state == OutboxState.QUEUED.value,
                       OutboxItem.id != target.entry_id,
                       (OutboxItem.due_at.is_(None)) | (OutboxItem.due_at < due))
                .values(due_at=due))
        return outcome

    # Posts ---------------------------------------------------------------------------------
    def _mark_missed(self, now: datetime, only: Collection[int] | None) -> list[tuple[int, int]]:
        """Queued posts never tried whose time passed more than MISSED_AFTER ago: missed, in
        one statement, without asking any network (nothing of them left). (entry, post) ids."""
        query = (select(OutboxItem.id, OutboxItem.post_id)
                 .where(OutboxItem.kind == OutboxKind.POST.value,
                        OutboxItem.state == OutboxState.QUEUED.value,
                        OutboxItem.attempts == 0,
                        OutboxItem.scheduled_at < now - MISSED_AFTER))
        if only is not None:
            query = query.where(OutboxItem.id.in_(list(only)))
        with self._sessions.begin() as session:
            late = [(entry_id, post_id) for entry_id, post_id in session.execute(query)]
            if late:
                session.execute(
                    update(OutboxItem)
                    .where(OutboxItem.id.in_([entry_id for entry_id, _ in late]),
                           OutboxItem.state == OutboxState.QUEUED.value,
                           OutboxItem.attempts == 0)
                    .values(state=OutboxState.MISSED.value, due_at=None, error="",
                            updated_at=now))
        if late:
            log.info("outbox: %d posts missed their time", len(late))
        return late

    def _check_held(self, entry_id: int, connectors: dict[int, Connector], *,
                    force: bool = False) -> _Outcome | None:
        """A post the server held past its time: still waiting there (checked again later), or
        published (sent, with its link when its status can be found, else without). Never
        claimed: checking sends nothing, so it can never double a post. None: nothing changed.
        `force` checks it even when its next check is not due (at start-up)."""
        now = self._now()
        with self._sessions() as session:
            row = session.get(OutboxItem, entry_id)
            if row is None or row.state != OutboxState.SCHEDULED.value:
                return None
            if not force and row.due_at is not None and row.due_at > now:
                return None
            at, remote_id, post_id = row.scheduled_at or now, row.remote_id, row.post_id
            account = session.get(Account, row.account_id) if row.account_id else None
            problem = _account_problem(account)
            held = _Held(row.id, post_id, summary_of(account), row.idempotency_key, row.text,
                         remote_id, at) if account is not None and problem is None else None
        if problem == ACCOUNT_REMOVED:
            # Nobody left to ask; the server publishes it on its own.
            return self._record_held(entry_id, remote_id, at, None, post_id)
        if held is None:
            return self._wait_held(entry_id, MAX_BACKOFF, problem or "", post_id)
        try:
            connector = self._connector(held.account, connectors)
            found = connector.find_post(held.key, held.text, since=as_utc(at - CLOCK_SKEW),
                                        scheduled_id=held.remote_id)
        except (AuthExpired, AuthFailed) as failure:
            self._accounts.mark_state(held.account.id, AccountState.NEEDS_RECONNECT,
                                      type(failure).__name__)
            return self._wait_held(entry_id, MAX_BACKOFF, type(failure).__name__, held.post_id)
        except (NetworkError, CredentialError) as failure:
            log.info("outbox: post %s could not be checked (%s)", entry_id,
                     type(failure).__name__)
            return self._wait_held(entry_id, _late_wait(now - at), type(failure).__name__,
                                   held.post_id)
        except Exception:
            log.exception("outbox: post %s could not be checked", entry_id)
            return self._wait_held(entry_id, _late_wait(now - at), "Unexpected", held.post_id)
        if found is not None and found.scheduled:
            return self._wait_held(entry_id, _late_wait(now - at), "", held.post_id)
        return self._record_held(entry_id, held.remote_id, at, found, held.post_id)

    def _wait_held(self, entry_id: int, wait: timedelta, error: str,
                   post_id: int | None) -> None:
        now = self._now()
        with self._sessions.begin() as session:
            session.execute(
                update(OutboxItem)
                .where(OutboxItem.id == entry_id,
                       OutboxItem.state == OutboxState.SCHEDULED.value)
                .values(due_at=now + wait, error=error))
        return None

    def _record_held(self, entry_id: int, remote_id: str, at: datetime,
                     found: Published | None, post_id: int | None) -> _Outcome | None:
        """The server published it: sent at its time, linked when its status was found.
        Conditional on the item still being that scheduled copy (it may have just moved)."""
        with self._sessions.begin() as session:
            changed = session.execute(
                update(OutboxItem)
                .where(OutboxItem.id == entry_id,
                       OutboxItem.state == OutboxState.SCHEDULED.value,
                       OutboxItem.remote_id == remote_id)
                .values(state=OutboxState.SENT.value,
                        remote_id=found.remote_id[:512] if found else "",
                        remote_url=found.remote_url[:2048] if found else "",
                        error="", due_at=None, sent_at=at, updated_at=self._now()))
            if changed.rowcount == 0:  # type: ignore[attr-defined]
                return None
        log.info("outbox: post %s was published by the server%s", entry_id,
                 "" if found else " (its status was not found)")
        return _Outcome(OutboxState.SENT, None, post_id)


def _backoff(attempts: int, wait: timedelta | None) -> timedelta:
    if wait is None:
        wait = FIRST_RETRY * 2 ** min(attempts - 1, 16)
    return min(max(wait, timedelta(seconds=1)), MAX_BACKOFF)


def _late_wait(late: timedelta) -> timedelta:
    """How long until a post the server still holds past its time is checked again: as long
    as it is late already, from a minute to an hour, so a stuck server is not asked every
    minute."""
    return min(max(late, CHECK_AFTER), MAX_BACKOFF)


def _with_missed(report: OutboxReport, missed: list[tuple[int, int]]) -> OutboxReport:
    if not missed:
        return report
    posts = list(report.post_ids)
    posts += [post_id for _, post_id in missed if post_id is not None and post_id not in posts]
    return OutboxReport(report.sent, report.failed, report.retrying, report.mention_ids,
                        report.scheduled, (*report.missed, *(e for e, _ in missed)),
                        tuple(dict.fromkeys(posts)))


# Checks --------------------------------------------------------------------------------------

def _check(account: Account | None, text: str, direct: bool) -> None:
    """Whether this account can send this reply now; raises ReplyProblem."""
    problem = _account_problem(account)
    if problem == ACCOUNT_REMOVED:
        raise ReplyProblem("no_account")
    if problem == NEEDS_RECONNECT:
        raise ReplyProblem("needs_reconnect")
    assert account is not None
    network = Network(account.network)
    stored = account.capabilities if isinstance(account.capabilities, dict) else {}
    if network is Network.FEED or not stored.get("can_reply", True):
        raise ReplyProblem("cannot_reply")
    if direct and not stored.get("can_direct_message", network is Network.MASTODON):
        raise ReplyProblem("no_direct")
    rules = rules_for(network, stored)
    if rules is None:
        raise ReplyProblem("cannot_reply")
    counted = count(text, rules)
    if not counted.fits:
        raise ReplyProblem("too_long", count=counted)


def _account_problem(account: Account | None) -> str | None:
    if account is None or account.state == AccountState.REMOVED.value:
        return ACCOUNT_REMOVED
    if account.state == AccountState.NEEDS_RECONNECT.value:
        return NEEDS_RECONNECT
    return None


# Rows ----------------------------------------------------------------------------------------

def _new_key() -> str:
    return uuid.uuid4().hex


def _new_row(mention: Mention, now: datetime) -> OutboxItem:
    return OutboxItem(
        kind=OutboxKind.REPLY.value, account_id=mention.account_id,
        in_reply_to_mention_id=mention.id, in_reply_to_external_id=mention.external_id,
        text="", direct=False, language="", state=OutboxState.DRAFT.value,
        idempotency_key=_new_key(), remote_id="", remote_url="", error="", attempts=0,
        created_at=now, updated_at=now)


def _editable(session: Session, mention_id: int, now: datetime) -> tuple[Mention, OutboxItem]:
    """The mention and its open reply, started when there is none, ready to be written.

    A reply that failed gets a new idempotency key (the failed try posted nothing). Raises
    ReplyProblem "mention_gone", or "not_editable" while the reply is on its way."""
    mention = session.get(Mention, mention_id)
    if mention is None:
        raise ReplyProblem("mention_gone")
    row = _open_for(session, mention_id)
    if row is None:
        row = _new_row(mention, now)
        session.add(row)
    elif row.state in (OutboxState.QUEUED.value, OutboxState.SENDING.value):
        raise ReplyProblem("not_editable")
    elif row.state == OutboxState.FAILED.value:
        row.idempotency_key = _new_key()
        row.attempts = 0
        row.error = ""
    return mention, row


def _open_for(session: Session, mention_id: int) -> OutboxItem | None:
    return session.scalar(
        select(OutboxItem)
        .where(OutboxItem.kind == OutboxKind.REPLY.value,
               OutboxItem.in_reply_to_mention_id == mention_id,
               OutboxItem.state.in_(_OPEN))
        .order_by(OutboxItem.id.desc()).limit(1))


def _entry(row: OutboxItem) -> OutboxEntry:
    return OutboxEntry(
        id=row.id, kind=OutboxKind(row.kind), account_id=row.account_id,
        mention_id=row.in_reply_to_mention_id, text=row.text, state=OutboxState(row.state),
        direct=bool(row.direct), language=row.language, idempotency_key=row.idempotency_key,
        due_at=as_utc(row.due_at) if row.due_at else None, remote_id=row.remote_id,
        remote_url=row.remote_url, error=row.error, attempts=row.attempts,
        updated_at=as_utc(row.updated_at), sent_at=as_utc(row.sent_at) if row.sent_at else None,
        post_id=row.post_id)
