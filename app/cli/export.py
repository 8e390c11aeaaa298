"""`community-desk export [--week 2026-W47] --format pdf|csv --out PATH [--force]`: the week's
summary as a file, for cron or Task Scheduler.

--week defaults to the last complete week in this computer's zone, so a job that runs every
Monday needs no date arithmetic. --out may name a folder: the file is then called like the app's
own exports, "<shop name> 2026-W47.pdf". A CSV comes with its summary beside it
("<name>-summary.csv"). An existing file is refused unless --force is given; nothing is written
halfway (each file goes to a temporary name first). Prints each path written.
"""

# Services, Qt and the report code are imported only when the command runs: the parser is built
# on every start of the desktop app too.

from __future__ import annotations

import argparse
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

from app.cli.common import EXIT_OK, Refused, error, in_workspace, messages, owner_zone

if TYPE_CHECKING:
    from app.core.weeks import IsoWeek
    from app.services.workspace import Workspace


def add_arguments(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    export = commands.add_parser("export", parents=[common],
                                 help="save a week's summary as a PDF or CSV file")
    export.add_argument("--week", metavar="YYYY-Www",
                        help="the ISO week, such as 2026-W47 (default: the last complete week)")
    export.add_argument("--format", choices=("pdf", "csv"), required=True)
    export.add_argument("--out", required=True, metavar="PATH",
                        help="the file to write, or a folder to write it in")
    export.add_argument("--force", action="store_true", help="replace a file that exists")


def run(data_dir: Path, args: argparse.Namespace) -> int:
    zone = owner_zone()
    if args.format == "pdf":
        from app.ui.i18n import use_gui_application

        use_gui_application()  # before anything makes a plain QCoreApplication
    try:
        week = _week(args.week, zone)
    except Refused as refused:
        return error(str(refused))
    written = in_workspace(data_dir, lambda workspace: _export(workspace, args, week, zone))
    if isinstance(written, int):
        return written  # refused, and said so
    for path in written:
        print(path)
    return EXIT_OK


def _week(text: str | None, zone: tzinfo) -> IsoWeek:
    from app.core.weeks import InvalidWeek, IsoWeek

    if text is None:
        return IsoWeek.last_complete(datetime.now(UTC), zone)
    try:
        return IsoWeek.parse(text)
    except InvalidWeek:
        raise Refused(messages().invalid_week(text)) from None


def _export(workspace: Workspace, args: argparse.Namespace, week: IsoWeek,
            zone: tzinfo) -> list[Path]:
    from app.services.preferences import PreferencesService
    from app.services.report_csv import summary_path, write_csv
    from app.services.reports import ReportsService
    from app.services.weekly_save import export_name

    settings = PreferencesService(workspace.sessions).load()
    path = Path(args.out).expanduser()
    if path.is_dir():
        path = path / export_name(settings.shop_name, week, args.format)
    paths = [path, summary_path(path)] if args.format == "csv" else [path]
    words = messages()
    existing = next((p for p in paths if p.exists()), None)
    if existing is not None and not args.force:
        raise Refused(words.export_exists(str(existing)))
    reports = ReportsService(workspace.sessions)
    report = reports.weekly(week, zone)
    try:
        if args.format == "pdf":
            from app.ui.report_pdf import write_pdf

            write_pdf(report, path)
        else:
            from app.ui.report_words import csv_labels

            write_csv(path, report, reports.mentions(week, zone), csv_labels())
    except OSError:
        raise Refused(words.export_failed(str(path))) from None
    return paths
