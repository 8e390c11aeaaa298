"""`community-desk mentions list`: the inbox for scripts."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from app.cli.common import EXIT_OK, damaged_database_error, is_damaged_database, workspace_error
from app.core.model import InboxFilter, MentionRecord, TriageState
from app.core.timefmt import iso_utc
from app.services.workspace import WorkspaceError, open_workspace


def _mention_json(record: MentionRecord) -> dict[str, object]:
    return {
        "id": record.id,
        "account_id": record.account_id,
        "network": record.network.value,
        "kind": record.kind.value,
        "external_id": record.external_id,
        "url": record.url,
        "author_handle": record.author_handle,
        "author_name": record.author_name,
        "text": record.text,
        "created_at": iso_utc(record.created_at),
        "state": record.state.value,
        "flags": sorted(flag.value for flag in record.flags),
        "first_response_at": iso_utc(record.first_response_at),
    }


def run(data_dir: Path, args: argparse.Namespace) -> int:
    from app.services.inbox import InboxService

    try:
        workspace = open_workspace(data_dir)
    except WorkspaceError as error:
        return workspace_error(error)
    try:
        state = None if args.state == "all" else TriageState(args.state)
        wanted = InboxFilter(state=state, search=args.search)
        records = InboxService(workspace.sessions).records(wanted, max(0, args.limit))
    except Exception as exc:
        if is_damaged_database(exc):
            return damaged_database_error(workspace.db_path, exc)
        raise
    finally:
        workspace.close()
    if args.json:
        json.dump([_mention_json(r) for r in records], sys.stdout, ensure_ascii=False, indent=2)
        print()
        return EXIT_OK
    for r in records:
        flags = ",".join(sorted(f.value for f in r.flags))
        first_line = r.text.strip().split("\n", 1)[0][:80]
        print(f"{r.id}\t{r.network.value}\t{r.state.value}\t{flags}\t{r.author_handle}\t"
              f"{first_line}")
    return EXIT_OK
