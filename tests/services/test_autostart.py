"""Start at login: the entry each desktop reads, written and removed for real in a folder of
the test's own (Linux, macOS). The Windows registry cannot run here: a dictionary stands in for
the Run key, and only the command line written into it is checked."""

from __future__ import annotations

import plistlib
import shlex
from pathlib import Path

import pytest

from app.services.autostart import Autostart, AutostartError

COMMAND = ["/opt/Community Desk/bin/python3", "-m", "app"]


def test_linux_entry_is_a_desktop_file_that_starts_this_app(tmp_path: Path) -> None:
    autostart = Autostart(platform="linux", home=tmp_path, environ={}, command=COMMAND)
    assert not autostart.enabled()

    autostart.set_enabled(True)

    entry = tmp_path / ".config" / "autostart" / "community-desk.desktop"
    assert autostart.enabled() and entry.exists()
    lines = dict(line.split("=", 1) for line in entry.read_text().splitlines()[1:] if line)
    assert lines["Type"] == "Application" and lines["Name"] == "Community Desk"
    assert shlex.split(lines["Exec"]) == COMMAND  # the space in the folder is quoted

    autostart.set_enabled(False)
    assert not entry.exists() and not autostart.enabled()
    autostart.set_enabled(False)  # already off: nothing to do, no error


def test_linux_entry_follows_xdg_config_home(tmp_path: Path) -> None:
    config = tmp_path / "elsewhere"
    Autostart(platform="linux", home=tmp_path, environ={"XDG_CONFIG_HOME": str(config)},
              command=COMMAND).set_enabled(True)
    assert (config / "autostart" / "community-desk.desktop").exists()


def test_percent_signs_are_not_taken_for_field_codes(tmp_path: Path) -> None:
    autostart = Autostart(platform="linux", home=tmp_path, environ={},
                          command=["/home/a/100%/desk"])
    autostart.set_enabled(True)
    text = (tmp_path / ".config" / "autostart" / "community-desk.desktop").read_text()
    assert "Exec=/home/a/100%%/desk" in text


def test_macos_launch_agent_runs_at_load(tmp_path: Path) -> None:
    autostart = Autostart(platform="darwin", home=tmp_path, command=COMMAND)
    autostart.set_enabled(True)
    agent = tmp_path / "Library" / "LaunchAgents" / "app.community-desk.plist"
    data = plistlib.loads(agent.read_bytes())
    assert data["ProgramArguments"] == COMMAND and data["RunAtLoad"] is True
    assert autostart.enabled()
    autostart.set_enabled(False)
    assert not agent.exists()


class FakeRunKey:
    def __init__(self) -> None:
        self.values: dict[str, str] = {}

    def get(self, name: str) -> str | None:
        return self.values.get(name)

    def set(self, name: str, value: str) -> None:
        self.values[name] = value

    def delete(self, name: str) -> None:
        self.values.pop(name, None)


def test_windows_run_value_quotes_the_program(tmp_path: Path) -> None:
    run_key = FakeRunKey()
    autostart = Autostart(platform="win32", home=tmp_path, registry=run_key,
                          command=[r"C:\Program Files\Community Desk\community-desk.exe"])
    autostart.set_enabled(True)
    assert run_key.values == {
        "Community Desk": r'"C:\Program Files\Community Desk\community-desk.exe"'}
    assert autostart.enabled()
    autostart.set_enabled(False)
    assert not autostart.enabled()


def test_a_folder_that_cannot_be_written_is_an_autostart_error(tmp_path: Path) -> None:
    blocker = tmp_path / "config"
    blocker.write_text("a file where the folder should be")
    autostart = Autostart(platform="linux", home=tmp_path,
                          environ={"XDG_CONFIG_HOME": str(blocker)}, command=COMMAND)
    with pytest.raises(AutostartError):
        autostart.set_enabled(True)
    assert not autostart.enabled()
