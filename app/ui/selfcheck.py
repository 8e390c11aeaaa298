"""`community-desk self-check`: prove an installed copy works, without a screen.

Installers and CI run it on the frozen app: Qt plugins, translations, the main window, the
database, the keyring and the TLS trust store. Each line says what was checked.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path

from app.credentials import CredentialError, Credentials
from app.networks.tls import tls_context
from app.services.workspace import Problem, WorkspaceError, open_workspace
from app.storage.backup import list_daily_backups, quick_check

# Warnings the offscreen platform prints about features it does not have; they say nothing
# about the installed app, and an installer's log should show only what matters.
_OFFSCREEN_NOISE = frozenset({"This plugin does not support propagateSizeHints()"})


def _hide_offscreen_noise() -> object:
    """Install a Qt message handler without the noise; returns the previous one."""
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    def handler(mode: QtMsgType, context: object, message: str) -> None:
        if message in _OFFSCREEN_NOISE:
            return
        category = getattr(context, "category", None)
        prefix = f"{category}: " if category and category != "default" else ""
        print(f"{prefix}{message}", file=sys.stderr)

    return qInstallMessageHandler(handler)


class _ErrorLog(logging.Handler):
    """Errors the app logs while a check runs (a screen whose query failed, say): they make the
    check fail with one line, instead of reaching stderr as tracebacks."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def first_problem(self) -> str | None:
        if not self.records:
            return None
        record = self.records[0]
        error = record.exc_info[1] if record.exc_info else None
        cause = f" ({type(error).__name__})" if error is not None else ""
        return _one_line(record.getMessage() + cause)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def run_self_check(data_dir: Path, out=sys.stdout) -> int:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import qInstallMessageHandler
    from PySide6.QtGui import QImageReader
    from PySide6.QtWidgets import QApplication

    from app.ui import messages
    from app.ui.application import make_application
    from app.ui.i18n import install_translators, resolve_language
    from app.ui.main_window import Context, MainWindow
    from app.ui.resources import resource_path
    from app.ui.tasks import Tasks

    app = make_application()
    previous_qt_handler = _hide_offscreen_noise()
    errors = _ErrorLog()
    logging.getLogger().addHandler(errors)
    # Problems are described in the user's language, like every other command's errors.
    install_translators(resolve_language("system"))
    failures = 0
    workspace = None
    database_ok = False

    def check(name: str, probe: Callable[[], str]) -> None:
        nonlocal failures
        errors.records.clear()
        try:
            detail = probe()
            logged = errors.first_problem()
            if logged:
                raise RuntimeError(logged)
        except Exception as exc:
            failures += 1
            print(f"FAIL  {name}: {describe(exc)}", file=out)
        else:
            print(f"ok    {name}: {detail}", file=out)

    def describe(exc: BaseException) -> str:
        if isinstance(exc, WorkspaceError):
            return messages.workspace_error(exc)
        if isinstance(exc, CredentialError):
            return messages.credential_error(exc)
        return _one_line(f"{type(exc).__name__}: {exc}")

    def qt_plugins() -> str:
        platform = QApplication.platformName()
        formats = {bytes(f.data()).decode() for f in QImageReader.supportedImageFormats()}
        if "svg" not in formats:
            raise RuntimeError("the SVG image plugin is missing")
        return f"platform {platform}, image formats {', '.join(sorted(formats))}"

    def translations() -> str:
        if not Path(resource_path("translations", "community_desk_ja.qm")).is_file():
            raise RuntimeError("community_desk_ja.qm is missing")
        try:
            if not install_translators("ja"):
                raise RuntimeError("the Japanese translation did not load")
        finally:
            install_translators(resolve_language("system"))
        return "ja loaded"

    def database() -> str:
        nonlocal workspace, database_ok
        workspace = open_workspace(data_dir)
        problems = quick_check(workspace.db_path)
        if problems:
            raise WorkspaceError(
                Problem.CORRUPT, workspace.db_path, _one_line("; ".join(problems[:3])),
                has_backup=bool(list_daily_backups(workspace.db_path)),
            )
        database_ok = True
        return str(workspace.db_path)

    def main_window() -> str:
        if workspace is None or not database_ok:
            raise RuntimeError("not checked, because the database check failed")
        tasks = Tasks(app, inline=True)
        from app.services.preferences import PreferencesService

        settings = PreferencesService(workspace.sessions).load()
        window = MainWindow(Context(workspace, tasks, settings))
        window.show()
        app.processEvents()
        window.prepare_to_quit()
        window.close()
        app.processEvents()
        return "opened and closed"

    def keyring_backend() -> str:
        credentials = Credentials()
        credentials.check()
        return credentials.backend_name()

    def tls() -> str:
        stats = tls_context().cert_store_stats()
        return f"{stats['x509_ca']} certificate authorities"

    try:
        check("Qt plugins", qt_plugins)
        check("translations", translations)
        check("database", database)
        check("main window", main_window)
        check("keyring", keyring_backend)
        check("TLS certificates", tls)
    finally:
        if workspace is not None:
            workspace.close()
        logging.getLogger().removeHandler(errors)
        qInstallMessageHandler(previous_qt_handler)
    print("self-check passed" if not failures else f"self-check failed: {failures} problem(s)",
          file=out)
    return 0 if not failures else 1
