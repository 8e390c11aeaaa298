"""Benchmarks, run on demand (`python3 dev.py bench`), printing JSON.

Each figure stands beside its floor, measured in the same run on the same machine, because these
machines are noisy: ratios of medians are what we compare, never absolute seconds.

    start-up: process start -> main window painted with the inbox's first page, on a
              1,000,000-mention workspace; floor: a bare QMainWindow with a QTableView,
              shown and painted. Target: at most 4x the floor.
    frozen:   the same start-up, the PyInstaller bundle (dist/community-desk, built by
              packaging/linux/build.py when missing or older than the sources) against
              `python -m app` from source, on the same workspace and on a new, empty one.
              Target: the frozen app at most 1.5x the source (issue 8).
    inbox:    filters, search, scrolling, memory and sync on the same workspace (inbox.py).
    reports:  a week's summary (with the week before) on the 1,000,000-mention workspace;
              floor: raw sqlite3 reading the week's rows (reports_bench.py). Target: <= 1 s.
    calendar: the month view with 2,000 posts painted, the month's read, the screen's reload
              (calendar_bench.py, on a small workspace of its own); floor: a bare widget
              painting 2,000 rectangles with text, and the raw SQL read.

    python3 dev.py bench                 every suite
    python3 dev.py bench inbox           one suite (startup | frozen | inbox | calendar | reports)
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
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_workspace  # noqa: E402
import calendar_bench  # noqa: E402
import inbox  # noqa: E402
import reports_bench  # noqa: E402

SUITES = ("startup", "frozen", "inbox", "calendar", "reports")

BUNDLE = ROOT / "dist" / "community-desk"
# A windowed .exe has no stdout on Windows; the spec builds a console twin beside it.
FROZEN_EXECUTABLE = BUNDLE / ("community-desk-cli.exe" if os.name == "nt" else "community-desk")
FROZEN_TARGET_RATIO = 1.5
FROZEN_INPUTS = ("app", "packaging", "resources")

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


def interleaved(first: list[str], second: list[str], env: dict[str, str], repeats: int
                ) -> tuple[list[float], list[float]]:
    """Seconds to 'ready' of two commands: one warm-up each, so the OS file cache treats both
    alike, then interleaved runs, so machine noise hits both equally."""
    time_until_ready(first, env)
    time_until_ready(second, env)
    first_runs, second_runs = [], []
    for _ in range(repeats):
        first_runs.append(time_until_ready(first, env))
        second_runs.append(time_until_ready(second, env))
    return first_runs, second_runs


def start_up_env() -> dict[str, str]:
    """The environment both start-up suites run the app in (main() has compiled its bytecode
    already, see compile_bytecode)."""
    return dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
                COMMUNITY_DESK_EXIT_WHEN_READY="1")


def bench_startup(folder: Path, repeats: int) -> dict[str, object]:
    env = start_up_env()
    app_command = [sys.executable, "-m", "app", "--data-dir", str(folder)]
    floor_command = [sys.executable, "-c", FLOOR_SCRIPT]
    floor_runs, app_runs = interleaved(floor_command, app_command, env, repeats)
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


def _newest_source_mtime() -> float:
    return max(path.stat().st_mtime for folder in FROZEN_INPUTS
               for path in (ROOT / folder).rglob("*")
               if path.is_file() and "__pycache__" not in path.parts)


def ensure_frozen_bundle() -> float | None:
    """Build dist/community-desk when it is missing or older than the sources it freezes (a
    stale bundle would time other code); returns the build's seconds, None when reused."""
    if FROZEN_EXECUTABLE.exists() and FROZEN_EXECUTABLE.stat().st_mtime >= _newest_source_mtime():
        return None
    started = time.perf_counter()
    if sys.platform.startswith("linux"):
        command = [sys.executable, str(ROOT / "packaging" / "linux" / "build.py")]
    else:
        command = [sys.executable, "-m", "PyInstaller", "--noconfirm",
                   str(ROOT / "packaging" / "community-desk.spec")]
    # Build output goes to stderr: stdout is the JSON document.
    subprocess.run(command, cwd=ROOT, check=True, stdout=sys.stderr)
    return round(time.perf_counter() - started, 1)


def _compare(source: list[str], frozen: list[str], env: dict[str, str],
             repeats: int) -> dict[str, object]:
    """Median start-up of both commands."""
    source_runs, frozen_runs = interleaved(source, frozen, env, repeats)
    source_median = statistics.median(source_runs)
    frozen_median = statistics.median(frozen_runs)
    ratio = frozen_median / source_median
    return {
        "frozen_median_s": round(frozen_median, 4),
        "source_median_s": round(source_median, 4),
        "ratio": round(ratio, 2),
        "target_ratio_at_most": FROZEN_TARGET_RATIO,
        "meets_target": ratio <= FROZEN_TARGET_RATIO,
        "frozen_runs_s": [round(r, 4) for r in frozen_runs],
        "source_runs_s": [round(r, 4) for r in source_runs],
    }


def bench_frozen(folder: Path, repeats: int) -> dict[str, object]:
    """The frozen app's start-up against the source's, to the same painted inbox.

    Two workspaces: the million-mention one (what start-up measures) and a new, empty one,
    where the app's own loading is most of the time, so freezing's cost shows most plainly.
    """
    built_s = ensure_frozen_bundle()
    env = start_up_env()
    comparisons: dict[str, dict[str, object]] = {}
    with tempfile.TemporaryDirectory(prefix="community-desk-frozen-bench-") as empty:
        for name, data_dir in (("million_mentions", folder), ("empty_workspace", Path(empty))):
            arguments = ["--data-dir", str(data_dir)]
            comparisons[name] = _compare([sys.executable, "-m", "app", *arguments],
                                         [str(FROZEN_EXECUTABLE), *arguments], env, repeats)
    return {
        "executable": str(FROZEN_EXECUTABLE.relative_to(ROOT)),
        "built_s": built_s,
        **comparisons,
        "meets_target": all(figure["meets_target"] for figure in comparisons.values()),
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
    if {"startup", "frozen", "inbox", "reports"} & set(suites):
        folder, generated_s = bench_workspace.ensure_workspace(args.mentions, args.workspace)
        result["workspace"] = bench_workspace.describe(folder, generated_s)
    if "startup" in suites:
        result["startup_to_inbox_painted"] = bench_startup(folder, args.repeats)
    if "frozen" in suites:
        result["frozen_startup"] = bench_frozen(folder, args.repeats)
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
