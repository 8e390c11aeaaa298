"""Mastodon (any server, REST v1/v2) behind the Connector protocol.

Mentions come from GET /api/v1/notifications?types[]=mention, paged forward from the newest
notification already seen (min_id; the Link header's rel="prev" points to newer items). The
cursor stored with the account is {"newest_id": "<notification id>"}: ids are opaque strings.
Listening (fetch_keywords) reads hashtag timelines and, for phrases, full-text search.
Facts: /work/shared/reference/social-apis.md §1.4-1.10.

Servers are untrusted: one broken notification or post is skipped with a logged warning and
the rest of its page is kept; a page with nothing usable is a BadResponse. Text and HTML are
cut at MAX_TEXT_CHARS / MAX_HTML_CHARS, a created time in the future is clamped to the time it
was received, and paging never trusts a Link header that points backwards or past its page.
"""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from types import TracebackType
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

import nh3

from app.core.connector import (
    AccountInfo,
    Capabilities,
    FetchedMention,
    FetchResult,
    Published,
    TextRules,
)
from app.core.model import MentionKind, Network
from app.networks.errors import BadResponse, NetworkError, NotFound, Rejected, TooLarge
from app.networks.http import Reply, Transport, check_url

log = logging.getLogger(__name__)

CAPABILITIES = Capabilities(
    can_reply=True,
    can_post=True,
    can_schedule=True,
    can_fetch_thread=True,
    can_direct_message=True,
    can_search=True,  # hashtags; full-text status search depends on the server
    can_listen=True,  # hashtag timelines; phrases through search, where the server has it
)
DEFAULT_MAX_CHARACTERS = 500
DEFAULT_URL_WEIGHT = 23
PAGE_LIMIT = 80  # the most /api/v1/notifications returns per page (4.1+)
STATUS_PAGE_LIMIT = 40  # the most tag timelines, search and scheduled statuses return per page
SCHEDULED_MAX_PAGES = 8  # the server keeps at most 300 scheduled posts per account
OWN_POST_MAX_PAGES = 3  # the account's own recent posts read when looking for one it made
MAX_PAGES = 20  # per fetch_mentions call; the next sync carries on from the cursor
KEYWORD_MAX_PAGES = 5  # per watched term and fetch_keywords call
MAX_TERMS = 40  # watched terms read per call: each costs at least one request
MAX_TERM_CHARS = 200
MAX_TEXT_CHARS = 100_000  # far beyond Mastodon's 500; bounds a fork's (or a hostile) post
MAX_HTML_CHARS = 100_000
FIRST_SYNC_WINDOW = timedelta(days=14)
CURSOR_KEY = "newest_id"
TAGS_KEY = "tags"  # fetch_keywords' cursor: {"tags": {name: status id}, "search": {...}}
SEARCH_KEY = "search"
VISIBILITIES = ("public", "unlisted", "private", "direct")

_MAX_ID_LENGTH = 100
_ID = re.compile(r"^[A-Za-z0-9_-]{1,100}$")
_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,3}$")
# Mastodon's Tag::HASHTAG_NAME_PAT, simplified: word characters and its separators, with at
# least one letter (checked separately).
_HASHTAG = re.compile(r"[\w\u00b7\u30fb\u200c]{1,100}")


@dataclass(frozen=True, slots=True)
class _Item:
    """One entry of a page, as far as paging is concerned."""

    position: str  # the id pages go by: a notification's, or a status's on a timeline
    created_at: datetime | None
    mention: FetchedMention | None  # None: another type, a boost, a deleted or broken post


_PageFetch = Callable[[list[tuple[str, str]], int | None], tuple[Reply, list[Any]]]
_ItemReader = Callable[[Any], _Item]


