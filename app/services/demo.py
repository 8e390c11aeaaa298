"""Fill a workspace with a believable, deterministic demo: accounts, mentions, posts, a shop.

Used for screenshots, manual testing and the benchmarks: the same seed and `now` always give
the same rows, and a million mentions must go in quickly, so texts are composed once from small
phrase tables, each mention is a plain tuple, and they are written with executemany in chunks,
never through the ORM.

Every phrase table entry is written so the default rules (migration 0002) flag it exactly as
its category says: complaint texts contain a complaint word, questions a question word, and
neutral and spam texts none at all. The tests check this against the rules in the database.
"""

from __future__ import annotations

import html
import itertools
import math
import random
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import Connection, Engine, func, insert, select
from sqlalchemy.orm import Session

from app.core.model import (
    AccountState,
    MentionKind,
    Network,
    OutboxKind,
    OutboxState,
    TriageState,
)
from app.core.timefmt import as_utc, utc_now
from app.storage.models import Account, Mention, OutboxItem
from app.storage.settings import update_settings

CHUNK_ROWS = 20_000
BULK_CACHE_SIZE = -262_144  # SQLite page cache during the fill: negative means KiB (256 MiB)
MIN_TEXT_CHARS = 55
DAYS_BACK = 21
JST_OFFSET_HOURS = 9

SHOP_SETTINGS: dict[str, object] = {
    "shop_name": "Hanamori Bakery / はなもりベーカリー",
    "contact_email": "hello@hanamori-bakery.example",
    "contact_phone": "03-1234-5678",
    "staff_name": "Sato / 佐藤",
    # ISO weekday -> opening periods; closed on Mondays like many small bakeries.
    "opening_hours": {
        str(day): [["08:00", "18:00"]] if day < 6 else [["09:00", "17:00"]] for day in range(2, 8)
    },
}

# --- Phrase tables ----------------------------------------------------------------------------
# A text is lead + detail + closing, sometimes followed by an "ask" tail that adds a question.
# Placeholders: {item} {branch} {order} {n} {day} {code}. Keep rule words where they belong: no
# "later"/"plate" (contain "late"), no "いつも" (contains "いつ"), no "?" outside questions.

