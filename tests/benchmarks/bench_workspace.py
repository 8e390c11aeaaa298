"""The benchmarks' million-mention workspace, made once by the demo generator and cached.

Generating a million mentions (and their full-text index) takes a minute or more, so the result
is kept under /tmp, in a folder named after the schema revision and the number of mentions:
a migration gives a new folder, and a stamp file inside says which demo generator and search
index scheme made it, so a change to either makes it again. Benchmarks must not change the
cached workspace: one that writes (a sync) works on a copy (`scratch_copy`).
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import shutil
import sqlite3
import sys
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

CACHE_PARENT = Path("/tmp")
STAMP = "bench-stamp.json"
DB_FILENAME = "community-desk.db"


def _label(mentions: int) -> str:
    if mentions % 1_000_000 == 0:
        return f"{mentions // 1_000_000}m"
    if mentions % 1_000 == 0:
        return f"{mentions // 1_000}k"
    return str(mentions)


def _wanted_stamp(mentions: int) -> dict[str, object]:
    from app.core.searchtext import INDEX_VERSION
    from app.storage.migrate import HEAD_REVISION

    demo = (ROOT / "app" / "services" / "demo.py").read_bytes()
    return {
        "mentions": mentions,
        "schema_revision": HEAD_REVISION,
        "search_index_version": INDEX_VERSION,
        "demo_sha256": hashlib.sha256(demo).hexdigest(),
    }


def cached_folder(mentions: int) -> Path:
    from app.storage.migrate import HEAD_REVISION

    return CACHE_PARENT / f"community-desk-bench-{_label(mentions)}-{HEAD_REVISION}"


def _generate(folder: Path, mentions: int) -> float:
    from app.services.demo import fill_demo
    from app.services.workspace import open_workspace

    started = time.perf_counter()
    workspace = open_workspace(folder)
    try:
        fill_demo(workspace.engine, mentions=mentions)
        workspace.daily_backup()  # as after a first run: start-up does not pay for it
    finally:
        workspace.close()
    # ANALYZE is not run: the app never runs it either, so the planner sees what users have.
    return time.perf_counter() - started


def ensure_workspace(mentions: int, folder: Path | None = None) -> tuple[Path, float | None]:
    """The cached workspace folder (made when missing or stale), and the seconds it took to
    make it now (None when it was reused).

    A folder given by the caller is used as it is when it holds a database (it is never
    replaced or deleted), and filled when it does not."""
    if folder is not None:
        if db_path(folder).exists():
            _remove_stale_markers(folder)
            return folder, None
        seconds = _generate(folder, mentions)
        return folder, seconds
    folder = cached_folder(mentions)
    wanted = _wanted_stamp(mentions)
    stamp = folder / STAMP
    folder.parent.mkdir(parents=True, exist_ok=True)
    lock_path = folder.with_name(folder.name + ".lock")
    with open(lock_path, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # two runs at once: the second waits and reuses
        try:
            found = json.loads(stamp.read_text()) if stamp.exists() else {}
            if {k: found.get(k) for k in wanted} == wanted and (folder / DB_FILENAME).exists():
                _remove_stale_markers(folder)
                return folder, None
        except ValueError:
            pass
        building = folder.with_name(folder.name + ".building")
        shutil.rmtree(building, ignore_errors=True)
        seconds = _generate(building, mentions)
        made = dict(wanted, generated_at=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                    generated_in_s=round(seconds, 1))
        (building / STAMP).write_text(json.dumps(made, indent=2))
        shutil.rmtree(folder, ignore_errors=True)
        building.rename(folder)
        return folder, seconds


def describe(folder: Path, generated_s: float | None) -> dict[str, object]:
    """What the JSON says about the workspace measured."""
    stamp = folder / STAMP
    made = json.loads(stamp.read_text()) if stamp.exists() else {}
    with read_only(folder) as con:
        states = dict(con.execute("SELECT state, count(*) FROM mention GROUP BY state"))
    return {
        "folder": str(folder),
        "mentions": sum(states.values()),
        "by_state": states,
        "db_mb": round(db_path(folder).stat().st_size / 1e6),
        "generated_at": made.get("generated_at"),
        "generated_in_s": round(generated_s, 1) if generated_s is not None
        else made.get("generated_in_s"),
        "reused": generated_s is None,
    }


def _remove_stale_markers(folder: Path) -> None:
    """A benchmark that was killed leaves its "running" marker; the next open would then check
    the whole file for damage (seconds on a million rows) and charge it to start-up."""
    for marker in folder.glob(".running-*"):
        try:
            pid = int(marker.name.removeprefix(".running-"))
        except ValueError:
            continue
        if not Path(f"/proc/{pid}").exists():
            marker.unlink(missing_ok=True)


def db_path(folder: Path) -> Path:
    return folder / DB_FILENAME


def scratch_copy(folder: Path, dest: Path) -> Path:
    """A private copy of the workspace for a benchmark that writes (without daily backups)."""
    dest.mkdir(parents=True, exist_ok=True)
    source = sqlite3.connect(f"file:{db_path(folder)}?mode=ro", uri=True)
    try:
        source.execute("PRAGMA wal_checkpoint")  # no-op when read-only; the copy reads it all
    except sqlite3.DatabaseError:
        pass
    finally:
        source.close()
    for suffix in ("", "-wal"):
        part = folder / (DB_FILENAME + suffix)
        if part.exists():
            shutil.copyfile(part, dest / (DB_FILENAME + suffix))
            # On disk before any figure is taken: otherwise the first fsync SQLite makes (the
            # first WAL checkpoint of the first timed sync) also writes out the whole 1 GB copy,
            # and that run pays about half a second for this setup step.
            with open(dest / (DB_FILENAME + suffix), "rb+") as copied:
                os.fsync(copied.fileno())
    return dest


@contextlib.contextmanager
def read_only(folder: Path) -> Iterator[sqlite3.Connection]:
    """A raw sqlite3 connection for floors: no ORM, no app code, read-only."""
    con = sqlite3.connect(f"file:{db_path(folder)}?mode=ro", uri=True)
    try:
        yield con
    finally:
        con.close()


if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    where, took = ensure_workspace(count)
    print(json.dumps({"folder": str(where), "generated_in_s": took}))