class MastodonConnector:
    """One Mastodon account on one server, with its access token already at hand."""

    network = Network.MASTODON
    capabilities = CAPABILITIES

    def __init__(self, server_url: str, access_token: str, *,
                 transport: Transport | None = None, account_domain: str | None = None,
                 max_pages: int = MAX_PAGES) -> None:
        self.server_url = check_url(server_url.rstrip("/"))
        if not access_token or any(not c.isascii() or not c.isprintable() or c.isspace()
                                   for c in access_token):
            raise ValueError("the access token is empty or malformed")
        if transport is not None and transport.base_url != self.server_url:
            raise ValueError("the transport talks to another server")
        self._token = access_token
        self._owns_transport = transport is None
        self._transport = transport or Transport(self.server_url)
        # acct is "user" for local accounts: the handle needs the server's account domain.
        self._domain = account_domain or urlsplit(self.server_url).netloc.lower()
        self._max_pages = max(1, max_pages)
        self._rules: TextRules | None = None
        self._visibility: dict[str, str] = {}  # status id → visibility, from statuses seen

    def __repr__(self) -> str:
        return f"MastodonConnector({self.server_url!r})"

    def close(self) -> None:
        if self._owns_transport:
            self._transport.close()

    def __enter__(self) -> MastodonConnector:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    # -- HTTP ---------------------------------------------------------------------------------

    def _headers(self, extra: Mapping[str, str] | None = None) -> dict[str, str]:
        headers = {"Authorization": f"Bearer {self._token}"}
        if extra:
            headers.update(extra)
        return headers

    def _get(self, path: str, params: Any = None, *, authenticated: bool = True) -> Reply:
        # Never follows redirects: the token must not travel to another address.
        return self._transport.request("GET", path, params=params, authenticated=False,
                                       headers=self._headers() if authenticated else None)

    def _post(self, path: str, body: dict[str, Any],
              headers: Mapping[str, str] | None = None) -> dict[str, Any]:
        return self._transport.request("POST", path, json_body=body, authenticated=False,
                                       headers=self._headers(headers)).json_object()

    # -- account and limits -------------------------------------------------------------------

    def verify(self) -> AccountInfo:
        data = self._get("/api/v1/accounts/verify_credentials").json_object()
        account_id = _id(data, "id")
        username = _str(data, "username", limit=100)
        if "@" in username or any(c.isspace() for c in username):
            raise BadResponse("unusable username")
        rules = self._load_instance()
        avatar = _opt_str(data, "avatar_static") or _opt_str(data, "avatar")
        return AccountInfo(
            network=Network.MASTODON,
            handle=f"@{username}@{self._domain}",
            server_url=self.server_url,
            display_name=_opt_str(data, "display_name")[:200],
            avatar_url=_web_url(avatar),
            capabilities=CAPABILITIES,
            text_rules=rules,
            extra={"account_id": account_id, "domain": self._domain},
        )

    def text_rules(self) -> TextRules:
        return self._rules or self._load_instance()

    def _load_instance(self) -> TextRules:
        """GET /api/v2/instance (4.0+), else /api/v1/instance: limits and the account domain."""
        try:
            data = self._get("/api/v2/instance", authenticated=False).json_object()
            domain = data.get("domain")
            statuses = _dig(data, "configuration", "statuses")
            max_chars = statuses.get("max_characters")
        except NotFound:
            data = self._get("/api/v1/instance", authenticated=False).json_object()
            domain = data.get("uri")
            statuses = _dig(data, "configuration", "statuses")
            # Forks (Pleroma, glitch, Hometown) and old servers say max_toot_chars.
            max_chars = statuses.get("max_characters", data.get("max_toot_chars"))
        self._domain = _account_domain(domain, self.server_url) or self._domain
        self._rules = TextRules(
            max_graphemes=_bounded_int(max_chars, DEFAULT_MAX_CHARACTERS, 1, 1_000_000),
            url_weight=_bounded_int(statuses.get("characters_reserved_per_url"),
                                    DEFAULT_URL_WEIGHT, 0, 10_000),
            mentions_count_local_part=True,
        )
        return self._rules

    # -- mentions -----------------------------------------------------------------------------

    def fetch_mentions(self, cursor: dict[str, object], *, since: datetime | None = None
                       ) -> FetchResult:
        """Mentions newer than the cursor; on a first sync (empty cursor), those newer than
        `since` (default: the last 14 days), newest pages first. At most `max_pages` pages.

        Any failure raises and returns nothing, so the caller keeps its old cursor and the next
        sync reads the same pages again: no page is skipped unsaved."""
        last = cursor.get(CURSOR_KEY) if isinstance(cursor, Mapping) else None
        if isinstance(last, str) and _ID.match(last):
            found, newest, more = self._forward(self._notification_page,
                                                self._read_notification, last,
                                                self._max_pages, "notification")
        else:
            more = False  # a first sync reaches back a bounded window, then follows forward
            found, newest = self._back(self._notification_page, self._read_notification,
                                       _window_start(since), self._max_pages, "notification")
        found.sort(key=lambda item: _id_order(item.position))
        new_cursor = dict(cursor) if isinstance(cursor, Mapping) else {}
        if newest is not None:
            new_cursor[CURSOR_KEY] = newest
        return FetchResult(_unique(found), new_cursor, more=more)

    def _notification_page(self, extra: list[tuple[str, str]], limit: int | None
                           ) -> tuple[Reply, list[Any]]:
        params = [("types[]", "mention"), ("include_filtered", "true"),
                  ("limit", str(limit or PAGE_LIMIT)), *extra]
        reply = self._get("/api/v1/notifications", params)
        return reply, reply.json_list()

    def _read_notification(self, raw: Any) -> _Item:
        if not isinstance(raw, dict):
            raise BadResponse("a notification is not an object")
        position = _id(raw, "id")
        created = _opt_time(raw, "created_at")
        status = raw.get("status")
        if raw.get("type") != "mention" or not isinstance(status, dict):
            return _Item(position, created, None)  # an old server ignoring types[], a deleted post
        try:
            mention = self._mention(status, fallback_time=created)
        except BadResponse as error:
            log.warning("Mastodon: skipped the post of notification %s: %s", position, error)
            return _Item(position, created, None)
        return _Item(position, created or mention.created_at, mention)

    # -- listening ----------------------------------------------------------------------------

    def fetch_keywords(self, terms: tuple[str, ...], cursor: dict[str, object], *,
                       since: datetime | None = None, language: str = "") -> FetchResult:
        """Public posts with the watched hashtags or words, as kind KEYWORD, oldest first.

        A hashtag ("#shop", or one word that is a valid hashtag, such as "返金") is read from
        its tag timeline, paged forward from the newest post already seen; a new term first
        reaches back to `since` (default 14 days). Only posts this server knows of appear.
        Anything else (a phrase with spaces) goes to full-text search, which finds public
        posts only where the server runs Elasticsearch and the author opted into search, so it
        often finds nothing: one page of at most 40 new matches per phrase and sync.
        `language` keeps posts declared in that language, and those that declare none.

        Cursor: {"tags": {name: newest status id}, "search": {phrase: newest status id}};
        terms no longer watched drop out. A term the server refuses or answers badly is
        skipped with a warning and keeps its position; a dead token or a rate limit raises."""
        start = _window_start(since)
        old = cursor if isinstance(cursor, Mapping) else {}
        old_tags, old_search = _positions(old.get(TAGS_KEY)), _positions(old.get(SEARCH_KEY))
        tags, phrases = _split_terms(terms)
        found: list[_Item] = []
        new_tags: dict[str, str] = {}
        new_search: dict[str, str] = {}
        for group, names, before, after, read_term in (
                ("hashtag", tags, old_tags, new_tags, self._tag_timeline),
                ("search", phrases, old_search, new_search, self._search)):
            for name in names:
                last = before.get(name)
                try:
                    items, newest = read_term(name, last, start)
                except NotFound:  # no post on this server has used the tag yet
                    items, newest = [], last
                except (Rejected, BadResponse) as error:
                    log.warning("Mastodon: %s %r skipped this time: %s", group, name, error)
                    items, newest = [], last
                found += items
                if newest is not None:
                    after[name] = newest
        new_cursor: dict[str, object] = {
            key: value for key, value in old.items() if key not in (TAGS_KEY, SEARCH_KEY)}
        if new_tags:
            new_cursor[TAGS_KEY] = new_tags
        if new_search:
            new_cursor[SEARCH_KEY] = new_search
        mentions = [m for m in _unique(found) if _speaks(m.language, language)]
        mentions.sort(key=lambda m: (m.created_at, _id_order(m.external_id)))
        return FetchResult(tuple(mentions), new_cursor)

    def _tag_timeline(self, name: str, last: str | None, start: datetime
                      ) -> tuple[list[_Item], str | None]:
        path = f"/api/v1/timelines/tag/{quote(name, safe='')}"

        def page(extra: list[tuple[str, str]], limit: int | None) -> tuple[Reply, list[Any]]:
            reply = self._get(path, [("limit", str(limit or STATUS_PAGE_LIMIT)), *extra])
            return reply, reply.json_list()

        pages = min(self._max_pages, KEYWORD_MAX_PAGES)
        if last is not None:
            found, newest, _more = self._forward(page, self._read_keyword, last, pages, "post")
            return found, newest
        return self._back(page, self._read_keyword, start, pages, "post")

    def _search(self, phrase: str, last: str | None, start: datetime
                ) -> tuple[list[_Item], str | None]:
        params = [("q", phrase), ("type", "statuses"), ("resolve", "false"),
                  ("limit", str(STATUS_PAGE_LIMIT))]
        if last is not None:
            params.append(("min_id", last))
        statuses = self._get("/api/v2/search", params).json_object().get("statuses")
        if not isinstance(statuses, list):
            raise BadResponse("expected a list of statuses")
        items = self._read_page(statuses, self._read_keyword, "post")
        if last is not None:  # a server that ignores min_id must not bring old posts back
            items = [item for item in items if _after(item.position, last)]
        newest = max((item.position for item in items), key=_id_order, default=None)
        if last is not None and (newest is None or not _after(newest, last)):
            newest = last
        found = [item for item in items if item.mention is not None
                 and (last is not None or item.created_at is None or item.created_at >= start)]
        return found, newest

    def _read_keyword(self, raw: Any) -> _Item:
        if not isinstance(raw, dict):
            raise BadResponse("a post is not an object")
        position = _id(raw, "id")
        created = _opt_time(raw, "created_at")
        if raw.get("reblog") is not None:
            return _Item(position, created, None)  # a boost: the original has its own entry
        try:
            mention = self._mention(raw, kind=MentionKind.KEYWORD)
        except BadResponse as error:
            log.warning("Mastodon: skipped post %s: %s", position, error)
            return _Item(position, created, None)
        return _Item(position, created, mention)

    # -- paging (shared by notifications and tag timelines) -------------------------------------

    def _forward(self, fetch: _PageFetch, read: _ItemReader, last: str, pages: int,
                 what: str) -> tuple[list[_Item], str, bool]:
        """min_id paging: each page is the oldest batch after min_id. Returns the mentions
        found, the newest position seen (never older than `last`), and whether the page bound
        stopped it with newer items still waiting."""
        found: list[_Item] = []
        newest, min_id = last, last
        # While a page is read (most of a long backlog's time), the next one downloads. Which
        # page comes next is guessed from the raw ids and the Link header; the guess is used
        # only if reading the page agrees with it, so paging stays exactly as without it.
        ahead: tuple[str, Future[tuple[Reply, list[Any]]]] | None = None
        reader = ThreadPoolExecutor(1, thread_name_prefix="mastodon-ahead")
        try:
            for turn in range(pages):
                if ahead is not None and ahead[0] == min_id:
                    reply, page = ahead[1].result()
                else:
                    reply, page = self._fetch_page(fetch, [("min_id", min_id)])
                guess = _following_guess(reply, page, min_id)
                ahead = None
                if guess is not None and turn + 1 < pages:
                    ahead = guess, reader.submit(self._fetch_page, fetch, [("min_id", guess)])
                # A server that ignores min_id (or serves a page again) must not bring old
                # items.
                items = [item for item in self._read_page(page, read, what)
                         if _after(item.position, last)]
                if not items:
                    break
                found += [item for item in items if item.mention is not None]
                lowest, highest = _edges(items)
                if _after(highest, newest):
                    newest = highest
                following = _link_within(reply, "prev", "min_id", lowest, highest)
                if following is None or not _after(following, min_id):
                    following = highest
                if not _after(following, min_id):
                    break  # no progress: never loop on a confused server
                min_id = following
            else:
                return found, newest, True
            return found, newest, False
        finally:
            reader.shutdown(wait=True)  # a page read ahead but not needed is dropped

    def _back(self, fetch: _PageFetch, read: _ItemReader, since: datetime, pages: int,
              what: str) -> tuple[list[_Item], str | None]:
        """First sync: newest page first, then older (max_id) until a page reaches `since`."""
        found: list[_Item] = []
        newest: str | None = None
        max_id: str | None = None
        for _ in range(pages):
            reply, page = self._fetch_page(fetch, [("max_id", max_id)] if max_id else [])
            items = self._read_page(page, read, what)
            if max_id is not None:
                items = [item for item in items if _after(max_id, item.position)]
            if not items:
                break
            found += [item for item in items if item.mention is not None
                      and (item.created_at is None or item.created_at >= since)]
            lowest, highest = _edges(items)
            if newest is None or _after(highest, newest):
                newest = highest
            times = [item.created_at for item in items if item.created_at is not None]
            if times and min(times) < since:
                break
            following = _link_within(reply, "next", "max_id", lowest, highest)
            if following is None or (max_id is not None and not _after(max_id, following)):
                following = lowest
            if max_id is not None and not _after(max_id, following):
                break
            max_id = following
        return found, newest

    def _fetch_page(self, fetch: _PageFetch, extra: list[tuple[str, str]]
                    ) -> tuple[Reply, list[Any]]:
        """One page; if it is over the transport's size bound (a few huge posts from a fork
        with a high limit), the same page one item at a time, so they cannot stall the sync."""
        try:
            return fetch(extra, None)
        except TooLarge:
            log.warning("Mastodon: a page was too large; reading it one post at a time")
            return fetch(extra, 1)

    @staticmethod
    def _read_page(page: list[Any], read: _ItemReader, what: str) -> list[_Item]:
        """The page's usable items; one broken item is skipped with a warning, but a page with
        items and none usable is a BadResponse (nothing to page by)."""
        items = []
        for raw in page:
            try:
                items.append(read(raw))
            except BadResponse as error:
                log.warning("Mastodon: skipped a %s: %s", what, error)
        if page and not items:
            raise BadResponse(f"no usable {what} on the page")
        return items

    def _mention(self, status: dict[str, Any], thread_root_id: str = "", *,
                 kind: MentionKind | None = None, fallback_time: datetime | None = None
                 ) -> FetchedMention:
        """One status as a mention. Needs an id, an author and a time (the notification's when
        the status has none); anything else missing or ill-typed is left empty."""
        status_id = _id(status, "id")
        account = status.get("account")
        if not isinstance(account, dict):
            raise BadResponse("missing account")
        acct = account.get("acct") or account.get("username")
        if not isinstance(acct, str) or not acct or len(acct) > 300:
            raise BadResponse("missing acct")
        # No whitespace or unprintable character (the space is the one whitespace character
        # that str.isprintable accepts).
        if not acct.isprintable() or " " in acct or acct.startswith("@"):
            raise BadResponse("unusable acct")
        handle = f"@{acct}" if "@" in acct else f"@{acct}@{self._domain}"
        created = _opt_time(status, "created_at") or fallback_time
        if created is None:
            raise BadResponse("missing created_at")
        received = datetime.now(UTC)
        content = _opt_str(status, "content")
        html = _bounded_html(content)
        text = html_to_text(html)
        spoiler = _opt_str(status, "spoiler_text")[:MAX_TEXT_CHARS]
        if spoiler:  # a content warning is part of what the author wrote
            text = f"{spoiler}\n\n{text}" if text else spoiler
        if len(text) > MAX_TEXT_CHARS or len(html) < len(content):
            text = text[:MAX_TEXT_CHARS].rstrip() + "…"  # says the post goes on
        parent = status.get("in_reply_to_id")
        parent_id = parent if isinstance(parent, str) and _ID.match(parent) else ""
        visibility = _opt_str(status, "visibility")
        if visibility:
            self._remember_visibility(status_id, visibility)
        edited = _opt_time(status, "edited_at")
        language = _opt_str(status, "language")
        return FetchedMention(
            external_id=status_id,
            kind=kind or (MentionKind.REPLY if parent_id else MentionKind.MENTION),
            author_handle=handle,
            author_name=(_opt_str(account, "display_name") or _opt_str(account, "username")
                         or acct)[:200],
            text=text,
            # A clock running ahead on the author's server must not make a mention wait a
            # negative time in the inbox: later than now means "just arrived".
            created_at=min(created, received),
            html=html,
            url=_web_url(_opt_str(status, "url")) or _web_url(_opt_str(status, "uri")),
            author_url=_web_url(_opt_str(account, "url")),
            language=language if _LANGUAGE.match(language) else "",
            thread_root_id=thread_root_id,
            parent_id=parent_id,
            edited_at=min(edited, received) if edited is not None else None,
        )

    def _remember_visibility(self, status_id: str, visibility: str) -> None:
        if len(self._visibility) > 10_000:
            self._visibility.clear()
        self._visibility[status_id] = visibility

    # -- threads ------------------------------------------------------------------------------

    def fetch_thread(self, external_id: str) -> tuple[FetchedMention, ...]:
        """The status with its ancestors and descendants, oldest first."""
        path = f"/api/v1/statuses/{_path_id(external_id)}"
        status = self._get(path).json_object()
        context = self._get(f"{path}/context").json_object()
        ancestors, descendants = context.get("ancestors"), context.get("descendants")
        if not isinstance(ancestors, list) or not isinstance(descendants, list):
            raise BadResponse("expected ancestors and descendants")
        root = _id(status, "id")
        for item in ancestors:  # the oldest ancestor with a usable id is the root
            if isinstance(item, dict) and isinstance(item.get("id"), str) \
                    and _ID.match(item["id"]):
                root = item["id"]
                break
        main = self._mention(status, root)  # the post asked for must be readable
        thread = []
        for item in (*ancestors, None, *descendants):
            if item is None:
                thread.append(main)
                continue
            try:
                if not isinstance(item, dict):
                    raise BadResponse("a post is not an object")
                thread.append(self._mention(item, root))
            except BadResponse as error:
                log.warning("Mastodon: left a post out of a thread: %s", error)
        thread.sort(key=lambda mention: mention.created_at)  # stable: ties keep server order
        return tuple(thread)

    # -- replies and posts --------------------------------------------------------------------

    def send_reply(self, in_reply_to: FetchedMention | str, text: str, *,
                   idempotency_key: str, direct: bool = False, language: str = "") -> Published:
        """POST /api/v1/statuses as a reply. Visibility: direct when asked, else the original's,
        so a reply never shows a followers-only or private conversation to everyone.
        `language` (ISO 639, "ja") tags the post; "" lets the server guess."""
        parent = in_reply_to.external_id if isinstance(in_reply_to, FetchedMention) \
            else in_reply_to
        parent = _path_id(parent)
        visibility = "direct" if direct else self._visibility_of(parent)
        body = {"status": text, "in_reply_to_id": parent, "visibility": visibility}
        if language and _LANGUAGE.match(language):
            body["language"] = language
        data = self._post("/api/v1/statuses", body,
                          headers={"Idempotency-Key": _idempotency(idempotency_key)})
        return _published(data)

    def find_reply(self, in_reply_to: str, idempotency_key: str, text: str) -> Published | None:
        """The account's own direct answer to `in_reply_to` with this text, from the parent's
        context (GET /api/v1/statuses/:id/context), or None.

        Servers keep idempotency keys for an hour only, so after a crash the outbox asks here
        before it sends again. Texts are compared as Mastodon shows them: plain text, spaces
        collapsed, and `@user@domain` as `@user` (mentions are rendered by their local part).
        The same words from the shop already under the post count as this reply: a second
        copy is exactly what must not appear. Raises NotFound when the parent is gone."""
        parent = _path_id(in_reply_to)
        own = _id(self._get("/api/v1/accounts/verify_credentials").json_object(), "id")
        context = self._get(f"/api/v1/statuses/{parent}/context").json_object()
        descendants = context.get("descendants")
        if not isinstance(descendants, list):
            raise BadResponse("expected descendants")
        wanted = _comparable(text)
        for status in descendants:
            if not isinstance(status, dict) or status.get("in_reply_to_id") != in_reply_to:
                continue
            account = status.get("account")
            if not isinstance(account, dict) or _opt_id(account) != own:
                continue
            content = status.get("content")
            if isinstance(content, str) and _comparable(
                    html_to_text(_bounded_html(content))) == wanted:
                try:
                    return _published(status)
                except BadResponse:
                    continue
        return None

    def _visibility_of(self, status_id: str) -> str:
        visibility = self._visibility.get(status_id)
        if visibility is None:
            status = self._get(f"/api/v1/statuses/{status_id}").json_object()
            visibility = _opt_str(status, "visibility") or "public"
            self._remember_visibility(status_id, visibility)
        # A value this app does not know: the narrowest audience, never a wider one.
        return visibility if visibility in VISIBILITIES else "direct"

    def publish(self, text: str, *, idempotency_key: str, scheduled_at: datetime | None = None,
                language: str = "") -> Published:
        """A public post; with `scheduled_at` (at least 5 minutes ahead, else Rejected) the
        server keeps it and publishes it then, even with the app closed: the answer is then a
        ScheduledStatus, Published(scheduled=True) with its id. `language` as in send_reply."""
        body: dict[str, Any] = {"status": text, "visibility": "public"}
        if language and _LANGUAGE.match(language):
            body["language"] = language
        if scheduled_at is not None:
            body["scheduled_at"] = _iso_z(scheduled_at)
        data = self._post("/api/v1/statuses", body,
                          headers={"Idempotency-Key": _idempotency(idempotency_key)})
        if scheduled_at is not None and "params" in data and "content" not in data:
            return _scheduled(data)
        return _published(data)

    def find_post(self, idempotency_key: str, text: str, *, since: datetime,
                  scheduled_id: str = "") -> Published | None:
        """The post made with this key: still scheduled (GET /api/v1/scheduled_statuses/:id
        when its id is known, else the list, whose `params.idempotency` keeps the key), or
        published, found among the account's own posts since `since` by its text (a published
        status no longer says which key made it). None when neither has it."""
        key = _idempotency(idempotency_key)
        if scheduled_id:
            try:
                return _scheduled(self._get(
                    f"/api/v1/scheduled_statuses/{_path_id(scheduled_id)}").json_object())
            except NotFound:
                pass  # no longer waiting: published, or deleted on the server
        else:
            waiting = self._scheduled_with_key(key)
            if waiting is not None:
                return waiting
        return self._own_post(text, since)

    def _scheduled_with_key(self, key: str) -> Published | None:
        max_id = ""
        for _ in range(SCHEDULED_MAX_PAGES):
            params = [("limit", str(STATUS_PAGE_LIMIT))] + ([("max_id", max_id)] if max_id else [])
            page = self._get("/api/v1/scheduled_statuses", params).json_list()
            for item in page:
                kept = item.get("params") if isinstance(item, dict) else None
                if isinstance(kept, dict) and kept.get("idempotency") == key:
                    return _scheduled(item)
            last = _opt_id(page[-1]) if page and isinstance(page[-1], dict) else None
            if len(page) < STATUS_PAGE_LIMIT or not last or last == max_id:
                return None
            max_id = last
        return None

    def _own_post(self, text: str, since: datetime) -> Published | None:
        """The account's own top-level post with this text, published at `since` or later."""
        own = _id(self._get("/api/v1/accounts/verify_credentials").json_object(), "id")
        wanted = _comparable(text)
        max_id = ""
        for _ in range(OWN_POST_MAX_PAGES):
            params = [("limit", str(STATUS_PAGE_LIMIT)), ("exclude_replies", "true"),
                      ("exclude_reblogs", "true")] + ([("max_id", max_id)] if max_id else [])
            page = self._get(f"/api/v1/accounts/{quote(own, safe='')}/statuses",
                             params).json_list()
            for status in page:
                if not isinstance(status, dict):
                    continue
                try:
                    created = _time(status, "created_at")
                except BadResponse:
                    continue
                if created < since:
                    return None  # newest first: everything further is older still
                content = status.get("content")
                if isinstance(content, str) and _comparable(
                        html_to_text(_bounded_html(content))) == wanted:
                    try:
                        return _published(status)
                    except BadResponse:
                        continue
            last = _opt_id(page[-1]) if page and isinstance(page[-1], dict) else None
            if len(page) < STATUS_PAGE_LIMIT or not last or last == max_id:
                return None
            max_id = last
        return None

    def reschedule(self, remote_id: str, at: datetime) -> Published:
        """PUT /api/v1/scheduled_statuses/:id: only the time can change (at least 5 minutes
        ahead, else Rejected); NotFound once it is no longer scheduled."""
        data = self._transport.request(
            "PUT", f"/api/v1/scheduled_statuses/{_path_id(remote_id)}",
            json_body={"scheduled_at": _iso_z(at)}, authenticated=False,
            headers=self._headers()).json_object()
        return _scheduled(data)

    def cancel_scheduled(self, remote_id: str) -> None:
        """DELETE /api/v1/scheduled_statuses/:id: it is never published. NotFound once it is no
        longer scheduled (published already, or deleted)."""
        self._transport.request("DELETE", f"/api/v1/scheduled_statuses/{_path_id(remote_id)}",
                                authenticated=False, headers=self._headers())