PHRASES: dict[str, dict[str, dict[str, tuple[str, ...]]]] = {
    "ja": {
        "complaint": {
            "lead": (
                "{day}日前に注文した{item}がまだ届きません。",
                "注文番号 {order} の商品が届かないのですが、どうなっているのでしょう。",
                "{item}が潰れた状態で届きました。箱も破損していました。",
                "届いた{item}の袋が破れていて、中身も壊れていました。",
                "配送が遅延していると聞きましたが、もう{day}日も待っています。",
                "注文と違う商品が届きました。{item}を頼んだのに間違っています。",
                "{day}日前にフォームから問い合わせたのに、連絡がないままです。",
                "{branch}でのレジの対応が悪いと感じました。",
                "返金をお願いします。注文番号は {order} です。",
                "発送が遅いです。注文番号 {order}、もう{day}日経ちました。",
            ),
            "detail": (
                "{n}個まとめて頼んだので困っています。",
                "贈り物にする予定だったので残念です。",
                "写真を添付しておきます。",
                "週末のイベントで使う予定でした。",
                "楽しみにしていたのでがっかりです。",
                "注文番号は {order} です。",
            ),
            "close": (
                "ご確認よろしくお願いします。",
                "早めの対応をお願いします。",
                "DMでも送りました。",
                "",
            ),
            "ask": (
                "遅延していますか？",
                "届く日を教えてください。",
                "返金はできますか？",
                "交換してもらえますか？",
            ),
        },
        "question": {
            "lead": (
                "{branch}の営業時間を教えてください。",
                "{item}は今日も在庫ありますか？",
                "明日の朝、{item}を{n}個取り置きできますか？",
                "{branch}は日曜日も開いていますか？",
                "{branch}の近くに駐車場はありますか？",
                "オンラインショップで{item}の予約は何日から始まりますか？",
                "アレルギー表示について教えてください。{item}に卵は入っていますか？",
                "年末年始の営業時間はどうなりますか？",
            ),
            "detail": (
                "今週末に伺う予定です。",
                "友人と{n}人で行きたいと思っています。",
                "初めて利用します。",
                "子どもの誕生日用に考えています。",
            ),
            "close": ("よろしくお願いします。", "返信お待ちしています。", ""),
            "ask": (),
        },
        "praise": {
            "lead": (
                "{branch}の{item}、本当に美味しいです！",
                "昨日買った{item}が最高でした。",
                "{branch}のスタッフさんの笑顔が素敵でした。",
                "{item}が大好きで、週に{n}回は買っています。",
                "丁寧に包んでいただき、ありがとうございました。",
                "初めて食べた{item}に感動しました。",
                "焼きたての{item}がとてもおいしい。",
                "子どもも喜んでいました。また来ます！",
            ),
            "detail": (
                "家族みんなで分けて食べました。",
                "差し入れに{n}個持っていきました。",
                "写真も撮りました📸",
                "今週は{n}回目の来店です。",
            ),
            "close": ("これからも応援しています。", "#はなもりベーカリー", ""),
            "ask": ("次の限定パンは何日に出ますか？", "通販もしていますか？"),
        },
        "neutral": {
            "lead": (
                "{branch}の前を通ったら行列ができていた。",
                "今日のおやつは{item}。",
                "{branch}、外観が新しくなってた。",
                "はなもりベーカリーの新作が出たらしい。",
            ),
            "detail": ("{n}人くらい並んでた。", "また今度寄ってみよう。", "写真だけ撮った。"),
            "close": ("#パン屋巡り", "#はなもりベーカリー", ""),
            "ask": (),
        },
        "spam": {
            "lead": (
                "【副業】スマホだけで月収{n}0万円！",
                "フォロワーが{n}000人増える方法を無料で公開中。",
                "当選おめでとうございます！ギフト券を受け取るには以下のリンクへ。",
            ),
            "detail": ("詳細はこちら https://promo.example/{code}",),
            "close": ("#副業 #在宅ワーク", "今すぐ登録", ""),
            "ask": (),
        },
    },
    "en": {
        "complaint": {
            "lead": (
                "I'm still waiting for my {item}, ordered {day} days ago (order {order}).",
                "My order {order} is delayed again and nobody tells me anything.",
                "The {item} box arrived damaged and crushed.",
                "The {item} was broken when the parcel came.",
                "Received the wrong item: I ordered {item} but got something else.",
                "Really disappointed with the service at the {branch} shop today.",
                "I asked for a refund for order {order} {day} days ago.",
                "Sent two emails about order {order} and got no reply.",
                "Worst delivery experience so far, {day} days for one parcel.",
            ),
            "detail": (
                "It was meant to be a gift.",
                "I ordered {n} of them.",
                "Photos attached.",
                "Order number {order}.",
                "We needed them for a party.",
            ),
            "close": ("Please sort this out.", "Please get back to me soon.", ""),
            "ask": ("Can I get a refund?", "When will it ship?", "Is it delayed?"),
        },
        "question": {
            "lead": (
                "What are your opening hours at {branch} this weekend?",
                "Do you have {item} in stock today?",
                "Can I reserve {n} {item} for tomorrow morning?",
                "Is there parking near the {branch} shop?",
                "Do you ship to Osaka?",
                "Are your {item} vegan or do they contain egg?",
                "How do I change the delivery date for order {order}?",
            ),
            "detail": (
                "Visiting this weekend.",
                "First time ordering.",
                "Coming with {n} friends.",
                "It's for a birthday.",
            ),
            "close": ("Cheers!", "Appreciate it.", ""),
            "ask": (),
        },
        "praise": {
            "lead": (
                "Had the {item} from {branch}, seriously delicious.",
                "Best {item} in Tokyo, no contest.",
                "Thank you for the lovely packaging!",
                "Absolutely love the new {item}.",
                "The staff at {branch} were amazing this morning.",
                "Great coffee and even better {item}.",
                "Awesome service, my order arrived a day early.",
            ),
            "detail": (
                "Bought {n} for the office.",
                "My kids finished them in minutes.",
                "Fourth visit this month.",
            ),
            "close": ("Will be back soon.", "#bakery #tokyo", ""),
            "ask": ("Do you do gift boxes?", "When do the seasonal ones come back?"),
        },
        "neutral": {
            "lead": (
                "Walked past Hanamori Bakery in {branch}, queue out the door again.",
                "Picked up some {item} on the way home.",
                "Hanamori Bakery has a new sign at {branch}.",
                "Trying the {item} from Hanamori Bakery today.",
            ),
            "detail": ("{n} people in the queue.", "Will report back.", "Photo in the thread."),
            "close": ("#tokyo", "#breadwalk", ""),
            "ask": (),
        },
        "spam": {
            "lead": (
                "Get {n}000 real followers for $9, DM us now.",
                "Crypto giveaway! Claim your free tokens today.",
                "Congratulations, you have been selected for a free gift card.",
            ),
            "detail": ("Claim here: https://promo.example/{code}",),
            "close": ("Limited offer.", "#followers #crypto", ""),
            "ask": (),
        },
    },
}

# Fillers for the placeholders, per language (the "ask" question rate is per category below).
FILLERS: dict[str, dict[str, tuple[str, ...]]] = {
    "ja": {
        "item": (
            "メロンパン",
            "カレーパン",
            "クロワッサン",
            "シナモンロール",
            "食パン",
            "あんぱん",
            "抹茶スコーン",
            "バゲット",
            "いちごのショートケーキ",
            "季節のタルト",
        ),
        "branch": ("下北沢店", "吉祥寺店", "中目黒店"),
    },
    "en": {
        "item": (
            "melon pan",
            "curry bread",
            "croissants",
            "cinnamon rolls",
            "shokupan",
            "anpan",
            "matcha scones",
            "baguettes",
            "strawberry shortcake",
            "seasonal tarts",
        ),
        "branch": ("Shimokitazawa", "Kichijoji", "Nakameguro"),
    },
}

