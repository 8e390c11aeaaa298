#!/usr/bin/env python3
"""Set up and drive Community Desk from a source checkout, with nothing but Python 3.11+.

    python3 dev.py run [ARGS...]    open the app (creates .venv, installs, builds translations)
    python3 dev.py test [ARGS...]   ruff, import-linter contracts and every test
    python3 dev.py bench [SUITE]    benchmarks: startup, frozen, inbox, calendar, reports (JSON)
    python3 dev.py package [ARGS]   the standalone app in dist/ (on Linux with a .tar.gz and a .deb)
    python3 dev.py translations     refresh resources/translations/*.ts from the source

Each command creates what it needs by itself, so a fresh clone needs no other step.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
TRANSLATIONS = ROOT / "resources" / "translations"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
# The packaging tools are installed with the test tools: the tests build and run the .deb.
EXTRAS = "test,package"


def tool(name: str) -> str:
    return str(BIN / (f"{name}.exe" if os.name == "nt" else name))


def run(*command: str, env: dict[str, str] | None = None) -> None:
    print("+", " ".join(command), flush=True)
    result = subprocess.run(command, cwd=ROOT, env=env)
    if result.returncode != 0:
        sys.exit(result.returncode)


def ensure_venv() -> None:
    if sys.version_info < (3, 11):  # noqa: UP036 - dev.py may be run by an older python3
        sys.exit("Community Desk needs Python 3.11 or newer.")
    if not PYTHON.exists():
        try:
            run(sys.executable, "-m", "venv", str(VENV))
        except SystemExit:
            sys.exit("Could not create .venv. On Debian or Ubuntu: sudo apt install python3-venv")
    stamp = VENV / ".installed"
    # The extras are part of the stamp, so a venv made before an extra was added gets it too.
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()
                            + f"[{EXTRAS}]".encode()).hexdigest()
    if not stamp.exists() or stamp.read_text() != wanted:
        run(str(PYTHON), "-m", "pip", "install", "--upgrade", "pip")
        # "compat" editable mode is a plain path in a .pth file: no import hook to slow start-up.
        run(str(PYTHON), "-m", "pip", "install", "-e", f".[{EXTRAS}]",
            "--config-settings", "editable_mode=compat")
        stamp.write_text(wanted)
    build_translations()


def build_translations() -> None:
    for ts in sorted(TRANSLATIONS.glob("*.ts")):
        qm = ts.with_suffix(".qm")
        if not qm.exists() or qm.stat().st_mtime < ts.stat().st_mtime:
            run(tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm))


def update_translations() -> None:
    ensure_venv()
    sources = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "app" / "ui").rglob("*.py"))
    for ts in sorted(TRANSLATIONS.glob("*.ts")):
        run(tool("pyside6-lupdate"), "-no-obsolete", "-locations", "none", *sources,
            "-ts", str(ts.relative_to(ROOT)))
    build_translations()


def keyring_session(command: list[str], env: dict[str, str]) -> list[str]:
    """Wrap a command in a private D-Bus session with an unlocked GNOME Keyring, when available.

    Tests then talk to the real Secret Service, in a throwaway HOME so a developer's own
    keyring is never touched.
    """
    if not sys.platform.startswith("linux"):
        return command
    if not (shutil.which("dbus-run-session") and shutil.which("gnome-keyring-daemon")):
        return command
    home = tempfile.mkdtemp(prefix="community-desk-test-home-")
    env["HOME"] = home
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    env["COMMUNITY_DESK_TEST_KEYRING"] = "secret-service"
    inner = ("echo -n test | gnome-keyring-daemon --unlock --components=secrets >/dev/null "
             '&& exec "$@"')
    return ["dbus-run-session", "--", "sh", "-c", inner, "keyring-session", *command]


def test(extra: list[str]) -> None:
    ensure_venv()
    run(tool("ruff"), "check", ".")
    run(tool("lint-imports"))
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    command = keyring_session([str(PYTHON), "-m", "pytest", *extra], env)
    run(*command, env=env)


def bench(extra: list[str]) -> None:
    ensure_venv()
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    command = [str(PYTHON), str(ROOT / "tests" / "benchmarks" / "run.py"), *extra]
    # The command line goes to stderr: stdout is the JSON document, ready to redirect.
    print("+", " ".join(command), file=sys.stderr, flush=True)
    sys.exit(subprocess.run(command, cwd=ROOT, env=env).returncode)


def package(extra: list[str]) -> None:
    """Build the installers with the venv's PyInstaller and PySide6, after the translations
    (ensure_venv builds the .qm files the spec bundles)."""
    ensure_venv()
    if sys.platform.startswith("linux"):
        run(str(PYTHON), str(ROOT / "packaging" / "linux" / "build.py"), *extra)
        return
    # Windows and macOS: the bundle here; the installer around it needs that OS's own tool.
    run(str(PYTHON), "-m", "PyInstaller", "--noconfirm", *extra,
        str(ROOT / "packaging" / "community-desk.spec"))
    if sys.platform == "win32":
        print("Next: iscc /DAppVersion=VERSION packaging\\windows\\community-desk.iss")
    else:
        print("Next: bash packaging/macos/make_dmg.sh (see packaging/macos/README.md)")


def main(argv: list[str]) -> None:
    if not argv or argv[0] in {"-h", "--help", "help"}:
        print(__doc__)
        return
    command, extra = argv[0], argv[1:]
    if command == "run":
        ensure_venv()
        os.chdir(ROOT)
        sys.exit(subprocess.call([str(PYTHON), "-m", "app", *extra]))
    elif command == "test":
        test(extra)
    elif command == "bench":
        bench(extra)
    elif command == "package":
        package(extra)
    elif command == "translations":
        update_translations()
    else:
        sys.exit(f"Unknown command {command!r}. Try: python3 dev.py help")


if __name__ == "__main__":
    main(sys.argv[1:])