# -- HTML to plain text -----------------------------------------------------------------------

_PARAGRAPH = "\x00"  # markers, replaced once the whole text is known
_LINE = "\x01"
_PARAGRAPH_TAGS = {"p", "blockquote", "pre", "ul", "ol", "div",
                   "h1", "h2", "h3", "h4", "h5", "h6"}
_LINE_TAGS = {"li"}
# Their contents are code, CSS or a fallback, never words the author wrote for people.
_SKIP_TAGS = {"script", "style", "template", "noscript", "iframe", "object", "svg", "math",
              "title"}
_MARKERS = re.compile("[\x00\x01]+")
# Control characters have no place in a post (and \x00, \x01 are the markers above).
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


# Only the tags that shape the text survive cleaning, without attributes; nh3 (html5ever) does
# the parsing, which is both faster than html.parser and the way browsers read broken HTML.
_KEPT_TAGS = frozenset(_PARAGRAPH_TAGS | _LINE_TAGS | {"br"})
_KEPT_TAG = re.compile(r"<(/?)([a-z0-9]+)\s*/?>")
# Built once: making a cleaner from these sets costs more than cleaning a typical post.
_TEXT_CLEANER = nh3.Cleaner(tags=set(_KEPT_TAGS), attributes={},
                            clean_content_tags=set(_SKIP_TAGS), strip_comments=True,
                            link_rel=None)


