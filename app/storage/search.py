"""The full-text index over mentions: an SQLite FTS5 table fed with app.core.searchtext's tokens.

The table is contentless (`content=''`): it keeps only the index, not a second copy of every
mention. Such an entry can only be removed by handing FTS5 the very tokens it was added with,
so nothing in Python maintains it by hand: triggers on `mention` do, calling the tokenizer as
an SQL function that every connection of the app registers (app.storage.db). Any insert, edit
or delete, cascades included, keeps the index in step; a tool that opens the file without the
function cannot change mentions at all ("no such function"), which is safer than an index that
silently drifts.

Other databases (PostgreSQL for a shared workspace) have no FTS5 and fall back to substring
matching in app.storage.queries.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

from app.core.searchtext import index_text
from app.storage.models import SEARCH_TABLE

FUNCTION = "community_desk_search_text"
_BODY = "{row}.text, {row}.author_name, {row}.author_handle"
_ADD = (f"INSERT INTO {SEARCH_TABLE} (rowid, body) "
        f"VALUES (new.id, {FUNCTION}({_BODY.format(row='new')}));")
_REMOVE = (f"INSERT INTO {SEARCH_TABLE} ({SEARCH_TABLE}, rowid, body) "
           f"VALUES ('delete', old.id, {FUNCTION}({_BODY.format(row='old')}));")

CREATE_SQL = (
    f"CREATE VIRTUAL TABLE {SEARCH_TABLE} USING fts5("
    "body, content='', tokenize='unicode61 remove_diacritics 2')",
    f"CREATE TRIGGER mention_search_ai AFTER INSERT ON mention BEGIN {_ADD} END",
    f"CREATE TRIGGER mention_search_ad AFTER DELETE ON mention BEGIN {_REMOVE} END",
    "CREATE TRIGGER mention_search_au AFTER UPDATE OF text, author_name, author_handle "
    f"ON mention BEGIN {_REMOVE} {_ADD} END",
)
DROP_SQL = (
    "DROP TRIGGER IF EXISTS mention_search_au",
    "DROP TRIGGER IF EXISTS mention_search_ad",
    "DROP TRIGGER IF EXISTS mention_search_ai",
    f"DROP TABLE IF EXISTS {SEARCH_TABLE}",
)


def search_text(body: str | None, name: str | None, handle: str | None) -> str:
    """The SQL function's body: what the index stores for one mention."""
    return index_text(body or "", name or "", handle or "")


def supported(connection: Connection) -> bool:
    return connection.dialect.name == "sqlite"


def rebuild(connection: Connection) -> None:
    """Index every mention from scratch (the first migration to the index, or a new scheme)."""
    if not supported(connection):
        return
    connection.execute(text(f"INSERT INTO {SEARCH_TABLE} ({SEARCH_TABLE}) VALUES ('delete-all')"))
    connection.execute(text(
        f"INSERT INTO {SEARCH_TABLE} (rowid, body) "
        f"SELECT id, {FUNCTION}(text, author_name, author_handle) FROM mention"))
