"""The outbox for replies: written before it is sent, sent once, never lost, never doubled.

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

from sqlalchemy import func, select, update
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

# What a draft can be: the reply to a mention that is still being written or on its way.
OPEN_STATES = (OutboxState.DRAFT, OutboxState.QUEUED, OutboxState.SENDING, OutboxState.FAILED)
_OPEN = tuple(state.value for state in OPEN_STATES)

# Passing failures that say the server (not this one reply) is in trouble: the account's other
# queued replies wait as long as this one.
_SERVER_WIDE = frozenset({"RateLimited", "Unreachable", "ServerError"})
# Error kinds of replies that fail without a request, for app.ui.messages to word.
ACCOUNT_REMOVED = "AccountRemoved"
NEEDS_RECONNECT = "NeedsReconnect"


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

    @property
    def changed(self) -> tuple[int, ...]:
        return (*self.sent, *self.failed, *self.retrying)


@dataclass(frozen=True, slots=True)
class _Target:
    """What sending one reply needs, read in the claiming transaction."""

    entry_id: int
    account: AccountSummary
    mention_id: int | None
    parent: str
    text: str
    key: str
    direct: bool
    language: str
    attempts: int
    uncertain: bool  # an earlier try may have reached the network: ask before sending again


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
        """When a queued reply next falls due (perhaps already past); None when none waits."""
        with self._sessions() as session:
            due = session.scalar(
                select(func.min(func.coalesce(OutboxItem.due_at, OutboxItem.updated_at)))
                .where(OutboxItem.kind == OutboxKind.REPLY.value,
                       OutboxItem.state == OutboxState.QUEUED.value))
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
        """Send every reply that is due (or just those in `only`, when they are due). Blocks on
        the network: run it off the UI thread. `cancel` stops it between two replies."""
        now = self._now()
        with self._sessions() as session:
            query = (select(OutboxItem.id)
                     .where(OutboxItem.kind == OutboxKind.REPLY.value,
                            OutboxItem.state == OutboxState.QUEUED.value,
                            (OutboxItem.due_at.is_(None)) | (OutboxItem.due_at <= now))
                     .order_by(OutboxItem.due_at, OutboxItem.id).limit(MAX_PER_PASS))
            if only is not None:
                query = query.where(OutboxItem.id.in_(list(only)))
            due = list(session.scalars(query))
        return self._run(due, OutboxState.QUEUED, cancel)

    def reconcile(self) -> list[int]:
        """At start-up: settle the replies a crash left "sending", so that exactly one of each
        exists and the outbox knows it. Each is looked for on its network (found: sent), else
        sent again with its own key. Returns the ids of the replies it settled."""
        with self._sessions() as session:
            stranded = list(session.scalars(
                select(OutboxItem.id)
                .where(OutboxItem.kind == OutboxKind.REPLY.value,
                       OutboxItem.state == OutboxState.SENDING.value)
                .order_by(OutboxItem.id)))
        if stranded:
            log.info("outbox: %d replies were left sending; settling them", len(stranded))
        report = self._run(stranded, OutboxState.SENDING, None)
        return list(report.changed)

    # The one path every reply takes on its way out ---------------------------------------------
    def _run(self, ids: list[int], claim_from: OutboxState,
             cancel: threading.Event | None) -> OutboxReport:
        sent: list[int] = []
        failed: list[int] = []
        retrying: list[int] = []
        answered: list[int] = []
        connectors: dict[int, Connector] = {}
        try:
            for entry_id in ids:
                if cancel is not None and cancel.is_set():
                    break
                outcome = self._deliver(entry_id, claim_from, connectors)
                if outcome is None:
                    continue
                state, mention_id = outcome
                if state is OutboxState.SENT:
                    sent.append(entry_id)
                    if mention_id is not None:
                        answered.append(mention_id)
                elif state is OutboxState.FAILED:
                    failed.append(entry_id)
                else:
                    retrying.append(entry_id)
        finally:
            for connector in connectors.values():
                connector.close()
        return OutboxReport(tuple(sent), tuple(failed), tuple(retrying), tuple(answered))

    def _deliver(self, entry_id: int, claim_from: OutboxState,
                 connectors: dict[int, Connector]) -> tuple[OutboxState, int | None] | None:
        """Claim one reply, send it, record the answer. None: someone else had it."""
        target = self._claim(entry_id, claim_from)
        if target is None:
            return None
        if isinstance(target, OutboxState):  # failed without a request
            return target, None
        try:
            connector = connectors.get(target.account.id)
            if connector is None:
                connector = self._connector_for(target.account)
                connectors[target.account.id] = connector
            published = None
            if target.uncertain:
                published = connector.find_reply(target.parent, target.key, target.text)
            if published is None:
                published = connector.send_reply(
                    target.parent, target.text, idempotency_key=target.key,
                    direct=target.direct, language=target.language)
        except (AuthExpired, AuthFailed) as failure:
            log.warning("outbox: reply %s: account %s needs reconnecting (%s)", entry_id,
                        target.account.id, type(failure).__name__)
            self._accounts.mark_state(target.account.id, AccountState.NEEDS_RECONNECT,
                                      type(failure).__name__)
            return self._fail(target, type(failure).__name__), None
        except RateLimited as failure:
            wait = timedelta(seconds=failure.retry_after) if failure.retry_after else None
            return self._retry(target, "RateLimited", wait), None
        except NetworkError as failure:
            kind = type(failure).__name__
            if failure.transient or isinstance(failure, BadResponse):
                log.info("outbox: reply %s will be tried again (%s)", entry_id, kind)
                return self._retry(target, kind), None
            log.warning("outbox: reply %s was refused (%s)", entry_id, kind)
            return self._fail(target, kind), None
        except CredentialError:
            log.warning("outbox: reply %s waits for the keyring", entry_id)
            return self._retry(target, "CredentialError"), None
        except Exception:
            # A bug, perhaps after the request left: try again later, asking the network first.
            log.exception("outbox: reply %s failed unexpectedly", entry_id)
            return self._retry(target, "Unexpected"), None
        return self._succeed(target, published), target.mention_id

    def _claim(self, entry_id: int, claim_from: OutboxState
               ) -> _Target | OutboxState | None:
        """Mark the reply "sending" and commit, before any request. A reply whose account can
        no longer send fails here, without a request (OutboxState.FAILED); None when the reply
        is not `claim_from` (or not due) any more: taken back, postponed, or claimed by another
        process."""
        now = self._now()
        with self._sessions.begin() as session:
            row = session.get(OutboxItem, entry_id)
            if row is None or row.state != claim_from.value:
                return None
            if claim_from is OutboxState.QUEUED and row.due_at is not None and row.due_at > now:
                return None
            # Left sending by a crash, or tried before: the reply may exist already.
            uncertain = claim_from is OutboxState.SENDING or row.attempts > 0
            account = session.get(Account, row.account_id) if row.account_id else None
            problem = _account_problem(account)
            if problem is not None:
                row.state = OutboxState.FAILED.value
                row.error = problem
                row.due_at = None
                row.updated_at = now
                return OutboxState.FAILED
            assert account is not None
            target = _Target(
                entry_id=row.id, account=summary_of(account), mention_id=row.in_reply_to_mention_id,
                parent=row.in_reply_to_external_id, text=row.text, key=row.idempotency_key,
                direct=row.direct, language=row.language, attempts=row.attempts + 1,
                uncertain=uncertain)
            # Conditional, so two processes never both claim it.
            claimed = session.execute(
                update(OutboxItem)
                .where(OutboxItem.id == entry_id, OutboxItem.state == claim_from.value)
                .values(state=OutboxState.SENDING.value, attempts=OutboxItem.attempts + 1,
                        updated_at=now))
            if claimed.rowcount == 0:  # type: ignore[attr-defined]
                return None
        return target

    def _succeed(self, target: _Target, published: Published) -> OutboxState:
        now = self._now()
        with self._sessions.begin() as session:
            row = session.get(OutboxItem, target.entry_id)
            if row is not None:
                row.state = OutboxState.SENT.value
                row.remote_id = published.remote_id[:512]
                row.remote_url = published.remote_url[:2048]
                row.error = ""
                row.due_at = None
                row.sent_at = now
                row.updated_at = now
            mention = session.get(Mention, target.mention_id) if target.mention_id else None
            if mention is not None:
                if mention.first_response_at is None:
                    mention.first_response_at = now
                if mention.state == TriageState.NEW.value:
                    mention.state = TriageState.DONE.value
        log.info("outbox: reply %s sent", target.entry_id)
        return OutboxState.SENT

    def _fail(self, target: _Target, kind: str) -> OutboxState:
        with self._sessions.begin() as session:
            session.execute(
                update(OutboxItem).where(OutboxItem.id == target.entry_id)
                .values(state=OutboxState.FAILED.value, error=kind, due_at=None,
                        updated_at=self._now()))
        return OutboxState.FAILED

    def _retry(self, target: _Target, kind: str, wait: timedelta | None = None
               ) -> OutboxState:
        """Back to the queue after a passing failure, or failed once it has kept failing."""
        if target.attempts >= MAX_ATTEMPTS:
            log.warning("outbox: reply %s gave up after %d tries", target.entry_id,
                        target.attempts)
            return self._fail(target, kind)
        if wait is None:
            wait = FIRST_RETRY * 2 ** min(target.attempts - 1, 16)
        wait = min(max(wait, timedelta(seconds=1)), MAX_BACKOFF)
        now = self._now()
        due = now + wait
        with self._sessions.begin() as session:
            session.execute(
                update(OutboxItem).where(OutboxItem.id == target.entry_id)
                .values(state=OutboxState.QUEUED.value, error=kind, due_at=due, updated_at=now))
            if kind not in _SERVER_WIDE:
                return OutboxState.QUEUED
            # The account's other replies would meet the same server: they wait as long.
            session.execute(
                update(OutboxItem)
                .where(OutboxItem.account_id == target.account.id,
                       OutboxItem.state == OutboxState.QUEUED.value,
                       OutboxItem.id != target.entry_id,
                       (OutboxItem.due_at.is_(None)) | (OutboxItem.due_at < due))
                .values(due_at=due))
        return OutboxState.QUEUED


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
        updated_at=as_utc(row.updated_at), sent_at=as_utc(row.sent_at) if row.sent_at else None)
