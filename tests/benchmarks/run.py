"""Benchmarks, run on demand (`python3 dev.py bench`), printing JSON.

Each figure stands beside its floor, measured in the same run on the same machine, because these
machines are noisy: ratios of medians are what we compare, never absolute seconds.

    start-up: process start -> main window painted with the inbox's first page, on a
              1,000,000-mention workspace; floor: a bare QMainWindow with a QTableView,
              shown and painted. Target: at most 4x the floor.
    inbox:    filters, search, scrolling, memory and sync on the same workspace (inbox.py).
    reports:  a week's summary (with the week before) on the 1,000,000-mention workspace;
              floor: raw sqlite3 reading the week's rows (reports_bench.py). Target: <= 1 s.
    calendar: the month view with 2,000 posts painted, the month's read, the screen's reload
              (calendar_bench.py, on a small workspace of its own); floor: a bare widget
              painting 2,000 rectangles with text, and the raw SQL read.

    python3 dev.py bench                 every suite
    python3 dev.py bench inbox           one suite (startup | inbox | calendar | reports)
    python3 dev.py bench inbox --only search,filters

The workspace is made once by the demo generator and cached under /tmp, keyed by the schema
revision (bench_workspace.py); --workspace DIR uses another folder.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_workspace  # noqa: E402
import calendar_bench  # noqa: E402
import inbox  # noqa: E402
import reports_bench  # noqa: E402

SUITES = ("startup", "inbox", "calendar", "reports")

FLOOR_SCRIPT = r"""
import sys, time
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView
from PySide6.QtGui import QStandardItemModel
app = QApplication(sys.argv[:1])
window = QMainWindow()
view = QTableView()
view.setModel(QStandardItemModel(0, 3))
window.setCentralWidget(view)
window.resize(1100, 720)
window.show()
window.repaint()
print("ready", flush=True)
window.close()
"""


def time_until_ready(command: list[str], env: dict[str, str]) -> float:
    """Seconds from starting the process to its first 'ready' line on stdout."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                               env=env, cwd=ROOT, text=True)
    assert process.stdout is not None
    elapsed = None
    for line in process.stdout:
        if line.startswith("ready"):
            elapsed = time.perf_counter() - started
            break
    process.stdout.read()
    if process.wait(timeout=120) != 0 or elapsed is None:
        raise RuntimeError(f"{command} did not become ready")
    return elapsed


def bench_startup(folder: Path, repeats: int) -> dict[str, object]:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
               COMMUNITY_DESK_EXIT_WHEN_READY="1")
    app_command = [sys.executable, "-m", "app", "--data-dir", str(folder)]
    floor_command = [sys.executable, "-c", FLOOR_SCRIPT]
    # One warm-up each, so the OS file cache treats both alike; then interleave the runs so
    # machine noise hits both equally.
    time_until_ready(floor_command, env)
    time_until_ready(app_command, env)
    app_runs, floor_runs = [], []
    for _ in range(repeats):
        floor_runs.append(time_until_ready(floor_command, env))
        app_runs.append(time_until_ready(app_command, env))
    app_median = statistics.median(app_runs)
    floor_median = statistics.median(floor_runs)
    return {
        "median_s": round(app_median, 4),
        "floor_median_s": round(floor_median, 4),
        "ratio": round(app_median / floor_median, 2),
        "target_ratio_at_most": 4.0,
        "meets_target": app_median / floor_median <= 4.0,
        "runs_s": [round(r, 4) for r in app_runs],
        "floor_runs_s": [round(r, 4) for r in floor_runs],
    }


def compile_bytecode() -> None:
    """An installed app starts from .pyc files; a source tree may not have them yet (or the
    environment sets PYTHONDONTWRITEBYTECODE), which would charge compilation to start-up."""
    import compileall

    compileall.compile_dir(ROOT / "app", quiet=1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("suites", nargs="*", metavar="SUITE",
                        help=f"which suites to run: {', '.join(SUITES)} (default: all)")
    parser.add_argument("--mentions", type=int, default=1_000_000)
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--workspace", type=Path,
                        help="use this benchmark workspace (made if missing) instead of the cache")
    parser.add_argument("--only", default=",".join(inbox.SECTIONS),
                        help=f"inbox sections: {', '.join(inbox.SECTIONS)}")
    args = parser.parse_args()
    suites = args.suites or list(SUITES)
    if set(suites) - set(SUITES):
        parser.error(f"unknown suites: {', '.join(sorted(set(suites) - set(SUITES)))}")
    sections = tuple(name.strip() for name in args.only.split(",") if name.strip())
    unknown = set(sections) - set(inbox.SECTIONS)
    if unknown:
        parser.error(f"unknown inbox sections: {', '.join(sorted(unknown))}")

    compile_bytecode()
    result: dict[str, object] = {
        "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]},
    }
    if {"startup", "inbox", "reports"} & set(suites):
        folder, generated_s = bench_workspace.ensure_workspace(args.mentions, args.workspace)
        result["workspace"] = bench_workspace.describe(folder, generated_s)
    if "startup" in suites:
        result["startup_to_inbox_painted"] = bench_startup(folder, args.repeats)
    if "inbox" in suites:
        result["inbox"] = inbox.run_inbox(folder, args.repeats, sections)
    if "calendar" in suites:
        result["calendar"] = calendar_bench.run_calendar(max(args.repeats, 15))
    if "reports" in suites:
        result["reports"] = reports_bench.run_reports(folder, max(args.repeats, 9))
    json.dump(result, sys.stdout, indent=2, ensure_ascii=False)
    print()


if __name__ == "__main__":
    main()