def _marker(tag: re.Match[str]) -> str:
    name = tag.group(2)
    if name == "br":
        return "" if tag.group(1) else "\n"
    return _LINE if name in _LINE_TAGS else _PARAGRAPH


def html_to_text(content: str) -> str:
    """Mastodon's status HTML as the plain text its author typed: paragraphs become blank
    lines, <br> a line break, entities decoded, and links whole (the text of
    `<span class="invisible">` parts is kept; the "…" is only drawn by the web UI's CSS).
    Scripts, style sheets and other non-text elements leave nothing behind."""
    cleaned = _TEXT_CLEANER.clean(_CONTROLS.sub("", content))
    # Entities are decoded last: an escaped "&lt;p&gt;" is text, never a tag. Decoding cannot
    # bring back a control character (html.unescape drops or replaces those).
    text = html.unescape(_KEPT_TAG.sub(_marker, cleaned)).strip(_PARAGRAPH + _LINE + " \t\r\n")
    text = _MARKERS.sub(lambda m: "\n\n" if _PARAGRAPH in m.group() else "\n", text)
    return text.strip()


def _bounded_html(content: str) -> str:
    """At most MAX_HTML_CHARS, cut before a tag that the cut would leave open."""
    if len(content) <= MAX_HTML_CHARS:
        return content
    cut = content[:MAX_HTML_CHARS]
    opening = cut.rfind("<")
    return cut[:opening] if opening > cut.rfind(">") else cut