# Category mix of what people write about a small shop, and how often each adds a question.
CATEGORY_WEIGHTS: dict[str, int] = {
    "complaint": 22,
    "question": 25,
    "praise": 33,
    "neutral": 13,
    "spam": 7,
}
ASK_RATE: dict[str, float] = {"complaint": 0.3, "praise": 0.15}
# Google Alerts finds articles, not customers: only praise and neutral snippets come from it.
ALERT_CATEGORY_WEIGHTS: dict[str, int] = {"praise": 1, "neutral": 1}
CATEGORY_FLAGS: dict[str, tuple[bool, bool, bool]] = {  # complaint, question, praise
    "complaint": (True, False, False),
    "question": (False, True, False),
    "praise": (False, False, True),
    "neutral": (False, False, False),
    "spam": (False, False, False),
}
# Composed texts per (language, category); each row picks one and adds its own order number.
TEXTS_PER_CATEGORY = 512

# Median minutes until staff answer (they work through the inbox a few times a day).
RESPONSE_MEDIAN_MINUTES: dict[str, float] = {
    "complaint": 240,
    "question": 480,
    "praise": 840,
    "neutral": 720,
    "spam": 180,
}
RESPONSE_MIN_SECONDS = 4 * 60
RESPONSE_MAX_SECONDS = 30 * 3600
DELAYS_PER_CATEGORY = 1024
# Chance a mention is never handled: what keeps a few old items waiting in the inbox.
FORGOTTEN_RATE: dict[str, float] = {
    "complaint": 0.01,
    "question": 0.015,
    "praise": 0.02,
    "neutral": 0.02,
    "spam": 0.0,
}
PRAISE_REPLY_RATE = 0.6
# Every Nth complaint that is 1–4 days old stays unanswered, so the demo always shows overdue
# complaints however the dice fall.
OVERDUE_EVERY = 4
OVERDUE_WINDOW_SECONDS = 4 * 86400

# Relative activity per hour of the day in Japan (most customers are local).
JST_HOUR_WEIGHTS: tuple[int, ...] = (
    3, 2, 1, 1, 1, 2, 4, 7, 9, 9, 8, 9, 12, 11, 8, 7, 7, 8, 10, 12, 13, 12, 9, 5,
)  # fmt: skip

JA_FAMILY = (
    ("佐藤", "sato"),
    ("鈴木", "suzuki"),
    ("高橋", "takahashi"),
    ("田中", "tanaka"),
    ("伊藤", "ito"),
    ("渡辺", "watanabe"),
    ("山本", "yamamoto"),
    ("中村", "nakamura"),
    ("小林", "kobayashi"),
    ("加藤", "kato"),
)
JA_GIVEN = (
    ("花子", "hanako"),
    ("太郎", "taro"),
    ("美咲", "misaki"),
    ("翔太", "shota"),
    ("陽菜", "hina"),
    ("健太", "kenta"),
    ("結衣", "yui"),
    ("大輔", "daisuke"),
    ("さくら", "sakura"),
    ("蓮", "ren"),
)
EN_FIRST = ("Emma", "Liam", "Olivia", "Noah", "Ava", "James", "Mia", "Lucas", "Chloe", "Daniel")
EN_LAST = ("Smith", "Brown", "Wilson", "Taylor", "Clark", "Walker", "Hall", "Young", "King", "Ward")
MASTODON_SERVERS: dict[str, tuple[str, ...]] = {
    "ja": ("pawoo.example", "fedibird.example", "mstdn.example"),
    "en": ("mastodon.example", "social.example", "fosstodon.example"),
}
ALERT_SITES: tuple[tuple[str, str], ...] = (
    ("Tokyo Bread Walk", "breadwalk.example"),
    ("パン日和ブログ", "panbiyori.example"),
    ("下北沢タウン情報", "shimokita-news.example"),
    ("Weekend Eats Tokyo", "weekendeats.example"),
)
REVIEW_SITE = "reviews.hanamori-bakery.example"
BSKY_WEB = "https://bsky.example"
SHOP_DID = "did:plc:hanamorishopdemo00000000"
MASTODON_STATUS_BASE = 113_000_000_000_000_000
MASTODON_PARENT_BASE = 112_900_000_000_000_000
# Bluesky record keys are 13 sortable-base32 characters: a fixed prefix plus 6 from the index.
_B32 = "234567abcdefghijklmnopqrstuvwxyz"
_B32_PAIRS = tuple(a + b for a in _B32 for b in _B32)
BSKY_RKEY_PREFIX = "3lbq4xa"
BSKY_PARENT_RKEY_PREFIX = "3lak2mz"

