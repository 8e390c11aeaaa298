"""Planned posts: one text for several accounts, placed on the calendar, out on time.

A post (app.storage.models.Post) holds the common text, per-network variants, its time (UTC)
and the owner's zone; each target account gets one outbox item (kind "post") that the outbox
(app.services.outbox) publishes with the same never-twice guarantee as replies. This service
writes posts and their items and answers the calendar; the outbox does the publishing.

- Checks come first and raise PostProblem; nothing is written then.
- A Mastodon target at least SERVER_LEAD ahead is handed to the server at once (the outbox's
  pass, run here right after writing), so it goes out with the computer off. Moving it moves it
  there (PUT), editing its text replaces it there (delete, then a new post with a new key), and
  deleting the post deletes it there; a server that cannot be reached then raises
  PostProblem("server") and the post is left as it was (or, after a partial change, as a
  consistent mix of old and new, never lost).
- Sent targets are history: edits, moves and Post Now leave them alone.

Methods that write may talk to the network (targets due now, or held by the server): call them
off the UI thread (the network pool). Reads (get, month, week, missed...) only read the database.
Only frozen values (app.core.model.PostRecord, PostChip, PostTarget) leave the service.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session, sessionmaker

from app.core.connector import Published, TextRules
from app.core.localtime import days_range_utc, month_range_utc, to_local
from app.core.model import (
    AccountState,
    AccountSummary,
    Network,
    OutboxKind,
    OutboxState,
    PostChip,
    PostRecord,
    PostTarget,
)
from app.core.replytext import guess_language
from app.core.textcount import TextCount, count, rules_for
from app.core.timefmt import as_utc, utc_now
from app.credentials import CredentialError
from app.networks.base import Connector
from app.networks.errors import AuthExpired, AuthFailed, NetworkError, NotFound, Rejected
from app.services.accounts import AccountsService, summary_of
from app.services.outbox import (
    CHECK_AFTER,
    CLOCK_SKEW,
    MAX_TEXT_CHARS,
    SERVER_LEAD,
    ConnectorFor,
    OutboxService,
)
from app.storage.models import Account, OutboxItem, Post

log = logging.getLogger(__name__)

PAST_GRACE = timedelta(minutes=1)  # "now" picked to the minute is not in the past
FIRST_LINE_CHARS = 120  # of a chip's text; the calendar elides further
VARIANT_NETWORKS = (Network.MASTODON, Network.BLUESKY)

# The worst first: what a post's chip shows is what most needs the owner.
_SEVERITY = (OutboxState.FAILED, OutboxState.MISSED, OutboxState.SENDING, OutboxState.DRAFT,
             OutboxState.QUEUED, OutboxState.SCHEDULED, OutboxState.SENT)
_UNSENT = (OutboxState.DRAFT.value, OutboxState.QUEUED.value, OutboxState.SCHEDULED.value,
           OutboxState.FAILED.value, OutboxState.MISSED.value)


class PostProblem(Exception):
    """Why a post cannot be saved, moved or published as it is; `code` names it for
    app.ui.messages.post_problem:

    "empty" (no text for some target), "no_target" (no account chosen), "account_gone" (an
    account that was removed: `account_id`), "cannot_post" (a feed, or a network that takes no
    posts: `handle`), "needs_reconnect" (`handle` needs connecting again), "too_long" (`handle`
    and `count`: over its network's limit, by how much), "in_the_past" (the time has passed:
    offer Post now), "not_found" (the post is gone), "not_editable" (every target is sent, or
    one is being sent right now), "server" (the server holding a target could not make the
    change: `kind` names the error, `handle` the account).
    """

    def __init__(self, code: str, *, account_id: int | None = None, handle: str = "",
                 network: Network | None = None, count: TextCount | None = None,
                 kind: str = "") -> None:
        super().__init__(code)
        self.code = code
        self.account_id = account_id
        self.handle = handle
        self.network = network
        self.count = count
        self.kind = kind


def worst_state(states: Iterable[OutboxState]) -> OutboxState:
    """The state a post shows: the worst of its targets' (a post without any is a draft)."""
    present = set(states)
    return next((state for state in _SEVERITY if state in present), OutboxState.DRAFT)