# -- reading answers (anything missing or ill-typed is BadResponse, never KeyError) ------------


def _str(data: dict[str, Any], key: str, *, allow_empty: bool = False,
         limit: int | None = 1000) -> str:
    value = data.get(key)
    if not isinstance(value, str) or (not value and not allow_empty):
        raise BadResponse(f"missing {key}")
    if limit is not None and len(value) > limit:
        raise BadResponse(f"{key} is too long")
    return value


def _opt_str(data: dict[str, Any], key: str) -> str:
    """An optional text field: missing, null or not text all read as ""."""
    value = data.get(key)
    return value if isinstance(value, str) else ""


def _id(data: dict[str, Any], key: str) -> str:
    """Ids are opaque strings (a fork may send a number: kept as its digits, never compared)."""
    value = data.get(key)
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or not _ID.match(value):
        raise BadResponse(f"missing {key}")
    return value


def _id_order(value: str) -> tuple[int, str]:
    """How Mastodon's docs say to order ids when one must: by length, then lexically."""
    return (len(value), value)


def _after(a: str, b: str) -> bool:
    """Whether id `a` is newer than id `b`."""
    return _id_order(a) > _id_order(b)


def _following_guess(reply: Reply, page: list[Any], min_id: str) -> str | None:
    """The min_id of the page after this one, as _forward will find it when every item on the
    page is usable; None when there is nothing to guess from."""
    ids = [raw["id"] for raw in page
           if isinstance(raw, dict) and isinstance(raw.get("id"), str) and _ID.match(raw["id"])]
    if not ids:
        return None
    lowest, highest = min(ids, key=_id_order), max(ids, key=_id_order)
    following = _link_within(reply, "prev", "min_id", lowest, highest)
    if following is None or not _after(following, min_id):
        following = highest
    return following if _after(following, min_id) else None


