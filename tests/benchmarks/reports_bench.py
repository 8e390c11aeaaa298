"""The weekly summary on the 1,000,000-mention workspace: a week's report (and the week before,
which it compares with) must compute in <= 1 s; the CSV's rows are timed too.

Floor, in the same run: raw sqlite3 reading the week's creation times and the one count of
everything written before the week's end that any "still waiting" figure needs.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import bench_workspace
from bench_sections import ms, ratio

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

TARGET_MS = 1000


def _newest(folder: Path) -> datetime:
    with bench_workspace.read_only(folder) as con:
        (newest,) = con.execute("SELECT max(created_at) FROM mention").fetchone()
    return datetime.fromisoformat(newest).replace(tzinfo=UTC)


def _timed(work: Callable[[], object], repeats: int) -> dict[str, float]:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    times.sort()
    return {"median": ms(statistics.median(times)),
            "p95": ms(times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]),
            "max": ms(times[-1])}


def run_reports(folder: Path, repeats: int) -> dict[str, object]:
    from app.core.weeks import IsoWeek
    from app.services.reports import ReportsService
    from app.services.workspace import open_workspace

    zone = datetime.now().astimezone().tzinfo
    assert zone is not None
    now = _newest(folder) + timedelta(hours=1)
    last = IsoWeek.last_complete(now, zone)
    middle = IsoWeek.of((now - timedelta(days=180)).date())
    workspace = open_workspace(folder)
    reports = ReportsService(workspace.sessions)
    result: dict[str, object] = {"target_ms_at_most": TARGET_MS}
    met = True
    for name, week in (("last complete week", last), ("a week half a year back", middle)):
        start, end = week.bounds(zone)
        naive = [moment.replace(tzinfo=None).isoformat(sep=" ") for moment in (start, end)]

        def floor(naive: list[str] = naive) -> None:
            with bench_workspace.read_only(folder) as con:
                con.execute("SELECT created_at FROM mention WHERE created_at >= ? AND "
                            "created_at < ?", naive).fetchall()
                con.execute("SELECT count(*) FROM mention WHERE created_at < ?",
                            naive[1:]).fetchone()

        report = reports.weekly(week, zone, now)
        weekly = _timed(lambda week=week: reports.weekly(week, zone, now), repeats)
        rows = _timed(lambda week=week: reports.mentions(week, zone), repeats)
        floor_ms = _timed(floor, repeats)
        met = met and weekly["p95"] <= TARGET_MS
        result[name] = {
            "week": str(week), "mentions": report.current.mentions,
            "weekly_report_ms": weekly, "csv_rows_ms": rows, "floor_raw_sql_ms": floor_ms,
            "report_to_floor_median": ratio(weekly["median"], floor_ms["median"]),
        }
    workspace.close()
    result["meets_target"] = met
    return result