def first_line(text: str) -> str:
    line = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return line[:FIRST_LINE_CHARS]


@dataclass(frozen=True, slots=True)
class _Item:
    """An outbox item of a post as an edit sees it, read before any server is asked."""

    id: int
    account_id: int | None
    state: OutboxState
    text: str
    key: str
    remote_id: str
    scheduled_at: datetime | None  # naive UTC


class PostsService:
    def __init__(self, sessions: sessionmaker[Session], accounts: AccountsService,
                 connector_for: ConnectorFor, *,
                 clock: Callable[[], datetime] = utc_now) -> None:
        self._sessions = sessions
        self._accounts = accounts
        self._connector_for = connector_for
        self._clock = clock
        self._outbox = OutboxService(sessions, accounts, connector_for, clock=clock)

    def _now(self) -> datetime:
        """Stored times are naive UTC."""
        return as_utc(self._clock()).replace(tzinfo=None)

    # Reading -----------------------------------------------------------------------------------
    def get(self, post_id: int) -> PostRecord:
        """The post with every target's state. Raises PostProblem("not_found")."""
        with self._sessions() as session:
            post = session.get(Post, post_id)
            if post is None:
                raise PostProblem("not_found")
            return _record(session, post)

    def month(self, year: int, month: int, zone: tzinfo) -> list[PostChip]:
        """Every dated post in that calendar month of `zone`, by time."""
        return self.between(*month_range_utc(year, month, zone), zone)

    def week(self, first_day: date, zone: tzinfo) -> list[PostChip]:
        """Every dated post in the 7 days from `first_day` (the locale's first day of the week),
        by time."""
        return self.between(*days_range_utc(first_day, 7, zone), zone)

    def between(self, start: datetime, end: datetime, zone: tzinfo) -> list[PostChip]:
        """Dated posts from `start` up to `end` (aware), as chips with local times in `zone`.
        One query for posts and targets together: a month of 2,000 posts is one read."""
        start_utc = as_utc(start).replace(tzinfo=None)
        end_utc = as_utc(end).replace(tzinfo=None)
        with self._sessions() as session:
            rows = session.execute(
                select(Post.id, Post.scheduled_at, Post.text, OutboxItem.state, Account.network)
                .outerjoin(OutboxItem, OutboxItem.post_id == Post.id)
                .outerjoin(Account, Account.id == OutboxItem.account_id)
                .where(Post.scheduled_at >= start_utc, Post.scheduled_at < end_utc)
                .order_by(Post.scheduled_at, Post.id)).all()
        chips: dict[int, tuple[datetime, str, set[Network], set[OutboxState]]] = {}
        for post_id, at, text, state, network in rows:
            entry = chips.get(post_id)
            if entry is None:
                entry = chips[post_id] = (at, text, set(), set())
            if state is not None:
                entry[3].add(OutboxState(state))
            if network is not None:
                entry[2].add(Network(network))
        return [PostChip(id=post_id, local=to_local(at, zone), first_line=first_line(text),
                         networks=tuple(n for n in Network if n in networks),
                         state=worst_state(states))
                for post_id, (at, text, networks, states) in chips.items()]

    def missed(self) -> list[PostRecord]:
        """Posts with a target whose time passed while the app was not running (or that could
        not go in time): for the owner to post now, reschedule or discard. Oldest first."""
        with self._sessions() as session:
            posts = session.scalars(
                select(Post).where(Post.id.in_(
                    select(OutboxItem.post_id).where(
                        OutboxItem.kind == OutboxKind.POST.value,
                        OutboxItem.state == OutboxState.MISSED.value)))
                .order_by(Post.scheduled_at, Post.id)).all()
            return [_record(session, post) for post in posts]

    def undated(self) -> list[PostRecord]:
        """Drafts saved without a time (they are on no calendar day)."""
        with self._sessions() as session:
            posts = session.scalars(select(Post).where(Post.scheduled_at.is_(None))
                                    .order_by(Post.updated_at.desc(), Post.id)).all()
            return [_record(session, post) for post in posts]

    # Writing -----------------------------------------------------------------------------------
    def create(self, text: str, account_ids: Iterable[int], at: datetime | None,
               variants: Mapping[Network | str, str] | None = None, draft: bool = False, *,
               zone: str = "") -> PostRecord:
        """Plan a post for these accounts at `at` (aware), or save it as a draft (`draft`, or
        no time at all). Due now: published before this returns; a Mastodon target at least
        5 minutes ahead: handed to its server before this returns. Raises PostProblem.
        `zone` is the owner's IANA zone name, by default `at`'s own when it is a ZoneInfo."""
        draft = draft or at is None
        kept = _variants(variants, text)
        now = self._now()
        at_utc = _naive_utc(at)
        with self._sessions.begin() as session:
            accounts = _accounts(session, account_ids)
            _check(accounts, text, kept, at_utc, draft, now)
            post = Post(text=text, variants=kept, scheduled_at=at_utc,
                        zone=(zone or _zone_name(at))[:64], created_at=now, updated_at=now)
            session.add(post)
            session.flush()
            items = [_new_item(post, account, _text_for(account, text, kept), draft, now)
                     for account in accounts]
            session.add_all(items)
            session.flush()
            post_id = post.id
            due = [item.id for item in items if item.due_at is not None and item.due_at <= now]
        self._push(due)
        return self.get(post_id)

    def update(self, post_id: int, text: str, account_ids: Iterable[int], at: datetime | None,
               variants: Mapping[Network | str, str] | None = None, draft: bool = False, *,
               zone: str = "") -> PostRecord:
        """Save the editor's post as a whole: text, variants, targets and time (or a draft).

        Sent targets stay as they went out. A target the server holds is moved there (same
        text), or replaced there (new text: deleted and made again with a new key), or taken
        back (a draft, too close for the server, or no longer a target). Raises PostProblem;
        nothing is changed then, unless a server answered part of it first (see the module)."""
        draft = draft or at is None
        kept = _variants(variants, text)
        now = self._now()
        at_utc = _naive_utc(at)
        wanted = list(dict.fromkeys(account_ids))
        with self._sessions() as session:
            post = session.get(Post, post_id)
            if post is None:
                raise PostProblem("not_found")
            items = _items(session, post_id)
            sent = {i.account_id for i in items if i.state is OutboxState.SENT}
            if any(i.state is OutboxState.SENDING for i in items) or (
                    items and all(i.state is OutboxState.SENT for i in items)):
                raise PostProblem("not_editable")
            accounts = _accounts(session, [a for a in wanted if a not in sent])
            if accounts or not sent:
                _check(accounts, text, kept, at_utc, draft, now)
            targets = {account.id: account for account in accounts}
            networks = {account.id: Network(account.network) for account in accounts}
        # Servers first: what they hold is moved, replaced or taken back before anything else.
        for item in items:
            if item.state is not OutboxState.SCHEDULED:
                continue
            network = networks.get(item.account_id or -1)
            new_text = _text_for_network(network, text, kept) if network else None
            if new_text is None or draft or new_text != item.text:
                self._take_back(item, now)
            elif at_utc != item.scheduled_at:
                self._move(item, at_utc, now)  # type: ignore[arg-type]  # not a draft: dated
        with self._sessions.begin() as session:
            post = session.get(Post, post_id)
            if post is None:
                raise PostProblem("not_found")
            post.text = text
            post.variants = kept
            post.scheduled_at = at_utc
            post.zone = (zone or _zone_name(at) or post.zone)[:64]
            post.updated_at = now
            due = self._apply(session, post, _items(session, post_id), targets, kept, draft, now)
        self._push(due)
        return self.get(post_id)

    def reschedule(self, post_id: int, at: datetime) -> PostRecord:
        """Move the post to `at` (aware; a drag on the calendar), text and targets unchanged.
        A draft stays a draft at its new time; missed and failed targets are planned again."""
        record = self.get(post_id)
        unsent = [t for t in record.targets if t.state is not OutboxState.SENT]
        draft = not record.targets or (
            bool(unsent) and all(t.state is OutboxState.DRAFT for t in unsent))
        return self.update(post_id, record.text, record.account_ids, at, dict(record.variants),
                           draft=draft, zone=record.zone)

    def post_now(self, post_id: int) -> PostRecord:
        """Publish every unsent target now (a missed post, a draft, or one planned for later):
        published before this returns, or waiting in the outbox after a passing failure."""
        record = self.get(post_id)
        return self.update(post_id, record.text, record.account_ids, as_utc(self._clock()),
                           dict(record.variants), zone=record.zone)

    def duplicate(self, post_id: int) -> PostRecord:
        """A copy as a draft at the same time, for the same accounts (those still connected)."""
        now = self._now()
        with self._sessions.begin() as session:
            post = session.get(Post, post_id)
            if post is None:
                raise PostProblem("not_found")
            account_ids = [i.account_id for i in _items(session, post_id) if i.account_id]
            accounts = [a for a in session.scalars(select(Account).where(
                Account.id.in_(account_ids), Account.state != AccountState.REMOVED.value))]
            copy = Post(text=post.text, variants=dict(post.variants or {}),
                        scheduled_at=post.scheduled_at, zone=post.zone, created_at=now,
                        updated_at=now)
            session.add(copy)
            session.flush()
            kept = _variants(copy.variants, copy.text)
            session.add_all([_new_item(copy, account, _text_for(account, copy.text, kept), True,
                                       now) for account in accounts])
            copy_id = copy.id
        return self.get(copy_id)

    def delete(self, post_id: int) -> None:
        """Delete the post and its targets; what a server holds is deleted there first (a post
        already published stays on its network). Raises PostProblem "not_editable" while a
        target is being sent, "server" when a server could not be asked (nothing deleted)."""
        with self._sessions() as session:
            if session.get(Post, post_id) is None:
                return
            items = _items(session, post_id)
        if any(i.state is OutboxState.SENDING for i in items):
            raise PostProblem("not_editable")
        now = self._now()
        for item in items:
            if item.state is OutboxState.SCHEDULED:
                self._take_back(item, now)
        with self._sessions.begin() as session:
            sending = session.scalar(select(OutboxItem.id).where(
                OutboxItem.post_id == post_id,
                OutboxItem.state == OutboxState.SENDING.value).limit(1))
            if sending is not None:
                raise PostProblem("not_editable")
            session.execute(delete(OutboxItem).where(OutboxItem.post_id == post_id))
            session.execute(delete(Post).where(Post.id == post_id))

    def discard_missed(self, post_id: int) -> PostRecord | None:
        """Give up the targets that missed their time; the post goes with them when nothing
        else is left of it (None then)."""
        with self._sessions.begin() as session:
            session.execute(delete(OutboxItem).where(
                OutboxItem.post_id == post_id, OutboxItem.state == OutboxState.MISSED.value))
            left = session.scalar(select(OutboxItem.id).where(OutboxItem.post_id == post_id)
                                  .limit(1))
            if left is None:
                session.execute(delete(Post).where(Post.id == post_id))
                return None
        return self.get(post_id)

    # Internals ---------------------------------------------------------------------------------
    def _push(self, due: list[int]) -> None:
        """Targets due now (to publish, or to hand to their server) go out before returning;
        what meets a passing failure waits in the outbox, which the app's runner works on."""
        if due:
            self._outbox.send_due(only=due)

    def _apply(self, session: Session, post: Post, items: list[_Item],
               targets: dict[int, Account], kept: dict[str, str], draft: bool,
               now: datetime) -> list[int]:
        """Write the edit to every unsent target (conditionally, so an item claimed meanwhile
        by the outbox is never overwritten), remove those no longer wanted, add the new ones.
        Returns the ids due now."""
        due: list[int] = []
        seen: set[int] = set()
        for item in items:
            if item.state is OutboxState.SENT:
                continue
            account = targets.get(item.account_id or -1)
            if account is None:
                gone = session.execute(delete(OutboxItem).where(
                    OutboxItem.id == item.id, OutboxItem.state == item.state.value))
                if gone.rowcount == 0:  # type: ignore[attr-defined]
                    raise PostProblem("not_editable")
                continue
            seen.add(account.id)
            text = _text_for(account, post.text, kept)
            if item.state is OutboxState.SCHEDULED:
                continue  # moved (or left) on the server already, same text
            state, due_at = _plan(account, draft, post.scheduled_at, now)
            values: dict[str, object] = {
                "text": text, "language": guess_language(text)[:16], "state": state.value,
                "scheduled_at": post.scheduled_at, "due_at": due_at, "error": "",
                "updated_at": now}
            if item.state is OutboxState.FAILED:
                values.update(idempotency_key=_new_key(), attempts=0)  # the try posted nothing
            changed = session.execute(update(OutboxItem).where(
                OutboxItem.id == item.id, OutboxItem.state == item.state.value).values(**values))
            if changed.rowcount == 0:  # type: ignore[attr-defined]
                raise PostProblem("not_editable")
            if due_at is not None and due_at <= now:
                due.append(item.id)
        added = [_new_item(post, account, _text_for(account, post.text, kept), draft, now)
                 for account_id, account in targets.items() if account_id not in seen]
        session.add_all(added)
        session.flush()
        due += [item.id for item in added if item.due_at is not None and item.due_at <= now]
        return due

    def _take_back(self, item: _Item, now: datetime) -> None:
        """Delete the copy a server holds, and keep the target here as a draft of what it was
        (with a new key: a re-made post must not meet the server's memory of the old one). If
        the server no longer holds it and its time has come, it was published: sent."""
        account = self._account_of(item)
        if account is not None:  # an account deleted outright leaves nobody to ask
            try:
                with self._server(account) as connector:
                    connector.cancel_scheduled(item.remote_id)
            except NotFound:
                if self._published_meanwhile(item, account, now):
                    return
        self._write_held(item, state=OutboxState.DRAFT.value, remote_id="", remote_url="",
                         idempotency_key=_new_key(), attempts=0, due_at=None, error="",
                         updated_at=now)

    def _move(self, item: _Item, at: datetime, now: datetime) -> None:
        """Move the copy a server holds to `at`; too close for the server (or refused), it is
        taken back and the app keeps it instead."""
        if at - now < SERVER_LEAD:
            self._take_back(item, now)
            return
        account = self._account_of(item)
        if account is None:
            self._take_back(item, now)
            return
        try:
            with self._server(account) as connector:
                connector.reschedule(item.remote_id, as_utc(at))
        except Rejected:
            log.info("posts: the server refused to move post item %s; the app keeps it",
                     item.id)
            self._take_back(item, now)
            return
        except NotFound:
            if not self._published_meanwhile(item, account, now):
                self._take_back(item, now)  # deleted on the server: made again at the new time
            return
        self._write_held(item, scheduled_at=at, due_at=at + CHECK_AFTER, updated_at=now)

    def _published_meanwhile(self, item: _Item, account: AccountSummary, now: datetime
                             ) -> bool:
        """A held copy the server no longer has: published when its time has come (sent, with
        its link when the status can be found), else deleted there (False)."""
        if item.scheduled_at is None or item.scheduled_at > now + CLOCK_SKEW:
            return False
        found: Published | None = None
        try:
            with self._server(account) as connector:
                found = connector.find_post(item.key, item.text,
                                            since=as_utc(item.scheduled_at - CLOCK_SKEW))
        except (PostProblem, NetworkError):
            found = None  # the link is a nicety; that it went out is known
        self._write_held(item, state=OutboxState.SENT.value,
                         remote_id=found.remote_id[:512] if found and not found.scheduled else "",
                         remote_url=found.remote_url[:2048] if found else "",
                         due_at=None, error="", sent_at=item.scheduled_at, updated_at=now)
        return True

    def _write_held(self, item: _Item, **values: object) -> None:
        with self._sessions.begin() as session:
            session.execute(update(OutboxItem).where(
                OutboxItem.id == item.id, OutboxItem.state == OutboxState.SCHEDULED.value,
                OutboxItem.remote_id == item.remote_id).values(**values))

    def _account_of(self, item: _Item) -> AccountSummary | None:
        with self._sessions() as session:
            account = session.get(Account, item.account_id) if item.account_id else None
            return summary_of(account) if account is not None else None

    def _server(self, account: AccountSummary) -> _ServerCall:
        return _ServerCall(self, account)

    def _connect(self, account: AccountSummary) -> Connector:
        return self._connector_for(account)

    def _needs_reconnect(self, account: AccountSummary, kind: str) -> None:
        self._accounts.mark_state(account.id, AccountState.NEEDS_RECONNECT, kind)


