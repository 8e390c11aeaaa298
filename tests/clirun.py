"""Run the real command line as a user or a script would: a subprocess, offscreen, English."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def base_env(**changes: str | None) -> dict[str, str]:
    """The test's own environment, offscreen and in English, without any workspace override."""
    env = dict(os.environ)
    for name in ("COMMUNITY_DESK_DATA_DIR", "COMMUNITY_DESK_EXIT_WHEN_READY", "LANGUAGE",
                 "LC_ALL", "LC_MESSAGES"):
        env.pop(name, None)
    env.update(QT_QPA_PLATFORM="offscreen", LANG="C.UTF-8", PYTHONDONTWRITEBYTECODE="1")
    for name, value in changes.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return env


def run(*args: str | Path, env: Mapping[str, str] | None = None,
        program: tuple[str, ...] = (sys.executable, "-m", "app"),
        **kwargs: object) -> subprocess.CompletedProcess[str]:
    options: dict[str, object] = {"capture_output": True, "text": True, "timeout": 60,
                                  "cwd": ROOT, **kwargs}
    return subprocess.run(
        [*program, *map(str, args)], env=dict(env) if env is not None else base_env(),
        **options,  # type: ignore[call-overload]
    )


def assert_one_clear_line(result: subprocess.CompletedProcess[str]) -> str:
    """Exit code 1 and exactly one non-empty line on stderr, with no traceback anywhere."""
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr + result.stdout
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    return lines[0]
