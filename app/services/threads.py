"""The conversation around a mention, fetched from its network when the owner asks for it.

Threads are never stored: they change as people answer, and most mentions are triaged without
one. A small in-memory cache (least recently used first out) keeps the few the owner is working
through, so stepping back and forth between mentions does not ask the server again. Every post's
HTML is sanitized here, before anything can display it.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable

from app.core.connector import FetchedMention
from app.core.model import AccountSummary, ThreadPost
from app.core.sanitize import sanitize_html
from app.networks.base import Connector
from app.networks.errors import NotSupported
from app.services.accounts import AccountsService
from app.services.inbox import InboxService

ConnectorFor = Callable[[AccountSummary], Connector]

CACHE_SIZE = 64
MAX_POSTS = 200  # a server's answer is bounded, whatever it sends


class MentionGone(LookupError):
    """The mention is no longer in the workspace (its account was removed with its mentions)."""


class ThreadService:
    def __init__(self, inbox: InboxService, accounts: AccountsService,
                 connector_for: ConnectorFor, *, cache_size: int = CACHE_SIZE) -> None:
        self._inbox = inbox
        self._accounts = accounts
        self._connector_for = connector_for
        self._cache_size = cache_size
        self._cache: OrderedDict[int, tuple[ThreadPost, ...]] = OrderedDict()
        self._lock = threading.Lock()  # fetches run on several network threads at once

    def cached(self, mention_id: int) -> list[ThreadPost] | None:
        """The thread fetched earlier, without asking the network; None if there is none."""
        with self._lock:
            posts = self._cache.get(mention_id)
            if posts is None:
                return None
            self._cache.move_to_end(mention_id)
            return list(posts)

    def fetch(self, mention_id: int, *, refresh: bool = False) -> list[ThreadPost]:
        """The posts above and below the mention, oldest first. Blocks on the network: run it
        off the UI thread. Raises NotSupported for networks without conversations (feeds),
        MentionGone, or the connector's NetworkError."""
        if not refresh:
            cached = self.cached(mention_id)
            if cached is not None:
                return cached
        detail = self._inbox.detail(mention_id)
        if detail is None:
            raise MentionGone(mention_id)
        if not detail.can_fetch_thread:
            raise NotSupported("this network has no conversations")
        connector = self._connector_for(self._accounts.get(detail.account_id))
        try:
            fetched = connector.fetch_thread(detail.external_id)
        finally:
            connector.close()
        posts = tuple(_post(item, detail.external_id) for item in fetched[:MAX_POSTS])
        with self._lock:
            self._cache[mention_id] = posts
            self._cache.move_to_end(mention_id)
            while len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
        return list(posts)

    def forget(self, mention_id: int | None = None) -> None:
        """Drop one cached thread (or all of them), so the next fetch asks the network."""
        with self._lock:
            if mention_id is None:
                self._cache.clear()
            else:
                self._cache.pop(mention_id, None)


def _post(item: FetchedMention, this_mention: str) -> ThreadPost:
    return ThreadPost(
        external_id=item.external_id,
        author_handle=item.author_handle,
        author_name=item.author_name,
        text=item.text,
        html=sanitize_html(item.html),
        url=item.url,
        created_at=item.created_at,
        is_this_mention=item.external_id == this_mention,
    )