class _ServerCall:
    """`with service._server(account) as connector:` one connector, closed afterwards, and its
    failures as PostProblem: refused credentials mark the account, anything else is "server".
    Rejected and NotFound pass through: the callers decide what they mean."""

    def __init__(self, service: PostsService, account: AccountSummary) -> None:
        self._service = service
        self._account = account
        self._connector: Connector | None = None

    def __enter__(self) -> Connector:
        try:
            self._connector = self._service._connect(self._account)
        except CredentialError:
            raise PostProblem("server", account_id=self._account.id,
                              handle=self._account.handle, kind="CredentialError") from None
        return self._connector

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 _tb: object) -> None:
        if self._connector is not None:
            self._connector.close()
        account = self._account
        if isinstance(exc, AuthExpired | AuthFailed):
            self._service._needs_reconnect(account, type(exc).__name__)
            raise PostProblem("needs_reconnect", account_id=account.id,
                              handle=account.handle) from None
        if isinstance(exc, NetworkError) and not isinstance(exc, Rejected | NotFound):
            raise PostProblem("server", account_id=account.id, handle=account.handle,
                              kind=type(exc).__name__) from None
        if isinstance(exc, CredentialError):
            raise PostProblem("server", account_id=account.id, handle=account.handle,
                              kind="CredentialError") from None