POSTS: dict[str, tuple[str, ...]] = {
    "ja": (
        "明日は限定の桜あんぱんを焼きます。数量限定なのでお早めにどうぞ。",
        "今週末は中目黒店で焼きたてクロワッサンフェアを開催します。",
        "年末年始の営業時間のお知らせです。詳しくはプロフィールのリンクから。",
        "新作の抹茶スコーンが登場しました。",
    ),
    "en": (
        "Fresh cinnamon rolls out of the oven at 10:00 every Saturday.",
        "Our online shop now ships nationwide. Thanks for all the requests!",
        "Closed on Monday for maintenance. See you on Tuesday.",
    ),
}

# Column order of the tuples _mention_row returns: the table's own order, which is also the
# order of the compiled insert's positional parameters (checked before inserting).
MENTION_COLUMNS: tuple[str, ...] = (
    "account_id",
    "external_id",
    "kind",
    "author_handle",
    "author_name",
    "author_url",
    "text",
    "html",
    "url",
    "language",
    "thread_root_id",
    "parent_id",
    "created_at",
    "received_at",
    "edited_at",
    "state",
    "is_complaint",
    "is_question",
    "is_praise",
    "first_response_at",
    "handled_at",
)

MentionValues = tuple[object, ...]


@dataclass(frozen=True, slots=True)
class DemoSummary:
    """What fill_demo wrote, for the CLI's message and for tests."""

    accounts: int
    mentions: int
    waiting: int
    answered: int
    archived: int
    overdue: int
    scheduled_posts: int
    sent_posts: int


class WorkspaceNotEmptyError(Exception):
    """Demo data only goes into an empty workspace, never mixed with a shop's real mentions."""


@dataclass(frozen=True, slots=True)
class _Author:
    handle: str
    name: str
    url: str
    key: str  # Mastodon: server/@user for URLs; Bluesky: the DID; feeds: the site host


@dataclass(frozen=True, slots=True)
class _DemoAccount:
    id: int
    network: Network
    pool: str  # which author pool writes to it: the network, or "alerts" / "reviews"


@dataclass(frozen=True, slots=True)
class _Text:
    """A composed text whose only per-row part left is the {order} number."""

    text: str
    html: str
    has_order: bool
    is_complaint: bool
    is_question: bool
    is_praise: bool


# SQLAlchemy's SQLite DateTime stores "YYYY-MM-DD HH:MM:SS.ffffff"; demo times are whole
# seconds, so a time is a cached minute prefix plus one of these (see _minute_prefixes).
_SECOND_SUFFIXES = tuple(f"{second:02d}.000000" for second in range(60))

# Enum .value is a descriptor call; a million rows read these plain strings instead.
_NEW, _DONE, _ARCHIVED = (
    state.value for state in (TriageState.NEW, TriageState.DONE, TriageState.ARCHIVED)
)
_MENTION, _REPLY, _QUOTE, _KEYWORD, _FEED_ITEM = (
    kind.value
    for kind in (
        MentionKind.MENTION,
        MentionKind.REPLY,
        MentionKind.QUOTE,
        MentionKind.KEYWORD,
        MentionKind.FEED_ITEM,
    )
)


@dataclass(slots=True)
class _Plan:
    """Everything rows need that is decided once, plus the running tallies.

    Times inside the generator are whole seconds after `start` (DAYS_BACK before now): integer
    arithmetic is what keeps a million rows fast.
    """

    start: datetime
    span: int  # seconds from start to now
    rng: random.Random
    accounts: tuple[_DemoAccount, ...]  # Mastodon, Bluesky, alerts feed, reviews feed
    authors: dict[tuple[str, str], list[_Author]]
    texts: dict[tuple[str, str], list[_Text]]
    delays: dict[str, list[int]]
    overdue_after: int
    minutes: list[str]  # "YYYY-MM-DD HH:MM:" for each minute after start
    categories: tuple[str, ...] = ()
    alert_categories: tuple[str, ...] = ()
    overdue_counter: int = 0
    counts: dict[str, int] = field(default_factory=dict)


# --- Public entry point -----------------------------------------------------------------------


def fill_demo(
    workspace_engine: Engine,
    *,
    mentions: int = 400,
    now: datetime | None = None,
    seed: int = 7,
) -> DemoSummary:
    """Write a complete demo into an empty, migrated SQLite workspace in one transaction.

    `now` (aware, or naive meaning UTC) anchors every time, so the same seed and `now` give the
    same rows. Raises WorkspaceNotEmptyError when the workspace already has accounts.
    """
    if mentions < 0:
        raise ValueError("mentions must not be negative")
    if workspace_engine.dialect.name != "sqlite":
        raise ValueError("demo data is written in SQLite's storage format")
    moment = _naive_utc(now if now is not None else utc_now())
    with (
        workspace_engine.connect() as connection,
        _bulk_load(connection),
        Session(bind=connection) as session,
        session.begin(),
    ):
        if session.scalar(select(func.count()).select_from(Account)):
            raise WorkspaceNotEmptyError("the workspace already has accounts")
        settings = update_settings(session, **SHOP_SETTINGS)
        accounts = _create_accounts(session, moment)
        plan = _make_plan(accounts, moment, seed, settings.overdue_hours)
        _insert_mentions(connection, _mention_rows(plan, mentions))
        outbox = _outbox_rows(accounts, moment, random.Random(f"{seed}:outbox"))
        connection.execute(insert(OutboxItem.__table__), outbox)
    return DemoSummary(
        accounts=len(accounts),
        mentions=mentions,
        waiting=plan.counts[_NEW],
        answered=plan.counts[_DONE],
        archived=plan.counts[_ARCHIVED],
        overdue=plan.counts["overdue"],
        scheduled_posts=sum(row["state"] == OutboxState.SCHEDULED.value for row in outbox),
        sent_posts=sum(row["state"] == OutboxState.SENT.value for row in outbox),
    )


