"""Sync: bring every account's new mentions (and the posts its listening terms find) home.

One pass visits each connected account on a small thread pool, so one slow server never holds
up the others, and one failing account never stops the rest: its error is recorded on the
account (the Accounts screen shows it) and the pass carries on. Refused credentials mark the
account "needs reconnecting"; it is then skipped until the owner reconnects. Accounts that
failed are retried with a growing back-off, and a rate limit is honoured to the second.

Mentions and the cursor that follows them are written in one transaction: after a crash or a
cancelled pass, the next pass fetches again from where the stored mentions end, and storing
the same post twice changes nothing.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy.orm import Session, sessionmaker

from app.core.model import AccountState, AccountSummary
from app.core.timefmt import utc_now
from app.core.triage import FlagRules
from app.credentials import CredentialError
from app.networks.base import Connector
from app.networks.errors import AuthExpired, AuthFailed, NetworkError, RateLimited
from app.services.accounts import AccountsService
from app.storage.mentions import Stored, store_fetched
from app.storage.models import Account
from app.storage.rules import flag_rules

log = logging.getLogger(__name__)

BACKFILL = timedelta(days=14)
MAX_BACKOFF = timedelta(hours=1)
WORKERS = 4
MAX_ROUNDS = 50  # connector calls per account and pass (Mastodon: 20 pages of 80 each)

ConnectorFor = Callable[[AccountSummary], Connector]


class Cancelled(Exception):
    """The pass was cancelled (the app is quitting); what was stored so far stays."""


@dataclass(frozen=True, slots=True)
class AccountResult:
    account_id: int
    new: int = 0
    updated: int = 0
    error: str | None = None  # the failure's kind (AuthExpired, RateLimited...), None if fine
    new_ids: tuple[int, ...] = ()
    updated_ids: tuple[int, ...] = ()
    complaint_ids: tuple[int, ...] = ()  # new mentions the rules flagged as complaints
    skipped: bool = False  # not tried this pass (needs reconnecting, or backing off)


@dataclass(frozen=True, slots=True)
class SyncReport:
    accounts: tuple[AccountResult, ...] = ()

    @property
    def new(self) -> int:
        return sum(a.new for a in self.accounts)

    @property
    def changed_ids(self) -> tuple[int, ...]:
        return tuple(i for a in self.accounts for i in (*a.new_ids, *a.updated_ids))

    @property
    def complaint_ids(self) -> tuple[int, ...]:
        return tuple(i for a in self.accounts for i in a.complaint_ids)

    @property
    def failed(self) -> tuple[AccountResult, ...]:
        return tuple(a for a in self.accounts if a.error)


@dataclass
class _Backoff:
    failures: int = 0
    not_before: datetime | None = None


@dataclass
class _Cursor:
    mentions: dict[str, object] = field(default_factory=dict)
    listen: dict[str, object] = field(default_factory=dict)

    @classmethod
    def read(cls, stored: object) -> _Cursor:
        if not isinstance(stored, dict):
            return cls()
        mentions, listen = stored.get("mentions"), stored.get("listen")
        return cls(mentions if isinstance(mentions, dict) else {},
                   listen if isinstance(listen, dict) else {})


class SyncService:
    def __init__(self, sessions: sessionmaker[Session], accounts: AccountsService,
                 connector_for: ConnectorFor, *, backfill: timedelta = BACKFILL,
                 now: Callable[[], datetime] = utc_now) -> None:
        self._sessions = sessions
        self._accounts = accounts
        self._connector_for = connector_for
        self._backfill = backfill
        self._now = now
        self._backoff: dict[int, _Backoff] = {}
        self._lock = threading.Lock()

    def sync(self, account_id: int | None = None,
             cancel: threading.Event | None = None) -> SyncReport:
        """One pass over every connected account (or just one). Blocks; run it off the UI
        thread. An explicit single account ignores its back-off: the owner asked."""
        cancel = cancel or threading.Event()
        if account_id is not None:
            targets = [self._accounts.get(account_id)]
        else:
            targets = [a for a in self._accounts.list() if a.state is not AccountState.REMOVED]
        with self._sessions() as session:
            rules = flag_rules(session)
        forced = account_id is not None
        if len(targets) <= 1:
            results = [self._one(a, rules, cancel, forced) for a in targets]
        else:
            with ThreadPoolExecutor(WORKERS, thread_name_prefix="sync") as pool:
                results = list(pool.map(lambda a: self._one(a, rules, cancel, forced), targets))
        if cancel.is_set():
            log.info("sync cancelled")
        return SyncReport(tuple(results))

    def _one(self, account: AccountSummary, rules: FlagRules, cancel: threading.Event,
             forced: bool) -> AccountResult:
        if cancel.is_set():
            return AccountResult(account.id, skipped=True)
        if account.state is AccountState.NEEDS_RECONNECT and not forced:
            return AccountResult(account.id, error="NeedsReconnect", skipped=True)
        now = self._now()
        with self._lock:
            backoff = self._backoff.get(account.id)
        if not forced and backoff and backoff.not_before and now < backoff.not_before:
            return AccountResult(account.id, error=account.last_error or "Backoff", skipped=True)
        try:
            stored = self._fetch_and_store(account, rules, cancel, now)
        except Cancelled:
            return AccountResult(account.id, skipped=True)
        except (AuthExpired, AuthFailed) as failure:
            log.warning("account %s: credentials refused (%s)", account.id,
                        type(failure).__name__)
            self._accounts.mark_state(account.id, AccountState.NEEDS_RECONNECT,
                                      type(failure).__name__)
            return AccountResult(account.id, error=type(failure).__name__)
        except (NetworkError, CredentialError) as failure:
            # A locked or missing keyring is the machine's state, not a bug: the account shows
            # it in words, and the next pass tries again after the usual back-off.
            log.warning("account %s: sync failed (%s)", account.id, type(failure).__name__)
            self._record_failure(account.id, failure, now)
            self._accounts.mark_state(account.id, AccountState.ERROR, type(failure).__name__)
            return AccountResult(account.id, error=type(failure).__name__)
        except Exception as failure:  # a bug must not stop the other accounts
            log.exception("account %s: sync failed unexpectedly", account.id)
            self._record_failure(account.id, failure, now)
            self._accounts.mark_state(account.id, AccountState.ERROR, "Unexpected")
            return AccountResult(account.id, error="Unexpected")
        with self._lock:
            self._backoff.pop(account.id, None)
        return AccountResult(
            account.id, new=len(stored.new_ids), updated=len(stored.updated_ids),
            new_ids=tuple(stored.new_ids), updated_ids=tuple(stored.updated_ids),
            complaint_ids=tuple(stored.complaint_ids))

    def _record_failure(self, account_id: int, failure: BaseException, now: datetime) -> None:
        with self._lock:
            backoff = self._backoff.setdefault(account_id, _Backoff())
            backoff.failures += 1
            wait = min(MAX_BACKOFF, timedelta(minutes=2 ** (backoff.failures - 1)))
            if isinstance(failure, RateLimited) and failure.retry_after:
                wait = max(timedelta(seconds=failure.retry_after), timedelta(seconds=1))
            backoff.not_before = now + wait

    def _fetch_and_store(self, account: AccountSummary, rules: FlagRules,
                         cancel: threading.Event, now: datetime) -> Stored:
        with self._sessions() as session:
            row = session.get(Account, account.id)
            cursor = _Cursor.read(row.sync_cursor if row else None)
            listen = dict(row.listen or {}) if row else {}
        since = now - self._backfill
        connector = self._connector_for(account)
        stored = Stored()
        # Each batch is stored with the cursor that follows it, so a long backlog is saved as
        # it comes and a cancelled pass keeps what it fetched. A batch is written on its own
        # thread while the next one downloads: SQLite and the socket both wait without the
        # interpreter, so a long backlog costs about the longer of the two, not their sum.
        # One writer, one batch at a time: batches and their cursors land in order.
        writer = ThreadPoolExecutor(1, thread_name_prefix="sync-store")
        writing: Future[Stored] | None = None
        try:
            for _round in range(MAX_ROUNDS):
                fetched = connector.fetch_mentions(cursor.mentions, since=since)
                cursor.mentions = fetched.cursor
                if writing is not None:
                    stored.extend(writing.result())
                writing = writer.submit(self._save, account.id, fetched.mentions,
                                        _Cursor(dict(cursor.mentions), dict(cursor.listen)),
                                        rules, now)
                if not fetched.more or cancel.is_set():
                    break
            if writing is not None:
                stored.extend(writing.result())
                writing = None
            terms = tuple(t for t in listen.get("terms", ()) if isinstance(t, str) and t.strip())
            if terms and connector.capabilities.can_listen:
                if cancel.is_set():
                    raise Cancelled
                language = listen.get("language") if isinstance(listen.get("language"),
                                                                 str) else ""
                heard = connector.fetch_keywords(terms, cursor.listen, since=since,
                                                 language=str(language))
                cursor.listen = heard.cursor
                # The shop's own posts with its watched hashtag are not something to answer.
                own = account.handle.casefold().lstrip("@")
                others = [m for m in heard.mentions
                          if m.author_handle.casefold().lstrip("@") != own]
                stored.extend(self._save(account.id, others, cursor, rules, now))
        finally:
            # A failed download still leaves the batches before it stored.
            writer.shutdown(wait=True)
            connector.close()
        return stored

    def _save(self, account_id: int, mentions: object, cursor: _Cursor, rules: FlagRules,
              now: datetime) -> Stored:
        naive_now = now.replace(tzinfo=None)
        with self._sessions.begin() as session:
            stored = store_fetched(session.connection(), account_id, mentions,  # type: ignore[arg-type]
                                   rules, naive_now)
            row = session.get(Account, account_id)
            if row is not None:
                row.sync_cursor = {"mentions": cursor.mentions, "listen": cursor.listen}
                row.last_synced_at = naive_now
                row.state = AccountState.OK.value
                row.last_error = ""
        return stored
