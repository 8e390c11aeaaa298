"""Bluesky (AT Protocol) with an app password: login, rotating sessions, mentions, replies, posts.

Login (`login`) finds the account's PDS (handle → DID → DID document → `#atproto_pds` service),
calls com.atproto.server.createSession there and returns a `BlueskySession`. Its JSON form is a
secret: the caller keeps it only in the OS keyring. `BlueskyConnector` then calls the PDS with the
access token; when the PDS says the token expired it refreshes ONCE with the refresh token
(tokens rotate), hands the new session JSON to `on_secret_changed` at once, and retries. There is
never a new login per poll (createSession is limited to 30 per 5 minutes per account).

Thread ids (`FetchedMention.thread_root_id` / `parent_id`) are strong refs written as
"at-uri|cid", the form a reply's `reply.root` / `reply.parent` needs. `send_reply` reads the
post it answers once (app.bsky.feed.getPosts) so its refs always come from the server.

Notifications and searches are lists of newest first with no "since id": both are read back
until the position reached last time. A position (the cursor, opaque to everyone else) is

    {"at": ISO time, "seen": [at-uri, ...]}

`at` is the newest sort time read so far (the AppView's sortAt, min(createdAt, indexedAt),
never later than now) and `seen` the uris read within OVERLAP of it. The next read stops at the
first item sorted before `at - OVERLAP` and skips the seen ones, so a post indexed a little
late (createdAt comes from the poster's clock) still arrives, once. fetch_mentions keeps one
position; fetch_keywords keeps one per watched term:

    {"terms": {"<term>": {"lang": "" | "ja", "at": ..., "seen": [...]}}}

Remote values are untrusted: a malformed item is skipped with a logged warning, an unusable page
raises BadResponse, a page cursor seen before ends the read, and pages are bounded. A created
time in the future is kept as sent (storage clamps it for display) but never moves a position
past now.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import quote, unquote

from app.core import richtext
from app.core.connector import (
    AccountInfo,
    Capabilities,
    FetchedMention,
    FetchResult,
    Published,
    TextRules,
)
from app.core.model import MentionKind, Network
from app.networks.errors import (
    AuthExpired,
    AuthFailed,
    BadResponse,
    NetworkError,
    NotFound,
    NotSupported,
    Rejected,
    ServerError,
)
from app.networks.http import HeaderSource, Transport, check_url, is_loopback_host

DEFAULT_SERVICE = "https://bsky.social"
PLC_DIRECTORY = "https://plc.directory"
WEB_URL = "https://bsky.app"

CAPABILITIES = Capabilities(can_reply=True, can_post=True, can_schedule=False,
                            can_fetch_thread=True, can_direct_message=False, can_search=True,
                            can_listen=True)
TEXT_RULES = TextRules(max_graphemes=300, max_bytes=3000)

PAGE_SIZE = 50  # listNotifications allows 1-100
MAX_PAGES = 10  # one sync reads at most this many pages back
SEARCH_PAGE_SIZE = 50  # searchPosts allows 1-100
SEARCH_MAX_PAGES = 4  # per watched term and pass
MAX_TERMS = 25  # watched terms searched per pass
MAX_TERM_CHARS = 200
KEYWORD_BACKFILL = timedelta(days=14)  # how far back a term's first pass looks
OVERLAP = timedelta(minutes=10)  # re-read below the last position, for late-indexed posts
MAX_SEEN = 50  # uris kept per position; beyond it a post may come twice (storage dedupes)
MAX_PAGE_ITEMS = 100  # items taken from one page, whatever the server sent
MAX_PAGE_CURSOR = 2048
MAX_URI = 512
MAX_THREAD_POSTS = 200
MAX_TEXT = 10_000  # characters kept from a remote post (the lexicon allows 3,000 bytes)
MENTION_REASONS = {"mention": MentionKind.MENTION, "reply": MentionKind.REPLY,
                   "quote": MentionKind.QUOTE}
_TOKEN_ERRORS = frozenset({"ExpiredToken", "InvalidToken"})
_AT_URI = re.compile(r"at://[^\s/|]+/[^\s/|]+/[^\s/|]+")
_LANGUAGE = re.compile(r"[a-z]{2,3}")

log = logging.getLogger(__name__)

TransportFactory = Callable[..., Transport]
"""Makes the Transport for one server: factory(base_url, auth=None) -> Transport."""

FacetBuilder = Callable[[str], Sequence[Mapping[str, Any]]]
"""Rich-text facets (links, mentions, hashtags) for a post's text.