def _naive_utc(moment: datetime) -> datetime:
    """The database stores naive UTC; whole seconds keep demo times tidy and comparable."""
    return as_utc(moment).replace(tzinfo=None, microsecond=0)


@contextmanager
def _bulk_load(connection: Connection) -> Iterator[None]:
    """Skip fsyncs and keep index pages in memory while the demo goes in, then restore both.

    At a million rows the fsyncs of the write-ahead log and the checkpoint cost seconds. A
    power cut in the middle of filling a demo loses nothing worth keeping: run it again.
    """
    synchronous = int(connection.exec_driver_sql("PRAGMA synchronous").scalar_one())
    cache_size = int(connection.exec_driver_sql("PRAGMA cache_size").scalar_one())
    connection.exec_driver_sql("PRAGMA synchronous=OFF")
    connection.exec_driver_sql(f"PRAGMA cache_size={BULK_CACHE_SIZE}")
    connection.commit()
    try:
        yield
    finally:
        connection.exec_driver_sql(f"PRAGMA synchronous={synchronous}")
        connection.exec_driver_sql(f"PRAGMA cache_size={cache_size}")
        connection.commit()


def _insert_mentions(connection: Connection, rows: Iterator[MentionValues]) -> None:
    """Executemany the Core insert in chunks, with values already in SQLite's storage form.

    SQLAlchemy's per-row parameter processing costs about as much as SQLite's own work, so the
    statement is compiled once from the table and run as driver SQL with positional tuples.
    """
    compiled = insert(Mention.__table__).compile(
        dialect=connection.dialect, column_keys=list(MENTION_COLUMNS)
    )
    if tuple(compiled.positiontup or ()) != MENTION_COLUMNS:
        raise RuntimeError("MENTION_COLUMNS no longer matches the mention table")
    for chunk in _chunks(rows, CHUNK_ROWS):
        connection.exec_driver_sql(compiled.string, chunk)


def _chunks(rows: Iterator[MentionValues], size: int) -> Iterator[list[MentionValues]]:
    """Bounded lists for executemany, so a million rows never sit in memory at once."""
    while chunk := list(itertools.islice(rows, size)):
        yield chunk


# --- Accounts and authors ---------------------------------------------------------------------


def _create_accounts(session: Session, now: datetime) -> tuple[_DemoAccount, ...]:
    """The shop's own accounts: one per network plus two feeds, all connected and healthy."""
    created = now - timedelta(days=DAYS_BACK + 9)
    specs = [
        (
            Network.MASTODON,
            "@shop@mastodon.example",
            "https://mastodon.example",
            "はなもりベーカリー",
        ),
        (Network.BLUESKY, "shop.bsky.example", "https://bsky.example", "Hanamori Bakery"),
        (
            Network.FEED,
            "Google Alerts: はなもりベーカリー",
            "https://alerts.example/alerts/feeds/08151234567890/1234567890",
            "Google Alerts",
        ),
        (
            Network.FEED,
            "Reviews & blog comments",
            f"https://{REVIEW_SITE}/comments/feed.xml",
            "Review comments",
        ),
    ]
    rows = [
        Account(
            network=network.value,
            handle=handle,
            server_url=server,
            display_name=name,
            state=AccountState.OK.value,
            last_synced_at=now - timedelta(minutes=3),
            created_at=created,
        )
        for network, handle, server, name in specs
    ]
    session.add_all(rows)
    session.flush()
    pools = (Network.MASTODON.value, Network.BLUESKY.value, "alerts", "reviews")
    return tuple(
        _DemoAccount(id=row.id, network=Network(row.network), pool=pool)
        for row, pool in zip(rows, pools, strict=True)
    )