def _edges(items: list[_Item]) -> tuple[str, str]:
    positions = [item.position for item in items]
    return min(positions, key=_id_order), max(positions, key=_id_order)


def _unique(items: Iterable[_Item]) -> tuple[FetchedMention, ...]:
    """Each post once (a page served twice, a post under two watched tags), first seen wins."""
    seen: set[str] = set()
    mentions = []
    for item in items:
        if item.mention is not None and item.mention.external_id not in seen:
            seen.add(item.mention.external_id)
            mentions.append(item.mention)
    return tuple(mentions)


def _positions(value: object) -> dict[str, str]:
    """A keyword cursor's {term: status id}, keeping only what this module could have written."""
    if not isinstance(value, Mapping):
        return {}
    return {k: v for k, v in value.items()
            if isinstance(k, str) and isinstance(v, str) and _ID.match(v)}


def _split_terms(terms: Iterable[object]) -> tuple[list[str], list[str]]:
    """Watched terms as hashtag names (lower case, no "#") and search phrases, each once."""
    tags: list[str] = []
    phrases: list[str] = []
    folded: set[str] = set()
    for term in terms:
        if not isinstance(term, str):
            continue
        text = " ".join(term.split())
        if not text or len(text) > MAX_TERM_CHARS:
            continue
        if len(tags) + len(phrases) >= MAX_TERMS:
            log.warning("Mastodon: watching the first %d terms only", MAX_TERMS)
            break
        name = text[1:] if text[0] in "#＃" else text
        if not name:
            continue
        if _HASHTAG.fullmatch(name) and any(c.isalpha() for c in name):
            if name.lower() not in tags:
                tags.append(name.lower())
        elif text.casefold() not in folded:
            folded.add(text.casefold())
            phrases.append(text)
    return tags, phrases