# Checks --------------------------------------------------------------------------------------

def _accounts(session: Session, account_ids: Iterable[int]) -> list[Account]:
    """The target accounts, in the order given, each once; a removed or unknown one is
    PostProblem("account_gone")."""
    accounts = []
    for account_id in dict.fromkeys(account_ids):
        account = session.get(Account, account_id)
        if account is None or account.state == AccountState.REMOVED.value:
            raise PostProblem("account_gone", account_id=account_id)
        accounts.append(account)
    return accounts


def post_rules(account: Account) -> TextRules | None:
    """How the account's network counts a post, or None when it takes no posts from the app
    (a feed, or a server that said it cannot)."""
    network = Network(account.network)
    stored = account.capabilities if isinstance(account.capabilities, dict) else {}
    if network is Network.FEED or not stored.get("can_post", True):
        return None
    return rules_for(network, stored)


def _check(accounts: list[Account], text: str, kept: dict[str, str], at: datetime | None,
           draft: bool, now: datetime) -> None:
    """Whether these accounts can publish this post then; raises PostProblem. A draft only
    needs some text and accounts that can post at all: it is checked again when planned."""
    texts = [_text_for(account, text, kept) for account in accounts] or [text]
    if any(not t.strip() for t in texts):
        raise PostProblem("empty")
    if not accounts and not draft:
        raise PostProblem("no_target")
    for account in accounts:
        if post_rules(account) is None:
            raise PostProblem("cannot_post", account_id=account.id, handle=account.handle,
                              network=Network(account.network))
    if draft:
        if any(len(t) > MAX_TEXT_CHARS for t in texts):
            raise PostProblem("too_long")
        return
    for account in accounts:
        if account.state == AccountState.NEEDS_RECONNECT.value:
            raise PostProblem("needs_reconnect", account_id=account.id, handle=account.handle,
                              network=Network(account.network))
    for account in accounts:
        network = Network(account.network)
        post_text = _text_for(account, text, kept)
        rules = post_rules(account)
        assert rules is not None  # checked above
        counted = count(post_text, rules)
        if not counted.fits or len(post_text) > MAX_TEXT_CHARS:
            raise PostProblem("too_long", account_id=account.id, handle=account.handle,
                              network=network, count=counted)
    if at is not None and at < now - PAST_GRACE:
        raise PostProblem("in_the_past")