Without one, posts go out without facets (links and @handles are then plain text on Bluesky).
`RichTextFacets` is the default; `BlueskyConnector.with_rich_text` makes a connector using it."""


def _default_transport(base_url: str, auth: HeaderSource | None = None) -> Transport:
    return Transport(base_url, auth=auth)


# --- the session: a secret, stored only in the keyring ---------------------------------------


@dataclass(frozen=True, slots=True)
class BlueskySession:
    """Who is logged in, where their PDS is, and the two tokens. Tokens never appear in repr."""

    did: str
    handle: str
    pds_url: str
    access_jwt: str = field(repr=False)
    refresh_jwt: str = field(repr=False)

    def to_json(self) -> str:
        return json.dumps({"version": 1, **asdict(self)}, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> BlueskySession:
        """Read a stored session; an unreadable one means the account must reconnect."""
        try:
            data = json.loads(text)
            values = {name: data[name] for name in
                      ("did", "handle", "pds_url", "access_jwt", "refresh_jwt")}
        except (ValueError, TypeError, KeyError):
            raise AuthExpired("the stored Bluesky session is unreadable") from None
        if not all(isinstance(value, str) and value for value in values.values()):
            raise AuthExpired("the stored Bluesky session is incomplete")
        return cls(**values)


# --- login -----------------------------------------------------------------------------------


def login(identifier: str, app_password: str, *, service: str = DEFAULT_SERVICE,
          plc_directory: str = PLC_DIRECTORY,
          transport_factory: TransportFactory | None = None) -> BlueskySession:
    """Log in with a handle (or DID, or email) and an app password; return the new session.

    A handle or DID is resolved to its PDS first (resolveHandle on `service`, then the DID
    document from the PLC directory or did:web), and createSession goes to that PDS; an email
    goes to `service` itself. The PDS named in the returned DID document wins for later calls.
    Raises AuthFailed with reason "password", "2fa", "takedown" or "handle".
    """
    make = transport_factory or _default_transport
    identifier = identifier.strip().removeprefix("@")
    pds = service
    if "@" not in identifier:  # an email logs in at the service the user named
        identifier = identifier if identifier.startswith("did:") else _resolve_handle(
            identifier.lower(), service, make)
        pds = pds_of(resolve_did(identifier, plc_directory=plc_directory,
                                 transport_factory=make))
    transport = make(pds)
    try:
        data = transport.post_json("/xrpc/com.atproto.server.createSession",
                                   {"identifier": identifier, "password": app_password},
                                   authenticated=False)
    except NetworkError as error:
        raise _login_error(error) from None
    finally:
        transport.close()
    return _session_from(data, fallback_pds=pds)


def _login_error(error: NetworkError) -> NetworkError:
    if error.code == "AuthFactorTokenRequired":
        return AuthFailed("Bluesky asks for an email code: use an app password", reason="2fa")
    if error.code in ("AccountTakedown", "AccountSuspended"):
        return AuthFailed("this Bluesky account was taken down", reason="takedown")
    if error.status == 401 or error.code == "AuthenticationRequired":
        return AuthFailed("wrong handle or app password", reason="password")
    return error


def _resolve_handle(handle: str, service: str, make: TransportFactory) -> str:
    transport = make(service)
    try:
        data = transport.get_json("/xrpc/com.atproto.identity.resolveHandle",
                                  params={"handle": handle}, authenticated=False)
    except (Rejected, NotFound):
        raise AuthFailed("no Bluesky account has this handle", reason="handle") from None
    finally:
        transport.close()
    did = data.get("did") if isinstance(data, dict) else None
    if not isinstance(did, str) or not did.startswith("did:"):
        raise BadResponse("resolveHandle gave no DID")
    return did


def resolve_did(did: str, *, plc_directory: str = PLC_DIRECTORY,
                transport_factory: TransportFactory | None = None) -> dict[str, Any]:
    """The DID document: did:plc from the PLC directory, did:web from /.well-known/did.json."""
    make = transport_factory or _default_transport
    if did.startswith("did:plc:") and did[8:].isalnum():
        base, path = plc_directory, f"/{did}"
    elif did.startswith("did:web:") and ":" not in did[8:]:
        host = unquote(did[8:])  # the port is percent-encoded: did:web:localhost%3A2583
        hostname = host.rsplit(":", 1)[0] if host.count(":") == 1 else host
        scheme = "http" if is_loopback_host(hostname) else "https"
        base, path = f"{scheme}://{host}", "/.well-known/did.json"
    else:
        raise NotFound("not a DID this app can resolve")
    transport = make(check_url(base))
    try:
        document = transport.get_json(path, authenticated=False)
    finally:
        transport.close()
    if not isinstance(document, dict) or document.get("id") != did:
        raise BadResponse("the DID document does not describe this DID")
    return document


def pds_of(did_document: Mapping[str, Any]) -> str:
    """The `#atproto_pds` service endpoint of a DID document."""
    services = did_document.get("service")
    for entry in services if isinstance(services, list) else ():
        if (isinstance(entry, dict) and str(entry.get("id", "")).endswith("#atproto_pds")
                and entry.get("type") == "AtprotoPersonalDataServer"
                and isinstance(entry.get("serviceEndpoint"), str)):
            return check_url(entry["serviceEndpoint"].rstrip("/"))
    raise BadResponse("the DID document names no PDS")


def _session_from(data: Any, *, fallback_pds: str, previous: BlueskySession | None = None
                  ) -> BlueskySession:
    if not isinstance(data, dict):
        raise BadResponse("expected a session")
    did, access, refresh = data.get("did"), data.get("accessJwt"), data.get("refreshJwt")
    handle = data.get("handle") or (previous.handle if previous else "")
    if not all(isinstance(value, str) and value for value in (did, access, refresh, handle)):
        raise BadResponse("the session lacks its DID or tokens")
    if previous is not None and did != previous.did:
        raise BadResponse("the refreshed session belongs to another account")
    pds = fallback_pds
    if isinstance(data.get("didDoc"), dict):
        try:
            pds = pds_of(data["didDoc"])
        except NetworkError:
            pds = fallback_pds
    return BlueskySession(did=did, handle=handle, pds_url=pds.rstrip("/"), access_jwt=access,
                          refresh_jwt=refresh)


# --- record keys from idempotency keys -------------------------------------------------------

_S32 = "234567abcdefghijklmnopqrstuvwxyz"
_TID_EPOCH_US = 1_577_836_800_000_000  # 2020-01-01T00:00:00Z in microseconds


def record_key(idempotency_key: str) -> str:
    """A valid TID record key derived only from the idempotency key.

    The same key always gives the same rkey, so a retry after a crash hits the record already
    written instead of posting twice. A TID is 64 bits in sortable base32: a zero top bit, 53 bits
    of microseconds since 1970, 10 bits of clock id. Here the time part is taken from the key's
    hash and kept between 2020 and mid-2024 (never in the future), the clock id from the hash too.
    """
    if not idempotency_key:
        raise ValueError("an idempotency key is required")
    digest = int.from_bytes(hashlib.sha256(idempotency_key.encode()).digest()[:8], "big")
    micros = _TID_EPOCH_US + (digest >> 17) % (1 << 47)
    value = (micros << 10) | (digest & 0x3FF)
    return "".join(_S32[(value >> (5 * (12 - i))) & 31] for i in range(13))


def iso_now() -> str:
    return _iso(datetime.now(UTC))


# --- helpers for reading remote values -------------------------------------------------------


def _parse_time(value: Any) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        parsed = datetime.fromisoformat(value[:64].replace("Z", "+00:00"))
        return (parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)).astimezone(UTC)
    except (ValueError, OverflowError):  # OverflowError: year 1 with a positive offset
        return None


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _shown(value: Any) -> str:
    """A remote value as it may appear in a log line: short, on one line."""
    return repr(value if isinstance(value, str) else type(value).__name__)[:120]


def _str(value: Any, limit: int = 512) -> str:
    return value[:limit] if isinstance(value, str) else ""


def _strong_ref(value: Any) -> str:
    """{"uri", "cid"} as "uri|cid" ("" when malformed)."""
    if isinstance(value, dict):
        uri, cid = _str(value.get("uri")), _str(value.get("cid"))
        if uri.startswith("at://") and cid and "|" not in uri + cid:
            return f"{uri}|{cid}"
    return ""


def split_ref(ref: str) -> tuple[str, str]:
    """"uri|cid" → (uri, cid); a bare at-uri → (uri, "")."""
    uri, _, cid = ref.partition("|")
    return uri, cid


def post_url(handle_or_did: str, uri: str) -> str:
    """The bsky.app address of a post at-uri (at://did/app.bsky.feed.post/rkey)."""
    rkey = uri.rsplit("/", 1)[-1]
    return f"{WEB_URL}/profile/{quote(handle_or_did, safe=':.')}/post/{quote(rkey, safe='')}"


def _rkey_of(uri: str) -> str:
    return uri.rsplit("/", 1)[-1]


def mention_from_post(uri: str, author: Any, record: Any, *, kind: MentionKind,
                      indexed_at: Any = None) -> FetchedMention | None:
    """One FetchedMention from a post's at-uri, its author (profileView) and its record."""
    if not isinstance(author, dict) or not isinstance(record, dict) or not uri.startswith("at://"):
        return None
    handle = _str(author.get("handle"), 253) or _str(author.get("did"))
    created = _parse_time(record.get("createdAt")) or _parse_time(indexed_at)
    if not handle or created is None:
        return None
    reply = record.get("reply") if isinstance(record.get("reply"), dict) else {}
    langs = record.get("langs")
    language = _str(langs[0], 32) if isinstance(langs, list) and langs else ""
    return FetchedMention(
        external_id=uri,
        kind=kind,
        author_handle=handle,
        author_name=_str(author.get("displayName"), 640) or handle,
        text=_str(record.get("text"), MAX_TEXT),
        created_at=created,
        url=post_url(handle, uri),
        author_url=f"{WEB_URL}/profile/{quote(handle, safe=':.')}",
        language=language,
        thread_root_id=_strong_ref(reply.get("root")),
        parent_id=_strong_ref(reply.get("parent")),
    )


# --- reading newest-first lists back to where the last sync stopped ---------------------------


@dataclass(frozen=True, slots=True)
class _Position:
    """How far a newest-first list was read: see the module docstring."""

    at: datetime | None = None
    seen: tuple[str, ...] = ()

    @classmethod
    def read(cls, value: Any) -> _Position:
        """From a stored cursor; anything unreadable starts afresh (a first sync)."""
        if not isinstance(value, Mapping):
            return cls()
        at = _parse_time(value.get("at"))
        seen = value.get("seen")
        uris = tuple(uri for uri in seen[:MAX_SEEN] if isinstance(uri, str)) \
            if isinstance(seen, list) else ()
        if at is None and isinstance(value.get("newest_uri"), str):  # the first cursor format
            at = _parse_time(value.get("newest_indexed_at"))
            uris = (value["newest_uri"],)
        if at is not None:
            at = min(at, datetime.now(UTC))
        return cls(at, uris)

    def to_json(self) -> dict[str, object]:
        if self.at is None:
            return {}
        return {"at": _iso(self.at), "seen": list(self.seen)}


_Item = tuple[str, datetime, FetchedMention | None]
"""One list item read: its uri, its sort time, and what it brings to the inbox (None for an
item that only marks the position: the account's own post, an unknown reason, a bad author)."""


def _item_uri(raw: Any) -> str:
    uri = raw.get("uri") if isinstance(raw, dict) else None
    return uri if isinstance(uri, str) and len(uri) <= MAX_URI and _AT_URI.fullmatch(uri) \
        else ""


def _notification_item(note: Any) -> _Item | None:
    uri = _item_uri(note)
    if not uri:
        log.warning("skipped a Bluesky notification without a usable uri: %s",
                    _shown(note.get("uri") if isinstance(note, dict) else note))
        return None
    record = note.get("record")
    sort_at = _parse_time(note.get("indexedAt")) or (
        _parse_time(record.get("createdAt")) if isinstance(record, dict) else None)
    if sort_at is None:
        log.warning("skipped Bluesky notification %s: it has no time", _shown(uri))
        return None
    kind = MENTION_REASONS.get(_str(note.get("reason"), 64))
    if kind is None:
        return uri, sort_at, None  # another reason (the server ignored the filter)
    mention = mention_from_post(uri, note.get("author"), record, kind=kind,
                                indexed_at=note.get("indexedAt"))
    if mention is None:
        log.warning("skipped Bluesky notification %s: its author or post is unreadable",
                    _shown(uri))
    return uri, sort_at, mention


def _search_item(post: Any, own_did: str) -> _Item | None:
    uri = _item_uri(post)
    if not uri:
        log.warning("skipped a Bluesky search result without a usable uri: %s",
                    _shown(post.get("uri") if isinstance(post, dict) else post))
        return None
    record, author = post.get("record"), post.get("author")
    times = [moment for moment in (
        _parse_time(post.get("indexedAt")),
        _parse_time(record.get("createdAt")) if isinstance(record, dict) else None,
    ) if moment is not None]
    if not times:
        log.warning("skipped Bluesky post %s: it has no time", _shown(uri))
        return None
    sort_at = min(times)  # the AppView's sortAt, which searchPosts orders by
    if (isinstance(author, dict) and author.get("did") == own_did) or \
            uri.startswith(f"at://{own_did}/"):
        return uri, sort_at, None  # the shop's own post is no one talking about it
    mention = mention_from_post(uri, author, record, kind=MentionKind.KEYWORD,
                                indexed_at=post.get("indexedAt"))
    if mention is None:
        log.warning("skipped Bluesky post %s: its author or text is unreadable", _shown(uri))
    return uri, sort_at, mention


def _clean_terms(terms: Sequence[str]) -> list[str]:
    """Watched terms as searched: trimmed, once each, bounded in length and number."""
    cleaned: list[str] = []
    for term in terms:
        text = " ".join(term.split()) if isinstance(term, str) else ""
        if not text or text in cleaned:
            continue
        if len(text) > MAX_TERM_CHARS:
            log.warning("a watched term longer than %d characters is not searched",
                        MAX_TERM_CHARS)
            continue
        cleaned.append(text)
    if len(cleaned) > MAX_TERMS:
        log.warning("only the first %d of %d watched terms are searched", MAX_TERMS,
                    len(cleaned))
    return cleaned[:MAX_TERMS]


# --- rich text: facets for links, mentions and hashtags --------------------------------------

MAX_MENTION_LOOKUPS = 10  # handles resolved for one post; more stay plain text
MAX_KNOWN_HANDLES = 1000  # cached answers per connector
_DID = re.compile(r"did:[a-z]+:[a-zA-Z0-9._:%-]*[a-zA-Z0-9._-]")
_FACET = "app.bsky.richtext.facet"


class RichTextFacets:
    """The default FacetBuilder: a facet for every link, hashtag and mention that
    app.core.richtext finds, at its UTF-8 byte offsets.

    A mention needs the DID of the handle (that is what notifies the person), asked through
    `resolve_handle` once per handle and kept. A handle that no account has stays plain text,
    and so, this time only, does one that cannot be resolved now (offline, a server error):
    resolving never stops a post from going out."""

    def __init__(self, resolve_handle: Callable[[str], str | None]) -> None:
        self._resolve = resolve_handle
        self._dids: dict[str, str | None] = {}
        self._lock = threading.Lock()

    def __call__(self, text: str) -> list[dict[str, Any]]:
        facets: list[dict[str, Any]] = []
        lookups = 0
        for span in richtext.detect(text):
            if span.kind == "link":
                feature: dict[str, Any] = {"$type": f"{_FACET}#link", "uri": span.value}
            elif span.kind == "tag":
                feature = {"$type": f"{_FACET}#tag", "tag": span.value}
            else:
                handle = span.value.lower()
                with self._lock:
                    known = handle in self._dids
                    did = self._dids.get(handle)
                if not known:
                    if lookups >= MAX_MENTION_LOOKUPS:
                        continue
                    lookups += 1
                    did = self._lookup(handle)
                if did is None:
                    continue
                feature = {"$type": f"{_FACET}#mention", "did": did}
            facets.append({"index": {"byteStart": span.byte_start, "byteEnd": span.byte_end},
                           "features": [feature]})
        return facets

    def _lookup(self, handle: str) -> str | None:
        try:
            did = self._resolve(handle)
        except NetworkError as error:
            log.warning("a mention in a Bluesky post stays plain text: its handle could not be "
                        "resolved now (%s)", type(error).__name__)
            return None
        with self._lock:
            if len(self._dids) >= MAX_KNOWN_HANDLES:
                self._dids.clear()
            self._dids[handle] = did
        if did is None:
            log.info("a mention in a Bluesky post stays plain text: no account has its handle")
        return did


# --- the connector ---------------------------------------------------------------------------


class BlueskyConnector:
    """One Bluesky account, talking to its PDS with the session's access token."""

    network = Network.BLUESKY
    capabilities = CAPABILITIES

    def __init__(self, session: BlueskySession, *, on_secret_changed: Callable[[str], None],
                 transport_factory: TransportFactory | None = None,
                 facets: FacetBuilder | None = None) -> None:
        self._session = session
        self._on_secret_changed = on_secret_changed
        self._make = transport_factory or _default_transport
        self._facets = facets
        self._refresh_lock = threading.Lock()
        self._transport = self._make(session.pds_url, auth=self._auth_header)

    @classmethod
    def with_rich_text(cls, session: BlueskySession, *,
                       on_secret_changed: Callable[[str], None],
                       transport_factory: TransportFactory | None = None) -> BlueskyConnector:
        """A connector whose posts carry facets (RichTextFacets), mentions resolved through
        this account's PDS with one cache per connector."""
        connector = cls(session, on_secret_changed=on_secret_changed,
                        transport_factory=transport_factory)
        connector._facets = RichTextFacets(connector.resolve_handle)
        return connector

    @property
    def session(self) -> BlueskySession:
        return self._session

    def resolve_handle(self, handle: str) -> str | None:
        """The DID of an account's handle, as this account's PDS resolves it
        (com.atproto.identity.resolveHandle), or None when no account has the handle.
        Any other failure raises, so "no such account" is never confused with "not now"."""
        handle = handle.strip().removeprefix("@").lower()
        if not richtext.is_handle(handle):
            return None
        try:
            data = self._call("GET", "com.atproto.identity.resolveHandle",
                              params={"handle": handle})
        except (Rejected, NotFound):
            return None  # the PDS answers 400 "Unable to resolve handle"
        did = data.get("did") if isinstance(data, dict) else None
        if not isinstance(did, str) or len(did) > 2048 or not _DID.fullmatch(did):
            raise BadResponse("resolveHandle gave no DID")
        return did

    def close(self) -> None:
        self._transport.close()

    # The one way every call goes: access token, one refresh on an expired token, one retry.

    def _auth_header(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self._session.access_jwt}"}

    def _call(self, method: str, nsid: str, *, params: Any = None, body: Any = None) -> Any:
        used = self._session.access_jwt
        try:
            return self._send(method, nsid, params, body)
        except NetworkError as error:
            if not _is_token_error(error):
                raise
        self._refresh(stale_access=used)
        try:
            return self._send(method, nsid, params, body)
        except NetworkError as error:
            if _is_token_error(error):
                raise AuthExpired("Bluesky refused the refreshed session") from None
            raise

    def _send(self, method: str, nsid: str, params: Any, body: Any) -> Any:
        if method == "GET":
            return self._transport.get_json(f"/xrpc/{nsid}", params=params)
        return self._transport.post_json(f"/xrpc/{nsid}", body)

    def _refresh(self, *, stale_access: str) -> None:
        """Swap the session for a new one, once, even when several threads find it expired."""
        with self._refresh_lock:
            if self._session.access_jwt != stale_access:
                return  # another call refreshed while we waited
            old = self._session
            transport = self._make(old.pds_url)
            try:
                data = transport.post_json(
                    "/xrpc/com.atproto.server.refreshSession", None, authenticated=False,
                    headers={"Authorization": f"Bearer {old.refresh_jwt}"})
            except NetworkError as error:
                if error.transient:
                    raise  # offline or a server hiccup: try again later, the session may be fine
                raise AuthExpired("the Bluesky session ended: reconnect the account") from None
            finally:
                transport.close()
            new = _session_from(data, fallback_pds=old.pds_url, previous=old)
            if new.pds_url != old.pds_url:
                self._transport.close()
                self._transport = self._make(new.pds_url, auth=self._auth_header)
            self._session = new
            self._on_secret_changed(new.to_json())  # rotated tokens are saved at once

    # The Connector protocol.

    def text_rules(self) -> TextRules:
        return TEXT_RULES

    def verify(self) -> AccountInfo:
        """Who the session belongs to (getSession, from the PDS), with the display name and
        avatar of the profile (getProfile, from the AppView) when the AppView knows it."""
        own = self._call("GET", "com.atproto.server.getSession")
        if not isinstance(own, dict) or own.get("did") != self._session.did:
            raise BadResponse("getSession answered for another account")
        try:
            profile = self._call("GET", "app.bsky.actor.getProfile",
                                 params={"actor": self._session.did})
        except (Rejected, NotFound):
            profile = {}  # a brand-new account the AppView has not indexed yet
        if not isinstance(profile, dict) or profile.get("did", self._session.did) != \
                self._session.did:
            raise BadResponse("getProfile answered for another account")
        session = self._session
        return AccountInfo(
            network=Network.BLUESKY,
            handle=_str(own.get("handle"), 253) or session.handle,
            server_url=session.pds_url,
            display_name=_str(profile.get("displayName"), 640),
            avatar_url=_str(profile.get("avatar"), 2048),
            capabilities=CAPABILITIES,
            text_rules=TEXT_RULES,
            extra={"did": session.did, "pds": session.pds_url},
        )

    def fetch_mentions(self, cursor: dict[str, object], *, since: datetime | None = None
                       ) -> FetchResult:
        """Mentions, replies and quotes newer than the cursor, oldest first.

        listNotifications pages backwards from the newest and has no "since": reading stops at
        the cursor's position (see the module docstring), at `since` on a first sync, or after
        MAX_PAGES pages.
        """
        position = _Position.read(cursor)
        params: list[tuple[str, str]] = [("reasons", reason) for reason in MENTION_REASONS]
        params.append(("limit", str(PAGE_SIZE)))
        floor = _aware(since) if since is not None and position.at is None else None
        mentions, reached = self._read_back(
            "app.bsky.notification.listNotifications", params, "notifications", position,
            floor=floor, item=_notification_item, max_pages=MAX_PAGES)
        return FetchResult(mentions=tuple(mentions), cursor=reached.to_json())

    def fetch_keywords(self, terms: tuple[str, ...], cursor: dict[str, object], *,
                       since: datetime | None = None, language: str = "") -> FetchResult:
        """Posts containing any watched term (app.bsky.feed.searchPosts, newest first), as kind
        KEYWORD, oldest first, each once, never the account's own.

        Each term keeps its own position in the cursor; terms no longer watched are dropped,
        and a term searched with another language starts afresh. A first pass looks back to
        `since` (KEYWORD_BACKFILL by default). `language` "ja" (any ISO 639-1 code) asks the
        server for posts in that language. A term the server refuses (400 BadQueryString) is
        skipped with a warning, so it cannot stop the others. The local dev network matches
        terms as case-sensitive substrings and ignores `since` and `lang`; the position
        logic does not rely on either.
        """
        lang = language.strip().lower()
        lang = lang if _LANGUAGE.fullmatch(lang) else ""
        floor = _aware(since) if since is not None else datetime.now(UTC) - KEYWORD_BACKFILL
        kept = cursor.get("terms")
        stored: Mapping[str, Any] = kept if isinstance(kept, dict) else {}
        positions: dict[str, object] = {}
        found: dict[str, FetchedMention] = {}
        for term in _clean_terms(terms):
            old = stored.get(term)
            same_search = isinstance(old, dict) and old.get("lang", "") == lang
            position = _Position.read(old) if same_search else _Position()
            start = position.at - OVERLAP if position.at is not None else floor
            params = [("q", term), ("sort", "latest"), ("since", _iso(start)),
                      ("limit", str(SEARCH_PAGE_SIZE))]
            if lang:
                params.append(("lang", lang))
            try:
                mentions, reached = self._read_back(
                    "app.bsky.feed.searchPosts", params, "posts", position, floor=floor,
                    item=lambda post: _search_item(post, self._session.did),
                    max_pages=SEARCH_MAX_PAGES)
            except Rejected as error:
                log.warning("Bluesky refused to search a watched term (%s): skipped this time",
                            error.code or error.status)
                if same_search:
                    positions[term] = old
                continue
            if reached.at is not None:
                positions[term] = {"lang": lang, **reached.to_json()}
            for mention in mentions:
                found.setdefault(mention.external_id, mention)
        ordered = sorted(found.values(), key=lambda mention: mention.created_at)
        return FetchResult(mentions=tuple(ordered), cursor={"terms": positions})

    def _read_back(self, nsid: str, params: list[tuple[str, str]], key: str,
                   position: _Position, *, floor: datetime | None,
                   item: Callable[[Any], _Item | None], max_pages: int
                   ) -> tuple[list[FetchedMention], _Position]:
        """Page back through a newest-first list until `position` (or `floor` on a first read);
        return what is new, oldest first, and the position reached.

        Never loops: a page cursor seen before, or a page with nothing unseen in this read,
        ends it, and at most `max_pages` pages are asked for.
        """
        now = datetime.now(UTC)
        stop = position.at - OVERLAP if position.at is not None else floor
        known = set(position.seen)
        read: dict[str, datetime] = {}  # every item of this read: uri -> sort time
        met: set[str] = set()  # every uri the server sent, readable or not
        found: list[FetchedMention] = []
        cursors: set[str] = set()
        page_cursor = ""
        for _page in range(max_pages):
            query = [*params, ("cursor", page_cursor)] if page_cursor else params
            data = self._call("GET", nsid, params=query)
            items = data.get(key) if isinstance(data, dict) else None
            if not isinstance(items, list):
                raise BadResponse(f"{nsid} gave no list")
            done, unseen = not items, False
            for raw in items[:MAX_PAGE_ITEMS]:
                uri = _item_uri(raw)
                unseen = unseen or (uri not in met)
                met.add(uri)
                entry = item(raw)
                if entry is None:
                    continue
                uri, sort_at, mention = entry
                sort_at = min(sort_at, now)  # a time in the future must not move the position
                if stop is not None and sort_at < stop:
                    done = True
                    break
                if uri in read:
                    continue  # the same item twice in one read
                read[uri] = sort_at
                if mention is not None and uri not in known:
                    found.append(mention)
            next_cursor = data.get("cursor")
            if done or not unseen or not isinstance(next_cursor, str) or not next_cursor \
                    or len(next_cursor) > MAX_PAGE_CURSOR or next_cursor in cursors:
                break
            cursors.add(next_cursor)
            page_cursor = next_cursor
        times = [moment for moment in (position.at, *read.values()) if moment is not None]
        at = max(times) if times else floor
        if at is None:
            return list(reversed(found)), _Position()
        recent = sorted(((moment, uri) for uri, moment in read.items()
                         if moment >= at - OVERLAP), reverse=True)
        return list(reversed(found)), _Position(at, tuple(uri for _, uri in recent[:MAX_SEEN]))

    def fetch_thread(self, external_id: str) -> tuple[FetchedMention, ...]:
        """The posts above and below one post, oldest first (at most MAX_THREAD_POSTS)."""
        uri, _ = split_ref(external_id)
        try:
            data = self._call("GET", "app.bsky.feed.getPostThread",
                              params={"uri": uri, "depth": "6", "parentHeight": "80"})
        except Rejected as error:
            if error.code == "NotFound":
                raise NotFound("the post was deleted") from None
            raise
        thread = data.get("thread") if isinstance(data, dict) else None
        _check_thread_node(thread)
        posts: list[FetchedMention] = []
        parent = thread.get("parent")  # type: ignore[union-attr]  # a dict: checked above
        ancestors: list[dict[str, Any]] = []
        while isinstance(parent, dict) and _str(parent.get("$type")).endswith("#threadViewPost"):
            ancestors.append(parent)
            parent = parent.get("parent")
            if len(ancestors) >= MAX_THREAD_POSTS:
                break
        nodes = [*reversed(ancestors), thread]
        below: list[dict[str, Any]] = []
        queue = [thread]
        while queue and len(nodes) + len(below) < MAX_THREAD_POSTS:
            node = queue.pop(0)
            replies = node.get("replies")
            for child in replies[:MAX_THREAD_POSTS] if isinstance(replies, list) else ():
                if isinstance(child, dict) and _str(child.get("$type")).endswith("#threadViewPost"):
                    below.append(child)
                    queue.append(child)
        below.sort(key=lambda node: _str(node["post"].get("indexedAt"), 64)
                   if isinstance(node.get("post"), dict) else "")
        for node in [*nodes, *below][:MAX_THREAD_POSTS]:
            mention = _mention_from_view(node.get("post"))
            if mention is not None:
                posts.append(mention)
        return tuple(posts)

    def send_reply(self, in_reply_to: FetchedMention | str, text: str, *, idempotency_key: str,
                   direct: bool = False, language: str = "") -> Published:
        """Reply to a post (a FetchedMention, an at-uri or "uri|cid") without ever posting twice.

        The parent is read once so root and parent strong refs come from the server: root is the
        parent's own reply root when it has one, else the parent itself.
        """
        if direct:
            raise NotSupported("Bluesky direct messages are not available with an app password")
        target = in_reply_to.external_id if isinstance(in_reply_to, FetchedMention) \
            else in_reply_to
        uri, _ = split_ref(target)
        data = self._call("GET", "app.bsky.feed.getPosts", params={"uris": uri})
        posts = data.get("posts") if isinstance(data, dict) else None
        post = posts[0] if isinstance(posts, list) and posts else None
        if not isinstance(post, dict) or post.get("uri") != uri:
            raise NotFound("the post to answer was deleted")
        parent = {"uri": uri, "cid": _str(post.get("cid"))}
        if not parent["cid"]:
            raise BadResponse("the post to answer has no cid")
        record = post.get("record") if isinstance(post.get("record"), dict) else {}
        reply = record.get("reply") if isinstance(record.get("reply"), dict) else {}
        root_ref = _strong_ref(reply.get("root"))
        root = dict(zip(("uri", "cid"), split_ref(root_ref), strict=True)) if root_ref else parent
        return self._create_post(text, idempotency_key, reply={"root": root, "parent": parent},
                                 language=language)

    def find_reply(self, in_reply_to: str, idempotency_key: str, text: str) -> Published | None:
        """The post already written at the record key this idempotency key gives (see
        `record_key`), or None when there is none. Unlike createRecord's duplicate check, a
        failure to ask (offline, a server error) raises: "not found" must mean not there."""
        rkey = record_key(idempotency_key)
        try:
            data = self._call("GET", "com.atproto.repo.getRecord", params={
                "repo": self._session.did, "collection": "app.bsky.feed.post", "rkey": rkey})
        except NotFound:
            return None
        except Rejected as error:
            if error.code == "RecordNotFound":
                return None
            raise
        uri = _str(data.get("uri") if isinstance(data, dict) else None)
        if not uri.startswith("at://") or _rkey_of(uri) != rkey:
            raise BadResponse("getRecord answered for another record")
        return Published(remote_id=uri, remote_url=post_url(self._session.handle, uri))

    def publish(self, text: str, *, idempotency_key: str, scheduled_at: datetime | None = None,
                language: str = "") -> Published:
        if scheduled_at is not None:
            raise NotSupported("Bluesky cannot schedule posts: the app publishes them on time")
        return self._create_post(text, idempotency_key, reply=None, language=language)

    def find_post(self, idempotency_key: str, text: str, *, since: datetime,
                  scheduled_id: str = "") -> Published | None:
        """The post at the record key this idempotency key gives, as for replies: the key
        names the record, so neither the text nor the time is needed."""
        return self.find_reply("", idempotency_key, text)

    def reschedule(self, remote_id: str, at: datetime) -> Published:
        raise NotSupported("Bluesky cannot schedule posts: the app publishes them on time")

    def cancel_scheduled(self, remote_id: str) -> None:
        raise NotSupported("Bluesky cannot schedule posts: the app publishes them on time")

    def _create_post(self, text: str, idempotency_key: str, *, reply: dict[str, Any] | None,
                     language: str) -> Published:
        record: dict[str, Any] = {"$type": "app.bsky.feed.post", "text": text,
                                  "createdAt": iso_now()}
        if reply is not None:
            record["reply"] = reply
        if language:
            record["langs"] = [language]
        facets = list(self._facets(text)) if self._facets else []
        if facets:
            record["facets"] = facets
        rkey = record_key(idempotency_key)
        body = {"repo": self._session.did, "collection": "app.bsky.feed.post", "rkey": rkey,
                "record": record}
        try:
            data = self._call("POST", "com.atproto.repo.createRecord", body=body)
        except (Rejected, ServerError):
            # A record already at this rkey means it was sent before (a retry after a crash or
            # a lost answer). The reference PDS answers that duplicate with a bare HTTP 500.
            existing = self._existing_post(rkey)
            if existing is None:
                raise
            return existing
        created = _str(data.get("uri") if isinstance(data, dict) else None)
        if not created.startswith("at://"):
            raise BadResponse("createRecord gave no uri")
        return Published(remote_id=created, remote_url=post_url(self._session.handle, created))

    def _existing_post(self, rkey: str) -> Published | None:
        try:
            data = self._call("GET", "com.atproto.repo.getRecord", params={
                "repo": self._session.did, "collection": "app.bsky.feed.post", "rkey": rkey})
        except NetworkError:
            return None
        uri = _str(data.get("uri") if isinstance(data, dict) else None)
        if not uri.startswith("at://") or _rkey_of(uri) != rkey:
            return None
        return Published(remote_id=uri, remote_url=post_url(self._session.handle, uri))


def _is_token_error(error: NetworkError) -> bool:
    """The access token is not accepted: worth one refresh. Any 401 counts (a PDS behind a
    proxy may answer a bare 401); a 400 only with the PDS's token error names."""
    return error.status == 401 or (error.status == 400 and error.code in _TOKEN_ERRORS)


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _check_thread_node(thread: Any) -> None:
    if not isinstance(thread, dict):
        raise BadResponse("getPostThread gave no thread")
    kind = _str(thread.get("$type"))
    if kind.endswith("#notFoundPost"):
        raise NotFound("the post was deleted")
    if kind.endswith("#blockedPost"):
        raise Rejected("the post is hidden by a block")
    if not kind.endswith("#threadViewPost"):
        raise BadResponse("getPostThread gave an unknown kind of thread")


def _mention_from_view(post: Any) -> FetchedMention | None:
    """A FetchedMention from a postView (getPostThread, getPosts)."""
    if not isinstance(post, dict):
        return None
    record = post.get("record")
    kind = MentionKind.REPLY if isinstance(record, dict) and record.get("reply") \
        else MentionKind.MENTION
    return mention_from_post(_str(post.get("uri")), post.get("author"), record, kind=kind,
                             indexed_at=post.get("indexedAt"))