def _speaks(declared: str, wanted: str) -> bool:
    """Whether a post fits the wanted language ("" = any); an undeclared language fits."""
    if not wanted or not declared:
        return True
    return declared.split("-")[0].lower() == wanted.split("-")[0].lower()


def _time(data: dict[str, Any], key: str) -> datetime:
    value = data.get(key)
    if not isinstance(value, str) or len(value) > 64:
        raise BadResponse(f"missing {key}")
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
        return (parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)).astimezone(UTC)
    except (ValueError, OverflowError):  # year 1 at +05:00 overflows on the way to UTC
        raise BadResponse(f"unreadable {key}") from None


def _opt_time(data: dict[str, Any], key: str) -> datetime | None:
    try:
        return _time(data, key)
    except BadResponse:
        return None


def _window_start(since: datetime | None) -> datetime:
    start = since or datetime.now(UTC) - FIRST_SYNC_WINDOW
    return start if start.tzinfo else start.replace(tzinfo=UTC)


def _dig(data: dict[str, Any], *keys: str) -> dict[str, Any]:
    for key in keys:
        value = data.get(key)
        if not isinstance(value, dict):
            return {}
        data = value
    return data


def _bounded_int(value: object, default: int, low: int, high: int) -> int:
    if isinstance(value, str) and value.isdigit() and len(value) < 10:
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool) and low <= value <= high:
        return value
    return default