def _author_pools(rng: random.Random) -> dict[tuple[str, str], list[_Author]]:
    """Customers per (pool, language), so a Japanese text has a Japanese-looking author."""
    people: dict[str, list[tuple[str, str]]] = {"ja": [], "en": []}
    for family, family_r in JA_FAMILY:
        for given, given_r in JA_GIVEN:
            user = rng.choice((f"{given_r}_{family_r}", f"{given_r}{rng.randint(1, 99)}"))
            people["ja"].append((f"{family} {given}", user))
    people["ja"] += [("パン好きのゆい", "pan_yui"), ("しもきた散歩", "shimokita_walk")]
    for first in EN_FIRST:
        for last in EN_LAST:
            user = rng.choice((f"{first}_{last}".lower(), f"{first.lower()}{last[0].lower()}"))
            people["en"].append((f"{first} {last}", user))
    pools: dict[tuple[str, str], list[_Author]] = {}
    sites = [_Author(host, name, f"https://{host}/", host) for name, host in ALERT_SITES]
    for language, names in people.items():
        mastodon, bluesky, reviews = [], [], []
        for name, user in names:
            server = rng.choice(MASTODON_SERVERS[language])
            mastodon.append(
                _Author(f"@{user}@{server}", name, f"https://{server}/@{user}", f"{server}/@{user}")
            )
            handle = f"{user.replace('_', '-')}.bsky.example"
            did = "did:plc:" + "".join(rng.choices(_B32, k=24))
            bluesky.append(_Author(handle, name, f"{BSKY_WEB}/profile/{handle}", did))
            reviews.append(_Author(name, name, "", REVIEW_SITE))
        pools[(Network.MASTODON.value, language)] = mastodon
        pools[(Network.BLUESKY.value, language)] = bluesky
        pools[("reviews", language)] = reviews
        pools[("alerts", language)] = sites
    return pools


# --- Plan and texts ---------------------------------------------------------------------------


def _make_plan(
    accounts: tuple[_DemoAccount, ...], now: datetime, seed: int, overdue_hours: int
) -> _Plan:
    """Decide everything shared by all rows; separate generators keep each part stable."""
    start = now - timedelta(days=DAYS_BACK)
    return _Plan(
        start=start,
        span=DAYS_BACK * 86400,
        rng=random.Random(seed),
        accounts=accounts,
        authors=_author_pools(random.Random(f"{seed}:authors")),
        texts=_text_pools(random.Random(f"{seed}:texts")),
        delays=_delay_pools(random.Random(f"{seed}:delays")),
        overdue_after=overdue_hours * 3600,
        minutes=_minute_prefixes(start, DAYS_BACK * 1440 + 1),
        categories=_weighted_table(CATEGORY_WEIGHTS),
        alert_categories=_weighted_table(ALERT_CATEGORY_WEIGHTS),
        counts={state.value: 0 for state in TriageState} | {"overdue": 0},
    )


def _minute_prefixes(start: datetime, count: int) -> list[str]:
    """Date-and-minute text for every minute of the demo period, formatted once.

    Formatting three datetimes per row costs seconds at a million rows; a list lookup does not.
    """
    return [
        (start + timedelta(minutes=minute)).strftime("%Y-%m-%d %H:%M:") for minute in range(count)
    ]


def _weighted_table(weights: dict[str, int]) -> tuple[str, ...]:
    """Each name repeated by its weight: a weighted pick becomes one random index."""
    return tuple(name for name, weight in weights.items() for _ in range(weight))


def _text_pools(rng: random.Random) -> dict[tuple[str, str], list[_Text]]:
    """Compose TEXTS_PER_CATEGORY texts per language and category once, not once per row."""
    return {
        (language, category): [_compose(language, category, rng) for _ in range(TEXTS_PER_CATEGORY)]
        for language in PHRASES
        for category in CATEGORY_WEIGHTS
    }


def _compose(language: str, category: str, rng: random.Random) -> _Text:
    """A varied text from the phrase tables, flagged by its category and any question added.

    At least one detail is added (spam's detail is its link), then more in a rotating order
    until the text reaches MIN_TEXT_CHARS, so short Japanese leads still make a tweet-length
    text without repeating a sentence. {order} is left in place for each row to fill.
    """
    table = PHRASES[language][category]
    fillers = FILLERS[language]
    parts = [rng.choice(table["lead"])]
    asked = bool(table["ask"]) and rng.random() < ASK_RATE.get(category, 0.0)
    if asked:
        parts.append(rng.choice(table["ask"]))
    details = table["detail"]
    start = rng.randrange(len(details))
    length = sum(map(len, parts))
    for offset in range(len(details)):
        if offset and length >= MIN_TEXT_CHARS:
            break
        detail = details[(start + offset) % len(details)]
        parts.append(detail)
        length += len(detail)
    close = rng.choice(table["close"])
    if close:
        parts.append(close)
    text = (
        ("" if language == "ja" else " ")
        .join(parts)
        .format(
            item=rng.choice(fillers["item"]),
            branch=rng.choice(fillers["branch"]),
            order="{order}",
            n=rng.randint(2, 9),
            day=rng.randint(2, 14),
            code=f"{rng.getrandbits(32):08x}",
        )
    )
    complaint, question, praise = CATEGORY_FLAGS[category]
    return _Text(
        text=text,
        html=f"<p>{html.escape(text)}</p>",
        has_order="{order}" in text,
        is_complaint=complaint,
        is_question=question or asked,
        is_praise=praise,
    )