# Rows ----------------------------------------------------------------------------------------

def _new_key() -> str:
    return uuid.uuid4().hex


def _naive_utc(at: datetime | None) -> datetime | None:
    if at is None:
        return None
    if at.tzinfo is None:
        raise ValueError("a post's time must be aware (its zone known)")
    return as_utc(at).replace(tzinfo=None, microsecond=0)


def _zone_name(at: datetime | None) -> str:
    key = getattr(at.tzinfo, "key", "") if at is not None else ""
    return key if isinstance(key, str) else ""


def _variants(variants: Mapping[Network | str, str] | None, text: str) -> dict[str, str]:
    """Only the networks that take a variant, and only texts that differ from the common one."""
    kept: dict[str, str] = {}
    for name, value in (variants or {}).items():
        try:
            network = Network(name)
        except ValueError:
            continue
        if network in VARIANT_NETWORKS and isinstance(value, str) and value.strip() \
                and value != text:
            kept[network.value] = value[:MAX_TEXT_CHARS + 1]
    return kept


def _text_for_network(network: Network, text: str, kept: dict[str, str]) -> str:
    return kept.get(network.value) or text


def _text_for(account: Account, text: str, kept: dict[str, str]) -> str:
    return _text_for_network(Network(account.network), text, kept)


def _plan(account: Account, draft: bool, at: datetime | None, now: datetime
          ) -> tuple[OutboxState, datetime | None]:
    """A target's state and due time: a draft waits for nobody; a Mastodon target far enough
    ahead is due now (to be handed to its server); any other waits for its time."""
    if draft or at is None:
        return OutboxState.DRAFT, None
    stored = account.capabilities if isinstance(account.capabilities, dict) else {}
    if stored.get("can_schedule", False) and at - now >= SERVER_LEAD:
        return OutboxState.QUEUED, now
    return OutboxState.QUEUED, at