def _account_domain(claimed: object, server_url: str) -> str | None:
    """The instance's account domain (LOCAL_DOMAIN), trusted only when it is this server's
    address or a parent domain of it (example.com for a server at social.example.com)."""
    if not isinstance(claimed, str) or not claimed or len(claimed) > 253:
        return None
    domain = claimed.strip().lower().removeprefix("https://").removeprefix("http://")
    domain = domain.rstrip("/")
    parts = urlsplit(server_url)
    netloc, host = parts.netloc.lower(), (parts.hostname or "").lower()
    if domain == netloc or ("." in domain and host.endswith("." + domain)):
        return domain
    return None


def _web_url(value: str) -> str:
    """A link worth keeping: https (or plain http to this computer), bounded; else ""."""
    if not value or len(value) > 2048:
        return ""
    try:
        return check_url(value)
    except NetworkError:
        return ""


def _link_within(reply: Reply, rel: str, name: str, lowest: str, highest: str) -> str | None:
    """The id a Link header's rel points at (its URL is not followed: the token stays here),
    if it lies within the page just read, as Mastodon's always does; a Link pointing backwards
    would loop and one pointing past the page would skip posts, so those are ignored."""
    link = reply.links.get(rel) or {}
    url = link.get("url") if isinstance(link, dict) else None
    if not url:
        return None
    values = parse_qs(urlsplit(url).query).get(name)
    value = values[0] if values and _ID.match(values[0]) else None
    if value is None or _after(lowest, value) or _after(value, highest):
        return None
    return value


def _path_id(value: str) -> str:
    if not isinstance(value, str) or len(value) > _MAX_ID_LENGTH or not _ID.match(value):
        raise NotFound("not a Mastodon status id")
    return quote(value, safe="")


def _idempotency(key: str) -> str:
    if not key or len(key) > 200 or not all(c.isascii() and c.isprintable() for c in key):
        raise ValueError("an idempotency key (for example a UUID) is required")
    return key


_REMOTE_MENTION = re.compile(r"(?<![\w@])@([\w.-]+)@[\w.-]+(?::\d+)?")


def _comparable(text: str) -> str:
    """A post's text as it reads once Mastodon has rendered it, for comparing two of them."""
    return " ".join(_REMOTE_MENTION.sub(r"@\1", text).split())


def _opt_id(data: dict[str, Any]) -> str | None:
    try:
        return _id(data, "id")
    except BadResponse:
        return None


def _iso_z(moment: datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("a scheduled time must be an aware datetime")
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _scheduled(data: dict[str, Any]) -> Published:
    """A ScheduledStatus: the server holds the post until its time."""
    if not isinstance(data.get("params"), dict):
        raise BadResponse("expected a scheduled status")
    return Published(remote_id=_id(data, "id"), scheduled=True)


def _published(data: dict[str, Any]) -> Published:
    return Published(remote_id=_id(data, "id"),
                     remote_url=_web_url(_opt_str(data, "url")) or _web_url(_opt_str(data, "uri")))