def _delay_pools(rng: random.Random) -> dict[str, list[int]]:
    """Response delays in seconds per category: log-normal around the median, clipped."""
    return {
        category: [
            int(
                min(
                    max(rng.lognormvariate(math.log(median * 60), 0.9), RESPONSE_MIN_SECONDS),
                    RESPONSE_MAX_SECONDS,
                )
            )
            for _ in range(DELAYS_PER_CATEGORY)
        ]
        for category, median in RESPONSE_MEDIAN_MINUTES.items()
    }


# --- Mentions ---------------------------------------------------------------------------------


def _mention_rows(plan: _Plan, count: int) -> Iterator[MentionValues]:
    """Rows oldest first: appending in time order keeps the created_at indexes cheap to fill."""
    for index, created in enumerate(_timestamps(plan, count)):
        yield _mention_row(plan, index, created)


def _timestamps(plan: _Plan, count: int) -> Iterator[int]:
    """Sorted seconds after plan.start, busier in Japanese daytime and evenings.

    Each hour gets its share of `count` by weight, spread with jitter inside the hour: sorted
    output without a sort, and only one random number per row.
    """
    hours = DAYS_BACK * 24
    first_jst_hour = (plan.start.hour + JST_OFFSET_HOURS) % 24
    weights = [JST_HOUR_WEIGHTS[(first_jst_hour + hour) % 24] for hour in range(hours)]
    total = sum(weights)
    random = plan.rng.random
    emitted = 0
    for hour, cumulative in enumerate(itertools.accumulate(weights)):
        upto = count * cumulative // total
        share = upto - emitted
        emitted = upto
        if share:
            base, step = hour * 3600, 3600 / share
            for slot in range(share):
                yield base + int((slot + random()) * step)


