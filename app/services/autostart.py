"""Start at login, the way each desktop does it, for the person signed in (never system-wide).

- Linux (freedesktop): a desktop entry in $XDG_CONFIG_HOME/autostart (~/.config/autostart).
- macOS: a launch agent in ~/Library/LaunchAgents, run at load.
- Windows: a value under HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Run.

The entry itself is the setting: the checkbox in Settings reads it back, so turning it off in
the desktop's own tools shows here too, and no workspace has to remember it. Posts that only the
app can publish (Bluesky) go out on time only while it runs; this is how it runs after a restart.
"""

from __future__ import annotations

import os
import plistlib
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol

from app import APP_ID, APP_NAME

LAUNCH_AGENT_LABEL = f"app.{APP_ID}"
RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"


class AutostartError(OSError):
    """The entry could not be written or removed (a read-only folder, a refused registry)."""


class Registry(Protocol):
    """The few calls of Python's winreg module used here (injected so tests can run anywhere)."""

    def get(self, name: str) -> str | None: ...
    def set(self, name: str, value: str) -> None: ...
    def delete(self, name: str) -> None: ...


def launch_command() -> list[str]:
    """How this copy of the app is started: the installed executable when frozen, else this
    Python running the package."""
    if getattr(sys, "frozen", False):
        return [sys.executable]
    return [sys.executable, "-m", "app"]


class Autostart:
    def __init__(self, *, platform: str = sys.platform, home: Path | None = None,
                 environ: Mapping[str, str] = os.environ, command: Sequence[str] | None = None,
                 registry: Registry | None = None) -> None:
        self._platform = platform
        self._home = home or Path.home()
        self._environ = environ
        self._command = list(command or launch_command())
        self._registry = registry

    @property
    def supported(self) -> bool:
        return self._platform.startswith(("linux", "freebsd", "openbsd", "darwin", "win32"))

    def enabled(self) -> bool:
        if self._platform == "win32":
            return self._windows().get(APP_NAME) is not None
        path = self.entry_path()
        return path is not None and path.exists()

    def set_enabled(self, on: bool) -> None:
        """Write or remove the entry; raises AutostartError when the system refuses."""
        try:
            if self._platform == "win32":
                registry = self._windows()
                if on:
                    registry.set(APP_NAME, _windows_command(self._command))
                else:
                    registry.delete(APP_NAME)
                return
            path = self.entry_path()
            if path is None:
                raise AutostartError("this system has no start-at-login mechanism we know")
            if not on:
                path.unlink(missing_ok=True)
                return
            path.parent.mkdir(parents=True, exist_ok=True)
            data = self._launch_agent() if self._platform == "darwin" else \
                self._desktop_entry().encode("utf-8")
            temporary = path.with_name(path.name + ".tmp")
            temporary.write_bytes(data)
            temporary.replace(path)  # never a half-written entry
        except AutostartError:
            raise
        except OSError as exc:
            raise AutostartError(exc.strerror or str(exc)) from exc

    def entry_path(self) -> Path | None:
        """Where the entry lives (None on Windows, where it is a registry value)."""
        if self._platform == "darwin":
            return self._home / "Library" / "LaunchAgents" / f"{LAUNCH_AGENT_LABEL}.plist"
        if self._platform == "win32" or not self.supported:
            return None
        config = self._environ.get("XDG_CONFIG_HOME") or str(self._home / ".config")
        return Path(config) / "autostart" / f"{APP_ID}.desktop"

    def _desktop_entry(self) -> str:
        return "\n".join([
            "[Desktop Entry]",
            "Type=Application",
            f"Name={APP_NAME}",
            f"Exec={_desktop_exec(self._command)}",
            "Icon=community-desk",
            "Terminal=false",
            "X-GNOME-Autostart-enabled=true",
            "",
        ])

    def _launch_agent(self) -> bytes:
        return plistlib.dumps({"Label": LAUNCH_AGENT_LABEL, "ProgramArguments": self._command,
                               "RunAtLoad": True, "ProcessType": "Interactive"})

    def _windows(self) -> Registry:
        if self._registry is None:
            self._registry = _WinregRun()
        return self._registry


def _desktop_exec(command: Sequence[str]) -> str:
    """The Exec key's quoting (Desktop Entry Specification): arguments with spaces or special
    characters in double quotes, with ", `, $ and \\ escaped; % doubled (field codes)."""
    parts = []
    for argument in command:
        escaped = argument.replace("%", "%%")
        if any(c in escaped for c in ' \t\n"\'\\><~|&;$*?#()`'):
            escaped = '"' + "".join("\\" + c if c in '"`$\\' else c for c in escaped) + '"'
        parts.append(escaped)
    return " ".join(parts)


def _windows_command(command: Sequence[str]) -> str:
    import subprocess

    return subprocess.list2cmdline(list(command))


class _WinregRun:
    """The current user's Run key through winreg (Windows only)."""

    def __init__(self) -> None:
        import winreg  # type: ignore[import-not-found]

        self._winreg: Any = winreg

    def get(self, name: str) -> str | None:
        winreg = self._winreg
        try:
            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, RUN_KEY) as key:
                value, _kind = winreg.QueryValueEx(key, name)
        except FileNotFoundError:
            return None
        return str(value)

    def set(self, name: str, value: str) -> None:
        winreg = self._winreg
        with winreg.CreateKey(winreg.HKEY_CURRENT_USER, RUN_KEY) as key:
            winreg.SetValueEx(key, name, 0, winreg.REG_SZ, value)

    def delete(self, name: str) -> None:
        winreg = self._winreg
        try:
            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, RUN_KEY, 0,
                                winreg.KEY_SET_VALUE) as key:
                winreg.DeleteValue(key, name)
        except FileNotFoundError:
            pass