def _new_item(post: Post, account: Account, text: str, draft: bool, now: datetime
              ) -> OutboxItem:
    state, due_at = _plan(account, draft, post.scheduled_at, now)
    return OutboxItem(
        kind=OutboxKind.POST.value, post_id=post.id, account_id=account.id,
        in_reply_to_external_id="", text=text, direct=False,
        language=guess_language(text)[:16], state=state.value, idempotency_key=_new_key(),
        scheduled_at=post.scheduled_at, due_at=due_at, remote_id="", remote_url="", error="",
        attempts=0, created_at=now, updated_at=now)


def _items(session: Session, post_id: int) -> list[_Item]:
    rows = session.scalars(select(OutboxItem).where(OutboxItem.post_id == post_id)
                           .order_by(OutboxItem.id))
    return [_Item(row.id, row.account_id, OutboxState(row.state), row.text,
                  row.idempotency_key, row.remote_id, row.scheduled_at) for row in rows]


def _record(session: Session, post: Post) -> PostRecord:
    rows = session.execute(
        select(OutboxItem, Account).outerjoin(Account, Account.id == OutboxItem.account_id)
        .where(OutboxItem.post_id == post.id).order_by(OutboxItem.id)).all()
    targets = tuple(
        PostTarget(entry_id=item.id, account_id=item.account_id,
                   network=Network(account.network) if account is not None else None,
                   handle=account.handle if account is not None else "",
                   state=OutboxState(item.state), text=item.text, remote_id=item.remote_id,
                   remote_url=item.remote_url, error=item.error,
                   sent_at=as_utc(item.sent_at) if item.sent_at else None)
        for item, account in rows)
    kept = post.variants if isinstance(post.variants, dict) else {}
    variants = tuple((network, kept[network.value]) for network in VARIANT_NETWORKS
                     if kept.get(network.value))
    return PostRecord(
        id=post.id, text=post.text, variants=variants,
        scheduled_at=as_utc(post.scheduled_at) if post.scheduled_at else None, zone=post.zone,
        state=worst_state(t.state for t in targets), targets=targets,
        created_at=as_utc(post.created_at), updated_at=as_utc(post.updated_at))