def _mention_row(plan: _Plan, index: int, created: int) -> MentionValues:
    """One mention in MENTION_COLUMNS order: network, author, text, flags and triage state."""
    random = plan.rng.random
    language = "ja" if random() < 0.5 else "en"
    roll = random()
    account = plan.accounts[0 if roll < 0.40 else 1 if roll < 0.75 else 2 if roll < 0.85 else 3]
    categories = plan.alert_categories if account.pool == "alerts" else plan.categories
    category = categories[int(random() * len(categories))]
    texts = plan.texts[(language, category)]
    phrase = texts[int(random() * len(texts))]
    text, markup = phrase.text, phrase.html
    if phrase.has_order:
        order = f"HM-{10000 + int(random() * 90000)}"
        text = text.replace("{order}", order)
        markup = markup.replace("{order}", order)
    authors = plan.authors[(account.pool, language)]
    author = authors[int(random() * len(authors))]
    kind, external_id, url, parent = _identity(account, author, index, random)
    state, responded, handled = _triage(plan, category, created)
    received = min(created + 2 + int(random() * 88), plan.span)
    minutes = plan.minutes
    return (
        account.id,
        external_id,
        kind,
        author.handle,
        author.name,
        author.url,
        text,
        markup,
        url,
        language,
        parent,
        parent,
        minutes[created // 60] + _SECOND_SUFFIXES[created % 60],
        minutes[received // 60] + _SECOND_SUFFIXES[received % 60],
        None,
        state,
        phrase.is_complaint,
        phrase.is_question,
        phrase.is_praise,
        None if responded is None else minutes[responded // 60] + _SECOND_SUFFIXES[responded % 60],
        None if handled is None else minutes[handled // 60] + _SECOND_SUFFIXES[handled % 60],
    )


_THREADED = frozenset({_REPLY, _QUOTE})


def _identity(
    account: _DemoAccount, author: _Author, index: int, random: Callable[[], float]
) -> tuple[str, str, str, str]:
    """Kind, external id, web URL and parent id in each network's own format.

    Ids derive from the row index, which is what makes them unique per account.
    """
    if account.network is Network.FEED:
        if account.pool == "alerts":
            external_id = f"tag:alerts.example,2013:googlealerts/feed:{10**17 + index}"
            url = f"https://{author.key}/articles/hanamori-bakery-{index}"
        else:
            external_id = f"https://{REVIEW_SITE}/comments/{index}"
            url = f"https://{REVIEW_SITE}/reviews/{index % 97}#comment-{index}"
        return _FEED_ITEM, external_id, url, ""
    roll = random()
    if roll < 0.55:
        kind = _MENTION
    elif roll < 0.80:
        kind = _REPLY
    elif roll < 0.90:
        kind = _QUOTE
    else:
        kind = _KEYWORD
    threaded = kind in _THREADED
    if account.network is Network.MASTODON:
        status = str(MASTODON_STATUS_BASE + index * 1000 + int(random() * 1000))
        parent = str(MASTODON_PARENT_BASE + int(random() * 10**9)) if threaded else ""
        return kind, status, f"https://{author.key}/{status}", parent
    rkey = BSKY_RKEY_PREFIX + _base32_6(index)
    parent = ""
    if threaded:
        parent_rkey = BSKY_PARENT_RKEY_PREFIX + _base32_6(int(random() * 2**30))
        parent = f"at://{SHOP_DID}/app.bsky.feed.post/{parent_rkey}"
    external_id = f"at://{author.key}/app.bsky.feed.post/{rkey}"
    return kind, external_id, f"{BSKY_WEB}/profile/{author.handle}/post/{rkey}", parent


def _base32_6(value: int) -> str:
    """Six sortable-base32 characters (30 bits), as in Bluesky record keys."""
    return (
        _B32_PAIRS[(value >> 20) & 1023]
        + _B32_PAIRS[(value >> 10) & 1023]
        + _B32_PAIRS[value & 1023]
    )


def _triage(plan: _Plan, category: str, created: int) -> tuple[str, int | None, int | None]:
    """State, first response and handled time (seconds after start): handled once staff get
    to it, if ever (answered, or marked done or archived after the same delay).

    A sampled response delay that has not elapsed by now leaves the mention waiting, so recent
    mentions are mostly new and old ones mostly done.
    """
    random = plan.rng.random
    age = plan.span - created
    delays = plan.delays[category]
    delay = delays[int(random() * len(delays))]
    forgotten = random() < FORGOTTEN_RATE[category]
    if category == "complaint" and plan.overdue_after < age <= OVERDUE_WINDOW_SECONDS:
        plan.overdue_counter += 1
        forgotten = forgotten or plan.overdue_counter % OVERDUE_EVERY == 1
    responded = None
    if forgotten or delay > age:
        state = _NEW
        if age > plan.overdue_after:
            plan.counts["overdue"] += 1
    elif category == "spam":
        state = _ARCHIVED
    elif category == "neutral" or (category == "praise" and random() >= PRAISE_REPLY_RATE):
        state = _DONE
    else:
        state = _DONE
        responded = created + delay
    plan.counts[state] += 1
    return state, responded, None if state == _NEW else created + delay


# --- Outbox -----------------------------------------------------------------------------------


def _outbox_rows(
    accounts: tuple[_DemoAccount, ...], now: datetime, rng: random.Random
) -> list[dict[str, object]]:
    """A few posts scheduled over the next ten days and two already sent, on both networks."""
    social = [account for account in accounts if account.network is not Network.FEED]
    rows: list[dict[str, object]] = []
    for number, days in enumerate((1, 2, 4, 6, 9)):
        language = "ja" if number % 2 == 0 else "en"
        due = (now + timedelta(days=days)).replace(minute=30, second=0)
        rows.append(
            _outbox_row(
                social[number % 2].id,
                rng.choice(POSTS[language]),
                OutboxState.SCHEDULED,
                scheduled_at=due,
                created_at=now - timedelta(hours=rng.randint(1, 72)),
                rng=rng,
            )
        )
    for number, days in enumerate((3, 8)):
        account = social[number % 2]
        # 00:00–10:00 UTC is 09:00–19:00 in Japan, when the shop posts.
        sent = (now - timedelta(days=days)).replace(hour=rng.randint(0, 10), minute=0, second=0)
        if account.network is Network.MASTODON:
            remote = str(MASTODON_PARENT_BASE + rng.randrange(10**9))
            url = f"https://mastodon.example/@shop/{remote}"
        else:
            rkey = BSKY_PARENT_RKEY_PREFIX + _base32_6(rng.getrandbits(30))
            remote = f"at://{SHOP_DID}/app.bsky.feed.post/{rkey}"
            url = f"{BSKY_WEB}/profile/shop.bsky.example/post/{rkey}"
        rows.append(
            _outbox_row(
                account.id,
                rng.choice(POSTS["ja" if number == 0 else "en"]),
                OutboxState.SENT,
                scheduled_at=sent,
                created_at=sent - timedelta(hours=rng.randint(2, 30)),
                rng=rng,
                sent_at=sent + timedelta(seconds=rng.randint(1, 5)),
                remote_id=remote,
                remote_url=url,
            )
        )
    return rows


def _outbox_row(
    account_id: int,
    text: str,
    state: OutboxState,
    *,
    scheduled_at: datetime,
    created_at: datetime,
    rng: random.Random,
    sent_at: datetime | None = None,
    remote_id: str = "",
    remote_url: str = "",
) -> dict[str, object]:
    """One post; the idempotency key comes from the seeded generator so reruns are identical."""
    return {
        "kind": OutboxKind.POST.value,
        "account_id": account_id,
        "in_reply_to_mention_id": None,
        "text": text,
        "state": state.value,
        "idempotency_key": uuid.UUID(int=rng.getrandbits(128)).hex,
        "scheduled_at": scheduled_at,
        "remote_id": remote_id,
        "remote_url": remote_url,
        "error": "",
        "attempts": 1 if state is OutboxState.SENT else 0,
        "created_at": created_at,
        "updated_at": sent_at or created_at,
        "sent_at": sent_at,
    }
