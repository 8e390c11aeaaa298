"""What every benchmark suite shares: figures in milliseconds, ratios to floors, and running one
section in a process of its own (so one section's caches and garbage never colour another's)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


def ratio(a: float, b: float) -> float | None:
    return round(a / b, 2) if b > 0 else None


def run_section(script: Path, name: str, folder: Path, repeats: int) -> dict[str, object]:
    """`script --section NAME --workspace FOLDER --repeats N` offscreen; its last stdout line
    is the section's JSON."""
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    started = time.perf_counter()
    process = subprocess.run(
        [sys.executable, str(script), "--section", name, "--workspace", str(folder),
         "--repeats", str(repeats)],
        stdout=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    if process.returncode != 0:
        return {"error": f"section {name} exited with {process.returncode}",
                "meets_target": False}
    result = json.loads(process.stdout.strip().splitlines()[-1])
    result["section_seconds"] = round(time.perf_counter() - started, 1)
    return result
